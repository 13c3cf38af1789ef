import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import {
  anyOf, APP_SERVER_NAMES, CERTIFICATE_NAMES, DATABASE_NAMES, FIREWALL_NAMES, LOAD_BALANCER_NAMES, MACHINE_NAMES, MONITORING_NAMES, WEB_SERVER_NAMES,
} from '../vocabulary.js';
import { cachedByString } from '../bounded-cache.js';
import { hasFiniteVerb, plainText } from '../prose/sentences.js';
import { ART_LINE, looksLikeDiagramHeader } from './drawn-lines.js';

export interface Heading {
  level: number;
  text: string;
  line: number;
}

export type ProseKind = 'paragraph' | 'list-item' | 'table-row' | 'heading';

/** A unit of prose with the headings above it: the grain the prose analysis works on. */
export interface ProseBlock {
  kind: ProseKind;
  text: string;
  line: number;
  /** Titles of the enclosing headings, outermost first. */
  headingPath: string[];
  /** For a nested list item, the lead text of the items it sits under ("Web server:"). */
  listPath?: string[];
  /** Bold or italic text that opens the block (`**HAProxy 2.** It listens...`): a label for what follows. */
  lead?: string;
  /** A table row's cells, and the header row's cells of its table. */
  cells?: string[];
  header?: string[];
}

export interface Fence {
  info: string;
  /** The fence's language word, lower-cased (`mermaid`, `text`, ...). */
  lang: string;
  content: string;
  /** Line of the opening fence (1-based). */
  line: number;
  /** Line of the first content line (1-based). */
  contentLine: number;
  /** Columns the content was indented by in the file (markdown-it strips the fence's indent). */
  indent: number;
  closed: boolean;
  /** The fence marker (``` or ~~~, possibly longer). */
  marker: string;
}

export interface MarkdownLink {
  href: string;
  text: string;
  line: number;
  image: boolean;
}

export interface MarkdownDocument {
  headings: Heading[];
  prose: ProseBlock[];
  fences: Fence[];
  links: MarkdownLink[];
}

/** Set in a parse's env: only the headings are wanted (see parseHeadings). */
const HEADINGS_ONLY = Symbol('headings only');

/**
 * URLs longer than this are normalised each time, never kept: a pasted image's `data:` URI can be
 * most of a 1 MiB file, and a cache of a thousand of those would hold that much a thousand times.
 */
const MAX_KEPT_URL = 2000;


let shared: ReturnType<typeof MarkdownIt> | null = null;
function markdownIt(): ReturnType<typeof MarkdownIt> {
  if (!shared) {
    // linkify turns bare URLs (a common "diagram": an imgur link on its own) into links we can see.
    shared = new MarkdownIt({ html: true, linkify: true });
    // A cohort's answers link the same few addresses (the task's `www.foobar.com`, an image host):
    // each normalised once. markdown-it parses, punycodes and re-encodes the URL of every link it
    // finds, with functions of the URL alone.
    shared.normalizeLink = cachedByString(shared.normalizeLink.bind(shared), undefined, { longestKept: MAX_KEPT_URL });
    shared.normalizeLinkText = cachedByString(shared.normalizeLinkText.bind(shared), undefined, { longestKept: MAX_KEPT_URL });
    // After the block rules, a parse for headings only keeps the headings' tokens: the inline rules
    // (the costly part) then read the headings' text alone. Every core rule after this one works
    // on each inline token by itself, so a heading's tokens are those of a whole parse.
    shared.core.ruler.after('block', 'headings-only', (state) => {
      if (!(state.env as Record<symbol, unknown>)[HEADINGS_ONLY]) return;
      state.tokens = state.tokens.filter((t, i, all) => t.type === 'heading_open' || t.type === 'heading_close' || (t.type === 'inline' && all[i - 1]?.type === 'heading_open'));
    });
  }
  return shared;
}

function headingOf(open: Token, inline: Token | undefined): Heading {
  return { level: Number(open.tag.slice(1)), text: inlineText(inline), line: open.map ? open.map[0] + 1 : 0 };
}

/**
 * The headings of a markdown text, as `parseMarkdown(text).headings` holds them, at a fraction of
 * the cost: where a README is read only for its headings (the section of a task, its title).
 */
export function parseHeadings(text: string): Heading[] {
  const tokens = markdownIt().parse(text, { [HEADINGS_ONLY]: true });
  const headings: Heading[] = [];
  for (let i = 0; i < tokens.length; i++) if (tokens[i]!.type === 'heading_open') headings.push(headingOf(tokens[i]!, tokens[i + 1]));
  return headings;
}

/**
 * The `src` of every `<img>` of an HTML text, as `/<img\b[^>]*?\bsrc\s*=\s*["']?([^"'\s>]+)/gi`
 * finds them, in linear time: the regex scans from each `<img` to the next `>` (400 KB of `<img `
 * took 37 s). A `src` is the first one after its `<img` and before the next `>`; the first `src`
 * at or after a point is remembered, since later `<img`s before it find the same one.
 */
export function imgSources(html: string): string[] {
  const sources: string[] = [];
  const img = /<img\b/gi;
  const src = /\bsrc\s*=\s*["']?([^"'\s>]+)/gi;
  let srcFrom = -1;
  let found: RegExpExecArray | null = null;
  for (let m = img.exec(html); m; m = img.exec(html)) {
    const from = m.index + m[0].length;
    if (srcFrom < 0 || (found !== null && found.index < from)) {
      src.lastIndex = from;
      found = src.exec(html);
      srcFrom = from;
    }
    if (!found) break;
    const gt = html.indexOf('>', from);
    if (gt >= 0 && gt < found.index) {
      img.lastIndex = gt + 1;
      continue;
    }
    sources.push(found[1]!);
    img.lastIndex = found.index + found[0].length;
  }
  return sources;
}

/** An HTML line with its tags replaced by spaces (`/<[^>]*>/g`, without rescanning when no `>` is left). */
function stripTags(line: string): string {
  let out = '';
  let last = 0;
  for (let lt = line.indexOf('<'); lt >= 0; lt = line.indexOf('<', last)) {
    const gt = line.indexOf('>', lt);
    if (gt < 0) break;
    out += `${line.slice(last, lt)} `;
    last = gt + 1;
  }
  return out + line.slice(last);
}

/** Parses markdown (or an extension-less text file) into the units later stages read. */
export function parseMarkdown(text: string): MarkdownDocument {
  const tokens = markdownIt().parse(text, {});
  const doc: MarkdownDocument = { headings: [], prose: [], fences: [], links: [] };
  const lines = text.split('\n');
  const headingStack: Heading[] = [];
  let listDepth = 0;
  // Lead text of each open list item, so that nested items know what they are about.
  const itemLeads: (string | null)[] = [];
  let inTableRow = false;
  let rowCells: string[] = [];
  let rowLine = 0;
  let tableHeader: string[] | null = null;
  let inTableHead = false;
  const pathOf = () => headingStack.map((h) => h.text);

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const line = token.map ? token.map[0] + 1 : 0;
    switch (token.type) {
      case 'heading_open': {
        const inline = tokens[i + 1];
        const heading = headingOf(token, inline);
        while (headingStack.length && headingStack[headingStack.length - 1]!.level >= heading.level) headingStack.pop();
        doc.headings.push(heading);
        doc.prose.push({ kind: 'heading', text: heading.text, line, headingPath: pathOf() });
        headingStack.push(heading);
        if (inline) collectLinks(inline, line, doc);
        break;
      }
      case 'bullet_list_open':
      case 'ordered_list_open':
        listDepth++;
        break;
      case 'list_item_open':
        itemLeads.push(null);
        break;
      case 'list_item_close':
        itemLeads.pop();
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        listDepth--;
        break;
      case 'tr_open':
        inTableRow = true;
        rowCells = [];
        rowLine = line;
        break;
      case 'thead_open':
        inTableHead = true;
        tableHeader = null;
        break;
      case 'thead_close':
        inTableHead = false;
        break;
      case 'tr_close':
        inTableRow = false;
        if (inTableHead) tableHeader = rowCells;
        if (rowCells.some((c) => c.trim())) {
          doc.prose.push({ kind: 'table-row', text: rowCells.join(' | '), line: rowLine, headingPath: pathOf(), cells: rowCells, ...(!inTableHead && tableHeader ? { header: tableHeader } : {}) });
        }
        break;
      case 'inline': {
        const previous = tokens[i - 1];
        if (previous?.type === 'heading_open') break;
        collectLinks(token, line, doc);
        const lines = inlineLines(token);
        const content = lines.join(' ');
        if (inTableRow) {
          rowCells.push(content);
        } else if (content.trim()) {
          const parents = itemLeads.slice(0, -1).filter((t): t is string => t !== null);
          const kind = listDepth > 0 ? 'list-item' : 'paragraph';
          const lead = leadOf(token);
          paragraphPieces(lines, line).forEach((piece, k) => {
            if (piece.text.trim()) doc.prose.push({ kind, text: piece.text, line: piece.line, headingPath: pathOf(), ...(parents.length ? { listPath: parents } : {}), ...(lead && k === 0 ? { lead } : {}) });
          });
          if (itemLeads.length && itemLeads[itemLeads.length - 1] === null) itemLeads[itemLeads.length - 1] = content;
        }
        break;
      }
      case 'fence': {
        const openLine = token.map ? token.map[0] + 1 : line;
        const endLine = token.map ? token.map[1] : openLine;
        const opener = lines[openLine - 1] ?? '';
        const closer = lines[endLine - 1] ?? '';
        const indent = opener.length - opener.trimStart().length;
        const marker = token.markup;
        const closed = endLine > openLine && closer.trim().startsWith(marker[0]!.repeat(marker.length));
        doc.fences.push({
          info: token.info,
          lang: (token.info.trim().split(/\s+/)[0] ?? '').toLowerCase().replace(/^\{|\}$/g, ''),
          content: token.content,
          line: openLine,
          contentLine: openLine + 1,
          indent,
          closed,
          marker,
        });
        break;
      }
      case 'code_block': {
        // Text indented by four spaces is a code block to markdown, but in this task it is prose
        // indented by habit (plain-text answers often are): read it as prose unless it is drawn.
        if (!isIndentedProse(token.content)) break;
        const blockLines = token.content.split('\n');
        let start = 0;
        for (let k = 0; k <= blockLines.length; k++) {
          if (k < blockLines.length && blockLines[k]!.trim()) continue;
          const paragraph = blockLines.slice(start, k).map((l) => l.trim());
          if (paragraph.length) {
            for (const piece of paragraphPieces(paragraph, line + start)) doc.prose.push({ kind: 'paragraph', text: piece.text, line: piece.line, headingPath: pathOf() });
          }
          start = k + 1;
        }
        break;
      }
      case 'html_block': {
        for (const href of imgSources(token.content)) doc.links.push({ href, text: '', line, image: true });
        // Prose written as HTML (`<p>...</p>`, `<h3>...</h3>`) is prose too.
        token.content.split('\n').forEach((raw, k) => {
          const text = stripTags(raw).replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ').trim();
          if (text) doc.prose.push({ kind: /^\s*<h[1-6]/i.test(raw) ? 'heading' : 'paragraph', text, line: line + k, headingPath: pathOf() });
        });
        break;
      }
      default:
        break;
    }
  }
  return doc;
}

function collectLinks(inline: Token, line: number, doc: MarkdownDocument): void {
  const children = inline.children ?? [];
  for (let k = 0; k < children.length; k++) {
    const child = children[k]!;
    if (child.type === 'image') {
      doc.links.push({ href: String(child.attrGet('src') ?? ''), text: child.content, line, image: true });
    } else if (child.type === 'link_open') {
      let text = '';
      for (let j = k + 1; j < children.length && children[j]!.type !== 'link_close'; j++) text += children[j]!.content;
      doc.links.push({ href: String(child.attrGet('href') ?? ''), text, line, image: false });
    } else if (child.type === 'html_inline') {
      for (const href of imgSources(child.content)) doc.links.push({ href, text: '', line, image: true });
    }
  }
}

/** The emphasised text that opens an inline token (`**Why:** ...`), when text follows it. */
function leadOf(inline: Token): string | undefined {
  // markdown-it opens an inline with an empty text token before the emphasis.
  const children = (inline.children ?? []).filter((c, k) => k > 0 || c.type !== 'text' || c.content !== '');
  const open = children[0]?.type;
  if (open !== 'strong_open' && open !== 'em_open') return undefined;
  let lead = '';
  let k = 1;
  for (; k < children.length && children[k]!.type !== open.replace('_open', '_close'); k++) lead += children[k]!.content;
  const rest = children.slice(k + 1).map((c) => c.content).join('').trim();
  return lead.trim() && rest ? lead.trim() : undefined;
}

/** The plain text of an inline token (emphasis and code marks dropped, line breaks kept as spaces). */
function inlineText(inline: Token | undefined): string {
  return inlineLines(inline).join(' ');
}

/** The text of an inline token, one entry per source line. */
function inlineLines(inline: Token | undefined): string[] {
  if (!inline) return [''];
  const children = inline.children;
  if (!children) return inline.content.split('\n');
  const lines = [''];
  for (const child of children) {
    if (child.type === 'text' || child.type === 'code_inline' || child.type === 'image') lines[lines.length - 1] += child.content;
    else if (child.type === 'softbreak' || child.type === 'hardbreak') lines.push('');
  }
  return lines;
}

// Text laid out in columns ("Web   |   App") is a drawing too, when indented.
const COLUMNS = /\|\s|\S\s{3,}\S/;

/** An indented block of sentences, not ASCII art or a diagram. */
function isIndentedProse(content: string): boolean {
  const lines = content.split('\n').filter((l) => l.trim());
  if (!lines.length || looksLikeDiagramHeader(lines[0]!)) return false;
  return !lines.some((l) => ART_LINE.test(l) || COLUMNS.test(l)) && lines.some((l) => /[a-z]{3,}\s+[a-z]{2,}/i.test(l));
}

const TITLE_WORDS = 6;

/**
 * A line that reads as a title rather than a sentence: a few words, no full stop inside or at the
 * end, not ending on a word that needs what follows. The markdown stage cuts such lines out of
 * plain-text paragraphs; the prose stage lets them head what follows.
 */
export function looksLikeTitle(line: string): boolean {
  const text = line.trim();
  if (!text || /[.!?]\s/.test(text) || /[.,;!?]$/.test(text) || OPEN_ENDED.test(text)) return false;
  let words = 1;
  for (let i = 0; i < text.length && words <= TITLE_WORDS; i++) if (text.charCodeAt(i) === 32 && text.charCodeAt(i + 1) !== 32) words++;
  return words <= TITLE_WORDS;
}
/** A line ending on a word that needs what follows ("It runs on"): a wrapped sentence, not a title. */
const OPEN_ENDED = /\b(a|an|the|of|on|in|to|for|with|by|and|or|but|from|at|as|is|are|was|were|its|their|our|this|that|into|via)$/i;
const ENTRY_MARK = /\b(?:why|reason|because|pourquoi|raison)\s*:|\s(?:->|→|=>)\s/i;
/** A line that opens with a short label and a colon: one entry of a plain-text list. */
// "Web server: ...", and in plain-text notes "2nd LB -> ..." or "web srv = ...".
const LABEL_LINE = /^\s*(?:[A-Z][\w ()/&'-]{0,40}:|[+\w][\w ()/&'+-]{0,30}\s(?:->|→|=>|=))\s+\S/;

/** The names of the design's components: a wrapped line may open with one ("...is sent to the load balancer,\nHAProxy..."). */
const COMPONENT_WORD = anyOf(...LOAD_BALANCER_NAMES, ...WEB_SERVER_NAMES, ...APP_SERVER_NAMES, ...DATABASE_NAMES, ...FIREWALL_NAMES, ...MONITORING_NAMES, ...CERTIFICATE_NAMES, ...MACHINE_NAMES);

/**
 * Plain-text notes write one statement a line, without a full stop: "...it would be a disaster if it
 * goes down" then "After each update the web server should go down". A line that states something (a
 * finite verb) and ends on no punctuation and no word needing what follows, followed by a line that
 * states something too and opens with a capitalised word that is no component's name ("Nginx serves
 * files" may be a wrapped sentence's end), ends its statement.
 */
function endsStatement(line: string, next: string): boolean {
  const end = line.trimEnd();
  if (!end || /[.!?:;,(\-–—/&+=|]$/.test(end) || OPEN_ENDED.test(end)) return false;
  const first = /^\s*([A-Z][a-z]+)\b/.exec(next)?.[1];
  return first !== undefined && !COMPONENT_WORD.test(first.toLowerCase()) && hasFiniteVerb(plainText(end)) && hasFiniteVerb(plainText(next));
}

/**
 * A writer who capitalises nothing titles in lower case too: "primary replica" then "the application
 * write only in the primary". A line that names (no verb, no determiner opening it) above a line that
 * opens a statement of its own (its subject first), both in lower case, is a title; a
 * sentence wrapped after its subject goes on with its verb ("the load balancer" / "sends the requests").
 */
function lowerCaseTitle(line: string, next: string): boolean {
  return /^\s*[a-z]/.test(line) && !LOWER_CASE_SUBJECT.test(line) && LOWER_CASE_SUBJECT.test(next) && !hasFiniteVerb(plainText(line));
}
const LOWER_CASE_SUBJECT = /^\s*(?:the|a|an|we|i|it|our|my|this|these|each|every|all|both|they|there|he|she|if|when)\s/;

/**
 * Plain-text answers put a title on its own line right above its text, with no blank line:
 * "Issues With This Infrastructure" then "Elevated maintenance costs." Such a line (short, no
 * closing punctuation, followed by a capitalised line) is a unit of its own, so that it can head
 * what follows; so is each line of a plain-text list of "Label: text" entries. Returns the
 * paragraph's pieces with the line each starts on.
 */
function paragraphPieces(lines: string[], firstLine: number): { text: string; line: number }[] {
  // Notes whose lines each carry their own "why:" or arrow ("one more server, why: ...") are one entry a line.
  if (lines.filter((l) => ENTRY_MARK.test(l)).length >= 2) return lines.map((text, k) => ({ text, line: firstLine + k })).filter((p) => p.text.trim());
  const pieces: { text: string; line: number }[] = [];
  let start = 0;
  for (let i = 0; i < lines.length - 1; i++) {
    const isTitle = looksLikeTitle(lines[i]!) && (/^\s*[A-Z0-9]/.test(lines[i + 1]!) || lowerCaseTitle(lines[i]!, lines[i + 1]!));
    const startsUnit = i === start || /[.!?:]$/.test(lines[i - 1]!.trim());
    if (isTitle && startsUnit) {
      if (i > start) pieces.push({ text: lines.slice(start, i).join(' '), line: firstLine + start });
      pieces.push({ text: lines[i]!, line: firstLine + i });
      start = i + 1;
    } else if (LABEL_LINE.test(lines[i + 1]!) || endsStatement(lines[i]!, lines[i + 1]!)) {
      // "Separate Web Server: ..." on the next line starts an entry of its own.
      pieces.push({ text: lines.slice(start, i + 1).join(' '), line: firstLine + start });
      start = i + 1;
    }
  }
  pieces.push({ text: lines.slice(start).join(' '), line: firstLine + start });
  return pieces;
}
