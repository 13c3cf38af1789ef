// A worker thread of `infralint grade`: grades batches of students with the settings of the run.
import { workerData } from 'node:worker_threads';
import { gradeForCohort, settingsKey, type CohortOutcome, type GradeSettings } from './grade-student.js';
import { packBytes, type PackedOutcome } from './batch-bytes.js';
import type { GradeJob } from './record.js';

const settings = workerData as GradeSettings;
const key = settingsKey(settings);

/** A batch of students, and a shared counter where the worker says which one it is grading. */
export interface BatchTask {
  jobs: GradeJob[];
  /** Int32 at 0: 1 + the index of the student being graded (0 before the first). */
  progress: SharedArrayBuffer;
  /** Where to put the batch's bytes when they fit (see packBytes), else in a buffer of the batch's own. */
  output?: OutputSlot;
}

/** A part of a SharedArrayBuffer the pool lends a batch for its results, and takes back once they are written out. */
export interface OutputSlot {
  buffer: SharedArrayBuffer;
  offset: number;
  length: number;
}

export default async function gradeBatch(task: BatchTask): Promise<PackedOutcome[]> {
  const progress = new Int32Array(task.progress);
  const outcomes: CohortOutcome[] = [];
  for (const [k, job] of task.jobs.entries()) {
    // The pool's watchdog times each student from here: `--timeout` bounds a student, not a batch.
    Atomics.store(progress, 0, k + 1);
    outcomes.push(await gradeForCohort(job, settings, key));
  }
  return packBytes(outcomes, task.output);
}
