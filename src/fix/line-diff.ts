/**
 * Line diffs: which runs of lines of one text became which runs of another. Used to turn a fixed
 * diagram into edits of the student's file, and to print `--fix-dry-run`'s unified diff.
 */

/** Lines [aStart, aEnd) of the old text became lines [bStart, bEnd) of the new one (0-based). */
export interface LineHunk {
  aStart: number;
  aEnd: number;
  bStart: number;
  bEnd: number;
}

/** Above this many line pairs the diff is one hunk between the common head and tail (bounded time and memory). */
const MAX_CELLS = 4_000_000;

/** The hunks that turn `a` into `b`, by longest common subsequence, in order. */
export function diffLines(a: readonly string[], b: readonly string[]): LineHunk[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const n = a.length - head - tail;
  const m = b.length - head - tail;
  if (n === 0 && m === 0) return [];
  if (n === 0 || m === 0 || n * m > MAX_CELLS) return [{ aStart: head, aEnd: head + n, bStart: head, bEnd: head + m }];
  // lcs[i][j]: the common subsequence length of a[head+i..] and b[head+j..].
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] = a[head + i] === b[head + j] ? lcs[(i + 1) * width + j + 1]! + 1 : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
    }
  }
  const hunks: LineHunk[] = [];
  let open: LineHunk | null = null;
  let i = 0;
  let j = 0;
  const close = () => {
    if (open) hunks.push(open);
    open = null;
  };
  while (i < n || j < m) {
    if (i < n && j < m && a[head + i] === b[head + j]) {
      close();
      i++;
      j++;
      continue;
    }
    open ??= { aStart: head + i, aEnd: head + i, bStart: head + j, bEnd: head + j };
    if (j < m && (i >= n || lcs[i * width + j + 1]! >= lcs[(i + 1) * width + j]!)) {
      j++;
      open.bEnd = head + j;
    } else {
      i++;
      open.aEnd = head + i;
    }
  }
  close();
  return hunks;
}

/**
 * A unified diff of two texts (`--- a/<file>` / `+++ b/<file>`, three lines of context), as
 * `git apply` and `patch -p1` read it; empty when the texts are equal.
 */
export function unifiedDiff(before: string, after: string, file: string, renamedTo?: string): string {
  const a = splitKeepingEnds(before);
  const b = splitKeepingEnds(after);
  const hunks = diffLines(a, b);
  if (!hunks.length && !renamedTo) return '';
  const out: string[] = [];
  if (renamedTo) out.push(`diff --git a/${file} b/${renamedTo}\n`, `rename from ${file}\n`, `rename to ${renamedTo}\n`);
  if (!hunks.length) return out.join('');
  out.push(`--- a/${file}\n`, `+++ b/${renamedTo ?? file}\n`);
  const CONTEXT = 3;
  for (let k = 0; k < hunks.length; ) {
    // Hunks closer than twice the context share one block.
    let last = k;
    while (last + 1 < hunks.length && hunks[last + 1]!.aStart - hunks[last]!.aEnd <= 2 * CONTEXT) last++;
    const first = hunks[k]!;
    const aFrom = Math.max(0, first.aStart - CONTEXT);
    const aTo = Math.min(a.length, hunks[last]!.aEnd + CONTEXT);
    const bFrom = first.bStart - (first.aStart - aFrom);
    const bTo = hunks[last]!.bEnd + (aTo - hunks[last]!.aEnd);
    out.push(`@@ -${range(aFrom, aTo)} +${range(bFrom, bTo)} @@\n`);
    let at = aFrom;
    for (const h of hunks.slice(k, last + 1)) {
      for (; at < h.aStart; at++) out.push(diffLine(' ', a[at]!));
      for (let x = h.aStart; x < h.aEnd; x++) out.push(diffLine('-', a[x]!));
      for (let y = h.bStart; y < h.bEnd; y++) out.push(diffLine('+', b[y]!));
      at = h.aEnd;
    }
    for (; at < aTo; at++) out.push(diffLine(' ', a[at]!));
    k = last + 1;
  }
  return out.join('');
}

function range(from: number, to: number): string {
  const count = to - from;
  return `${count === 0 ? from : from + 1},${count}`;
}

function diffLine(sign: string, line: string): string {
  return line.endsWith('\n') ? `${sign}${line}` : `${sign}${line}\n\\ No newline at end of file\n`;
}

/** Lines with their line feeds (a CR stays in its line, so that CRLF files diff as they are). */
export function splitKeepingEnds(text: string): string[] {
  if (!text) return [];
  const lines = text.split(/(?<=\n)/);
  return lines;
}
