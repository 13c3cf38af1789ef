/**
 * Character tests on UTF-16 code units, for the loops that run once per character (the flowchart
 * lexer's context, normaliseText): a regular expression per character costs ten times more.
 */

/** What `\s` matches in a JavaScript regular expression. */
export function isRegexSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 160) return false;
  return code === 160 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/**
 * Characters that act on a terminal or a reader instead of being shown: C0 controls (ESC starts
 * colour, screen clearing, OSC 8 links and OSC 52 clipboard writes; CR overwrites a line), DEL, C1
 * controls (U+009B is a one-character CSI), the line and paragraph separators, and the bidi
 * embeddings, overrides and isolates that reorder what is shown.
 */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const CONTROLS_BUT_LAYOUT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function shown(ch: string): string {
  const code = ch.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Student text made safe to print anywhere: every control character is written out (`\x1b`,
 * `\u202e`), so that it is seen and never acted on. `keepLayout` keeps tabs and line feeds (a CR, which overwrites a line, is written out).
 */
export function printable(text: string, keepLayout = false): string {
  const re = keepLayout ? CONTROLS_BUT_LAYOUT : CONTROLS;
  re.lastIndex = 0;
  return re.test(text) ? text.replace(re, shown) : text;
}

/** JSON text with the characters JSON.stringify leaves raw but a terminal acts on (C1, bidi) escaped. */
export function jsonSafe(json: string): string {
  return json.replace(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Student text quoted in a message, cut to `max` characters: a message quotes, it does not echo a 40 KB line. */
export function shortened(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
