// Holds what `infralint grade` writes for a seeded synthetic cohort (bench/synthetic-cohort.mjs: the
// project's own fixtures, varied, with broken files among them) byte for byte to what it wrote when
// these digests were recorded: the bulk path (workers, the records they send, the thread writing the
// outputs) may change how it works, never what it writes. A change meant to alter the outputs
// records them again (print `digests` below) and its commit says why.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BIN, PROJECT } from '../helpers/paths.js';

const RECORDED = {
  'gradebook.csv': 'd806a3650e100cfd81f84e26bbea07ee16245ebe43befe1eb47f515e4573217a',
  'gradebook.json': '3ffabcaf2046898f7f9335d8efd0136eccf9b8473e8925baa3bfde5e776c8241',
  'project.csv': '155406215de734c5e035d131b1083d6e02f5d03dcd8707dbe1f165a2905a9465',
  'report.html': '78d8dd29f8e7d0ff58b19ac589e500a11e252b2d6b48a56e6ffcca3e709c237a',
  feedback: 'c63a130a8ebb13df8b23f6bf4bf8e58f2fedab10a1e41f143e2a1961f82523e3',
};

const sha = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

describe('infralint grade writes what it wrote (seeded synthetic cohort, 40 students, 2 workers)', () => {
  it('gradebooks, project.csv, report.html and every feedback file are byte for byte the recorded ones', async () => {
    const { generateCohort } = (await import(path.join(PROJECT, 'bench', 'synthetic-cohort.mjs'))) as { generateCohort: (dir: string, n: number, seed: number) => void };
    const work = mkdtempSync(path.join(os.tmpdir(), 'infralint-grade-outputs-'));
    generateCohort(path.join(work, 'cohort'), 40, 5);
    const out = path.join(work, 'out');
    const run = spawnSync(process.execPath, [BIN, 'grade', path.join(work, 'cohort'), '--out', out, '--jobs', '2'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 240_000 });
    // Exit 1: some synthetic students fail (and a few are error rows), as recorded.
    expect(run.status).toBe(1);
    const digests: Record<string, string> = {};
    for (const file of ['gradebook.csv', 'gradebook.json', 'project.csv', 'report.html']) digests[file] = sha(readFileSync(path.join(out, file)));
    const feedback = readdirSync(path.join(out, 'feedback')).sort();
    expect(feedback).toHaveLength(40);
    digests.feedback = sha(feedback.map((f) => `${f}\n${readFileSync(path.join(out, 'feedback', f), 'utf8')}`).join('\n'));
    expect(digests).toEqual(RECORDED);
  }, 300_000);
});
