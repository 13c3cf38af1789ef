import { END, type LalrTables } from './lalr.js';

export interface Token {
  type: string;
  text: string;
  /** Offsets in the text the lexer read. */
  start: number;
  end: number;
}

export interface SyntaxErrorAt {
  /** The token the parser could not accept. */
  token: Token;
  /** Terminals that would have been accepted there. */
  expected: string[];
}

/** A local edit of the token stream tried at an error: replace `span` tokens with `tokens`. */
export interface Repair {
  span: number;
  tokens: Token[];
}

export interface LrOptions<V> {
  /** Value of a shifted token. */
  shift: (token: Token) => V;
  /** Semantic action of production `index` (numbered from 1, as in the grammar). */
  reduce: (index: number, values: V[]) => V;
  /** Edits to try at an error, best first. */
  repairs?: (tokens: Token[], at: number) => Repair[];
  /** Token types that end a statement: repairs are judged by reaching one. */
  separators?: ReadonlySet<string>;
  /** Stop at the first syntax error, as Mermaid does (no repair, no recovery). */
  stopOnError?: boolean;
}

const MAX_REPAIRS = 200;
const LOOKAHEAD = 40;

/**
 * The tables as flat arrays indexed by numbers, made once per tables object: a parse looks up an
 * action for every shift and every reduction, and a Map of strings per state (what the tables hold,
 * and what an error's `expected` list is read from) made those lookups two thirds of runLr's own
 * time. A token's type is numbered once per token instead.
 */
interface DenseTables {
  /** Number of each terminal some state acts on (END and `error` included). */
  terminal: Map<string, number>;
  terminals: number;
  /** action[state * terminals + terminal], NO_ACTION where the Map has none. */
  action: Int32Array;
  nonterminals: number;
  /** goto[state * nonterminals + nonterminal], -1 where the Map has none. */
  goto: Int32Array;
  /** Per production: its right-hand side's length and its left-hand side's number. */
  length: Int32Array;
  lhs: Int32Array;
}

const NO_ACTION = -0x80000000;
const DENSE = new WeakMap<LalrTables, DenseTables>();

function denseOf(tables: LalrTables): DenseTables {
  let dense = DENSE.get(tables);
  if (dense) return dense;
  const terminal = new Map<string, number>();
  for (const row of tables.action) for (const type of row.keys()) if (!terminal.has(type)) terminal.set(type, terminal.size);
  const nonterminal = new Map<string, number>();
  for (const p of tables.productions) if (!nonterminal.has(p.lhs)) nonterminal.set(p.lhs, nonterminal.size);
  for (const row of tables.goto) for (const sym of row.keys()) if (!nonterminal.has(sym)) nonterminal.set(sym, nonterminal.size);
  const states = tables.action.length;
  const action = new Int32Array(states * terminal.size).fill(NO_ACTION);
  const goto = new Int32Array(states * nonterminal.size).fill(-1);
  for (let s = 0; s < states; s++) {
    for (const [type, act] of tables.action[s]!) action[s * terminal.size + terminal.get(type)!] = act;
    for (const [sym, target] of tables.goto[s]!) goto[s * nonterminal.size + nonterminal.get(sym)!] = target;
  }
  dense = {
    terminal,
    terminals: terminal.size,
    action,
    nonterminals: nonterminal.size,
    goto,
    length: Int32Array.from(tables.productions, (p) => p.rhs.length),
    lhs: Int32Array.from(tables.productions, (p) => nonterminal.get(p.lhs)!),
  };
  DENSE.set(tables, dense);
  return dense;
}

/** The action of `state` on terminal number `t` (-1: a type no state acts on), NO_ACTION when none. */
function actionOf(dense: DenseTables, state: number, t: number): number {
  return t < 0 ? NO_ACTION : dense.action[state * dense.terminals + t]!;
}

/**
 * Runs an LALR(1) parse. Never throws on bad input: every syntax error is recorded, the stream is
 * repaired locally when a small edit lets the statement parse, and otherwise the parser recovers
 * through the grammar's `error` productions (yacc style), so later statements are still read.
 */
export function runLr<V>(tables: LalrTables, input: Token[], options: LrOptions<V>): SyntaxErrorAt[] {
  // Repairs edit the stream: then on a copy (a parse that stops at its first error never edits it).
  const tokens = options.stopOnError ? input : [...input];
  const errors: SyntaxErrorAt[] = [];
  const states: number[] = [0];
  const values: V[] = [];
  const dense = denseOf(tables);
  let i = 0;
  let repairs = 0;
  let lastRecoveryAt = -1;
  // The number of the token's type, read again only when the token changes (a repair may replace it).
  let numbered: Token | null = null;
  let t = -1;

  while (i <= tokens.length) {
    const token = tokens[i] ?? endToken(tokens);
    if (token !== numbered) {
      numbered = token;
      t = dense.terminal.get(token.type) ?? -1;
    }
    const state = states[states.length - 1]!;
    const act = actionOf(dense, state, t);
    if (act === NO_ACTION) {
      errors.push({ token, expected: [...tables.action[state]!.keys()].filter((type) => type !== 'error') });
      if (token.type === END || options.stopOnError) break;
      const repair = repairs < MAX_REPAIRS && options.repairs ? bestRepair(tables, states, tokens, i, options) : null;
      if (repair) {
        repairs++;
        tokens.splice(i, repair.span, ...repair.tokens);
        continue;
      }
      if (i === lastRecoveryAt || !recover(tables, states, values, tokens, i, options)) break;
      lastRecoveryAt = i;
      i = skipTo(tables, states, tokens, i);
      continue;
    }
    if (act > 0) {
      states.push(act - 1);
      values.push(options.shift(token));
      i++;
    } else if (act < 0) {
      const prod = -act - 1;
      const n = dense.length[prod]!;
      // Copied, then popped: cheaper than splice, or than setting the length (both generic builtins,
      // which a parse's many reductions made 5% of its time).
      const args = values.slice(values.length - n);
      for (let k = 0; k < n; k++) {
        values.pop();
        states.pop();
      }
      const target = dense.goto[states[states.length - 1]! * dense.nonterminals + dense.lhs[prod]!]!;
      if (target < 0) break; // cannot happen with a consistent table
      values.push(options.reduce(prod, args));
      states.push(target);
    } else {
      break; // accept
    }
  }
  return errors;
}

function endToken(tokens: Token[]): Token {
  const last = tokens[tokens.length - 1];
  const at = last ? last.end : 0;
  return { type: END, text: '', start: at, end: at };
}

/**
 * How many tokens a parse can consume from the start of `tokens` with the given stack, without
 * actions. The stack is not copied (it may be as deep as the input): states popped from it are
 * counted, states pushed are kept apart.
 */
function simulate(tables: LalrTables, stack: readonly number[], tokens: Token[], limit: number, separators?: ReadonlySet<string>): number {
  let depth = stack.length;
  const pushed: number[] = [];
  const top = () => (pushed.length ? pushed[pushed.length - 1]! : stack[depth - 1]!);
  const pop = (n: number) => {
    const fromPushed = Math.min(n, pushed.length);
    pushed.length -= fromPushed;
    depth -= n - fromPushed;
  };
  let i = 0;
  let steps = 0;
  while (i < limit && steps++ < 10000) {
    const token = tokens[i] ?? { type: END, text: '', start: 0, end: 0 };
    const act = tables.action[top()]!.get(token.type);
    if (act === undefined) return i;
    if (act > 0) {
      pushed.push(act - 1);
      i++;
      if (separators?.has(token.type)) return limit;
    } else if (act < 0) {
      const prod = tables.productions[-act - 1]!;
      pop(prod.rhs.length);
      if (depth <= 0 && !pushed.length) return i;
      const target = tables.goto[top()]!.get(prod.lhs);
      if (target === undefined) return i;
      pushed.push(target);
    } else {
      return limit;
    }
  }
  return i;
}

function bestRepair<V>(tables: LalrTables, stack: number[], tokens: Token[], at: number, options: LrOptions<V>): Repair | null {
  let best: Repair | null = null;
  let bestScore = 0;
  for (const repair of options.repairs!(tokens, at)) {
    // Only the tokens from the error on: copying the prefix per candidate was quadratic in the input.
    const trial = [...repair.tokens, ...tokens.slice(at + repair.span, at + repair.span + LOOKAHEAD)];
    const limit = Math.min(trial.length, repair.tokens.length + LOOKAHEAD);
    // A repair must carry the parse past the edited tokens, and the further the better.
    const score = simulate(tables, stack, trial, limit, options.separators) - repair.tokens.length;
    if (score > bestScore) {
      best = repair;
      bestScore = score;
    }
  }
  return bestScore >= 1 ? best : null;
}

/** Pops the stack to a state that can shift `error`, and shifts it. */
function recover<V>(tables: LalrTables, states: number[], values: V[], _tokens: Token[], _at: number, options: LrOptions<V>): boolean {
  while (states.length > 0) {
    const act = tables.action[states[states.length - 1]!]!.get('error');
    if (act !== undefined && act > 0) {
      states.push(act - 1);
      values.push(options.shift({ type: 'error', text: '', start: 0, end: 0 }));
      return true;
    }
    states.pop();
    values.pop();
  }
  return false;
}

/** After shifting `error`, skips tokens until one the parser can act on. */
function skipTo(tables: LalrTables, states: number[], tokens: Token[], from: number): number {
  const state = states[states.length - 1]!;
  let i = from;
  while (i < tokens.length && tables.action[state]!.get(tokens[i]!.type) === undefined) i++;
  return i;
}
