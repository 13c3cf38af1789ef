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

describeSet('Mermaid error codes', () => {
  it('every code the parsers give on the rejected conformance cases is documented in rules/docs/mermaid-errors.md', async () => {
    const doc = readFileSync(path.join(process.cwd(), 'rules', 'docs', 'mermaid-errors.md'), 'utf8');
    const undocumented = new Set<string>();
    for (const kind of ['flowchart', 'sequence']) {
      for (const c of cases(kind).filter((x) => !x.expected.valid)) {
        for (const e of (await parseDiagram(c.text)).errors) if (!doc.includes(`| \`${e.code}\` |`)) undocumented.add(e.code);
      }
    }
    expect([...undocumented]).toEqual([]);
  });
});

describeSet('Recovery after a syntax error', () => {
  type AnyAst = { kind: string; vertices?: Map<string, unknown>; edges?: { from: string; to: string }[]; participants?: { id: string }[]; messages?: { from: string; to: string }[] };
  const keys = (ast: AnyAst): string[] =>
    ast.kind === 'flowchart'
      ? [...[...ast.vertices!.keys()].map((v) => `v:${v}`), ...ast.edges!.map((e) => `e:${e.from}>${e.to}`)]
      : [...ast.participants!.map((p) => `p:${p.id}`), ...ast.messages!.map((m) => `m:${m.from}>${m.to}`)];

  it('for every rejected case, the recovered graph keeps every node, edge, participant and message of the lines before the error', async () => {
    let checked = 0;
    const lost: string[] = [];
    for (const kind of ['flowchart', 'sequence']) {
      for (const c of cases(kind)) {
        if (c.expected.valid || c.expected.error?.line == null) continue;
        const lines = c.text.replace(/\r\n?/g, '\n').split('\n');
        // The oracle's line may be one early or one late: keep only what is surely before the error.
        const before = await parseDiagram(lines.slice(0, Math.max(0, c.expected.error.line - 2)).join('\n'));
        if (!before.valid || !before.ast) continue;
        checked++;
        const full = await parseDiagram(c.text);
        const kept = new Set(full.ast ? keys(full.ast as unknown as AnyAst) : []);
        const missing = keys(before.ast as unknown as AnyAst).filter((k) => !kept.has(k));
        if (missing.length) lost.push(`${c.name}: ${missing.join(' ')}`);
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(lost).toEqual([]);
  });
});
