import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT } from '../helpers/paths.js';

/**
 * The quick, seeded slice of `npm run bench:adversarial`: mutated diagrams and task files, a few
 * size-scaling families, file-system cases, injection payloads in every format, bulk-grading
 * faults and the peak memory of check. Every count of crashes, hangs, leaks, injections and
 * failures must be zero.
 */
describe('adversarial suite, quick slice (bench/adversarial.mjs --quick)', () => {
  it('tries hostile inputs of every kind: nothing crashes, hangs, leaks or injects', () => {
    const r = spawnSync(process.execPath, [path.join(PROJECT, 'bench', 'adversarial.mjs'), '--quick', '--seed', '18'], { encoding: 'utf8', timeout: 400_000, maxBuffer: 1 << 26 });
    const table = r.stdout.slice(r.stdout.indexOf('section'));
    if (r.status !== 0) throw new Error(`exit ${r.status ?? r.signal}\n${r.stdout.slice(-4000)}\n${r.stderr.slice(-2000)}`);
    expect(table).toMatch(/^total +\d+ +0 +0 +0 +0 +0$/m);
    // Peak memory of check on a 1 MB and a 30 MB task file, printed, under the limit README.md states.
    const memory = [...r.stdout.matchAll(/^ {2}ok {3}(check, (?:1|30) MB task file.*?) +(\d+) MB \(limit (\d+) MB\)$/gm)];
    expect(memory.map((m) => m[1]!.trim())).toEqual(['check, 1 MB task file', 'check, 30 MB task file (first 1 MiB read)']);
    const limits = readFileSync(path.join(PROJECT, 'README.md'), 'utf8').match(/`check` of a 1 MB task file and of a 30 MB one \(of which the first MiB\s+is read\) under (\d+) MB/);
    for (const m of memory) expect([m[1], Number(m[3])]).toEqual([m[1], Number(limits?.[1])]);
  }, 420_000);
});
