// How the CLI starts (see README "Start-up"): one ASCII-only script, run with the V8 code cache the
// build made, the same program with or without it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT, FIXTURES } from '../helpers/paths.js';

const bundle = path.join(PROJECT, 'dist', 'infralint.cjs');
type Loaded = { exports: { main: (argv: string[], io: object) => Promise<number> }; cacheRejected: boolean };
const load = async (useCache: boolean) => ((await import(path.join(PROJECT, 'bin', 'load-cli.js'))) as { loadCli: (file: string, o: object) => Loaded }).loadCli(bundle, { useCache });

describe('start-up', () => {
  it('escapes every character outside ASCII so that each means what it meant, in strings and regular expressions', async () => {
    const { asciiOnly } = (await import(path.join(PROJECT, 'scripts', 'bundle-options.mjs'))) as { asciiOnly: (t: string) => string };
    const source = String.raw`[/[→⟶]/.test('a → b'), /\→/.test('→'), /\\→/.test('\\→'), /😀/u.test('😀'), '😀'.length, "é"]`;
    const escaped = asciiOnly(source);
    expect(/[^\x00-\x7f]/.test(escaped)).toBe(false);
    expect(new Function(`return ${escaped}`)()).toEqual(new Function(`return ${source}`)());
  });

  it('bundles the CLI as an ASCII-only script (V8 keeps one byte a character)', () => {
    expect(/[^\x00-\x7f]/.test(readFileSync(bundle, 'latin1'))).toBe(false);
  });

  it('runs the bundle with the code cache this Node made at build time, and reports the same without it', async () => {
    const outputs: string[] = [];
    for (const useCache of [true, false]) {
      const loaded = await load(useCache);
      if (useCache) expect(loaded.cacheRejected).toBe(false);
      let out = '';
      const io = { stdout: (t: string) => { out += t; }, stderr: (t: string) => { out += t; }, env: {}, cwd: PROJECT, isTTY: false, stderrIsTTY: false };
      expect(await loaded.exports.main(['check', '--format', 'json', path.join(FIXTURES, 'worked-example')], io)).toBe(0);
      outputs.push(out);
    }
    expect(outputs[0]).toBe(outputs[1]);
  });
});
