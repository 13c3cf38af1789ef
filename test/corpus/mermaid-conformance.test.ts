import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { parseDiagram } from '../../src/diagrams/parse-diagram.js';
import { SHARED } from '../helpers/paths.js';

const dir = path.join(SHARED, 'mermaid-conformance');
const describeSet = existsSync(dir) ? describe : describe.skip;

/**
 * Agreement with real Mermaid on shared/mermaid-conformance. Full agreement is the goal of the
 * parser-fidelity issue; until then these floors stop any regression, and every case must parse
 * without an exception and with error positions inside the text.
 */
const FLOORS = { flowchart: 0.93, sequence: 0.93 };

describeSet('Mermaid conformance (oracle: mermaid 12.3.0)', () => {
  it.each(Object.entries(FLOORS))('%s verdicts agree with the oracle', async (kind, floor) => {
    const files = readdirSync(path.join(dir, kind)).filter((f) => f.endsWith('.mmd'));
    let agree = 0;
    for (const f of files) {
      const text = readFileSync(path.join(dir, kind, f), 'utf8');
      const expected = JSON.parse(readFileSync(path.join(dir, kind, f.replace('.mmd', '.expected.json')), 'utf8')) as { valid: boolean };
      const got = await parseDiagram(text);
      if (got.valid === expected.valid) agree++;
      const lines = text.split(/\r\n?|\n/).length;
      for (const e of got.errors) {
        expect(e.line).toBeGreaterThanOrEqual(1);
        expect(e.line).toBeLessThanOrEqual(lines + 1);
      }
    }
    expect(agree / files.length).toBeGreaterThanOrEqual(floor);
  });
});
