import { shortened } from '../chars.js';
/**
 * The header of a diagram as the student meant it. Mermaid rejects a diagram whose first word is not
 * a type it knows, case included (`grpah TD`, `flowchar TD`, `Flowchart TD`, `sequencediagram`), and
 * GitHub shows an error; a mentor still reads the diagram the student drew. infralint reports the
 * header once, with the type meant, and reads the rest as that type, so that one typo costs the
 * render points and no more.
 */
import { typoDistance } from '../edit-distance.js';
import type { DiagramAst, DiagramError, DiagramKind, DiagramPos } from './types.js';

/** Type words infralint reads, spelt as Mermaid wants them. */
const READ_TYPES: { word: string; kind: DiagramKind }[] = [
  { word: 'flowchart', kind: 'flowchart' },
  { word: 'graph', kind: 'flowchart' },
  { word: 'sequenceDiagram', kind: 'sequence' },
  { word: 'architecture-beta', kind: 'architecture' },
];
/** Other type words Mermaid knows: named in "did you mean", not read. */
const OTHER_TYPES = [
  'classDiagram', 'stateDiagram-v2', 'stateDiagram', 'erDiagram', 'gantt', 'journey', 'gitGraph', 'mindmap', 'timeline', 'quadrantChart', 'requirementDiagram',
  'C4Context', 'C4Container', 'C4Component', 'C4Deployment', 'block-beta', 'sankey-beta', 'xychart-beta', 'packet-beta', 'kanban', 'radar-beta', 'treemap-beta',
];

export interface MeantType {
  /** The type word as Mermaid wants it. */
  word: string;
  kind: DiagramKind;
  /** How it was found: the same word in another case, a near spelling, or the lines that follow (no header at all). */
  by: 'case' | 'spelling' | 'content';
  /** What replaces the written word when the diagram is read (`graph TD` for `graphTD`); `word` when absent. */
  replacement?: string;
}

/** The type a wrong first word stands for, by its spelling (one or two typos, any case), or null. */
export function meantTypeWord(written: string): MeantType | null {
  const word = written.toLowerCase();
  const all = [...READ_TYPES, ...OTHER_TYPES.map((w) => ({ word: w, kind: 'unsupported' as DiagramKind }))];
  const same = all.find((t) => t.word.toLowerCase() === word);
  if (same) return { ...same, by: 'case' };
  // The direction glued to the type: `graphTD`, `flowchartLR`.
  const glued = /^(graph|flowchart)(tb|td|bt|rl|lr)$/.exec(word);
  if (glued) return { word: `${glued[1]} ${glued[2]!.toUpperCase()}`, kind: 'flowchart', by: 'spelling' };
  // A typo: the closest type within one typo (two for words longer than four letters).
  const allowed = word.length <= 4 ? 1 : 2;
  let best: { word: string; kind: DiagramKind; distance: number } | null = null;
  for (const t of all) {
    // The distance is at least the difference in length: a long word is no typo of a type's name.
    if (Math.abs(t.word.length - word.length) > allowed) continue;
    const distance = typoDistance(word, t.word.toLowerCase());
    if (distance <= allowed && (!best || distance < best.distance)) best = { ...t, distance };
  }
  return best ? { word: best.word, kind: best.kind, by: 'spelling' } : null;
}

/** A flowchart statement: an id (with its shape), an arrow (with its label), an id. */
const FLOW_STATEMENT = /^\s*[\w.-]+(?:\s*[[({][^\n]*?[\])}])?\s*(?:-->|---|==>|-\.->)(?:\|[^|\n]*\|)?\s*[\w.-]+/;
const SEQUENCE_DECLARATION = /^\s*(?:participant|actor)\s+\S/;
const SEQUENCE_ARROW = /->>|-x|-\)/;

/**
 * A sequence declaration or message (`A->>B: text`): an arrow before the line's first colon. Read
 * by the colon's position, not by a pattern that tries every arrow against every later colon (a
 * 48 KB line of `-x-x-x` took a second).
 */
function isSequenceStatement(line: string): boolean {
  if (SEQUENCE_DECLARATION.test(line)) return true;
  const colon = line.indexOf(':');
  if (colon < 0) return false;
  const head = line.slice(0, colon);
  const start = head.search(/\S/);
  return start >= 0 && /[\w.-]/.test(head[start]!) && SEQUENCE_ARROW.test(head.slice(start + 1));
}

/** A line that reads as a Mermaid statement (a link, a message, a block keyword), not as prose. */
export function looksLikeStatement(line: string): boolean {
  return FLOW_STATEMENT.test(line) || isSequenceStatement(line) || /^\s*(?:subgraph|end|participant|actor|note|loop|alt|opt|else|classDef|class|style|linkStyle|direction)\b/i.test(line) || /^\s*[\w.-]+\s*[[({]/.test(line);
}

/**
 * A diagram written with no type word at all: the type its lines are written in, or null. Two
 * statements of one type at least, so that a text drawing (ASCII art) is not taken for Mermaid.
 */
export function meantTypeByContent(text: string): MeantType | null {
  const lines = text.split('\n');
  if (lines.filter(isSequenceStatement).length >= 2) return { word: 'sequenceDiagram', kind: 'sequence', by: 'content' };
  if (lines.filter((l) => FLOW_STATEMENT.test(l)).length >= 2) return { word: 'flowchart', kind: 'flowchart', by: 'content' };
  return null;
}

/** The header error: where the type word is, and what the student meant. */
export function headerError(written: string, meant: MeantType, at: DiagramPos): DiagramError {
  const fix = meant.kind === 'flowchart' && meant.by === 'content' ? 'flowchart TD' : meant.word;
  const message =
    meant.by === 'case'
      ? `\`${shortened(written)}\` is not a Mermaid diagram type: Mermaid reads the type word in its exact case. Did you mean \`${meant.word}\`?`
      : meant.by === 'spelling'
        ? `\`${shortened(written)}\` is not a Mermaid diagram type. Did you mean \`${meant.word}\`?`
        : `The diagram has no type on its first line (\`${written}\` is not one), so Mermaid cannot draw it. Did you mean to start with \`${fix}\`?`;
  const hint = meant.by === 'content' ? `Add a first line \`${fix}\` above \`${written}\`.` : `Write \`${meant.word}\`${/^(graph|flowchart)$/.test(meant.word) ? ` with its direction (e.g. \`${meant.word} TD\`)` : ''} on the first line.`;
  return { code: meant.by === 'content' ? 'missing-diagram-type' : 'misspelt-diagram-type', message, ...at, text: written, hint };
}

/**
 * Moves the positions of `ast` and `errors` that lie on `line` after `column` by `delta` columns:
 * the text was read with the header mended, the positions must point into the student's text.
 */
export function shiftColumns(ast: DiagramAst | null, errors: DiagramError[], line: number, column: number, delta: number): void {
  if (delta === 0) return;
  const seen = new Set<object>();
  const visit = (value: unknown): void => {
    if (!value || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (value instanceof Map) {
      for (const v of value.values()) visit(v);
      return;
    }
    const pos = value as Partial<DiagramPos>;
    if (typeof pos.line === 'number' && typeof pos.column === 'number' && pos.line === line && pos.column > column) pos.column = Math.max(column, pos.column - delta);
    for (const v of Object.values(value)) visit(v);
  };
  visit(ast);
  for (const e of errors) visit(e);
}
