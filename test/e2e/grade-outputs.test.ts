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
  'gradebook.csv': 'e4f80e5389cd13831a7812b375880f214f24da951771a3ccfe5ca4497e195641',
  'gradebook.json': 'a5d5d8acb48bb254c1fd4c440ed631faabdb453885db8844e0e1bf5010dfd3db',
  'project.csv': '2810aac1fa82943b2358983ca8415c1c7e655ba6bbe9808404b8d2692ea53f71',
  'report.html': '372e7b2e6b3c6c99e176a4df2d822b1c1c48327ce922d02eab359890e8b211eb',
  feedback: '321110a53ee56e16920e26a7cfd373171c9677c303259747673553feb79b8cae',
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
