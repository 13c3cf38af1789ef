// The benches' command lines (bench/cli-args.mjs): every bench that reads its options through it
// prints its own header comment for --help, and stops at once, with one line and exit 2, on an
// option it does not know, instead of a stack trace or a run of minutes without the option.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT } from '../helpers/paths.js';

const benchDir = path.join(PROJECT, 'bench');
const benches = readdirSync(benchDir).filter((f) => f.endsWith('.mjs') && f !== 'cli-args.mjs' && readFileSync(path.join(benchDir, f), 'utf8').includes("from './cli-args.mjs'"));
const run = (bench: string, ...args: string[]) => spawnSync(process.execPath, [path.join(benchDir, bench), ...args], { encoding: 'utf8', timeout: 60_000 });

describe('the benches read their options one way', () => {
  it('covers the benches with options', () => {
    expect(benches).toEqual(expect.arrayContaining(['accuracy.mjs', 'check-cold.mjs', 'profile-summary.mjs', 'regex-compile.mjs']));
  });

  it.each(benches)('%s: --help prints its header comment', (bench) => {
    const firstLine = readFileSync(path.join(benchDir, bench), 'utf8').split('\n')[0]!.replace(/^\/\/ ?/, '');
    const r = run(bench, '--help');
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(firstLine);
  });

  it.each(benches)('%s: an unknown option is one line and exit 2', (bench) => {
    const r = run(bench, '--no-such-option');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`bench/${bench}: Unknown option '--no-such-option' (--help says how to run it)\n`);
    expect(r.stdout).toBe('');
  });
});
