import { LineIndex } from '../diagrams/line-index.js';
/**
 * A fix as text edits, in the manner of ESLint's `fix: { range, text }`: `range` holds offsets in
 * the file's text with its line endings read as `\n` (and no byte-order mark); `start`/`end` are
 * 1-based line and column (end exclusive), which do not depend on line endings.
 */
export interface TextEdit {
  range: [number, number];
  text: string;
  start: { line: number; column: number };
  end: { line: number; column: number };
}

/** The text with non-overlapping edits applied (in any order given). */
export function applyEdits(text: string, edits: readonly Pick<TextEdit, 'range' | 'text'>[]): string {
  const sorted = [...edits].sort((x, y) => x.range[0] - y.range[0] || x.range[1] - y.range[1]);
  let out = '';
  let last = 0;
  for (const e of sorted) {
    if (e.range[0] < last) throw new Error(`overlapping edits at offset ${e.range[0]}`);
    out += text.slice(last, e.range[0]) + e.text;
    last = e.range[1];
  }
  return out + text.slice(last);
}

/** True when no two edits overlap (touching ends are fine, but two insertions at one place are not). */
export function editsOverlap(edits: readonly Pick<TextEdit, 'range'>[]): boolean {
  const sorted = [...edits].sort((x, y) => x.range[0] - y.range[0] || x.range[1] - y.range[1]);
  for (let k = 1; k < sorted.length; k++) {
    const prev = sorted[k - 1]!.range;
    const cur = sorted[k]!.range;
    if (cur[0] < prev[1] || (cur[0] === prev[0] && cur[1] === prev[0] && prev[1] === prev[0])) return true;
  }
  return false;
}

/** Offsets and 1-based positions in one text, and edits of it. */
export class TextPositions extends LineIndex {
  constructor(readonly text: string) {
    super(text);
  }
  /** Offset of the start of a 1-based line (the text's length past its last line). */
  lineStart(line: number): number {
    return line - 1 < this.starts.length ? this.starts[line - 1]! : this.text.length;
  }
  edit(start: number, end: number, text: string): TextEdit {
    return { range: [start, end], text, start: this.at(start), end: this.at(end) };
  }
}

/**
 * Offsets of a `\n` text in the text it came from, whose line endings may be CRLF or CR: where
 * an edit of the normalised text lands in the file as it is on disk.
 */
export function rawOffsets(raw: string): (offset: number) => number {
  const map: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    map.push(i);
    // CRLF is one `\n` of the normalised text: skip its LF.
    if (raw[i] === '\r' && raw[i + 1] === '\n') i++;
  }
  map.push(raw.length);
  return (offset) => map[Math.min(offset, map.length - 1)]!;
}

/** The line ending a file mostly uses, for the lines a fix adds. */
export function dominantEol(raw: string): '\n' | '\r\n' {
  const crlf = raw.match(/\r\n/g)?.length ?? 0;
  const lf = (raw.match(/\n/g)?.length ?? 0) - crlf;
  return crlf > lf ? '\r\n' : '\n';
}
