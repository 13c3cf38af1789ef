import type { LalrTables, Production } from './lalr.js';
import { runLr, type LrOptions, type SyntaxErrorAt, type Token } from './lr-parser.js';

/** A parse-stack value with the span of text it covers (offsets in the text the lexer read). */
export interface Node {
  value: unknown;
  start: number;
  end: number;
}

export interface GrammarRunOptions<R extends Production> extends Omit<LrOptions<Node>, 'shift' | 'reduce'> {
  /** Runs the action of `rule` (called only for rules that have one). */
  act: (rule: R, args: Node[], start: number) => unknown;
  /** Called when an action throws; rethrow to stop the parse. The value then is undefined. */
  onActionError?: (error: unknown, start: number) => void;
}

/**
 * Runs a grammar whose rules carry actions: tokens become values with spans, each reduction calls
 * `act` (rules without an action keep their first symbol's value, as in jison). An action that
 * throws, as it may on values left of the wrong shape by a recovery, yields no value.
 */
export function runGrammar<R extends Production & { action?: unknown }>(tables: LalrTables, rules: readonly R[], tokens: Token[], options: GrammarRunOptions<R>): SyntaxErrorAt[] {
  const { act, onActionError, ...lr } = options;
  return runLr<Node>(tables, tokens, {
    ...lr,
    shift: (token) => ({ value: token.text, start: token.start, end: token.end }),
    reduce: (prod, args) => {
      const rule = rules[prod - 1]!;
      // A rule of one symbol without an action is that symbol's node (its value, its span), as it
      // is: no node made for it (such rules are about half the reductions of the corpus's diagrams).
      if (!rule.action && args.length === 1) return args[0]!;
      const start = args[0]?.start ?? -1;
      let value: unknown = args[0]?.value;
      if (rule.action) {
        try {
          value = act(rule, args, start);
        } catch (error) {
          onActionError?.(error, start);
          value = undefined;
        }
      }
      return { value, start, end: args[args.length - 1]?.end ?? -1 };
    },
  });
}
