import { decodeEntityPlaceholders } from '../diagrams/mermaid-source.js';
import type { DiagramAst } from '../diagrams/types.js';

/**
 * What a fixed diagram lost of the one the student drew (read by the parser's recovery), or null
 * when it kept every component (with its label) and every edge. `renames` maps ids a fix renamed.
 */
export function lostFromGraph(before: DiagramAst, after: DiagramAst, renames: Readonly<Record<string, string>> = {}): string | null {
  // Own keys only: a student's node may be called `constructor` or `__proto__`.
  const id = (name: string) => (Object.hasOwn(renames, name) ? renames[name]! : name);
  const b = shapeOf(before, id);
  const a = shapeOf(after, (x) => x);
  if (before.kind !== after.kind) return `the diagram became a ${after.kind} diagram`;
  for (const [name, label] of b.components) {
    if (!a.components.has(name)) return `the component \`${name}\``;
    // The recovery may read less of a broken label than the fixed diagram holds, never more.
    if (!a.components.get(name)!.includes(label)) return `the label of \`${name}\``;
  }
  const left = new Map<string, number>();
  for (const e of a.edges) left.set(e, (left.get(e) ?? 0) + 1);
  for (const e of b.edges) {
    const n = left.get(e) ?? 0;
    if (n === 0) return `the edge ${e}`;
    left.set(e, n - 1);
  }
  return null;
}

/** A label as it reads: a fix may quote it, write an inner quote `#quot;`, or change a renamed id's case. */
function readLabel(label: string): string {
  return decodeEntityPlaceholders(label).replace(/[#&]quot;/g, '"').replace(/\s+/g, ' ').trim().toLowerCase();
}

function shapeOf(ast: DiagramAst, id: (name: string) => string): { components: Map<string, string>; edges: string[] } {
  switch (ast.kind) {
    case 'flowchart':
      return {
        components: new Map([...ast.vertices.values()].map((v) => [id(v.id), readLabel(v.label === v.id ? id(v.id) : v.label)])),
        edges: ast.edges.map((e) => `${id(e.from)} -> ${id(e.to)}`),
      };
    case 'sequence':
      return {
        components: new Map(ast.participants.map((p) => [id(p.id), readLabel(p.label === p.id ? id(p.id) : p.label)])),
        edges: ast.messages.map((m) => `${id(m.from)} -> ${id(m.to)}`),
      };
    case 'architecture':
      return {
        components: new Map(ast.services.map((s) => [id(s.id), readLabel(s.title)])),
        edges: ast.edges.map((e) => `${id(e.from)} -> ${id(e.to)}`),
      };
  }
}
