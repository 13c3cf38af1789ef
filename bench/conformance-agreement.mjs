// Agreement of infralint's parsers with the Mermaid oracle on shared/mermaid-conformance.
// Usage: node bench/conformance-agreement.mjs [--list]
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDiagram } from '../dist/diagrams/parse-diagram.js';
import { toOracleGraph } from '../dist/diagrams/oracle-record.js';
import { benchArgs } from './cli-args.mjs';

const list = benchArgs(import.meta.url, { list: { type: 'boolean', default: false } }).values.list;
const here = path.dirname(fileURLToPath(import.meta.url));
const root = process.env.INFRALINT_SHARED ?? path.resolve(here, '../../shared');
const dir = path.join(root, 'mermaid-conformance');
if (!existsSync(dir)) {
  console.log(`no conformance set at ${dir}`);
  process.exit(0);
}
for (const kind of ['flowchart', 'sequence']) {
  let verdict = 0, graph = 0, line = 0, total = 0, accepted = 0;
  const bad = [];
  for (const f of readdirSync(path.join(dir, kind)).filter((f) => f.endsWith('.mmd')).sort()) {
    const text = readFileSync(path.join(dir, kind, f), 'utf8');
    const expected = JSON.parse(readFileSync(path.join(dir, kind, f.replace('.mmd', '.expected.json')), 'utf8'));
    const got = await parseDiagram(text);
    total++;
    const sameVerdict = got.valid === expected.valid;
    if (sameVerdict) verdict++;
    let ok = sameVerdict;
    if (sameVerdict && expected.valid) {
      accepted++;
      const same = JSON.stringify(toOracleGraph(got)) === JSON.stringify(expected.graph);
      if (same) graph++;
      ok = same;
    }
    if (sameVerdict && !expected.valid) {
      const want = expected.error?.line;
      const have = got.errors[0]?.line;
      if (want == null || (have != null && Math.abs(want - have) <= 1)) line++;
      else bad.push(`${kind}/${f} error line: oracle ${want}, infralint ${have} (${got.errors[0]?.code})`);
    }
    if (!ok) bad.push(`${kind}/${f} expected ${expected.valid ? 'valid' : 'invalid'}${sameVerdict ? ' (graph differs)' : ''}${got.errors[0] ? ` got error ${got.errors[0].code}@${got.errors[0].line}` : ''}`);
  }
  console.log(`${kind}: verdict ${verdict}/${total} (${((100 * verdict) / total).toFixed(1)}%), graph ${graph}/${accepted} of agreed-valid, error line ±1 ${line}/${verdict - accepted} of agreed-invalid`);
  if (list) console.log(bad.join('\n'));
}
