import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { toOracleGraph } from '../../src/diagrams/oracle-record.js';
import { parseDiagram } from '../../src/diagrams/parse-diagram.js';
import { SHARED } from '../helpers/paths.js';

const dir = path.join(SHARED, 'mermaid-conformance');
const describeSet = existsSync(dir) ? describe : describe.skip;

interface Expected {
  valid: boolean;
  error: { line: number | null } | null;
  graph: unknown;
}

/** Cases our parser must agree on, by kind: `all` for every case, or a floor while work goes on. */
const REQUIRED: Record<string, 'all' | number> = { flowchart: 'all', sequence: 'all' };

function cases(kind: string): { name: string; text: string; expected: Expected }[] {
  if (!existsSync(path.join(dir, kind))) return [];
  return readdirSync(path.join(dir, kind))
    .filter((f) => f.endsWith('.mmd'))
    .sort()
    .map((f) => ({
      name: `${kind}/${f}`,
      text: readFileSync(path.join(dir, kind, f), 'utf8'),
      expected: JSON.parse(readFileSync(path.join(dir, kind, f.replace('.mmd', '.expected.json')), 'utf8')) as Expected,
    }));
}

/** The ways infralint's reading of a case differs from real Mermaid's (empty when it agrees). */
async function differences(text: string, expected: Expected): Promise<string[]> {
  const got = await parseDiagram(text);
  const out: string[] = [];
  if (got.valid !== expected.valid) out.push(`verdict: oracle ${expected.valid}, infralint ${got.valid}`);
  else if (expected.valid && JSON.stringify(toOracleGraph(got)) !== JSON.stringify(expected.graph)) out.push('graph differs');
  else if (!expected.valid && expected.error?.line != null && Math.abs((got.errors[0]?.line ?? -99) - expected.error.line) > 1) {
    out.push(`error line: oracle ${expected.error.line}, infralint ${got.errors[0]?.line}`);
  }
  const lines = text.split(/\r\n?|\n/).length;
  for (const e of got.errors) if (e.line < 1 || e.line > lines + 1 || e.column < 1) out.push(`error position out of the text: ${e.line}:${e.column}`);
  return out;
}

describeSet('Mermaid conformance (oracle: mermaid 12.3.0)', () => {
  for (const [kind, required] of Object.entries(REQUIRED)) {
    it(`${kind}: verdict, graph and error line agree with real Mermaid (${required === 'all' ? 'every case' : `at least ${required * 100}%`})`, async () => {
      const all = cases(kind);
      expect(all.length).toBeGreaterThan(100);
      const failures: string[] = [];
      for (const c of all) {
        const diff = await differences(c.text, c.expected);
        if (diff.length) failures.push(`${c.name}: ${diff.join('; ')}`);
      }
      if (required === 'all') expect(failures).toEqual([]);
      else expect(1 - failures.length / all.length).toBeGreaterThanOrEqual(required);
    });
  }
});
