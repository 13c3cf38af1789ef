// Writes the LALR tables of infralint's Mermaid grammars next to their compiled parsers, so that a
// CLI run loads them (a few ms) instead of generating them (about 150 ms). Run by `npm run build`.
import { writeFileSync } from 'node:fs';
import { buildLalrTables } from '../dist/diagrams/lr/lalr.js';
import { serialiseTables } from '../dist/diagrams/lr/table-cache.js';

const grammars = [
  ['../dist/diagrams/flowchart/parse-flowchart-lr.js', 'FLOWCHART_GRAMMAR', '../dist/diagrams/flowchart/flowchart-tables.json'],
  ['../dist/diagrams/sequence/parse-sequence.js', 'SEQUENCE_GRAMMAR', '../dist/diagrams/sequence/sequence-tables.json'],
];
for (const [module, name, out] of grammars) {
  const grammar = (await import(module))[name];
  const started = performance.now();
  const tables = buildLalrTables(grammar);
  writeFileSync(new URL(out, import.meta.url), JSON.stringify(serialiseTables(tables, grammar)));
  console.log(`${name}: ${tables.action.length} states in ${(performance.now() - started).toFixed(0)} ms`);
}
