import path from 'node:path';
import { lintSubmission } from '../../src/api/lint-submission.js';
import { bankFiles, scoreBanks } from '../../bench/paraphrase-bank.mjs';
import { PROJECT } from '../helpers/paths.js';

// The hand-written banks (test/paraphrase-bank/*.yaml): many phrasings and layouts of every element,
// with traps, written from the rubric and the labelling guide. held-out/ is scored by `npm run
// bench:accuracy` only, as a measure of what the banks here do not teach.
describe('paraphrase banks', () => {
  it('every case gets what a careful mentor gives it', async () => {
    // Task 3's banks are held at 100%; the banks of tasks 0-2 (<task>.yaml) are a figure of npm run bench:accuracy, not a target.
    const score = await scoreBanks(bankFiles(path.join(PROJECT, 'test', 'paraphrase-bank')).filter((f) => !/^\d/.test(path.basename(f))), lintSubmission);
    expect(score.cases).toBeGreaterThan(250);
    expect(score.disagreements.map((d) => `${d.file} "${d.name}" ${d.rule}: wanted ${d.wanted}, got ${d.got} (${d.message})`)).toEqual([]);
  });
});
