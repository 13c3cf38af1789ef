// How the CLI starts (see README "Start-up"): one ASCII-only script, run with the V8 code cache the
// build made, the same program with or without it.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT, FIXTURES } from '../helpers/paths.js';

const bundle = path.join(PROJECT, 'dist', 'infralint.cjs');

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

  // A check never runs them: they are read from disk when a run needs them, not parsed at every start
  // nor held in the startup snapshot's heap (scripts/bundle-options.mjs: BULK_MODULES, LAZY,
  // REQUIRED_ON_FIRST_USE). Each is found by a function of its own.
  it('leaves the bulk commands, js-yaml and ajv out of the CLI bundle; the bulk commands are in a script of their own', () => {
    const cli = readFileSync(bundle, 'utf8');
    const bulk = readFileSync(path.join(PROJECT, 'dist', 'infralint-bulk.cjs'), 'utf8');
    for (const command of ['runGrade', 'runMerge', 'planCohort', 'runCollect', 'runReview']) {
      expect([command, cli.includes(`function ${command}(`)]).toEqual([command, false]);
      expect([command, bulk.includes(`function ${command}(`)]).toEqual([command, true]);
    }
    // js-yaml's reader of block scalars, ajv's schema compiler.
    for (const packageFunction of ['function readBlockScalar(', 'function compileSchema(']) expect([packageFunction, cli.includes(packageFunction) || bulk.includes(packageFunction)]).toEqual([packageFunction, false]);
  });

  // In a process of its own: the loader sets a V8 flag (regexp tier-up off) process-wide, which a
  // test runner's process, full of compiled expressions already, must not have changed under it.
  it('runs the bundle with the code cache this Node made at build time, and reports the same without it', () => {
    const outputs: string[] = [];
    for (const useCache of [true, false]) {
      const script = `
        const { loadCli } = await import(${JSON.stringify(pathToFileURL(path.join(PROJECT, 'bin', 'load-cli.js')).href)});
        const loaded = loadCli(${JSON.stringify(bundle)}, { useCache: ${useCache} });
        let out = '';
        const io = { stdout: (t) => { out += t; }, stderr: (t) => { out += t; }, env: {}, cwd: ${JSON.stringify(PROJECT)}, isTTY: false, stderrIsTTY: false };
        const code = await loaded.exports.main(['check', '--format', 'json', ${JSON.stringify(path.join(FIXTURES, 'worked-example'))}], io);
        process.stdout.write(JSON.stringify({ code, rejected: loaded.cacheRejected, out }));`;
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
      expect(run.stderr).toBe('');
      const result = JSON.parse(run.stdout) as { code: number; rejected: boolean; out: string };
      if (useCache) expect(result.rejected).toBe(false);
      expect(result.code).toBe(0);
      outputs.push(result.out);
    }
    expect(outputs[0]).toBe(outputs[1]);
  });
});
