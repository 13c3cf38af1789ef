import { decodeEntityPlaceholders } from '../diagrams/mermaid-source.js';
import type { DiagramAst } from '../diagrams/types.js';

/**
 * What a fixed diagram lost of the one the student drew (read by the parser's recovery), or null
 * when it kept every component (with its label) and every edge. `renames` maps ids a fix renamed.
 */
export function lostFromGraph(before: DiagramAst, after: DiagramAst, renames: Readonly<Record<string, string>> = {}, spilledFrom = Infinity): string | null {
  // Own keys only: a student's node may be called `constructor` or `__proto__`.
  const id = (name: string) => (Object.hasOwn(renames, name) ? renames[name]! : name);
  const b = shapeOf(before, id);
  const a = shapeOf(after, (x) => x);
  if (before.kind !== after.kind) return `the diagram became a ${after.kind} diagram`;
  // A label left open swallowed what follows it, and the recovery read that text as the label, or
  // as odd nodes further on: from the line where a fix closed it, what the earlier reading held is
  // kept when the fixed diagram holds all its words (its nodes, edges and labels are now there).
  const words = spilledFrom < Infinity ? wordsOf(after) : new Set<string>();
  const lines = before.kind === 'flowchart' ? new Map([...before.vertices.values()].map((v) => [id(v.id), v.pos.line])) : new Map<string, number>();
  const spilled = (name: string, label: string) => (lines.get(name) ?? 0) >= spilledFrom && [...wordSplit(`${name} ${label}`)].every((w) => words.has(w));
  const gone = new Set<string>();
  for (const [name, label] of b.components) {
    const kept = a.components.get(name);
    // The recovery may read less of a broken label than the fixed diagram holds, never more; a
    // component it read with no label (its id only) has no label to lose.
    if (kept?.includes(label) || (kept !== undefined && label === readLabel(name))) continue;
    if (!spilled(name, label)) return kept === undefined ? `the component \`${name}\`` : `the label of \`${name}\``;
    if (kept === undefined) gone.add(name);
  }
  const left = new Map<string, number>();
  for (const e of a.edges) left.set(e.key, (left.get(e.key) ?? 0) + 1);
  for (const e of b.edges) {
    if (gone.has(e.from) || gone.has(e.to)) continue;
    const n = left.get(e.key) ?? 0;
    if (n === 0) return `the edge ${e.key}`;
    left.set(e.key, n - 1);
  }
  return null;
}

/** A label as it reads: a fix may quote it, write an inner quote `#quot;`, or change a renamed id's case. */
function readLabel(label: string): string {
  return decodeEntityPlaceholders(label).replace(/[#&]quot;/g, '"').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** The words of a text as the loss check compares them (letters and digits, lower case). */
function wordSplit(text: string): Set<string> {
  return new Set(readLabel(text).match(/[\p{L}\p{N}_]+/gu) ?? []);
}

/** Every word of a fixed diagram: its ids and its node and edge labels. */
function wordsOf(ast: DiagramAst): Set<string> {
  const texts = ast.kind === 'flowchart' ? [...[...ast.vertices.values()].flatMap((v) => [v.id, v.label, ...v.classes]), ...ast.edges.map((e) => e.label)] : [];
  return new Set(texts.flatMap((t) => [...wordSplit(t)]));
}

interface GraphShape {
  components: Map<string, string>;
  edges: { from: string; to: string; key: string }[];
}

function edgeOf(from: string, to: string): GraphShape['edges'][number] {
  return { from, to, key: `${from} -> ${to}` };
}

function shapeOf(ast: DiagramAst, id: (name: string) => string): GraphShape {
  switch (ast.kind) {
    case 'flowchart':
      return {
        components: new Map([...ast.vertices.values()].map((v) => [id(v.id), readLabel(v.label === v.id ? id(v.id) : v.label)])),
        edges: ast.edges.map((e) => edgeOf(id(e.from), id(e.to))),
      };
    case 'sequence':
      return {
        components: new Map(ast.participants.map((p) => [id(p.id), readLabel(p.label === p.id ? id(p.id) : p.label)])),
        edges: ast.messages.map((m) => edgeOf(id(m.from), id(m.to))),
      };
    case 'architecture':
      return {
        components: new Map(ast.services.map((s) => [id(s.id), readLabel(s.title)])),
        edges: ast.edges.map((e) => edgeOf(id(e.from), id(e.to))),
      };
  }
}

/**
 * A diagram's graph as one canonical string (nodes with their labels, edges with theirs, sorted),
 * to tell whether a fixed diagram reads as the one a student meant.
 */
export function graphSignature(ast: DiagramAst): string {
  const lines = ast.kind === 'flowchart'
    ? [...[...ast.vertices.values()].map((v) => `${v.id}: ${readLabel(v.label)}`), ...ast.edges.map((e) => `${e.from} -> ${e.to}: ${readLabel(e.label)}`)]
    : ast.kind === 'sequence'
      ? [...ast.participants.map((p) => `${p.id}: ${readLabel(p.label)}`), ...ast.messages.map((m) => `${m.from} -> ${m.to}`)]
      : [...ast.services.map((x) => `${x.id}: ${readLabel(x.title)}`), ...ast.edges.map((e) => `${e.from} -> ${e.to}`)];
  return lines.sort().join('\n');
}
