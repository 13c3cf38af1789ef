import { firstChars } from './first-chars.js';
import type { Token } from './lr-parser.js';

/**
 * A jison-style lexer engine: a stack of states, rules tried in order (first match wins), actions
 * that push or pop states and return a token type (or nothing, to skip the text). The flowchart and
 * sequence lexers are tables of rules run by it.
 */
export interface LexerState {
  stack: string[];
  /** Free for a grammar's own flags (the flowchart's "first graph keyword"). */
  flags: Record<string, boolean>;
}

export interface LexRule<C> {
  /** Sticky regular expression, or a matcher returning the match length (-1 for none). */
  match: RegExp | ((ctx: C, at: number) => number);
  /** States the rule is active in; '*' for every state. */
  states: readonly string[] | '*';
  action: (lx: LexerState, match: string) => { type: string | null; text?: string };
}

export interface LexOptions {
  /** Token emitted at the end of input when the lexer is in its initial state (jison's `<<EOF>>`/`$` rule). */
  endToken?: string;
}

/**
 * The rules to try in each state for each first character (0-127, and 128 for any other), per rule
 * table: computed once per table, not once per diagram. A rule whose match cannot start with the
 * character is left out; the order of the others is kept, so the first match is the same.
 */
const DISPATCH = new WeakMap<object, Map<string, unknown[][]>>();

function dispatchTable<C>(rules: readonly LexRule<C>[], state: string): LexRule<C>[][] {
  let byState = DISPATCH.get(rules);
  if (!byState) {
    byState = new Map();
    DISPATCH.set(rules, byState);
  }
  let table = byState.get(state) as LexRule<C>[][] | undefined;
  if (!table) {
    const active = rules.filter((r) => r.states === '*' || r.states.includes(state));
    // The engine matches at a position and reads the match's end from lastIndex: only a sticky expression does both.
    for (const r of active) if (r.match instanceof RegExp && !r.match.sticky) throw new Error(`lexer rule ${r.match} is not sticky (flag y)`);
    const firsts = active.map((r) => (r.match instanceof RegExp ? firstChars(r.match) : null));
    table = Array.from({ length: 129 }, (_, code) => active.filter((_r, k) => {
      const first = firsts[k];
      return !first || (code < 128 ? first.ascii[code] === 1 : first.other);
    }));
    byState.set(state, table as unknown[][]);
  }
  return table;
}

export function runStateLexer<C>(text: string, rules: readonly LexRule<C>[], ctx: C, options: LexOptions = {}): Token[] {
  const lx: LexerState = { stack: ['INITIAL'], flags: {} };
  let tableState = '';
  let table: LexRule<C>[][] = [];
  const tokens: Token[] = [];
  let pos = 0;
  // Zero-length matches that change no state could loop; jison would too, so a bound stops them.
  let steps = 0;
  const maxSteps = text.length * 4 + 100;
  while (pos < text.length && steps++ < maxSteps) {
    const state = lx.stack[lx.stack.length - 1] ?? 'INITIAL';
    if (state !== tableState) {
      table = dispatchTable(rules, state);
      tableState = state;
    }
    let matched = false;
    const code = text.charCodeAt(pos);
    for (const rule of table[code < 128 ? code : 128]!) {
      let length: number;
      const match = rule.match;
      // typeof, not instanceof RegExp: a rule is tried at every token, and instanceof walks the prototype chain.
      if (typeof match === 'function') {
        length = match(ctx, pos);
      } else {
        // A sticky expression's match ends where it leaves lastIndex: test() says where without
        // building the match array exec() returns (one per token, groups and all).
        match.lastIndex = pos;
        length = match.test(text) ? match.lastIndex - pos : -1;
      }
      if (length < 0) continue;
      const matchText = text.slice(pos, pos + length);
      const result = rule.action(lx, matchText);
      if (result.type) tokens.push({ type: result.type, text: result.text ?? matchText, start: pos, end: pos + length });
      matched = true;
      pos += length;
      break;
    }
    if (!matched) {
      tokens.push({ type: 'INVALID', text: text[pos]!, start: pos, end: pos + 1 });
      pos++;
    }
  }
  if (options.endToken && (lx.stack[lx.stack.length - 1] ?? 'INITIAL') === 'INITIAL') {
    tokens.push({ type: options.endToken, text: '', start: text.length, end: text.length });
  }
  return tokens;
}

// The results of these actions are the same object at every match (the engine only reads them):
// a token costs no extra allocation.
export const ret = (type: string) => {
  const result = { type };
  return () => result;
};
const SKIPPED = { type: null };
export const skip = () => SKIPPED;
export const push = (state: string, type: string | null) => {
  const result = { type };
  return (lx: LexerState) => {
    lx.stack.push(state);
    return result;
  };
};
export const pop = (type: string | null, times = 1) => {
  const result = { type };
  return (lx: LexerState) => {
    for (let i = 0; i < times; i++) lx.stack.pop();
    return result;
  };
};
