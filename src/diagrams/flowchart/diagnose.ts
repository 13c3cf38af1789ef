import { shortened } from '../../chars.js';
import type { SyntaxErrorAt, Token } from '../lr/lr-parser.js';
import type { DiagramError } from '../types.js';
import { describeOpenLabel, openLabelAt } from './open-label.js';
import { quotedLabelFix, singleDashArrows, trailingCommentStart } from './source-fixes.js';

/** What the diagnosis needs to know about the parse. */
export interface DiagnosisContext {
  raw: string;
  tokens: Token[];
  /** Diagram position of an offset of the prepared text. */
  position: (offset: number) => { line: number; column: number };
  /** Diagram position of an offset of the raw text. */
  rawPosition: (offset: number) => { line: number; column: number };
}

const LABEL_CLOSERS = ['SQE', 'PE', 'DIAMOND_STOP', 'STADIUMEND', 'SUBROUTINEEND', 'CYLINDEREND', 'DOUBLECIRCLEEND', 'TRAPEND', 'INVTRAPEND', '-)'];
const OPENERS = ['SQS', 'PS', 'DIAMOND_START', 'STADIUMSTART', 'SUBROUTINESTART', 'CYLINDERSTART', 'DOUBLECIRCLESTART', 'TRAPSTART', 'INVTRAPSTART', '(-', 'TAGEND'];
/** Tokens that cannot stand inside an unquoted label: where Mermaid fails when a label holds them. */
const LABEL_BREAKERS = ['SQS', 'SQE', 'DIAMOND_START', 'DIAMOND_STOP', 'STR', 'MD_STR', 'PIPE', 'STADIUMSTART', 'CYLINDERSTART', 'SUBROUTINESTART'];
const ID_TOKENS = ['NODE_STRING', 'NUM', 'UNICODE_TEXT', 'MINUS', 'AMP', 'COLON', 'BRKT', 'MULT', 'COMMA', 'DEFAULT', 'DOWN'];

const WORDS: Record<string, string> = {
  NEWLINE: 'end of line', SEMI: '`;`', SPACE: 'space', EOF: 'end of diagram', $end: 'end of diagram', LINK: 'an arrow',
  START_LINK: 'an arrow', NODE_STRING: 'a node id', SQE: '`]`', PE: '`)`', DIAMOND_STOP: '`}`', PIPE: '`|`', TEXT: 'label text',
  end: '`end`', AMP: '`&`', STYLE_SEPARATOR: '`:::`', SQS: '`[`', PS: '`(`', DIAMOND_START: '`{`',
};

function describeToken(t: Token): string {
  if (t.type === '$end' || t.type === 'EOF') return 'the end of the diagram';
  if (t.type === 'NEWLINE') return 'the end of the line';
  const shown = t.text.trim() || t.text;
  return `\`${shortened(shown, 25)}\``;
}

function expectedWords(expected: string[]): string {
  const words = [...new Set(expected.map((e) => WORDS[e]).filter(Boolean))];
  return words.length ? ` Mermaid expected ${words.slice(0, 5).join(', ')}.` : '';
}

/** Likely causes seen in the raw text: Mermaid often fails later than the real mistake. */
function textualCauses(ctx: DiagnosisContext, upTo: number): DiagramError[] {
  const causes: DiagramError[] = [];
  const text = ctx.raw.slice(0, upTo);
  for (const { at, arrow } of singleDashArrows(text)) {
    const before = text.slice(text.lastIndexOf('\n', at) + 1, at);
    if ((before.match(/"/g)?.length ?? 0) % 2 === 1) continue;
    const message = arrow === '->>' ? '`->>` is a sequence diagram arrow, not a flowchart one.' : `\`${arrow}\` is not a Mermaid flowchart arrow.`;
    causes.push({ code: 'single-dash-arrow', message, ...ctx.rawPosition(at), text: arrow, hint: 'Use `-->` (two dashes) for an arrow.' });
  }
  let lineStart = 0;
  for (const line of text.split('\n')) {
    const cut = trailingCommentStart(line);
    if (cut >= 0) {
      causes.push({ code: 'comment-after-statement', message: 'A `%%` comment must be on its own line in a flowchart; after a statement it is read as text.', ...ctx.rawPosition(lineStart + cut), text: '%%', hint: 'Move the comment to a line of its own.' });
    }
    lineStart += line.length + 1;
  }
  return causes;
}

/**
 * Turns the first syntax error into messages a student can act on: a stable code, the position
 * Mermaid reports (so it matches what GitHub shows), the offending text and a fix; and, when the
 * real mistake lies earlier than where Mermaid gave up, that place too.
 */
export function diagnoseFlowchart(error: SyntaxErrorAt, ctx: DiagnosisContext): DiagramError[] {
  const { token, expected } = error;
  const index = ctx.tokens.indexOf(token);
  // At the end of the text Mermaid reports the position after the last line, as GitHub shows it;
  // the statement left unfinished is added as a cause below.
  const lastContent = [...ctx.tokens].reverse().find((t) => !['NEWLINE', 'SPACE', 'EOF'].includes(t.type) && t.text.trim());
  const at = ctx.position(token.start);
  const rawOffset = rawOffsetOf(ctx, at);
  const previous = index > 0 ? ctx.tokens[index - 1] : undefined;
  const beforePrevious = index > 1 ? ctx.tokens[index - 2] : undefined;
  const inLabel = expected.some((e) => LABEL_CLOSERS.includes(e)) || expected.includes('TEXT');
  const opener = [...ctx.tokens.slice(0, Math.max(0, index))].reverse().find((t) => t.type === 'PIPE' || OPENERS.includes(t.type));
  const inPipe = opener?.type === 'PIPE';
  const lineEnd = ctx.raw.indexOf('\n', rawOffset);
  const causes = textualCauses(ctx, lineEnd < 0 ? ctx.raw.length : lineEnd);
  const base = (code: string, message: string, hint?: string): DiagramError => ({ code, message, ...at, text: token.text.trim() || token.text, ...(hint ? { hint } : {}) });
  // The label Mermaid failed in: opened by a `->` (`A->B` opens the shape `>B`), or left open.
  const openerAt = opener ? openerOffset(ctx, opener) : -1;
  const arrowOpenedIt = inLabel ? causes.find((c) => c.code === 'single-dash-arrow' && rawOffsetOf(ctx, c) === openerAt - 1) : undefined;
  const breaksLabel = inLabel && ['PS', 'PE', ...LABEL_BREAKERS].includes(token.type);
  const leftOpen = breaksLabel && !arrowOpenedIt && opener ? openLabelError(ctx, opener, at) : null;
  let main: DiagramError;

  if (!ctx.tokens.slice(0, index).some((t) => t.type === 'GRAPH') && token.text.trim() === '---') {
    main = base('front-matter-not-first', 'Front matter (---) must be the very first line of the diagram: blank lines before it make Mermaid read it as diagram text.', 'Remove the blank lines above the opening ---.');
  } else if (index === 0 || !ctx.tokens.slice(0, index).some((t) => t.type === 'GRAPH')) {
    const first = ctx.tokens.find((t) => t.type !== 'SPACE' && t.type !== 'NEWLINE');
    const word = first?.text.trim() ?? '';
    main = base('missing-header', `A flowchart must start with \`flowchart\` or \`graph\`, found \`${word.slice(0, 20)}\`.`, /^(graph|flowchart)$/i.test(word) ? `Mermaid keywords are case-sensitive: write \`${word.toLowerCase()}\`.` : 'Start the diagram with `flowchart TD` (or `graph TD`).');
  } else if (leftOpen) {
    main = leftOpen;
  } else if (inLabel && (token.type === 'PS' || token.type === 'PE')) {
    const fix = quotedLabelFix(ctx.raw, rawOffset, inPipe);
    main = base('unquoted-parenthesis-in-label', `\`${token.text}\` inside an unquoted ${inPipe ? 'edge' : 'node'} label is not allowed.`, fix ? `Put the label in double quotes: \`${fix}\`.` : 'Put the whole label in double quotes: `DB["Database (MySQL)"]`.');
  } else if (breaksLabel) {
    const fix = quotedLabelFix(ctx.raw, rawOffset, inPipe);
    const what = token.type === 'STR' || token.type === 'MD_STR' ? 'A quote' : `\`${token.text.trim()}\``;
    main = base('unquoted-special-in-label', `${what} inside an unquoted label is not allowed.`, fix ? `Put the label in double quotes: \`${fix}\` (write a quote inside it as #quot;).` : 'Put the whole label in double quotes (write a quote inside it as #quot;).');
  } else if (token.type === 'end' && lineOf(ctx.raw, rawOffset).trim() === 'end' && !unclosed(ctx.tokens, index).subgraph) {
    main = base('end-without-subgraph', 'This `end` closes no subgraph: every subgraph before it is already closed.', 'Remove this line, or add the `subgraph Name` line it was meant to close.');
  } else if (token.type === 'end' && (expected.includes('NODE_STRING') || expected.includes('SPACE'))) {
    main = base('end-as-node-id', '`end` is a keyword in Mermaid flowcharts and cannot be a node id.', 'Rename the node: `End`, `END` or `endNode` work, or give it a label: `done[end]`.');
  } else if (OPENERS.includes(token.type) && previous?.type === 'SPACE' && beforePrevious && ctx.tokens[index - 3]?.type === 'SPACE' && ctx.tokens[index - 4]?.type === 'subgraph') {
    // `subgraph DMZ [/Public zone]`: a title may follow its id after a space, but `[/` opens a shape.
    const title = shortened(lineOf(ctx.raw, rawOffset).trim().replace(/\[([/\\][^\]"]*)\]$/, '["$1"]'), 80);
    main = base('unquoted-special-in-label', `A subgraph title cannot start with \`${token.text.trim().slice(1)}\`: Mermaid reads \`${token.text.trim()}\` as the start of a shape.`, `Put the title in double quotes: \`${title}\`.`);
  } else if (OPENERS.includes(token.type) && previous?.type === 'SPACE' && beforePrevious && ID_TOKENS.includes(beforePrevious.type)) {
    main = base('space-before-shape', `A space between the node id \`${beforePrevious.text}\` and \`${token.text.trim()}\` is not allowed.`, `Write \`${beforePrevious.text}${token.text.trim()}...\` with no space.`);
  } else if (token.type === 'INVALID' && previous?.type === 'GRAPH') {
    const written = /^[ \t]*([^\s;]*)/.exec(ctx.raw.slice(rawOffset))![1]!;
    const meant = /^(tb|td|bt|rl|lr)$/i.test(written) ? written.toUpperCase() : null;
    main = meant
      ? base('bad-direction', `\`${written}\` is not a flowchart direction: directions are upper case. Did you mean \`${previous.text.trim()} ${meant}\`?`, `Write \`${previous.text.trim()} ${meant}\`.`)
      : base('bad-direction', 'This is not a flowchart direction (TB, TD, BT, RL or LR); directions are case-sensitive.', `Write \`${previous.text.trim()} TD\` or \`${previous.text.trim()} LR\` (upper case).`);
    if (meant) main = { ...main, text: written };
  } else if (token.type === '$end' || token.type === 'EOF') {
    const open = unclosed(ctx.tokens, index < 0 ? ctx.tokens.length : index);
    const labelLeftOpen = open.label ? openLabelError(ctx, open.label, at) : null;
    // An edge label left open at the end names its place only when a node follows it (`A -->|yes B`);
    // `A -->|yes` is a statement left unfinished.
    const pipe = lastPipe(ctx.tokens, index);
    const openPipe = pipe ? openLabelError(ctx, pipe, at, { placed: true }) : null;
    if (open.subgraph) {
      main = { ...base('unclosed-subgraph', 'This subgraph is never closed: Mermaid reaches the end of the diagram still inside it.', 'Add a line holding only `end` after the last node of the subgraph.'), text: 'subgraph', cause: ctx.position(open.subgraph.start) };
    } else if (labelLeftOpen) {
      main = labelLeftOpen;
    } else if (open.label) {
      main = { ...base('unclosed-label', `This label, opened with \`${open.label.text.trim()}\`, is never closed, so the rest of the diagram became its text.`, 'Close the label on the same line (and quote it if it holds brackets): `A["text"]`.'), text: open.label.text.trim(), cause: ctx.position(open.label.start) };
    } else if (openPipe) {
      main = openPipe;
    } else {
      main = base('unexpected-end', `The diagram ends in the middle of a statement${lastContent ? ` (after ${describeToken(lastContent)})` : ''}.${expectedWords(expected)}`, 'Finish the last statement, e.g. an arrow needs a node after it.');
      if (lastContent) main = { ...main, text: lastContent.text.trim(), cause: ctx.position(lastContent.start) };
    }
  } else if (token.type === 'INVALID') {
    main = base('unexpected-character', `Mermaid cannot read the character ${describeToken(token)} here.`, 'Remove it, or put the text in a quoted label: `A["..."]`.');
  } else {
    main = base('syntax-error', `Mermaid cannot read ${describeToken(token)} here.${expectedWords(expected)}`);
  }
  // The real mistake, when it lies before where Mermaid stops: one error, at Mermaid's place, caused there.
  // A cause after where Mermaid fails, across nothing but spaces (`subgraph X [Title] %% note` fails at the space), is it too.
  const first = arrowOpenedIt ?? causes.find((c) => c.line < main.line || (c.line === main.line && (c.column <= main.column || !ctx.raw.slice(rawOffset, rawOffsetOf(ctx, c)).trim())));
  const folded = first && main.code !== first.code && (first === arrowOpenedIt || !['unquoted-parenthesis-in-label', 'unquoted-special-in-label', 'end-as-node-id', 'space-before-shape', 'missing-header', 'unclosed-subgraph', 'unclosed-label', 'unclosed-quote', 'end-without-subgraph'].includes(main.code)) ? first : null;
  if (folded) {
    const later = folded.line !== main.line ? ` (Mermaid reports it at line ${main.line}.)` : '';
    main = { ...main, code: folded.code, message: `${folded.message}${later}`, ...(folded.text ? { text: folded.text } : {}), ...(folded.hint ? { hint: folded.hint } : {}), cause: { line: folded.line, column: folded.column } };
  }
  return [main, ...causes.filter((c) => c !== folded && (c.code !== main.code || c.line !== main.line))];
}

/** Where a label's opener (`[`, `((`, `|`...) starts in the raw text. */
function openerOffset(ctx: DiagnosisContext, opener: Token): number {
  return rawOffsetOf(ctx, ctx.position(opener.start + opener.text.indexOf(opener.text.trim())));
}

/**
 * The error for a label left open (reported where Mermaid fails, caused at the opener), or null;
 * with `placed`, only when the place to close it is known.
 */
function openLabelError(ctx: DiagnosisContext, opener: Token, at: { line: number; column: number }, { placed = false } = {}): DiagramError | null {
  let shown = opener.text.trim();
  let offset = openerOffset(ctx, opener);
  // A circle's `((` comes as two tokens: the shape opens at the first.
  while (shown !== '|' && offset > 0 && '([{'.includes(ctx.raw[offset - 1]!)) shown = ctx.raw[--offset]! + shown;
  const open = openLabelAt(ctx.raw, offset, shown);
  if (!open || (placed && !open.closedLine)) return null;
  return { ...at, ...describeOpenLabel(open, shown), text: shown, cause: ctx.rawPosition(offset) };
}

function rawOffsetOf(ctx: DiagnosisContext, pos: { line: number; column: number }): number {
  let line = 1;
  let i = 0;
  while (line < pos.line && i < ctx.raw.length) {
    if (ctx.raw[i] === '\n') line++;
    i++;
  }
  return Math.min(ctx.raw.length, i + pos.column - 1);
}

function unclosed(tokens: Token[], before: number): { subgraph: Token | null; label: Token | null } {
  const subgraphs: Token[] = [];
  let label: Token | null = null;
  for (let i = 0; i < before; i++) {
    const t = tokens[i]!;
    if (t.type === 'subgraph') subgraphs.push(t);
    else if (t.type === 'end') subgraphs.pop();
    else if (OPENERS.includes(t.type) && t.type !== 'TAGEND') label = t;
    else if (LABEL_CLOSERS.includes(t.type)) label = null;
  }
  return { subgraph: subgraphs[subgraphs.length - 1] ?? null, label };
}

function lineOf(raw: string, offset: number): string {
  const newline = raw.indexOf('\n', offset);
  return raw.slice(raw.lastIndexOf('\n', offset - 1) + 1, newline < 0 ? raw.length : newline);
}

/** The last `|` before the error, where an edge label may have been left open. */
function lastPipe(tokens: Token[], before: number): Token | undefined {
  return tokens.slice(0, before < 0 ? tokens.length : before).reverse().find((t) => t.type === 'PIPE');
}
