import fc from 'fast-check';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { parseDiagram } from '../../src/diagrams/parse-diagram.js';
import { SHARED } from '../helpers/paths.js';

/** Pieces of Mermaid, so that random diagrams are often almost valid (where parsers break). */
const PIECES = [
  'flowchart TD\n', 'graph LR\n', 'sequenceDiagram\n', 'A', 'B', 'DB', 'end', 'subgraph S', ' ', '\n', ';', '-->', '---', '->', '-.->', '==>',
  '--', '|', '[', ']', '(', ')', '{', '}', '"', '`', '@{ shape: cyl }', ':::c', '&', 'participant ', 'actor ', ' as ', '->>', '-->>',
  ': hi', 'loop x', 'alt y', 'else', 'Note over A,B: n', '+', '-', '%%', '%% c\n', '---\n', 'title: t\n', '#quot;', '\r\n', 'é', '😀',
];

/** Never throws, and every error points inside the text. */
async function assertSound(text: string): Promise<void> {
  const r = await parseDiagram(text);
  const lines = text.split(/\r\n?|\n/).length;
  for (const e of r.errors) {
    if (!(e.line >= 1 && e.line <= lines + 1 && e.column >= 1)) throw new Error(`error outside the text: ${e.line}:${e.column} in ${JSON.stringify(text)}`);
  }
}

describe('parser robustness (property-based)', () => {
  it('random Mermaid-like text: no exception, errors inside the text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }), async (parts) => {
        await assertSound(parts.join(''));
      }),
      { numRuns: 400, seed: 42 },
    );
  });

  it('arbitrary unicode text after a header: no exception', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('flowchart LR\n', 'sequenceDiagram\n', 'graph TD\n'), fc.string({ unit: 'binary', maxLength: 200 }), async (head, body) => {
        await assertSound(head + body);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  const dir = path.join(SHARED, 'mermaid-conformance');
  (existsSync(dir) ? it : it.skip)('mutated conformance diagrams (characters deleted, duplicated or swapped): no exception', async () => {
    const texts = ['flowchart', 'sequence'].flatMap((k) =>
      readdirSync(path.join(dir, k)).filter((f) => f.endsWith('.mmd')).slice(0, 150).map((f) => readFileSync(path.join(dir, k, f), 'utf8')),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...texts), fc.nat(), fc.nat(), fc.constantFrom('delete', 'duplicate', 'swap'), async (text, a, b, op) => {
        if (!text.length) return;
        const i = a % text.length;
        const j = b % text.length;
        const mutated =
          op === 'delete' ? text.slice(0, i) + text.slice(i + 1) : op === 'duplicate' ? text.slice(0, i) + text.slice(i, j + 1) + text.slice(i) : text.slice(0, i) + text[j] + text.slice(i + 1, j) + text[i] + text.slice(j + 1);
        await assertSound(mutated);
      }),
      { numRuns: 400, seed: 3 },
    );
  });
});
