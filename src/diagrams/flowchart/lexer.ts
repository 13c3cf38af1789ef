import type { Token } from '../lr/lr-parser.js';
import { isRegexSpace } from '../../chars.js';
import { pop, push, ret, runStateLexer, type LexerState, type LexRule } from '../lr/state-lexer.js';

/**
 * The flowchart lexer, rule for rule as Mermaid 12.3's jison lexer behaves: a stack of states,
 * rules tried in their order (first match wins, not the longest), and actions that push or pop
 * states. Rules whose regular expression would rescan a line or a whitespace run at every token
 * are written as small matchers instead, so lexing stays linear in the input.
 */

interface LexContext {
  text: string;
  /** Index of the first non-whitespace character at or after each offset. */
  nextNonSpace: Int32Array;
  /** For each line, the last start of `direction <dir>` per direction (or -1). */
  directionStarts: Map<number, Map<string, number>>;
  lineOf: (offset: number) => number;
  lineEnd: (offset: number) => number;
  /** For each offset inside a run of link-id characters, the last usable `@` of the run (null: the text holds no `@`). */
  linkIdAt: Int32Array | null;
  /** The offset of the last line feed before each offset (-1 for none). */
  lastFeedBefore: Int32Array;
}

type Rule = LexRule<LexContext>;

const graph = (lx: LexerState) => {
  if (!lx.flags.graphSeen) {
    lx.flags.graphSeen = true;
    lx.stack.push('dir');
  }
  return { type: 'GRAPH' };
};

/** `\s*<body>\s*` where body starts with a non-space character: no backtracking into the spaces. */
function spaced(body: RegExp): (ctx: LexContext, at: number) => number {
  const sticky = new RegExp(body.source, 'y');
  return (ctx, at) => {
    const q = ctx.nextNonSpace[at]!;
    sticky.lastIndex = q;
    // The match ends at lastIndex (see runStateLexer): no match array built.
    if (!sticky.test(ctx.text)) return -1;
    return ctx.nextNonSpace[sticky.lastIndex]! - at;
  };
}

/**
 * `\s*<body>` where body starts with a non-space character: the spaces are skipped with the
 * context, not rescanned from every space of a run (the `dir` state tries these rules at each
 * character of `graph T` and a long run of tabs: quadratic as regexes).
 */
function afterSpaces(body: RegExp): (ctx: LexContext, at: number) => number {
  if (!body.sticky) throw new Error(`${body} must be sticky (flag y)`);
  return (ctx, at) => {
    const q = ctx.nextNonSpace[at]!;
    body.lastIndex = q;
    return body.test(ctx.text) ? body.lastIndex - at : -1;
  };
}

/** `(\r?\n)*\s*\n`: the spaces from `at` hold a line feed; the match ends at the last one of the run. */
const feedsInSpaces = (ctx: LexContext, at: number): number => {
  const feed = ctx.lastFeedBefore[ctx.nextNonSpace[at]!]!;
  return feed >= at ? feed + 1 - at : -1;
};

/** `.*direction\s+XX[^\n]*`: some `direction XX` starts on this line at or after `at`. */
function direction(dir: string): (ctx: LexContext, at: number) => number {
  return (ctx, at) => {
    // Tried at every token of most states: a diagram without `direction` (most) answers at once.
    if (!ctx.directionStarts.size) return -1;
    const line = ctx.lineOf(at);
    const start = ctx.directionStarts.get(line)?.get(dir) ?? -1;
    if (start < at) return -1;
    // `\s+` may run onto later lines; the match ends at the end of the line holding the direction.
    const word = /direction\s+/y;
    word.lastIndex = start;
    const m = word.exec(ctx.text)!;
    return ctx.lineEnd(start + m[0].length + dir.length) - at;
  };
}

/** `[^\s"[\](){}|]+@(?=[^{"])`: a link id such as `e1@`. */
const linkId = (ctx: LexContext, at: number): number => {
  if (!ctx.linkIdAt) return -1;
  const at_ = ctx.linkIdAt[at]!;
  return at_ > at ? at_ - at + 1 : -1;
};

// Letters beyond ASCII that may appear in ids (Mermaid lists the BMP letter ranges).
const UNICODE_LETTER = /[\p{L}]/uy;

const RULES: Rule[] = [
  { match: /accTitle\s*:\s*/y, states: ['INITIAL'], action: push('acc_title', 'acc_title') },
  { match: /[^\n]*/y, states: ['acc_title'], action: pop('acc_title_value') },
  { match: /accDescr\s*:\s*/y, states: ['INITIAL'], action: push('acc_descr', 'acc_descr') },
  { match: /[^\n]*/y, states: ['acc_descr'], action: pop('acc_descr_value') },
  { match: /accDescr\s*\{\s*/y, states: ['INITIAL'], action: push('acc_descr_multiline', null) },
  { match: /\}/y, states: ['acc_descr_multiline'], action: pop(null) },
  { match: /[^}]*/y, states: ['acc_descr_multiline'], action: ret('acc_descr_multiline_value') },
  { match: /@\{/y, states: ['INITIAL'], action: (lx: LexerState) => (lx.stack.push('shapeData'), { type: 'SHAPE_DATA', text: '' }) },
  { match: /"/y, states: ['shapeData'], action: push('shapeDataStr', 'SHAPE_DATA') },
  { match: /"/y, states: ['shapeDataStr'], action: pop('SHAPE_DATA') },
  { match: /[^"]+/y, states: ['shapeDataStr'], action: (_lx: LexerState, m: string) => ({ type: 'SHAPE_DATA', text: m.replace(/\n\s*/g, '<br/>') }) },
  { match: /[^}^"]+/y, states: ['shapeData'], action: ret('SHAPE_DATA') },
  { match: /\}/y, states: ['shapeData'], action: pop(null) },
  { match: /call\s+/y, states: ['INITIAL'], action: push('callbackname', null) },
  { match: /\(\s*\)/y, states: ['callbackname'], action: pop(null) },
  { match: /\(/y, states: ['callbackname'], action: (lx: LexerState) => (lx.stack.pop(), lx.stack.push('callbackargs'), { type: null }) },
  { match: /[^(]*/y, states: ['callbackname'], action: ret('CALLBACKNAME') },
  { match: /\)/y, states: ['callbackargs'], action: pop(null) },
  { match: /[^)]*/y, states: ['callbackargs'], action: ret('CALLBACKARGS') },
  { match: /[^`"]+/y, states: ['md_string'], action: ret('MD_STR') },
  { match: /`"/y, states: ['md_string'], action: pop(null) },
  { match: /"`/y, states: '*', action: push('md_string', null) },
  { match: /[^"]+/y, states: ['string'], action: ret('STR') },
  { match: /"/y, states: ['string'], action: pop(null) },
  { match: /"/y, states: '*', action: push('string', null) },
  { match: /style\b/y, states: ['INITIAL'], action: ret('STYLE') },
  { match: /default\b/y, states: ['INITIAL'], action: ret('DEFAULT') },
  { match: /linkStyle\b/y, states: ['INITIAL'], action: ret('LINKSTYLE') },
  { match: /interpolate\b/y, states: ['INITIAL'], action: ret('INTERPOLATE') },
  { match: /classDef\b/y, states: ['INITIAL'], action: ret('CLASSDEF') },
  { match: /class\b/y, states: ['INITIAL'], action: ret('CLASS') },
  { match: /href\s/y, states: ['INITIAL'], action: ret('HREF') },
  { match: /click\s+/y, states: ['INITIAL'], action: push('click', null) },
  { match: /\s/y, states: ['click'], action: pop(null) },
  { match: /[^\s]*/y, states: ['click'], action: ret('CLICK') },
  { match: /flowchart-elk\b/y, states: ['INITIAL'], action: graph },
  { match: /swimlane-beta\b/y, states: ['INITIAL'], action: graph },
  { match: /graph\b/y, states: ['INITIAL'], action: graph },
  { match: /flowchart\b/y, states: ['INITIAL'], action: graph },
  { match: /subgraph\b/y, states: ['INITIAL'], action: ret('subgraph') },
  { match: /end\b\s*/y, states: ['INITIAL'], action: ret('end') },
  { match: /(_self|_blank|_parent|_top)\b/y, states: ['INITIAL'], action: ret('LINK_TARGET') },
  { match: feedsInSpaces, states: ['dir'], action: pop('NODIR') },
  { match: afterSpaces(/(LR|RL|TB|BT|TD|BR)\b/y), states: ['dir'], action: pop('DIR') },
  { match: afterSpaces(/[<>^]/y), states: ['dir'], action: pop('DIR') },
  { match: afterSpaces(/v\b/y), states: ['dir'], action: pop('DIR') },
  { match: direction('TB'), states: ['INITIAL'], action: ret('direction_tb') },
  { match: direction('BT'), states: ['INITIAL'], action: ret('direction_bt') },
  { match: direction('RL'), states: ['INITIAL'], action: ret('direction_rl') },
  { match: direction('LR'), states: ['INITIAL'], action: ret('direction_lr') },
  { match: direction('TD'), states: ['INITIAL'], action: ret('direction_td') },
  { match: linkId, states: ['INITIAL'], action: ret('LINK_ID') },
  { match: /[0-9]+/y, states: ['INITIAL'], action: ret('NUM') },
  { match: /#/y, states: ['INITIAL'], action: ret('BRKT') },
  { match: /:::/y, states: ['INITIAL'], action: ret('STYLE_SEPARATOR') },
  { match: /:/y, states: ['INITIAL'], action: ret('COLON') },
  { match: /&/y, states: ['INITIAL'], action: ret('AMP') },
  { match: /;/y, states: ['INITIAL'], action: ret('SEMI') },
  { match: /,/y, states: ['INITIAL'], action: ret('COMMA') },
  { match: /\*/y, states: ['INITIAL'], action: ret('MULT') },
  { match: spaced(/[xo<]?--+[-xo>]/), states: ['INITIAL', 'edgeText'], action: pop('LINK') },
  { match: spaced(/[xo<]?--/), states: ['INITIAL'], action: push('edgeText', 'START_LINK') },
  { match: /[^-]|-(?!-)/y, states: ['edgeText'], action: ret('EDGE_TEXT') },
  { match: spaced(/[xo<]?==+[=xo>]/), states: ['INITIAL', 'thickEdgeText'], action: pop('LINK') },
  { match: spaced(/[xo<]?==/), states: ['INITIAL'], action: push('thickEdgeText', 'START_LINK') },
  { match: /[^=]/y, states: ['thickEdgeText'], action: ret('EDGE_TEXT') },
  { match: spaced(/[xo<]?-?\.+-[xo>]?/), states: ['INITIAL', 'dottedEdgeText'], action: pop('LINK') },
  { match: spaced(/[xo<]?-\./), states: ['INITIAL'], action: push('dottedEdgeText', 'START_LINK') },
  { match: /[^.]/y, states: ['dottedEdgeText'], action: ret('EDGE_TEXT') },
  { match: spaced(/~~~+/), states: '*', action: ret('LINK') },
  { match: /[-/)]\)/y, states: ['ellipseText'], action: pop('-)') },
  { match: /[^()[\]{}]/y, states: ['ellipseText'], action: ret('TEXT') },
  { match: /\(-/y, states: '*', action: push('ellipseText', '(-') },
  { match: /\]\)/y, states: ['text'], action: pop('STADIUMEND') },
  { match: /\(\[/y, states: '*', action: push('text', 'STADIUMSTART') },
  { match: /\]\]/y, states: ['text'], action: pop('SUBROUTINEEND') },
  { match: /\[\[/y, states: '*', action: push('text', 'SUBROUTINESTART') },
  { match: /\[\|/y, states: ['INITIAL'], action: ret('VERTEX_WITH_PROPS_START') },
  { match: />/y, states: ['INITIAL'], action: push('text', 'TAGEND') },
  { match: /\)\]/y, states: ['text'], action: pop('CYLINDEREND') },
  { match: /\[\(/y, states: '*', action: push('text', 'CYLINDERSTART') },
  { match: /\)\)\)/y, states: ['text'], action: pop('DOUBLECIRCLEEND') },
  { match: /\(\(\(/y, states: '*', action: push('text', 'DOUBLECIRCLESTART') },
  { match: /[\\(?=\]]\]/y, states: ['trapText'], action: pop('TRAPEND') },
  { match: /\/\]/y, states: ['trapText'], action: pop('INVTRAPEND') },
  { match: /\/(?!\])|\\(?!\])|[^\\[\](){}/]+/y, states: ['trapText'], action: ret('TEXT') },
  { match: /\[\//y, states: '*', action: push('trapText', 'TRAPSTART') },
  { match: /\[\\/y, states: '*', action: push('trapText', 'INVTRAPSTART') },
  { match: /</y, states: ['INITIAL'], action: ret('TAGSTART') },
  { match: />/y, states: ['INITIAL'], action: ret('TAGEND') },
  { match: /\^/y, states: ['INITIAL'], action: ret('UP') },
  { match: /\\\|/y, states: ['INITIAL'], action: ret('SEP') },
  { match: /v\b/y, states: ['INITIAL'], action: ret('DOWN') },
  { match: /\*/y, states: ['INITIAL'], action: ret('MULT') },
  { match: /#/y, states: ['INITIAL'], action: ret('BRKT') },
  { match: /&/y, states: ['INITIAL'], action: ret('AMP') },
  { match: /(?:[A-Za-z0-9!"#$%&'*+.`?\\_/]|-(?=[^>\-.]))+/y, states: ['INITIAL'], action: ret('NODE_STRING') },
  { match: /-/y, states: ['INITIAL'], action: ret('MINUS') },
  { match: UNICODE_LETTER, states: ['INITIAL'], action: ret('UNICODE_TEXT') },
  { match: /\|/y, states: ['text'], action: pop('PIPE') },
  { match: /\|/y, states: '*', action: push('text', 'PIPE') },
  { match: /\)/y, states: ['text'], action: pop('PE') },
  { match: /\(/y, states: '*', action: push('text', 'PS') },
  { match: /\]/y, states: ['text'], action: pop('SQE') },
  { match: /\[/y, states: '*', action: push('text', 'SQS') },
  { match: /\}/y, states: ['text'], action: pop('DIAMOND_STOP') },
  { match: /\{/y, states: '*', action: push('text', 'DIAMOND_START') },
  { match: /[^[\](){}|"]+/y, states: ['text'], action: ret('TEXT') },
  { match: /"/y, states: ['INITIAL'], action: ret('QUOTE') },
  { match: /(\r?\n)+/y, states: ['INITIAL'], action: ret('NEWLINE') },
  { match: /[^\S\n\r]+/y, states: ['INITIAL'], action: ret('SPACE') },
];

/** `"[](){}|`: characters that end a run of link-id characters, besides whitespace. */
const NOT_IN_LINK_ID = new Uint8Array(128);
for (const c of '"[](){}|') NOT_IN_LINK_ID[c.charCodeAt(0)] = 1;

function buildContext(text: string): LexContext {
  const n = text.length;
  const nextNonSpace = new Int32Array(n + 1);
  nextNonSpace[n] = n;
  for (let i = n - 1; i >= 0; i--) nextNonSpace[i] = isRegexSpace(text.charCodeAt(i)) ? nextNonSpace[i + 1]! : i;
  const lineStarts: number[] = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineOf = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const lineEnd = (offset: number) => {
    const next = text.indexOf('\n', offset);
    return next < 0 ? n : next;
  };
  const directionStarts = new Map<number, Map<string, number>>();
  // Most diagrams say no `direction`: no regex pass over them then.
  const directions = text.includes('direction') ? text.matchAll(/direction\s+(TB|BT|RL|LR|TD)/g) : [];
  for (const m of directions) {
    const line = lineOf(m.index);
    const row = directionStarts.get(line) ?? new Map<string, number>();
    row.set(m[1]!, m.index);
    directionStarts.set(line, row);
  }
  const lastFeedBefore = new Int32Array(n + 1);
  lastFeedBefore[0] = -1;
  for (let i = 1; i <= n; i++) lastFeedBefore[i] = text.charCodeAt(i - 1) === 10 ? i - 1 : lastFeedBefore[i - 1]!;
  // Only a text holding an `@` can hold a link id (most diagrams hold none): no pass over it then.
  const linkIdAt = text.includes('@') ? linkIds(text) : null;
  return { text, nextNonSpace, directionStarts, lineOf, lineEnd, linkIdAt, lastFeedBefore };
}

/**
 * A link id is a run of characters other than whitespace, quotes, brackets and pipes, ending at an
 * `@` that is not followed by `{` or `"`; the regex backtracks to the last such `@` of the run.
 */
function linkIds(text: string): Int32Array {
  const n = text.length;
  const linkIdAt = new Int32Array(n + 1).fill(-1);
  const isRunChar = (code: number) => !isRegexSpace(code) && NOT_IN_LINK_ID[code] !== 1;
  for (let i = 0; i < n; ) {
    if (!isRunChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i;
    let at = -1;
    while (j < n && isRunChar(text.charCodeAt(j))) {
      if (text.charCodeAt(j) === 64) at = j;
      j++;
    }
    let last = -1;
    // Only a run holding an `@` can hold a link id (most runs hold none).
    if (at > i) for (let k = at; k > i && last < 0; k--) if (text[k] === '@' && k + 1 < n && text[k + 1] !== '{' && text[k + 1] !== '"') last = k;
    if (last > 0) for (let k = i; k < last; k++) linkIdAt[k] = last;
    i = j;
  }
  return linkIdAt;
}

/** Tokenises a prepared flowchart text. Unmatched characters become `INVALID` tokens. */
export function lexFlowchart(text: string): { tokens: Token[] } {
  return { tokens: runStateLexer(text, RULES, buildContext(text), { endToken: 'EOF' }) };
}
