import { isRegexSpace } from '../../chars.js';
import { match, type Match } from '../mermaid-source.js';

/**
 * The sequence repair pass's regular expressions, as hand-written matchers that find the same
 * matches in linear time (issue 18): each regex rescanned a run of blank lines, of spaces or of a
 * line from many starts. test/unit/linear-matchers.test.ts holds each equal to its regex.
 */

function isLineTerminator(code: number): boolean {
  return code === 10 || code === 13 || code === 0x2028 || code === 0x2029;
}

/** Where `^` of a multiline regex matches: 0 and after each line terminator. */
function* lineStarts(text: string): Iterable<number> {
  yield 0;
  for (let i = 0; i < text.length; i++) if (isLineTerminator(text.charCodeAt(i))) yield i + 1;
}

const KEYWORD_AT_LINE_START = /(alt|loop|opt|par|else|and|end|rect|critical|option|break|box|note|over|create|destroy|activate|deactivate)(?=\s*(?:-|<<|\+|,|:))/iy;

/**
 * `/^(\s*)(alt|loop|...|deactivate)(?=\s*(?:-|<<|\+|,|:))/gim`: a keyword used as a participant at
 * the start of a line. The spaces before a keyword end where the keyword starts, so a line start
 * matches when its run of spaces (which may span blank lines, read once) ends on such a keyword.
 */
export function* keywordParticipants(text: string): Iterable<Match> {
  let runFrom = -1;
  let runEnd = -1;
  let resumeAt = 0;
  // The keyword found where a run of spaces ends, for every line start of the run.
  let triedAt = -1;
  let m: RegExpExecArray | null = null;
  for (const start of lineStarts(text)) {
    if (start < resumeAt) continue;
    let w: number;
    if (start >= runFrom && start < runEnd) w = runEnd;
    else {
      w = start;
      while (w < text.length && isRegexSpace(text.charCodeAt(w))) w++;
      runFrom = start;
      runEnd = w;
    }
    if (w !== triedAt) {
      KEYWORD_AT_LINE_START.lastIndex = w;
      m = KEYWORD_AT_LINE_START.exec(text);
      triedAt = w;
    }
    if (!m) continue;
    yield match(start, text.slice(start, w + m[0].length), text.slice(start, w), m[1]);
    resumeAt = w + m[0].length;
  }
}

/**
 * `/(-{1,2}>{1,2}|-{1,2}[x)])\s*[+-]?\s*(alt|...|note)\b/gi` with `\s*(?:[+-]\s*)?` for
 * `\s*[+-]?\s*` (the same texts): the two adjacent `\s*` split a run of spaces every way.
 */
export const KEYWORD_AFTER_ARROW = /(-{1,2}>{1,2}|-{1,2}[x)])\s*(?:[+-]\s*)?(alt|loop|opt|par|else|and|end|rect|critical|option|break|box|note)\b/gi;

const ARROWS = ['->>', '-->>', '->', '-->', '-x', '--x', '-)', '--)'];

/**
 * `/^([^\n:%#]*?(?:->>|-->>|->|-->|-x|--x|-\)|--\))[^\n:;#]*?)$/gm`: a line holding an arrow and no
 * `:` (a message without its text). The regex scans to the end of the line from every arrow of the
 * line; here each position is judged once. From a line start, the first arrow (before any `:`, `%`
 * or `#`) after which the line runs to its end without `:`, `;` or `#` gives the match, which ends
 * where `$` first matches after that arrow.
 */
export function* messagesWithoutText(text: string): Iterable<Match> {
  const n = text.length;
  // Right to left: the next line terminator, the next character a suffix may not hold, the next
  // character a prefix may not hold, and the first position from here where an arrow works.
  const nextTerminator = new Int32Array(n + 1);
  const nextNoSuffix = new Int32Array(n + 1);
  const nextNoPrefix = new Int32Array(n + 1);
  nextTerminator[n] = n;
  nextNoSuffix[n] = n;
  nextNoPrefix[n] = n;
  for (let i = n - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    nextTerminator[i] = isLineTerminator(c) ? i : nextTerminator[i + 1]!;
    nextNoSuffix[i] = c === 10 || c === 58 || c === 59 || c === 35 ? i : nextNoSuffix[i + 1]!;
    nextNoPrefix[i] = c === 10 || c === 58 || c === 37 || c === 35 ? i : nextNoPrefix[i + 1]!;
  }
  // The end of the match an arrow at i gives (its first working alternative), or -1.
  const endAt = (i: number): number => {
    for (const arrow of ARROWS) {
      if (!text.startsWith(arrow, i)) continue;
      const e = i + arrow.length;
      if (nextNoSuffix[e]! >= nextTerminator[e]!) return nextTerminator[e]!;
    }
    return -1;
  };
  const nextArrow = new Int32Array(n + 1).fill(-1);
  for (let i = n - 1; i >= 0; i--) nextArrow[i] = text.charCodeAt(i) === 45 && endAt(i) >= 0 ? i : nextArrow[i + 1]!;
  let resumeAt = 0;
  for (const start of lineStarts(text)) {
    if (start < resumeAt || start >= n) continue;
    const a = nextArrow[start]!;
    if (a < 0 || a >= nextNoPrefix[start]!) continue;
    const end = endAt(a);
    yield match(start, text.slice(start, end), text.slice(start, end));
    resumeAt = end;
  }
}
