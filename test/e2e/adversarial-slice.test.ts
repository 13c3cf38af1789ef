import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { PROJECT } from '../helpers/paths.js';

/**
 * The quick, seeded slice of `npm run bench:adversarial`: mutated diagrams and task files, a few
 * size-scaling families, file-system cases, injection payloads in every format and bulk-grading
 * faults. Every count of crashes, hangs, leaks, injections and failures must be zero.
 */
describe('adversarial suite, quick slice (bench/adversarial.mjs --quick)', () => {
  it('tries hostile inputs of every kind: nothing crashes, hangs, leaks or injects', () => {
    const r = spawnSync(process.execPath, [path.join(PROJECT, 'bench', 'adversarial.mjs'), '--quick', '--seed', '18'], { encoding: 'utf8', timeout: 400_000, maxBuffer: 1 << 26 });
    const table = r.stdout.slice(r.stdout.indexOf('section'));
    if (r.status !== 0) throw new Error(`exit ${r.status ?? r.signal}\n${r.stdout.slice(-4000)}\n${r.stderr.slice(-2000)}`);
    expect(table).toMatch(/^total +\d+ +0 +0 +0 +0 +0$/m);
  }, 420_000);
});
