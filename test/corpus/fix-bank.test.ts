import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';
import { parseDiagram } from '../../src/diagrams/parse-diagram.js';
import { fixDiagram } from '../../src/fix/fix-diagram.js';
import { graphSignature, lostFromGraph } from '../../src/fix/graph-kept.js';

/**
 * The hand-written bank of broken student diagrams (test/data/fix-bank.yaml): what a student wrote
 * and what they meant (every `meant` checked by real Mermaid 12.3 when the bank was written). `safe`
 * cases have one obvious repair, `student-only` cases only the student can settle, `valid` cases
 * must be left as they are. `npm run bench:parse` prints the same bank's figures with real Mermaid.
 */
interface BankCase {
  name: string;
  mistake: string;
  kind: 'safe' | 'student-only' | 'valid';
  meant: string;
  broken: string;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const bank = load(readFileSync(path.join(here, '..', 'data', 'fix-bank.yaml'), 'utf8')) as BankCase[];
const signature = async (text: string) => graphSignature((await parseDiagram(text)).ast!);

describe('--fix on the bank of broken student diagrams', () => {
  it('holds the three kinds of case', () => {
    expect(bank.filter((c) => c.kind === 'safe').length).toBeGreaterThanOrEqual(100);
    expect(bank.filter((c) => c.kind === 'student-only').length).toBeGreaterThanOrEqual(20);
    expect(bank.filter((c) => c.kind === 'valid').length).toBeGreaterThanOrEqual(20);
  });

  it.each(bank.filter((c) => c.kind === 'safe').map((c) => [c.name, c] as const))('repairs %s into the diagram meant', async (_, c) => {
    const out = await fixDiagram(c.broken);
    expect(out.fixed).toBe(true);
    if (!out.fixed) return;
    expect((await parseDiagram(out.text)).valid).toBe(true);
    expect(await signature(out.text)).toBe(await signature(c.meant));
    expect((await fixDiagram(out.text)).fixed).toBe(false);
  });

  it.each(bank.filter((c) => c.kind === 'student-only').map((c) => [c.name, c] as const))('never loses what the student drew in %s', async (_, c) => {
    const before = await parseDiagram(c.broken);
    expect(before.valid).toBe(false);
    const out = await fixDiagram(c.broken, before);
    if (!out.fixed) return;
    const after = await parseDiagram(out.text);
    expect(after.valid).toBe(true);
    expect(lostFromGraph(before.ast!, after.ast!, out.renames, out.spilledFrom)).toBeNull();
  });

  it.each(bank.filter((c) => c.kind === 'valid').map((c) => [c.name, c] as const))('leaves %s as it is', async (_, c) => {
    expect((await parseDiagram(c.broken)).valid).toBe(true);
    expect(await fixDiagram(c.broken)).toMatchObject({ fixed: false });
  });
});
