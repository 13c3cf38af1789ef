import { meantTypeWord } from '../diagrams/header.js';
import { replaceAll, type Matcher } from '../diagrams/mermaid-source.js';
import { idSpaceAfterArrow, idSpaceAtLineStart, pipeLabelsToQuote, quoteLabelsInLine, renameEndNodes, SINGLE_DASH_ARROW, trailingCommentStart } from '../diagrams/flowchart/source-fixes.js';
import { openLabelAt } from '../diagrams/flowchart/open-label.js';
import { messageLineWithColon } from '../diagrams/sequence/parse-sequence.js';
import type { DiagramError } from '../diagrams/types.js';

/**
 * One repair per safe error code (diagrams/fixability.ts), on the diagram's text (`\n` line
 * endings): the repairs the parser's mending pass makes to read the diagram, made here to the one
 * line the error points at, so that fix-diagram.ts can re-parse after each.
 */
export interface FixerOutput {
  text: string;
  /** Node ids the repair renamed (old -> new), for the check that the graph is kept. */
  renames?: Record<string, string>;
  /** What was done, for the report: "quoted the label". */
  description: string;
  /** The lines changed (1-based, in the text before), when not only the error's. */
  lines?: number[];
  /** The line of a label the repair closed: the reading before it took what follows for label text. */
  spilledFrom?: number;
}

export type Fixer = (text: string, error: DiagramError) => FixerOutput | null;

/** The line the mistake is on: where Mermaid fails, or earlier, where the cause is. */
function mistakeLine(error: DiagramError): number {
  return error.cause?.line ?? error.line;
}

/** The text with its 1-based line `line` rewritten; null when nothing changed. */
function onLine(text: string, line: number, rewrite: (content: string) => string | null): string | null {
  const lines = text.split('\n');
  const content = lines[line - 1];
  if (content === undefined) return null;
  const next = rewrite(content);
  if (next === null || next === content) return null;
  lines.splice(line - 1, 1, next);
  return lines.join('\n');
}

/**
 * The same mistake repaired on every line once the error's own line shows it (students repeat a
 * `->` or an unquoted label all over a diagram): one step and one re-parse instead of one per line.
 */
function everyLine(description: string, rewrite: (content: string, text: string) => string | null, at: (error: DiagramError) => number = mistakeLine): Fixer {
  return (text, error) => {
    const lines = text.split('\n');
    const own = lines[at(error) - 1];
    const first = own === undefined ? null : rewrite(own, text);
    if (first === null || first === own) return null;
    const changed: number[] = [];
    const out = lines.map((content, k) => {
      const next = k === at(error) - 1 ? first : rewrite(content, text);
      if (next === null || next === content) return content;
      changed.push(k + 1);
      return next;
    });
    return { text: out.join('\n'), description, lines: changed };
  };
}

function replaceIn(line: string, re: RegExp | Matcher, replace: (m: (string | undefined)[]) => string): string {
  return replaceAll({ text: line, origin: [...line].map((_, k) => k) }, re, replace).text;
}

/** True when `at` lies inside a node's shape on its line (`A[x -> y]`: label text, not an arrow). */
function inShape(line: string, at: number): boolean {
  let depth = 0;
  let quoted = false;
  for (const c of line.slice(0, at)) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && '[({'.includes(c)) depth++;
    else if (!quoted && '])}'.includes(c)) depth = Math.max(0, depth - 1);
  }
  return depth > 0;
}

/** True when `at` lies inside a `"..."` string of its line. */
function inQuotes(line: string, at: number): boolean {
  return ((line.slice(0, at).match(/"/g)?.length ?? 0) % 2) === 1;
}

/** A type word written as Mermaid spells it, at the error's position. */
function typeWordFix(text: string, error: DiagramError): FixerOutput | null {
  const written = error.text;
  if (!written) return null;
  const meant = meantTypeWord(written);
  if (!meant || !['flowchart', 'sequence', 'architecture'].includes(meant.kind)) return null;
  const put = meant.replacement ?? meant.word;
  const fixed = onLine(text, error.line, (content) => {
    const at = error.column - 1;
    return content.startsWith(written, at) ? content.slice(0, at) + put + content.slice(at + written.length) : null;
  });
  return fixed === null ? null : { text: fixed, description: `wrote the diagram type \`${written}\` as \`${put}\`` };
}

/** A name for `end` the diagram does not use yet. */
function freshEndName(text: string): string | null {
  return ['End', 'END', 'endNode', 'end_node'].find((name) => !new RegExp(`(^|[^\\w])${name}([^\\w]|$)`).test(text)) ?? null;
}

/** A quoted label's body: an inner quote written `#quot;`, as Mermaid reads it. */
function quoted(body: string): string {
  return `"${body.trim().replace(/"/g, '#quot;')}"`;
}

/** Labels the mending pass does not quote: a subgraph's title `[...]`, and the asymmetric shape `id>...]`. */
function quoteTitleAndFlag(line: string): string {
  return line
    // A title holding brackets or quotes, or starting with `/` or `\` (`[/` opens a shape).
    .replace(/^(\s*subgraph\s+[^\s[]+\s*\[)([^"\n][^\n]*[()[\]{}"][^\n]*|[/\\][^\n]*)\](\s*)$/, (_, head: string, body: string, tail: string) => `${head}${quoted(body)}]${tail}`)
    // `br>` of a `<br>` tag is not a flag: the id must not follow `<` or `</`.
    .replace(/(^|[^</\p{L}\w])([\p{L}\w]+)>(?!")([^\]\n]*[()[{}"][^\]\n]*)\]/u, (_, before: string, id: string, body: string) => `${before}${id}>${quoted(body)}]`);
}

const quoteLabels = everyLine('put the label in double quotes', (line) => replaceIn(quoteLabelsInLine(quoteTitleAndFlag(line)), pipeLabelsToQuote, (m) => `|${quoted(m[1]!)}|`));

/** `Note right of A text` meant `Note right of A: text`: the participant is the word after the placement. */
function noteWithColon(line: string): string | null {
  if (line.includes(':')) return null;
  const m = /^(\s*note\s+(?:right\s+of|left\s+of|over)\s+)([^\s,]+(?:\s*,\s*[^\s,]+)?)\s+(\S.*?)\s*$/i.exec(line);
  return m ? `${m[1]}${m[2]}: ${m[3]}` : null;
}

function removeBlankLinesAboveFrontMatter(text: string): FixerOutput | null {
  const blank = /^(?:[ \t]*\n)+(?=[ \t]*---[ \t]*\n)/.exec(text);
  return blank ? { text: text.slice(blank[0].length), description: 'removed the blank lines above the front matter' } : null;
}

/** A label left open, closed where the diagnosis saw it most likely ends (the opener is the error's text, at its cause). */
function closeOpenLabel(text: string, error: DiagramError): FixerOutput | null {
  const opener = error.text;
  if (!error.cause || !opener) return null;
  const lines = text.split('\n');
  const lineStart = lines.slice(0, error.cause.line - 1).reduce((n, l) => n + l.length + 1, 0);
  const open = openLabelAt(text, lineStart + error.cause.column - 1, opener);
  if (!open?.closedLine) return null;
  lines.splice(error.cause.line - 1, 1, open.closedLine);
  return { text: lines.join('\n'), description: open.kind === 'quote' ? 'closed the quote of a label' : `closed a${open.kind === 'edge-label' ? 'n edge' : ''} label left open`, lines: [error.cause.line], spilledFrom: error.cause.line };
}

export const FIXERS: Readonly<Record<string, Fixer>> = {
  'unclosed-label': closeOpenLabel,
  'unclosed-quote': closeOpenLabel,
  'end-without-subgraph': (text, error) => {
    const lines = text.split('\n');
    if (lines[error.line - 1]?.trim() !== 'end') return null;
    lines.splice(error.line - 1, 1);
    return { text: lines.join('\n'), description: 'removed an `end` that closed no subgraph (if it was meant to close one, add its `subgraph` line instead)' };
  },
  'unquoted-parenthesis-in-label': quoteLabels,
  'unquoted-special-in-label': quoteLabels,
  'single-dash-arrow': (text, error) => everyLine(`wrote \`${error.text ?? '->'}\` as \`-->\``, (line) => {
    const re = new RegExp(SINGLE_DASH_ARROW.source, 'g');
    return line.replace(re, (whole: string, before: string, offset: number) => (inQuotes(line, offset + before.length) || inShape(line, offset + before.length) ? whole : `${before}-->`));
  })(text, error),
  'space-before-shape': everyLine('removed the space between a node id and its shape', (line) => replaceIn(replaceIn(line, idSpaceAtLineStart, (m) => m[1]!), idSpaceAfterArrow, (m) => `${m[1]}${m[2]}`), (error) => error.line),
  'end-as-node-id': (text) => {
    const name = freshEndName(text);
    if (!name) return null;
    const fixed = renameEndNodes({ text, origin: [] }, name).text;
    return fixed === text ? null : { text: fixed, renames: { end: name }, description: `renamed the node \`end\` (a keyword) \`${name}\`` };
  },
  'comment-after-statement': everyLine('moved a `%%` comment to a line of its own', (line) => {
    const cut = trailingCommentStart(line);
    if (cut < 0) return null;
    const indent = /^[ \t]*/.exec(line)![0];
    return `${indent}${line.slice(cut).trim()}\n${line.slice(0, cut).trimEnd()}`;
  }),
  'bad-direction': (text, error) => {
    const fixed = onLine(text, error.line, (line) => line.replace(/^(\s*(?:graph|flowchart(?:-elk)?)[ \t]+)(tb|td|bt|rl|lr)(?=[\s;]|$)/i, (_, head: string, dir: string) => `${head}${dir.toUpperCase()}`));
    return fixed === null ? null : { text: fixed, description: 'wrote the direction in upper case' };
  },
  'missing-header': (text, error) => {
    // Blank lines above front matter hide the header from Mermaid's detection.
    const blankFirst = removeBlankLinesAboveFrontMatter(text);
    if (blankFirst) return blankFirst;
    const written = error.text ?? '';
    const right = ['graph', 'flowchart', 'sequenceDiagram'].find((w) => w.toLowerCase() === written.toLowerCase());
    if (!right) return null;
    const fixed = onLine(text, error.line, (line) => (line.startsWith(written, error.column - 1) ? line.slice(0, error.column - 1) + right + line.slice(error.column - 1 + written.length) : null));
    return fixed === null ? null : { text: fixed, description: `wrote \`${written}\` as \`${right}\`` };
  },
  'misspelt-diagram-type': typeWordFix,
  'message-without-colon': everyLine('added the `:` after the receiver of a message', (line, text) => messageLineWithColon(line, text) ?? noteWithColon(line), (error) => error.line),
  'front-matter-not-first': removeBlankLinesAboveFrontMatter,
};
