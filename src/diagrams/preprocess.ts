import type { DiagramError } from './types.js';

/**
 * Mermaid cleans a diagram before parsing it: front matter, `%%{...}%%` directives and whole-line `%%`
 * comments go. We blank those regions with spaces instead of removing them, so that every offset in
 * the cleaned text is the same offset in the student's text and positions need no mapping.
 */
export interface Preprocessed {
  text: string;
  /** Title from front matter, if any. */
  title: string | null;
  errors: DiagramError[];
  /** Offset of the first character that is not blank after cleaning (where the type word is). */
  start: number;
}

const DIRECTIVE = /%{2}{\s*(?:(\w+)\s*:|(\w+))\s*(?:(\w+)|((?:(?!}%{2}).|\r?\n)*))?\s*(?:}%{2})?/gi;
const COMMENT_LINE = /^[ \t]*%%(?!{)[^\n]+\n?/gm;

function blank(s: string): string {
  return s.replace(/[^\n]/g, ' ');
}

export function preprocess(raw: string): Preprocessed {
  let text = raw.replace(/\r\n?/g, '\n');
  const errors: DiagramError[] = [];
  let title: string | null = null;

  const open = /^([ \t]*)---[ \t]*\n/.exec(text);
  if (open) {
    const rest = text.slice(open[0].length);
    const close = new RegExp(`(^|\\n)${open[1]}---[ \\t]*(\\n|$)`).exec(rest);
    if (!close) {
      errors.push({
        code: 'unclosed-front-matter',
        message: 'Diagrams beginning with --- are not valid: the front matter block is never closed.',
        line: 1,
        column: 1,
        hint: 'Close the front matter with a line holding only ---, or remove the opening ---.',
      });
    } else {
      const end = open[0].length + close.index + close[0].length;
      const yaml = text.slice(open[0].length, open[0].length + close.index);
      const titleMatch = /^\s*title\s*:\s*(.+)$/m.exec(yaml);
      if (titleMatch) title = titleMatch[1]!.trim().replace(/^["']|["']$/g, '');
      text = blank(text.slice(0, end)) + text.slice(end);
    }
  } else if (/^\s*\n[ \t]*---[ \t]*\n/.test(text)) {
    const line = text.slice(0, text.indexOf('---')).split('\n').length;
    errors.push({
      code: 'front-matter-not-first',
      message: 'Front matter (---) must be the very first line of the diagram; blank lines before it make Mermaid reject the diagram.',
      line,
      column: 1,
      hint: 'Remove the blank lines above the opening ---.',
    });
  }

  text = text.replace(DIRECTIVE, blank);
  text = text.replace(COMMENT_LINE, blank);
  const start = text.search(/\S/);
  return { text, title, errors, start: start < 0 ? text.length : start };
}

/** Line starts of a text, for offset -> line/column conversion. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  /** 1-based line and column of an offset. */
  at(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }
  get lineCount(): number {
    return this.starts.length;
  }
}
