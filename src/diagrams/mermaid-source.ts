import { isRegexSpace } from '../chars.js';

/**
 * Mermaid does not parse the text a student wrote: `mermaid.parse` first normalises line endings,
 * rewrites HTML attribute quotes, strips front matter, `%%{...}%%` directives and `%%` comment lines,
 * trims leading whitespace, encodes `#entity;` codes and appends a newline. infralint performs the
 * same steps, keeping for every character of the result its offset in the student's text, so that
 * the parser sees what Mermaid sees and every error still points into the student's file.
 */

export interface PreparedSource {
  /** What the diagram's parser reads. */
  text: string;
  /** For each character of `text` (and one past its end), its offset in the raw text. */
  origin: number[];
  /** The raw text with CRLF normalised (offsets in `origin` refer to it). */
  raw: string;
  title: string | null;
  /** Set when the text starts with `---` but the front matter is not valid. */
  frontMatterError: string | null;
}

export interface Editable {
  text: string;
  origin: number[];
}

/** A match: the matched text, its groups, and where it starts. */
export type Match = (string | undefined)[] & { 0: string; index: number };

/**
 * A hand-written equivalent of a global regular expression: the non-empty, non-overlapping matches
 * of `text`, leftmost first. Used where the regex would backtrack super-linearly.
 */
export type Matcher = (text: string) => Iterable<Match>;

function* regexMatches(re: RegExp, text: string): Iterable<Match> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    yield m as Match;
  }
}

export function match(index: number, ...groups: (string | undefined)[]): Match {
  return Object.assign(groups, { index }) as Match;
}

/** Replaces every match of `re` (a global regex, or a matcher) by `replace(match)`, keeping origins. */
export function replaceAll(src: Editable, re: RegExp | Matcher, replace: (m: Match) => string): Editable {
  const matches = (re instanceof RegExp ? regexMatches(re, src.text) : re(src.text))[Symbol.iterator]();
  const first = matches.next();
  // Most passes find nothing to replace: keep the text and its map as they are.
  if (first.done) return src;
  let text = '';
  const origin: number[] = [];
  let last = 0;
  for (let step: IteratorResult<Match> = first; !step.done; step = matches.next()) {
    const m = step.value;
    text += src.text.slice(last, m.index);
    for (let k = last; k < m.index; k++) origin.push(src.origin[k]!);
    const replacement = replace(m);
    const at = src.origin[m.index]!;
    text += replacement;
    for (let k = 0; k < replacement.length; k++) origin.push(k < m[0].length ? src.origin[m.index + k]! : at);
    last = m.index + m[0].length;
  }
  text += src.text.slice(last);
  for (let k = last; k < src.text.length; k++) origin.push(src.origin[k]!);
  return { text, origin };
}

function sliceFrom(src: Editable, start: number): Editable {
  return { text: src.text.slice(start), origin: src.origin.slice(start) };
}

const DIRECTIVE = /%{2}{\s*(?:(\w+)\s*:|(\w+))\s*(?:(\w+)|((?:(?!}%{2}).|\r?\n)*))?\s*(?:}%{2})?/gi;

/** Where `^` matches in a multiline regex: after these. */
function isLineTerminator(code: number): boolean {
  return code === 10 || code === 13 || code === 0x2028 || code === 0x2029;
}

/**
 * Mermaid's `%%` comment lines, `/^\s*%%(?!{)[^\n]+\n?/gm`, in linear time: the regex rescans a
 * run of blank lines from each of its line starts (a diagram followed by 100 KB of blank lines took
 * 24 s). A line start matches when the whitespace run from it (which may span lines) ends on `%%`
 * followed by a character other than `{` and a line feed; the match runs to the next line feed.
 */
export function* commentLines(text: string): Iterable<Match> {
  const n = text.length;
  // The end of the whitespace run found last: every line start inside it ends its run there too.
  let runFrom = -1;
  let runEnd = -1;
  for (let start = 0; start < n; ) {
    let w: number;
    if (start >= runFrom && start < runEnd) w = runEnd;
    else {
      w = start;
      while (w < n && isRegexSpace(text.charCodeAt(w))) w++;
      runFrom = start;
      runEnd = w;
    }
    if (text.charCodeAt(w) === 37 && text.charCodeAt(w + 1) === 37 && w + 2 < n && text[w + 2] !== '{' && text[w + 2] !== '\n') {
      const feed = text.indexOf('\n', w + 2);
      const end = feed < 0 ? n : feed + 1;
      yield match(start, text.slice(start, end));
      start = end;
      continue;
    }
    // The next line start.
    let next = start;
    while (next < n && !isLineTerminator(text.charCodeAt(next))) next++;
    start = next + 1;
  }
}

/** The text without its `%%` comment lines. */
export function withoutCommentLines(text: string): string {
  let out = '';
  let last = 0;
  for (const m of commentLines(text)) {
    out += text.slice(last, m.index);
    last = m.index + m[0].length;
  }
  return last === 0 ? text : out + text.slice(last);
}

/**
 * `/<(\w+)([^>]*)>/g` in linear time: at a `<` followed by word characters, the regex scans to the
 * end of the text for a `>` and backtracks; when there is no `>` left, no later `<` can match.
 */
export function* htmlTags(text: string): Iterable<Match> {
  for (let lt = text.indexOf('<'); lt >= 0; lt = text.indexOf('<', lt + 1)) {
    let w = lt + 1;
    while (w < text.length && isWordChar(text.charCodeAt(w))) w++;
    if (w === lt + 1) continue;
    const gt = text.indexOf('>', w);
    if (gt < 0) return;
    yield match(lt, text.slice(lt, gt + 1), text.slice(lt + 1, w), text.slice(w, gt));
    lt = gt;
  }
}

/**
 * Mermaid's `/}\s*\n/g` (a `}` and the blank lines after it become `}` and one line feed), in linear
 * time: the regex rescans the spaces after each `}` of `} } } ...` to the end of the line.
 */
export function* braceThenLineFeeds(text: string): Iterable<Match> {
  for (let brace = text.indexOf('}'); brace >= 0; brace = text.indexOf('}', brace + 1)) {
    let lastFeed = -1;
    let i = brace + 1;
    for (; i < text.length && isRegexSpace(text.charCodeAt(i)); i++) if (text.charCodeAt(i) === 10) lastFeed = i;
    if (lastFeed >= 0) yield match(brace, text.slice(brace, lastFeed + 1));
  }
}

function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

/**
 * Mermaid's `/<keyword>.*:\S*#.*;/g` (the `style` and `classDef` lines whose colour ends in `;`), in
 * linear time: the regex is cubic on a line such as `style:#style:#...` (2 KB took 11 s). `.` stops
 * at line terminators, so matches stay within a line; the first `keyword` of a line matches when a
 * `:` and then a `#` follow it in one run of non-space characters before the line's last `;`, and
 * the match then runs to that last `;`.
 */
export function keywordColourLines(keyword: string): Matcher {
  return function* (text: string): Iterable<Match> {
    const n = text.length;
    let at = text.indexOf(keyword);
    for (let lineStart = 0; lineStart < n && at >= 0; ) {
      let lineEnd = lineStart;
      while (lineEnd < n && !isLineTerminator(text.charCodeAt(lineEnd))) lineEnd++;
      if (at < lineStart) at = text.indexOf(keyword, lineStart);
      if (at >= 0 && at + keyword.length <= lineEnd) {
        const semi = text.lastIndexOf(';', lineEnd - 1);
        let found = false;
        let colonInRun = false;
        for (let i = at + keyword.length; i < semi && !found; i++) {
          const code = text.charCodeAt(i);
          if (isRegexSpace(code)) colonInRun = false;
          else if (code === 58) colonInRun = true;
          else if (code === 35 && colonInRun) found = true;
        }
        if (found) yield match(at, text.slice(at, semi + 1));
      }
      lineStart = lineEnd + 1;
    }
  };
}

/**
 * Finds a front matter block as Mermaid's scanner does: an opening `---` (after optional
 * horizontal indent) whose following whitespace holds a line break, a lazy body, and a closing
 * `indent---` followed by whitespace holding a line break. Linear time.
 */
export function matchFrontMatter(text: string): { body: string; length: number } | null {
  const open = /^([^\S\n\r]*)---/.exec(text);
  if (!open) return null;
  const indent = open[1]!;
  let runEnd = open[0].length;
  const breaks: number[] = [];
  while (runEnd < text.length && /\s/.test(text[runEnd]!)) {
    if (text[runEnd] === '\n' || text[runEnd] === '\r') breaks.push(runEnd);
    runEnd++;
  }
  if (!breaks.length) return null;
  // Closing fences: a line break, indent + ---, then whitespace holding a line break.
  const closings: { at: number; end: number }[] = [];
  const fence = `${indent}---`;
  for (let p = breaks[0]!; p < text.length; p++) {
    const c = text[p];
    if ((c === '\n' || c === '\r') && text.startsWith(fence, p + 1)) {
      let q = p + 1 + fence.length;
      let lastBreak = -1;
      while (q < text.length && /\s/.test(text[q]!)) {
        if (text[q] === '\n' || text[q] === '\r') lastBreak = q;
        q++;
      }
      if (lastBreak >= 0) closings.push({ at: p, end: lastBreak + 1 });
    }
  }
  for (let b = breaks.length - 1; b >= 0; b--) {
    const bodyStart = breaks[b]! + 1;
    const close = closings.find((c) => c.at >= bodyStart);
    if (close) return { body: text.slice(bodyStart, close.at), length: close.end };
  }
  return null;
}

/** The steps every diagram type shares (line endings to front matter and comments), before entities. */
interface CommonSteps {
  src: Editable;
  raw: string;
  title: string | null;
  frontMatterError: string | null;
}

/**
 * The common steps of the last text prepared: a diagram's type is read (detectDiagramType) right
 * before it is parsed, both from the same steps. Their result is never changed (each later step
 * makes new text and origins), so it is shared.
 */
let lastCommon: { input: string; steps: CommonSteps } | null = null;

function commonStepsOf(input: string): CommonSteps {
  if (lastCommon?.input !== input) lastCommon = { input, steps: commonSteps(input) };
  return lastCommon.steps;
}

/**
 * What Mermaid reads a diagram's type from (see diagramTypeWord): the text after the common steps,
 * entities not encoded, and the front matter's error; no offsets, which reading the type never needs
 * (detecting a type copied the offsets of the whole text, to append the final newline's, for nothing).
 */
export function typeWordSource(input: string): Pick<PreparedSource, 'text' | 'frontMatterError'> {
  const { src, frontMatterError } = commonStepsOf(input);
  return { text: `${src.text}\n`, frontMatterError };
}

/** What a diagram's parser reads: the common steps, then the colours and `#entity;` codes encoded as Mermaid encodes them. */
export function prepareMermaidSource(input: string): PreparedSource {
  const { raw, title, frontMatterError, src: common } = commonStepsOf(input);
  let src = common;
  src = replaceAll(src, keywordColourLines('style'), (m) => m[0].slice(0, -1));
  src = replaceAll(src, keywordColourLines('classDef'), (m) => m[0].slice(0, -1));
  src = replaceAll(src, /#\w+;/g, (m) => {
    const inner = m[0].slice(1, -1);
    return /^\+?\d+$/.test(inner) ? `\uFB02\u00B0\u00B0${inner}\u00B6\u00DF` : `\uFB02\u00B0${inner}\u00B6\u00DF`;
  });
  const end = src.origin.length ? src.origin[src.origin.length - 1]! + 1 : raw.length;
  const text = `${src.text}\n`;
  const origin = src.origin.concat([Math.min(end, raw.length), Math.min(end, raw.length)]);
  return { text, origin, raw, title, frontMatterError };
}

function commonSteps(input: string): CommonSteps {
  const raw = input.replace(/\r\n?/g, '\n');
  const identity: number[] = new Array<number>(raw.length);
  for (let i = 0; i < raw.length; i++) identity[i] = i;
  let src: Editable = { text: raw, origin: identity };
  src = replaceAll(src, htmlTags, (m) => `<${m[1]}${m[2]!.replace(/="([^"]*)"/g, "='$1'")}>`);

  let title: string | null = null;
  let frontMatterError: string | null = null;
  const fm = matchFrontMatter(src.text);
  if (fm) {
    const t = /^\s*title\s*:\s*(.*)$/m.exec(fm.body);
    if (t) title = t[1]!.trim().replace(/^(["'])(.*)\1$/, '$2');
    src = sliceFrom(src, fm.length);
  } else if (/^\s*---/.test(src.text) && !matchFrontMatter(withoutCommentLines(src.text).trimStart())) {
    // With blank lines first, Mermaid's type detection still skips a well-formed block (and the
    // parser then fails on it); a block that never closes is rejected before any parsing.
    frontMatterError = 'Diagrams beginning with --- are not valid. If you were trying to use a YAML front-matter, please ensure that you\'ve correctly opened and closed the YAML front-matter with un-indented `---` blocks';
  }
  src = replaceAll(src, DIRECTIVE, () => '');
  src = replaceAll(src, commentLines, () => '');
  const lead = src.text.length - src.text.trimStart().length;
  return { src: sliceFrom(src, lead), raw, title, frontMatterError };
}

/** Mermaid's placeholders for entity codes, shown as its renderer receives them. */
export function decodeEntityPlaceholders(text: string): string {
  return text.replace(/\uFB02\u00B0\u00B0/g, '&#').replace(/\uFB02\u00B0/g, '&').replace(/\u00B6\u00DF/g, ';');
}

/** The diagram's first word, found as Mermaid's type detection finds it (past front matter, even late). */
export function diagramTypeWord(prepared: Pick<PreparedSource, 'text'>): string | null {
  let text = prepared.text;
  const late = matchFrontMatter(text);
  if (late) text = text.slice(late.length);
  text = withoutCommentLines(text).trimStart();
  return /^\S+/.exec(text)?.[0] ?? null;
}
