import { identityKeys, type Identity } from '../graph/identify-components.js';
import type { DiagramGraph } from '../graph/model.js';
import type { Diagram } from '../submission/model.js';
import type { DiagramSummary, GraphEdgeJson, GraphComponentJson, TaskResult } from './model.js';

/** Each diagram as the report lists it: where, its type, and its first error at the file's line and column. */
export function diagramSummaries(diagrams: readonly Diagram[]): DiagramSummary[] {
  return diagrams.map((d) => {
    const e = d.parse.errors[0];
    return {
      file: d.file,
      line: d.line,
      type: d.parse.typeWord,
      origin: d.origin,
      valid: d.parse.valid,
      error: e ? { message: e.message, line: d.line + e.line - 1, column: e.column + d.indent, code: e.code, ...(e.cause ? { cause: { line: d.line + e.cause.line - 1, column: e.cause.column + d.indent } } : {}) } : null,
    };
  });
}

/** One graph of the whole submission: the diagrams' components merged by identity. */
export function graphJson(graphs: DiagramGraph[], identities: Identity[]): TaskResult['graph'] {
  const keyOf = identityKeys(identities);
  const as = (key: string) => keyOf.get(key) ?? key;
  const components = identities.map(({ members: [first, ...others] }): GraphComponentJson => ({
    key: first!.key, id: first!.id, label: first!.label, roles: first!.roles, host: as(first!.host), multiplicity: first!.multiplicity,
    file: first!.source.file, line: first!.source.line, column: first!.source.column,
    ...(others.length ? { sameAs: others.map((c) => ({ key: c.key, file: c.source.file, line: c.source.line, column: c.source.column })) } : {}),
  }));
  // The same link drawn in two diagrams is one link.
  const edges = new Map<string, GraphEdgeJson>();
  for (const g of graphs) {
    for (const e of g.edges) {
      const from = as(e.from);
      const to = as(e.to);
      const id = e.directed ? `${from}\u0000${to}` : [from, to].sort().join('\u0000');
      if (!edges.has(id)) edges.set(id, { from, to, label: e.label, directed: e.directed, kind: e.kind, file: e.source.file, line: e.source.line });
    }
  }
  const groups = graphs.flatMap((g) => g.groups.map((gr) => ({ key: gr.key, title: gr.title, kind: gr.kind, members: [...new Set(gr.members.map(as))], line: gr.source.line })));
  return { components, edges: [...edges.values()], groups };
}
