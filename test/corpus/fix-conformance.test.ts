import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fixabilityOf } from '../../src/diagrams/fixability.js';
import { parseDiagram } from '../../src/diagrams/parse-diagram.js';
import { fixDiagram } from '../../src/fix/fix-diagram.js';
import { SHARED } from '../helpers/paths.js';

const dir = path.join(SHARED, 'mermaid-conformance');
const describeSet = existsSync(dir) ? describe : describe.skip;

interface OracleRecord {
  case: string;
  code: string;
  fixed: string;
  oracle: { valid: boolean };
}
const RECORDS = (JSON.parse(readFileSync(path.join(process.cwd(), 'test', 'data', 'fix-oracle.json'), 'utf8')) as { records: OracleRecord[] }).records;

function rejectedCases(): { name: string; text: string }[] {
  return ['flowchart', 'sequence'].flatMap((kind) =>
    readdirSync(path.join(dir, kind))
      .filter((f) => f.endsWith('.mmd'))
      .sort()
      .filter((f) => !(JSON.parse(readFileSync(path.join(dir, kind, f.replace('.mmd', '.expected.json')), 'utf8')) as { valid: boolean }).valid)
      .map((f) => ({ name: `${kind}/${f.replace('.mmd', '')}`, text: readFileSync(path.join(dir, kind, f), 'utf8').replace(/\r\n?/g, '\n') })),
  );
}

/** Share of the rejected cases with a safe code that --fix repairs, at least (measured: 127 of 182). */
const FLOOR = 0.65;

describeSet('--fix on the rejected conformance cases', () => {
  it('repairs the cases whose error code is fixable into text our parser accepts, idempotently, as recorded', async () => {
    const recorded = new Map(RECORDS.map((r) => [r.case, r]));
    let safe = 0;
    let fixed = 0;
    const mismatches: string[] = [];
    for (const c of rejectedCases()) {
      const parse = await parseDiagram(c.text);
      if (parse.valid || fixabilityOf(parse.errors[0]!.code) !== 'safe') continue;
      safe++;
      const out = await fixDiagram(c.text, parse);
      if (!out.fixed) continue;
      fixed++;
      expect((await parseDiagram(out.text)).valid).toBe(true);
      // A second --fix changes nothing.
      expect((await fixDiagram(out.text)).fixed).toBe(false);
      // The text real Mermaid judged is the text --fix writes (else: node bench/fix-rate.mjs --write-records).
      if (recorded.get(c.name)?.fixed !== out.text) mismatches.push(c.name);
    }
    expect(mismatches).toEqual([]);
    expect(fixed).toBe(RECORDS.length);
    expect(fixed / safe).toBeGreaterThanOrEqual(FLOOR);
  });
});

describe('fixed texts judged by real Mermaid (test/data/fix-oracle.json)', () => {
  it.each(RECORDS.map((r) => [r.case, r] as const))('%s: our verdict on the fixed text is the oracle\'s', async (_name, r) => {
    expect((await parseDiagram(r.fixed)).valid).toBe(r.oracle.valid);
  });
});
