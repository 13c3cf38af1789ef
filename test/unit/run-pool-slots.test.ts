import { readdirSync } from 'node:fs';
import path from 'node:path';
import { loadRubric } from '../../src/config/rubric.js';
import type { CohortOutcome, GradeSettings } from '../../src/grade/grade-student.js';
import type { GradeJob } from '../../src/grade/record.js';
import { gradeInOrder } from '../../src/grade/run-pool.js';
import { makeCohort } from '../helpers/cohort.js';
import { FIXTURES } from '../helpers/paths.js';

/**
 * The pool lends each batch in flight a slot of one SharedArrayBuffer for its results bytes, and
 * lends it again to a later batch (issue 17 item 2: the main thread allocates nothing a batch). A
 * slot lent too early would overwrite results not yet written out: with one student a batch and one
 * worker and a consumer slower than the worker, every slot is lent again several times while
 * earlier ones are unread, and every result must be what the main thread itself gives (no pool).
 */
const decode = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');

async function answers(jobs: GradeJob[], settings: GradeSettings, poolJobs: number) {
  const lines: string[] = [];
  let shared = 0;
  for await (const outcome of gradeInOrder(jobs, jobs.length, settings, { jobs: poolJobs, batchSize: 1 }) as AsyncGenerator<CohortOutcome>) {
    if ('reused' in outcome) throw new Error('nothing to reuse here');
    // A slow consumer: the worker runs ahead, up to the batches in flight, while this outcome is unread.
    if (poolJobs) await new Promise((resolve) => setTimeout(resolve, 60));
    // Not instanceof: jest's realm has a SharedArrayBuffer of its own.
    if (Object.prototype.toString.call(outcome.line.buffer) === '[object SharedArrayBuffer]') shared++;
    lines.push(decode(outcome.line) + decode(outcome.entry));
  }
  return { lines, shared };
}

describe('the pool\'s output slots', () => {
  it('are lent again only once their results are taken: the same bytes as without a pool', async () => {
    const names = readdirSync(FIXTURES).sort().slice(0, 14);
    const cohort = makeCohort(Object.fromEntries(names.map((name) => [name, name])));
    const jobs: GradeJob[] = names.map((student) => ({ student, dir: path.join(cohort, student), name: student, email: '', previous: null }));
    const settings: GradeSettings = { rubrics: [loadRubric('3-scale_up')], lint: {} };
    const inPool = await answers(jobs, settings, 1);
    // One worker, four batches in flight: 14 batches reuse each of the 4 slots three or four times.
    expect(inPool.shared).toBe(jobs.length);
    expect(inPool.lines).toEqual((await answers(jobs, settings, 0)).lines);
  }, 120_000);
});
