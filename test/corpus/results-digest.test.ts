// Holds every result on the real corpus equal to what it was when the digests were recorded: a
// change meant to be invisible (a cache, a faster reader, a bundling change) must leave every report
// byte for byte as it was. The digests (one SHA-256 per submission of its whole JSON report over the
// classic project's four tasks, keyed by a digest of the submission's folder name) say nothing of the
// students or their text, which stay out of the project.
// A change meant to alter results records them again, and its commit says why:
//   UPDATE_RESULT_DIGESTS=1 node --experimental-vm-modules node_modules/jest/bin/jest.js test/corpus/results-digest.test.ts
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { lintSubmission } from '../../src/api/lint-submission.js';
import { HAS_SHARED, PROJECT, SHARED } from '../helpers/paths.js';

const corpus = path.join(SHARED, 'corpus', 'real');
const TASKS = ['0-simple_web_stack', '1-distributed_web_infrastructure', '2-secured_and_monitored_web_infrastructure', '3-scale_up'];
const DIGESTS = path.join(PROJECT, 'test', 'corpus', 'results-digest.json');
const describeCorpus = HAS_SHARED ? describe : describe.skip;

/** The key of a submission in the digests file: its folder name's digest (the folder names a student). */
function keyOf(id: string): string {
  return createHash('sha256').update(id).digest('hex').slice(0, 16);
}

/** The report's digest, the corpus folder written as `<corpus>` (reports name their root). */
async function digestOf(id: string): Promise<string> {
  const report = JSON.stringify(await lintSubmission(path.join(corpus, id), { rubrics: TASKS }));
  return createHash('sha256').update(report.split(JSON.stringify(corpus).slice(1, -1)).join('<corpus>')).digest('hex');
}

describeCorpus('every corpus result is what it was (shared/corpus/real)', () => {
  it('grades each submission to the report recorded in test/corpus/results-digest.json', async () => {
    const manifest = JSON.parse(readFileSync(path.join(corpus, 'manifest.json'), 'utf8')) as { id: string }[];
    const now: Record<string, string> = {};
    for (const { id } of manifest) now[keyOf(id)] = await digestOf(id);
    if (process.env.UPDATE_RESULT_DIGESTS === '1') writeFileSync(DIGESTS, `${JSON.stringify(now, null, 1)}\n`);
    expect(existsSync(DIGESTS)).toBe(true);
    const recorded = JSON.parse(readFileSync(DIGESTS, 'utf8')) as Record<string, string>;
    const changed = manifest.map((e) => e.id).filter((id) => recorded[keyOf(id)] !== now[keyOf(id)]);
    expect(changed).toEqual([]);
    expect(Object.keys(recorded).sort()).toEqual(Object.keys(now).sort());
  }, 600_000);
});
