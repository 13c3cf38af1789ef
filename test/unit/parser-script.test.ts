// The parser script the startup snapshot loads (scripts/bundle-options.mjs, parserBuild): Chevrotain's
// char-code array, which the snapshot's heap held at every start, is replaced by its formula.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT } from '../helpers/paths.js';

interface BundleOptions {
  withoutCharCodeTable: (source: string) => string;
}
const options = async (): Promise<BundleOptions> => (await import(path.join(PROJECT, 'scripts', 'bundle-options.mjs'))) as BundleOptions;

/** The script of the installed @mermaid-js/parser that holds Chevrotain's lexer (one of its chunks). */
function chevrotainChunk(): string {
  // An ES module only, whose package.json is not exported: found where npm installs it.
  const chunks = path.join(PROJECT, 'node_modules', '@mermaid-js', 'parser', 'dist', 'chunks', 'mermaid-parser.core');
  const holders = readdirSync(chunks).filter((f) => f.endsWith('.mjs')).map((f) => readFileSync(path.join(chunks, f), 'utf8')).filter((s) => s.includes('charCodeToOptimizedIdxMap'));
  expect(holders).toHaveLength(1);
  return holders[0]!;
}

/** Chevrotain's two functions of the array, cut from a script and run: charCode -> optimized index. */
function indexOf(source: string): (charCode: number) => unknown {
  const lookup = /function charCodeToOptimizedIndex\(charCode\) \{[\s\S]*?\n\}/.exec(source)![0];
  const init = /function initCharCodeToOptimizedIndexMap\(\) \{[\s\S]*?\n\}/.exec(source)![0];
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the package's own code, to compare its results
  return new Function(`var minOptimizationVal = 256; var charCodeToOptimizedIdxMap = []; ${lookup} ${init} initCharCodeToOptimizedIndexMap(); return charCodeToOptimizedIndex;`)() as (charCode: number) => unknown;
}

describe("the snapshot's parser script", () => {
  it("computes Chevrotain's char-code index instead of filling its 65,536-entry array, with the array's every entry", async () => {
    const original = chevrotainChunk();
    const patched = (await options()).withoutCharCodeTable(original);
    expect(patched).not.toMatch(/new Array\(65536\)/);
    const before = indexOf(original);
    const after = indexOf(patched);
    const codes = [...Array.from({ length: 65_536 + 64 }, (_, code) => code), 0x1f600, 0x10ffff];
    const differing = codes.filter((code) => !Object.is(before(code), after(code)));
    expect(differing).toEqual([]);
    // Past the array's end the array gives undefined, and so does the formula.
    expect(after(65_536)).toBeUndefined();
  });

  it('refuses a Chevrotain whose array it does not know, rather than bundle it unpatched', async () => {
    const { withoutCharCodeTable } = await options();
    const changed = chevrotainChunk().replace('255 + ~~(i / 255)', '256 + ~~(i / 256)');
    expect(() => withoutCharCodeTable(changed)).toThrow(/char-code array/);
    expect(() => withoutCharCodeTable('export const nothing = 1;')).toThrow(/char-code array/);
  });
});
