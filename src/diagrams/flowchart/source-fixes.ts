import { match, replaceAll, type Editable, type Match, type Matcher } from '../mermaid-source.js';

/**
 * Text-level knowledge of the mistakes students make in flowcharts: where a label should have been
 * quoted, where a trailing `%%` comment starts, and the mended text the repair pass reads. Used by
 * the diagnosis (to name causes and fixes) and by the parser (to recover the graph).
 */

const OPEN_TO_CLOSE: Record<string, string> = { '[': ']', '(': ')', '{': '}' };

/** The links that end a node's label on its line, with `&` (`A[x] & B`) or without. */
const LINK_OR_AMPERSAND = /-->|---|==>|-\.->|~~~|&\s/;
const LINK = /-->|---|==>|-\.->/;

/**
 * Where the spaces before the first `arrow` of `text` start (-1 when there is none): what
 * `text.search(/\s*(arrow)/)` finds, without its cost. The regex tries its `\s*` from every space
 * of a run that no arrow follows (7,500 U+2028 in a label took 1.5 s); here the arrow is found
 * first and the spaces before it are walked back.
 */
export function spacedArrowAt(text: string, arrow: RegExp): number {
  const at = text.search(arrow);
  let start = at;
  while (start > 0 && /\s/.test(text[start - 1]!)) start--;
  return start;
}

/**
 * The label a student wrote around an offset, quoted (`DB["Database (MySQL)"]`): from the shape
 * opener that follows a node id, to the last matching closer before the next arrow.
 */
export function quotedLabelFix(raw: string, rawOffset: number, pipe: boolean): string | null {
  const lineStart = raw.lastIndexOf('\n', rawOffset - 1) + 1;
  const lineEndAt = raw.indexOf('\n', rawOffset);
  const line = raw.slice(lineStart, lineEndAt < 0 ? raw.length : lineEndAt);
  const col = rawOffset - lineStart;
  if (pipe) {
    const open = line.lastIndexOf('|', col - 1);
    const close = line.indexOf('|', col);
    return open >= 0 && close > open ? `|"${line.slice(open + 1, close).trim().replace(/"/g, '#quot;')}"|` : null;
  }
  for (let i = Math.min(col, line.length - 1); i > 0; i--) {
    const c = line[i]!;
    if (!OPEN_TO_CLOSE[c] || !/[\p{L}\w]/u.test(line[i - 1]!)) continue;
    let idStart = i;
    while (idStart > 0 && /[\p{L}\w.]/u.test(line[idStart - 1]!)) idStart--;
    let openEnd = i + 1;
    while (OPEN_TO_CLOSE[line[openEnd] ?? ''] || line[openEnd] === '/' || line[openEnd] === '\\') openEnd++;
    const opener = line.slice(i, openEnd);
    const closer = [...opener].reverse().map((ch) => OPEN_TO_CLOSE[ch] ?? ch).join('');
    const arrow = spacedArrowAt(line.slice(openEnd), LINK_OR_AMPERSAND);
    const limit = arrow < 0 ? line.length : openEnd + arrow;
    const close = line.lastIndexOf(closer, limit - closer.length);
    if (close < openEnd) return null;
    // A label already in quotes keeps its text; a quote at one end only is the student's text (`He said "hi"`).
    const inner = line.slice(openEnd, close).trim();
    const body = (inner.length >= 2 && inner.startsWith('"') && inner.endsWith('"') ? inner.slice(1, -1) : inner).replace(/"/g, '#quot;');
    return `${line.slice(idStart, i)}${opener}"${body}"${closer}`;
  }
  return null;
}

/** The repairs a mentor would make to read the diagram the student meant. */
export function mendText(source: Editable): Editable {
  let ed = source;
  // `graph td` meant `graph TD`: directions are upper case.
  ed = replaceAll(ed, /^(graph|flowchart(?:-elk)?)([ \t]+)(tb|td|bt|rl|lr)(?=[\s;]|$)/gi, (m) => `${m[1]}${m[2]}${m[3]!.toUpperCase()}`);
  // `A -> B` meant `A --> B`.
  ed = replaceAll(ed, SINGLE_DASH_ARROW, (m) => `${m[1]}-->`);
  // Trailing `%%` comments.
  ed = replaceAll(ed, linesHolding('%%'), (m) => {
    const cut = trailingCommentStart(m[0]);
    return cut < 0 ? m[0] : m[0].slice(0, cut).trimEnd();
  });
  // `DB [Database]`: no space between an id and its shape.
  ed = replaceAll(ed, idSpaceAtLineStart, (m) => m[1]!);
  ed = replaceAll(ed, idSpaceAfterArrow, (m) => `${m[1]}${m[2]}`);
  // `end` as a node id.
  ed = renameEndNodes(ed, 'end_');
  // Labels holding brackets, parentheses or quotes: quote them.
  ed = replaceAll(ed, /^[^\n]*$/gm, (m) => quoteLabelsInLine(m[0]));
  ed = replaceAll(ed, pipeLabelsToQuote, (m) => `|"${m[1]!.replace(/"/g, '#quot;')}"|`);
  return ed;
}

/** Each whole line holding `needle` (found by search, not by a pattern backtracking along every line). */
function linesHolding(needle: string): Matcher {
  return function* (text: string) {
    for (let at = text.indexOf(needle); at >= 0; ) {
      const start = text.lastIndexOf('\n', at) + 1;
      const newline = text.indexOf('\n', at);
      const end = newline < 0 ? text.length : newline;
      yield match(start, text.slice(start, end));
      at = newline < 0 ? -1 : text.indexOf(needle, end);
    }
  };
}

/** `->`, the sequence diagram's `->>` or `=>` where `-->` was meant: group 1 is the character before it. */
export const SINGLE_DASH_ARROW = /(^|[^-=.<>|])(?:->>?|=>)(?![>x)=])/gm;

/**
 * Where each `->`, `->>` or `=>` meant as an arrow stands, spaces allowed before it (`A ->B`), not the
 * end of `-->`, `==>`, `<->`...: what `/(^|[^-=.<>\s|])(\s*)(->>?|=>)(?![>x)=])/gm` finds, without its
 * cost. The regex tries `^` after every line separator of a run and its `\s*` from there (30,000
 * U+2028 took 2.4 s, 60,000 8.5 s); here each arrow walks its spaces back once.
 */
export function singleDashArrows(text: string): { at: number; arrow: string }[] {
  const found: { at: number; arrow: string }[] = [];
  for (const m of text.matchAll(/(?:->>?|=>)(?![>x)=])/g)) {
    let start = m.index;
    let lineStart = false;
    while (start > 0 && /\s/.test(text[start - 1]!)) {
      start--;
      if (/[\n\r\u2028\u2029]/.test(text[start]!)) lineStart = true;
    }
    if (start === 0 || lineStart || !/[-=.<>|]/.test(text[start - 1]!)) found.push({ at: m.index, arrow: m[0] });
  }
  return found;
}

/**
 * `end` used as a node id, renamed `name` (the repair pass reads `end_`, `--fix` writes a name
 * the diagram does not use): after an arrow, `&` or `|`, and at a line's start before an arrow
 * when every subgraph has its own `end` line (then it is a node, not a closing).
 */
export function renameEndNodes(source: Editable, name: string): Editable {
  let ed = replaceAll(source, /(-->|---|==>|-\.->|&|\|)(\s*)end\b(?!\s*$)/gm, (m) => `${m[1]}${m[2]}${name}`);
  ed = replaceAll(ed, /(-->|---|==>|-\.->)(\s*)end(\s*)$/gm, (m) => `${m[1]}${m[2]}${name}${m[3]}`);
  // Indentation is spaces and tabs: `\s*` after `^` in a multiline pattern is quadratic on a long
  // line of other white space (U+3000), and a line is indented by spaces and tabs anyway.
  const subgraphs = ed.text.match(/^[ \t]*subgraph\b/gm)?.length ?? 0;
  const closings = ed.text.match(/^[ \t]*end[ \t]*$/gm)?.length ?? 0;
  if (closings >= subgraphs) ed = replaceAll(ed, /^([ \t]*)end(?=\s*(?:-->|---|==>|-\.->|&))/gm, (m) => `${m[1]}${name}`);
  return ed;
}

/** Runs of one kind of character, remembered: a run is scanned once, whatever the starts inside it. */
class Runs {
  private from = -1;
  private end = -1;
  constructor(
    private readonly text: string,
    private readonly sticky: RegExp,
  ) {}
  /** The end of the run starting at `at` (`at` itself when there is none). */
  endFrom(at: number): number {
    if (at === this.from || (at > this.from && at < this.end)) return this.end;
    this.sticky.lastIndex = at;
    const m = this.sticky.exec(this.text);
    this.from = at;
    this.end = m ? at + m[0].length : at;
    return this.end;
  }
}

const OPENERS = new Set(['[', '(', '{']);

/** Keywords a space and a brace may follow (`accDescr {` opens a multi-line description): not ids. */
const KEYWORDS_BEFORE_BRACE = new Set(['accDescr']);

/** `id  [`: the id's end and the end of the spaces before the opener, or null. */
function idThenSpaceThenOpener(text: string, words: Runs, blanks: Runs, at: number): { idEnd: number; end: number } | null {
  const idEnd = words.endFrom(at);
  if (idEnd === at || KEYWORDS_BEFORE_BRACE.has(text.slice(at, idEnd))) return null;
  const end = blanks.endFrom(idEnd);
  return end > idEnd && OPENERS.has(text[end] ?? '') ? { idEnd, end } : null;
}

function wordRuns(text: string): Runs {
  return new Runs(text, /[\p{L}\w.-]+/uy);
}
function blankRuns(text: string): Runs {
  return new Runs(text, /[ \t]+/y);
}
function spaceRuns(text: string): Runs {
  return new Runs(text, /\s+/y);
}

/**
 * `/^(\s*[\p{L}\w.-]+)[ \t]+(?=[[({])/gmu` in linear time (the regex rescans a run of blank lines
 * from each of its line starts): a line start, spaces, an id, then spaces or tabs before an opener.
 */
export function* idSpaceAtLineStart(text: string): Iterable<Match> {
  const words = wordRuns(text);
  const blanks = blankRuns(text);
  const spaces = spaceRuns(text);
  for (let start = 0; start < text.length; ) {
    const found = idThenSpaceThenOpener(text, words, blanks, spaces.endFrom(start));
    if (found) {
      yield match(start, text.slice(start, found.end), text.slice(start, found.idEnd));
      // The match ends before an opener, inside its line.
      start = nextLineStart(text, found.end);
      continue;
    }
    start = nextLineStart(text, start);
  }
}

/**
 * `/(-->|---|==>|-\.->|&)(\s*[\p{L}\w.-]+)[ \t]+(?=[[({])/gu` in linear time: `-` is an id
 * character, so after `A--` and 25,000 dashes the regex scanned the rest of the dashes from each.
 */
export function* idSpaceAfterArrow(text: string): Iterable<Match> {
  const words = wordRuns(text);
  const blanks = blankRuns(text);
  const spaces = spaceRuns(text);
  for (let at = 0; at < text.length; ) {
    // Only where an arrow's first character stands are the arrows tried (a closure and five
    // comparisons at every character of the text cost more than the rest of the search).
    const arrow = ARROW_FIRST_CHARS.has(text[at]!) ? ARROWS.find((a) => text.startsWith(a, at)) : undefined;
    const found = arrow ? idThenSpaceThenOpener(text, words, blanks, spaces.endFrom(at + arrow.length)) : null;
    if (!arrow || !found) {
      at++;
      continue;
    }
    yield match(at, text.slice(at, found.end), arrow, text.slice(at + arrow.length, found.idEnd));
    at = found.end;
  }
}
const ARROWS = ['-->', '---', '==>', '-.->', '&'];
const ARROW_FIRST_CHARS = new Set(ARROWS.map((a) => a[0]!));

function isLineTerminator(code: number): boolean {
  return code === 10 || code === 13 || code === 0x2028 || code === 0x2029;
}

/** Where `^` matches next in a multiline regex, after `at`. */
function nextLineStart(text: string, at: number): number {
  let i = at;
  while (i < text.length && !isLineTerminator(text.charCodeAt(i))) i++;
  return i + 1;
}

/**
 * `/\|(?!")([^|\n]*[()[\]{}"][^|\n]*)\|/g` in linear time (the regex is quadratic on a `|` followed
 * by brackets and no closing `|`): an edge label between pipes, unquoted, holding a bracket or quote.
 */
export function* pipeLabelsToQuote(text: string): Iterable<Match> {
  for (let open = text.indexOf('|'); open >= 0; ) {
    let close = open + 1;
    while (close < text.length && text[close] !== '|' && text[close] !== '\n') close++;
    if (text[open + 1] !== '"' && text[close] === '|' && /[()[\]{}"]/.test(text.slice(open + 1, close))) {
      yield match(open, text.slice(open, close + 1), text.slice(open + 1, close));
      open = text.indexOf('|', close + 1);
    } else {
      // The regex tries the next `|`, which may open a label of its own.
      open = text.indexOf('|', open + 1);
    }
  }
}

/** Where a `%%` comment starts after a statement on this line (outside quotes), or -1. */
export function trailingCommentStart(line: string): number {
  // A line that starts with `%%` is a comment or a directive (`%%{init: ...}%%`) of its own.
  if (line.trimStart().startsWith('%%')) return -1;
  let quotes = 0;
  for (let i = 0; i < line.length - 1; i++) {
    if (line[i] === '"') quotes++;
    else if (line[i] === '%' && line[i + 1] === '%' && line[i + 2] !== '{' && quotes % 2 === 0) {
      return line.slice(0, i).trim() ? i : -1;
    }
  }
  return -1;
}

/** Quotes every unquoted node label of a line that holds a bracket, parenthesis or quote. */
export function quoteLabelsInLine(line: string): string {
  if (!/[\p{L}\w][[({]/u.test(line)) return line;
  let out = line;
  let from = 0;
  for (let guard = 0; guard < 100; guard++) {
    // A label in quotes is looked at too: quotes inside it must be written #quot;.
    const m = /[\p{L}\w][[({]/u.exec(out.slice(from));
    if (!m) break;
    const at = from + m.index + 1;
    const fix = quotedLabelFix(out, at + 1, false);
    const idStart = idStartBefore(out, at);
    if (!fix) {
      // An opener never closed on its line: close it before the next arrow (or at the line's end).
      const opener = out[at]!;
      const closer = ({ '[': ']', '(': ')', '{': '}' } as Record<string, string>)[opener]!;
      if (!out.slice(at + 1).includes(closer)) {
        const arrow = spacedArrowAt(out.slice(at), LINK);
        const end = arrow < 0 ? out.trimEnd().length : at + arrow;
        out = `${out.slice(0, end)}${closer}${out.slice(end)}`;
      }
      from = at + 1;
      continue;
    }
    // Replace `id<opener>...<closer>` by the quoted form when the body needs it.
    const body = fix.slice(fix.indexOf('"') + 1, fix.lastIndexOf('"'));
    if (/[()[\]{}|]|#quot;/.test(body)) {
      const end = findShapeEnd(out, idStart, fix);
      if (end > idStart) out = out.slice(0, idStart) + fix + out.slice(end);
      from = idStart + fix.length;
    } else {
      from = at + 1;
    }
  }
  return out;
}

const ID_CHAR = /^[\p{L}\w.]$/u;

/**
 * Where the run of id characters ending at `at` starts: what `/[\p{L}\w.]*$/u` finds in
 * `text.slice(0, at)`, read backwards (the regex tries every start of a long run: quadratic).
 */
export function idStartBefore(text: string, at: number): number {
  let i = at;
  while (i > 0) {
    const low = text.charCodeAt(i - 1);
    const pair = low >= 0xdc00 && low <= 0xdfff && i > 1 && text.charCodeAt(i - 2) >= 0xd800 && text.charCodeAt(i - 2) <= 0xdbff;
    const width = pair ? 2 : 1;
    if (!ID_CHAR.test(text.slice(i - width, i))) break;
    i -= width;
  }
  return i;
}

/** Where the shape that `fix` quotes ends in the line (just after its closer). */
function findShapeEnd(line: string, idStart: number, fix: string): number {
  // The run of closers ending `fix` (`/[\])}]+$/` tries every start of a long run: quadratic).
  let from = fix.length;
  while (from > 0 && ']})'.includes(fix[from - 1]!)) from--;
  const closer = fix.slice(from);
  const arrow = spacedArrowAt(line.slice(idStart), LINK_OR_AMPERSAND);
  const limit = arrow < 0 ? line.length : idStart + arrow;
  const close = line.lastIndexOf(closer, limit - closer.length);
  return close < 0 ? -1 : close + closer.length;
}
