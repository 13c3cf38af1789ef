import { readFileSync } from 'node:fs';
import { buildLalrTables, type Grammar, type LalrTables, type Production } from './lalr.js';

/** A stable fingerprint of a grammar: tables built for another grammar are never used. */
export function grammarFingerprint(productions: Production[]): string {
  let h = 2166136261;
  const text = productions.map((p) => `${p.lhs}:${p.rhs.join(' ')}`).join('\n');
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return (h >>> 0).toString(16);
}

interface SerialisedTables {
  fingerprint: string;
  terminals: string[];
  nonterminals: string[];
  productions: Production[];
  action: [string, number][][];
  goto: [string, number][][];
}

export function serialiseTables(tables: LalrTables, grammar: Grammar): SerialisedTables {
  return {
    fingerprint: grammarFingerprint(grammar.productions),
    terminals: tables.terminals,
    nonterminals: tables.nonterminals,
    productions: tables.productions.map((p) => ({ lhs: p.lhs, rhs: p.rhs })),
    action: tables.action.map((row) => [...row.entries()]),
    goto: tables.goto.map((row) => [...row.entries()]),
  };
}

/**
 * Tables for `grammar`: read from the JSON that `npm run build` writes beside the compiled module
 * when it matches the grammar, otherwise generated (about 150 ms, once per process).
 */
export function loadOrBuildTables(grammar: Grammar, cacheUrl: URL): LalrTables {
  try {
    const data = JSON.parse(readFileSync(cacheUrl, 'utf8')) as SerialisedTables;
    if (data.fingerprint === grammarFingerprint(grammar.productions)) {
      return {
        terminals: data.terminals,
        nonterminals: data.nonterminals,
        productions: data.productions,
        action: data.action.map((row) => new Map(row)),
        goto: data.goto.map((row) => new Map(row)),
      };
    }
  } catch {
    // No cache (running from source, or not built yet): build below.
  }
  return buildLalrTables(grammar);
}
