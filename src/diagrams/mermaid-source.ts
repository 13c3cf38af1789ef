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

/** Replaces every match of `re` (global) by `replace(match)`, keeping origins. */
export function replaceAll(src: Editable, re: RegExp, replace: (m: RegExpExecArray) => string): Editable {
  re.lastIndex = 0;
  let first = re.exec(src.text);
  while (first && first[0].length === 0) {
    re.lastIndex++;
    first = re.exec(src.text);
  }
  // Most passes find nothing to replace: keep the text and its map as they are.
  if (!first) return src;
  let text = '';
  const origin: number[] = [];
  let last = 0;
  for (let m: RegExpExecArray | null = first; m; m = re.exec(src.text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
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
const COMMENT_LINE = /^\s*%%(?!{)[^\n]+\n?/gm;
const HTML_TAG = /<(\w+)([^>]*)>/g;

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

export interface PrepareOptions {
  /** Encode `#entity;` codes as Mermaid does before parsing (flowchart and sequence). */
  encodeEntities: boolean;
}

export function prepareMermaidSource(input: string, options: PrepareOptions = { encodeEntities: true }): PreparedSource {
  const raw = input.replace(/\r\n?/g, '\n');
  const identity: number[] = new Array<number>(raw.length);
  for (let i = 0; i < raw.length; i++) identity[i] = i;
  let src: Editable = { text: raw, origin: identity };
  src = replaceAll(src, HTML_TAG, (m) => `<${m[1]}${m[2]!.replace(/="([^"]*)"/g, "='$1'")}>`);

  let title: string | null = null;
  let frontMatterError: string | null = null;
  const fm = matchFrontMatter(src.text);
  if (fm) {
    const t = /^\s*title\s*:\s*(.*)$/m.exec(fm.body);
    if (t) title = t[1]!.trim().replace(/^(["'])(.*)\1$/, '$2');
    src = sliceFrom(src, fm.length);
  } else if (/^\s*---/.test(src.text) && !matchFrontMatter(src.text.replace(COMMENT_LINE, '').trimStart())) {
    // With blank lines first, Mermaid's type detection still skips a well-formed block (and the
    // parser then fails on it); a block that never closes is rejected before any parsing.
    frontMatterError = 'Diagrams beginning with --- are not valid. If you were trying to use a YAML front-matter, please ensure that you\'ve correctly opened and closed the YAML front-matter with un-indented `---` blocks';
  }
  src = replaceAll(src, DIRECTIVE, () => '');
  src = replaceAll(src, COMMENT_LINE, () => '');
  const lead = src.text.length - src.text.trimStart().length;
  src = sliceFrom(src, lead);
  if (options.encodeEntities) {
    src = replaceAll(src, /style.*:\S*#.*;/g, (m) => m[0].slice(0, -1));
    src = replaceAll(src, /classDef.*:\S*#.*;/g, (m) => m[0].slice(0, -1));
    src = replaceAll(src, /#\w+;/g, (m) => {
      const inner = m[0].slice(1, -1);
      return /^\+?\d+$/.test(inner) ? `\uFB02\u00B0\u00B0${inner}\u00B6\u00DF` : `\uFB02\u00B0${inner}\u00B6\u00DF`;
    });
  }
  const end = src.origin.length ? src.origin[src.origin.length - 1]! + 1 : raw.length;
  const text = `${src.text}\n`;
  const origin = src.origin.concat([Math.min(end, raw.length), Math.min(end, raw.length)]);
  return { text, origin, raw, title, frontMatterError };
}

/** Mermaid's placeholders for entity codes, shown as its renderer receives them. */
export function decodeEntityPlaceholders(text: string): string {
  return text.replace(/\uFB02\u00B0\u00B0/g, '&#').replace(/\uFB02\u00B0/g, '&').replace(/\u00B6\u00DF/g, ';');
}

/** The diagram's first word, found as Mermaid's type detection finds it (past front matter, even late). */
export function diagramTypeWord(prepared: PreparedSource): string | null {
  let text = prepared.text;
  const late = matchFrontMatter(text);
  if (late) text = text.slice(late.length);
  text = text.replace(COMMENT_LINE, '').trimStart();
  return /^\S+/.exec(text)?.[0] ?? null;
}
