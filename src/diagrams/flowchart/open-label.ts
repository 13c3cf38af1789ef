import { shortened } from '../../chars.js';
import { spacedArrowAt } from './source-fixes.js';

/**
 * A label left open: Mermaid fails inside a label (at a `[`, a `(`, a quote...) that the student
 * forgot to close earlier, and reads on into the next node, arrow or line as label text. Quoting
 * that "label" (the fix for `DB[Database (MySQL)]`) would be wrong: it would swallow the next node.
 * Where it was meant to end is clear in most cases (before the arrow that follows it, or where its
 * line ends), and `--fix` closes it there; the re-parse and the loss check then prove the repair.
 * Every pattern here runs on any diagram Mermaid rejects, hostile ones too: none may rescan a line.
 */

const CLOSE_OF: Readonly<Record<string, string>> = { '[': ']', '(': ')', '{': '}', '>': ']' };
const OPEN_OF: Readonly<Record<string, string>> = { ']': '[', ')': '(', '}': '{' };

/**
 * A link between two nodes (the link kinds of a flowchart), tried only where a run of its characters
 * starts: from every dash of a long run the pattern would rescan the run (quadratic on hostile text).
 */
const LINK = /(?<![-=.~<])(?:<?(?:-{2,}|={2,}|-\.+-)[->ox]?|~{3,})(?=[\s|\p{L}\w"]|$)/u;

/** Where the spaces before the first link of `text` start, or -1. */
function linkAt(text: string): number {
  return spacedArrowAt(text, LINK);
}

/** Where a node label's tail starts: the spaces, `:::class` and `;` that end its line. */
function tailStart(body: string): number {
  let end = body.trimEnd().length;
  if (body[end - 1] === ';') end = body.slice(0, end - 1).trimEnd().length;
  const style = body.lastIndexOf(':::', end);
  if (style >= 0 && /^:::[\w-]+$/.test(body.slice(style, end))) end = body.slice(0, style).trimEnd().length;
  return end;
}

export interface OpenLabel {
  /** `quote`: `B["text]`; `label`: `A[text --> B`; `edge-label`: `A -->|text B`. */
  kind: 'quote' | 'label' | 'edge-label';
  /** The opener's line with the closer added where it most likely belongs, when that place is clear. */
  closedLine: string | null;
  /** Where closedLine closes it: before the arrow after the label, or at the end of the label's line. */
  closedAt?: 'arrow' | 'line-end';
}

/**
 * Whether the label opened at `openAt` (raw text offset; `opener` is its text: `[`, `((`, `|`, `>`...)
 * is left open on its line. A label that spans lines on purpose is rare in flowcharts, and Mermaid
 * then fails in it for another reason; an open label is what students write when they forget `]`.
 */
export function openLabelAt(raw: string, openAt: number, opener: string): OpenLabel | null {
  const lineStart = raw.lastIndexOf('\n', openAt - 1) + 1;
  const newline = raw.indexOf('\n', openAt);
  const line = raw.slice(lineStart, newline < 0 ? raw.length : newline);
  const bodyAt = openAt - lineStart + opener.length;
  const body = line.slice(bodyAt);
  const closer = opener === '|' ? '|' : CLOSE_OF[opener[0]!];
  // A `|` after an odd number of them on its line closes an edge label: it opens none.
  if (!closer || (opener === '|' && (line.slice(0, bodyAt - 1).match(/\|/g)?.length ?? 0) % 2 === 1)) return null;
  const insert = (at: number, text: string) => `${line.slice(0, at)}${text}${line.slice(at)}`;
  if (body.startsWith('"')) {
    const partner = body.indexOf('"', 1);
    const after = partner < 0 ? '' : body.slice(partner + 1);
    const closers = opener === '|' ? '|' : closer.repeat(openerDepth(opener, closer));
    if (partner >= 0 && after.trimStart().startsWith(closer)) {
      // The quoted label is whole: nothing left open here.
    } else if (partner >= 0 && (opener === '|' ? /^\s+[\p{L}\w]/u.test(after) : linkAt(after) === 0 || /^\s*(?:[&;]|:::|$)/.test(after))) {
      // `A["text" --> B`, `-->|"text" B`: the quote is closed, and right after it the label's closer is missing.
      return { kind: opener === '|' ? 'edge-label' : 'label', closedLine: insert(bodyAt + partner + 1, closers), closedAt: 'arrow' };
    } else if ((line.match(/"/g)?.length ?? 0) % 2 === 1) {
      // `B["text]`, `B["text --> C`: the quote that opens the label has no partner before its closer.
      const end = body.indexOf(closer, 1);
      const arrow = linkAt(body);
      if (arrow >= 0 && (end < 0 || arrow < end) && body.slice(1, arrow).trim()) return { kind: 'quote', closedLine: insert(bodyAt + arrow, `"${closers}`) };
      return { kind: 'quote', closedLine: end >= 0 && (partner < 0 || end < partner) ? insert(bodyAt + end, '"') : null };
    }
  }
  if (opener === '|') return body.includes('|') ? null : { kind: 'edge-label', closedLine: closedEdgeLabel(line, bodyAt) };
  // Quotes that do not pair up are a quote mistake, not a label left open.
  if ((line.match(/"/g)?.length ?? 0) % 2 === 1 || closesOnLine(body, opener, closer)) return null;
  return { kind: 'label', closedLine: closedNodeLabel(line, bodyAt, opener, closer), closedAt: LINK.test(body) ? 'arrow' : 'line-end' };
}

/**
 * The line with the node label closed where it most likely ends: before the arrow that follows it
 * (`A[Client --> B` -> `A[Client] --> B`), else before a `:::class` or a final `;`, else at the end of
 * the line; a wrong closer just there (`A[Web server)`) is replaced. Null when the label is empty.
 */
function closedNodeLabel(line: string, bodyAt: number, opener: string, closer: string): string | null {
  const body = line.slice(bodyAt);
  const arrow = linkAt(body);
  const end = arrow >= 0 ? arrow : tailStart(body);
  let text = body.slice(0, end).trimEnd();
  if (!text.trim()) return null;
  // `[(` closes with `)]`: the inner part (`)`) may already be there (`B[(DB)`).
  const inner = [...opener.slice(1)].filter((c) => c !== OPEN_OF[closer]).reverse().map((c) => CLOSE_OF[c] ?? c).join('');
  // A closer of another kind that closes nothing in the label is the student's wrong closer.
  const last = text[text.length - 1]!;
  const unmatched = OPEN_OF[last] && text.split(OPEN_OF[last]!).length < text.split(last).length;
  if (unmatched && last !== closer && !(inner && text.endsWith(inner))) text = text.slice(0, -1).trimEnd();
  const closers = closer.repeat(openerDepth(opener, closer));
  return `${line.slice(0, bodyAt)}${text}${inner && text.endsWith(inner) ? '' : inner}${closers}${body.slice(end)}`;
}

/**
 * The line with an edge label closed before the node it points to (`A -->|Yes B[OK]` -> `A -->|Yes| B[OK]`):
 * the last id on the line, with its shape if it has one. Null when an arrow or `&` follows the label
 * (then which node ends it is a guess) or when no text would be left in the label.
 */
function closedEdgeLabel(line: string, bodyAt: number): string | null {
  const body = line.slice(bodyAt);
  if (LINK.test(body) || /\s&\s/.test(body)) return null;
  const node = /(?<!\s)\s+[\p{L}\w-]+(?:[[({>][^]*)?\s*;?\s*$/u.exec(body);
  if (!node || !body.slice(0, node.index).trim()) return null;
  return `${line.slice(0, bodyAt + node.index)}|${body.slice(node.index)}`;
}

/** How many closers of the opener's kind it takes to close it: `((` needs `))`, `[(` needs `]` at the end. */
function openerDepth(opener: string, closer: string): number {
  return [...opener].filter((c) => c === OPEN_OF[closer] || (c === '>' && closer === ']')).length;
}

/** Whether the brackets of the opener's kind come back to zero on the line, quoted text skipped. */
function closesOnLine(body: string, opener: string, closer: string): boolean {
  let depth = openerDepth(opener, closer);
  const open = OPEN_OF[closer];
  let quoted = false;
  for (const c of body) {
    if (c === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c === open) depth++;
    else if (c === closer && --depth === 0) return true;
  }
  return false;
}

/** The finding for a label left open (placed at its opener): code, message and hint (the closed line when the place is clear). */
export function describeOpenLabel(open: OpenLabel, opener: string): { code: string; message: string; hint: string } {
  const shown = (line: string) => `\`${shortened(line.trim(), 80)}\``;
  if (open.kind === 'quote') {
    return {
      code: 'unclosed-quote',
      message: `The quote that opens this label (\`${opener}"\`) is not closed before the label's \`${opener === '|' ? '|' : CLOSE_OF[opener[0]!]}\`, so Mermaid reads on to the next quote.`,
      hint: open.closedLine ? `Close the quote: ${shown(open.closedLine)}.` : 'End the label with a quote before its closing bracket: `A["text"]`.',
    };
  }
  if (open.kind === 'edge-label') {
    return {
      code: 'unclosed-label',
      message: 'This edge label, opened with `|`, is not closed, so the node after it became label text.',
      hint: 'Close the edge label with a second `|` before the node: `A -->|text| B`.',
    };
  }
  return {
    code: 'unclosed-label',
    message: `This label, opened with \`${opener}\`, is not closed on its line, so what follows it became label text.`,
    hint: open.closedLine ? `Close it ${open.closedAt === 'arrow' ? 'before the arrow' : 'where its line ends'}: ${shown(open.closedLine)}.` : `Close it with \`${[...opener].reverse().map((c) => CLOSE_OF[c] ?? c).join('')}\` where the label ends.`,
  };
}
