/**
 * An LALR(1) table generator. Mermaid's flowchart and sequence parsers are jison LALR(1) parsers;
 * generating the same kind of tables from the same grammar is how infralint accepts and rejects
 * exactly what Mermaid does, and detects an error at the same token. Conflicts are resolved as
 * jison resolves them: shift over reduce, and the earlier production for reduce/reduce.
 */

export interface Production {
  lhs: string;
  rhs: string[];
}

export interface Grammar {
  start: string;
  productions: Production[];
}

/** action[state][terminal]: > 0 shift to state (n - 1), < 0 reduce production (-n - 1), 0 accept. */
export interface LalrTables {
  terminals: string[];
  nonterminals: string[];
  /** Production 0 is the augmented `$accept -> start $end`. */
  productions: Production[];
  action: Map<string, number>[];
  goto: Map<string, number>[];
}

export const END = '$end';
const ACCEPT = '$accept';
const PROPAGATE = '#';

function shiftTo(state: number): number {
  return state + 1;
}

export function buildLalrTables(grammar: Grammar): LalrTables {
  const productions: Production[] = [{ lhs: ACCEPT, rhs: [grammar.start, END] }, ...grammar.productions];
  const nonterminals = [...new Set(productions.map((p) => p.lhs))];
  const isNonterminal = new Set(nonterminals);
  const terminals = [...new Set(productions.flatMap((p) => p.rhs).filter((s) => !isNonterminal.has(s)))];
  const byLhs = new Map<string, number[]>();
  productions.forEach((p, i) => byLhs.set(p.lhs, [...(byLhs.get(p.lhs) ?? []), i]));

  // Nullable and FIRST sets.
  const nullable = new Set<string>();
  const first = new Map<string, Set<string>>();
  for (const t of terminals) first.set(t, new Set([t]));
  for (const n of nonterminals) first.set(n, new Set());
  for (let changed = true; changed; ) {
    changed = false;
    for (const p of productions) {
      const target = first.get(p.lhs)!;
      let allNullable = true;
      for (const s of p.rhs) {
        for (const f of first.get(s)!) if (!target.has(f)) { target.add(f); changed = true; }
        if (!nullable.has(s)) { allNullable = false; break; }
      }
      if (allNullable && !nullable.has(p.lhs)) { nullable.add(p.lhs); changed = true; }
    }
  }
  const firstOfSequence = (symbols: string[], lookahead: string): Set<string> => {
    const out = new Set<string>();
    for (const s of symbols) {
      for (const f of first.get(s)!) out.add(f);
      if (!nullable.has(s)) return out;
    }
    out.add(lookahead);
    return out;
  };

  // LR(0) items are encoded as production * 64 + dot (no production is longer than 63 symbols).
  const item = (prod: number, dot: number) => prod * 64 + dot;
  const prodOf = (it: number) => Math.floor(it / 64);
  const dotOf = (it: number) => it % 64;
  const next = (it: number) => productions[prodOf(it)]!.rhs[dotOf(it)];

  const closure0 = (kernel: number[]): number[] => {
    const seen = new Set(kernel);
    const out = [...kernel];
    for (let i = 0; i < out.length; i++) {
      const s = next(out[i]!);
      if (s && isNonterminal.has(s)) {
        for (const p of byLhs.get(s)!) {
          const it = item(p, 0);
          if (!seen.has(it)) { seen.add(it); out.push(it); }
        }
      }
    }
    return out;
  };

  // Canonical LR(0) collection.
  const states: number[][] = [[item(0, 0)]];
  const stateIndex = new Map<string, number>([[String(item(0, 0)), 0]]);
  const transitions: Map<string, number>[] = [];
  for (let s = 0; s < states.length; s++) {
    const groups = new Map<string, number[]>();
    for (const it of closure0(states[s]!)) {
      const sym = next(it);
      if (sym === undefined || sym === END) continue;
      groups.set(sym, [...(groups.get(sym) ?? []), it + 1]);
    }
    const edges = new Map<string, number>();
    for (const [sym, kernel] of groups) {
      kernel.sort((a, b) => a - b);
      const key = kernel.join(',');
      let target = stateIndex.get(key);
      if (target === undefined) {
        target = states.length;
        states.push(kernel);
        stateIndex.set(key, target);
      }
      edges.set(sym, target);
    }
    transitions.push(edges);
  }

  // LALR lookaheads by spontaneous generation and propagation (the dragon book's method).
  const lookaheads = states.map((kernel) => new Map(kernel.map((it) => [it, new Set<string>()])));
  lookaheads[0]!.get(item(0, 0))!.add(END);
  const propagation: [number, number, number, number][] = [];
  // FIRST of what follows the dot's symbol, per item, and whether it can vanish.
  const suffixFirst = new Map<number, { first: string[]; nullable: boolean }>();
  const suffixOf = (it: number) => {
    let cached = suffixFirst.get(it);
    if (!cached) {
      const rest = productions[prodOf(it)]!.rhs.slice(dotOf(it) + 1);
      const set = firstOfSequence(rest, PROPAGATE);
      const canVanish = set.delete(PROPAGATE);
      cached = { first: [...set], nullable: canVanish };
      suffixFirst.set(it, cached);
    }
    return cached;
  };
  const closure1 = (seed: [number, string][]): Map<number, Set<string>> => {
    const result = new Map<number, Set<string>>();
    const work: [number, string][] = [];
    const add = (it: number, la: string) => {
      let set = result.get(it);
      if (!set) { set = new Set(); result.set(it, set); }
      if (!set.has(la)) { set.add(la); work.push([it, la]); }
    };
    for (const [it, la] of seed) add(it, la);
    while (work.length) {
      const [it, la] = work.pop()!;
      const sym = next(it);
      if (!sym || !isNonterminal.has(sym)) continue;
      const { first: f, nullable: n } = suffixOf(it);
      for (const p of byLhs.get(sym)!) {
        const target = item(p, 0);
        for (const b of f) add(target, b);
        if (n) add(target, la);
      }
    }
    return result;
  };
  for (let s = 0; s < states.length; s++) {
    for (const kernelItem of states[s]!) {
      for (const [it, las] of closure1([[kernelItem, PROPAGATE]])) {
        const sym = next(it);
        if (sym === undefined || sym === END) continue;
        const target = transitions[s]!.get(sym)!;
        for (const la of las) {
          if (la === PROPAGATE) propagation.push([s, kernelItem, target, it + 1]);
          else lookaheads[target]!.get(it + 1)!.add(la);
        }
      }
    }
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const [fromState, fromItem, toState, toItem] of propagation) {
      const source = lookaheads[fromState]!.get(fromItem)!;
      const target = lookaheads[toState]!.get(toItem)!;
      for (const la of source) if (!target.has(la)) { target.add(la); changed = true; }
    }
  }

  // Tables.
  const action: Map<string, number>[] = [];
  const gotoTable: Map<string, number>[] = [];
  for (let s = 0; s < states.length; s++) {
    const row = new Map<string, number>();
    const gotoRow = new Map<string, number>();
    const full = closure1(states[s]!.flatMap((it) => [...lookaheads[s]!.get(it)!].map((la) => [it, la] as [number, string])));
    // Items of the closure may have no lookahead yet when the kernel has none (unreachable).
    for (const [sym, target] of transitions[s]!) {
      if (isNonterminal.has(sym)) gotoRow.set(sym, target);
      else row.set(sym, shiftTo(target));
    }
    for (const [it, las] of full) {
      const prod = prodOf(it);
      const sym = next(it);
      if (sym === END && prod === 0) {
        row.set(END, 0);
        continue;
      }
      if (sym !== undefined) continue;
      for (const la of las) {
        const existing = row.get(la);
        if (existing === undefined) row.set(la, -prod - 1);
        else if (existing < 0 && -existing - 1 > prod) row.set(la, -prod - 1); // earlier production wins
        // existing > 0: shift wins over reduce.
      }
    }
    action.push(row);
    gotoTable.push(gotoRow);
  }
  return { terminals, nonterminals, productions, action, goto: gotoTable };
}
