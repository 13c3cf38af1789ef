import type { EdgeStroke, EdgeType } from '../types.js';

/** A link (arrow) read at some offset: either complete (`-->`) or the start of a labelled one (`-- text -->`). */
export interface LinkToken {
  end: number;
  stroke: EdgeStroke;
  type: EdgeType;
  length: number;
  /** True for `--`, `==`, `-.`: the label text and the closing part follow. */
  opensLabel: boolean;
  startMark: '<' | 'o' | 'x' | '';
}

const HEADS = new Set(['>', 'o', 'x']);

export function typeOf(startMark: string, head: string): EdgeType | null {
  if (startMark === '') {
    return head === '>' ? 'arrow_point' : head === 'o' ? 'arrow_circle' : head === 'x' ? 'arrow_cross' : 'arrow_open';
  }
  if (startMark === '<' && head === '>') return 'double_arrow_point';
  if (startMark === 'o' && head === 'o') return 'double_arrow_circle';
  if (startMark === 'x' && head === 'x') return 'double_arrow_cross';
  // `<--` and mixed ends do not exist in Mermaid.
  return null;
}

function count(text: string, offset: number, ch: string): number {
  let n = 0;
  while (text[offset + n] === ch) n++;
  return n;
}

/**
 * Reads a link at `offset`, or returns null. `allowStartMark` is false where an `o`/`x` would be part
 * of a node id. Lengths follow Mermaid: `-->` 1, `--->` 2, `---` 1, `-.->` 1, `==>` 1, `~~~` 1.
 */
export function readLink(text: string, offset: number, allowStartMark = true): LinkToken | null {
  let i = offset;
  let startMark: LinkToken['startMark'] = '';
  const first = text[i];
  if (first === '<' || (allowStartMark && (first === 'o' || first === 'x'))) {
    const next = text[i + 1];
    const after = text[i + 2];
    if ((next === '-' && (after === '-' || after === '.')) || (next === '=' && after === '=')) {
      startMark = first as LinkToken['startMark'];
      i++;
    } else if (first === '<') {
      return null;
    }
  }
  const c = text[i];
  if (c === '~') {
    const n = count(text, i, '~');
    if (n < 3 || startMark) return null;
    return { end: i + n, stroke: 'invisible', type: 'arrow_open', length: n - 2, opensLabel: false, startMark };
  }
  if (c === '=' ) {
    const n = count(text, i, '=');
    if (n < 2) return null;
    const head = text[i + n] ?? '';
    if (HEADS.has(head)) {
      const type = typeOf(startMark, head);
      return type && { end: i + n + 1, stroke: 'thick', type, length: n - 1, opensLabel: false, startMark };
    }
    if (n === 2) return { end: i + n, stroke: 'thick', type: 'arrow_open', length: 1, opensLabel: true, startMark };
    const type = typeOf(startMark, '');
    return type && { end: i + n, stroke: 'thick', type, length: n - 2, opensLabel: false, startMark };
  }
  if (c === '-') {
    if (text[i + 1] === '.') {
      const dots = count(text, i + 1, '.');
      const j = i + 1 + dots;
      if (text[j] === '-') {
        const head = text[j + 1] ?? '';
        const hasHead = HEADS.has(head);
        const type = typeOf(startMark, hasHead ? head : '');
        return type && { end: j + 1 + (hasHead ? 1 : 0), stroke: 'dotted', type, length: dots, opensLabel: false, startMark };
      }
      if (dots === 1) return { end: j, stroke: 'dotted', type: 'arrow_open', length: 1, opensLabel: true, startMark };
      return null;
    }
    const n = count(text, i, '-');
    if (n < 2) return null;
    const head = text[i + n] ?? '';
    if (HEADS.has(head)) {
      const type = typeOf(startMark, head);
      return type && { end: i + n + 1, stroke: 'normal', type, length: n - 1, opensLabel: false, startMark };
    }
    if (n === 2) return { end: i + n, stroke: 'normal', type: 'arrow_open', length: 1, opensLabel: true, startMark };
    const type = typeOf(startMark, '');
    return type && { end: i + n, stroke: 'normal', type, length: n - 2, opensLabel: false, startMark };
  }
  return null;
}

/**
 * After `-- text`, finds where the closing part of a labelled link starts, for the given stroke:
 * `-->`/`---`/`--x` (normal), `==>`/`===` (thick), `.->`/`.-` (dotted).
 */
export function readLinkClose(
  text: string,
  offset: number,
  stroke: EdgeStroke,
  startMark: LinkToken['startMark'],
): { end: number; type: EdgeType | null; length: number } | null {
  if (stroke === 'dotted') {
    const dots = count(text, offset, '.');
    if (dots < 1 || text[offset + dots] !== '-') return null;
    const head = text[offset + dots + 1] ?? '';
    const hasHead = HEADS.has(head);
    return { end: offset + dots + 1 + (hasHead ? 1 : 0), type: typeOf(startMark, hasHead ? head : ''), length: dots };
  }
  const ch = stroke === 'thick' ? '=' : '-';
  const n = count(text, offset, ch);
  if (n < 2) return null;
  const head = text[offset + n] ?? '';
  if (HEADS.has(head)) return { end: offset + n + 1, type: typeOf(startMark, head), length: n - 1 };
  if (n >= 3) return { end: offset + n, type: typeOf(startMark, ''), length: n - 2 };
  return null;
}
