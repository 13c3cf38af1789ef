// A worker thread of `infralint grade`: grades batches of students with the settings of the run.
import { workerData } from 'node:worker_threads';
import { gradeForCohort, settingsKey, type CohortOutcome, type GradeSettings } from './grade-student.js';
import type { GradeJob } from './record.js';

const settings = workerData as GradeSettings;
const key = settingsKey(settings);

/** A batch of students, and a shared counter where the worker says which one it is grading. */
export interface BatchTask {
  jobs: GradeJob[];
  /** Int32 at 0: 1 + the index of the student being graded (0 before the first). */
  progress: SharedArrayBuffer;
}

export default async function gradeBatch(task: BatchTask): Promise<CohortOutcome[]> {
  const progress = new Int32Array(task.progress);
  const outcomes: CohortOutcome[] = [];
  for (const [k, job] of task.jobs.entries()) {
    // The pool's watchdog times each student from here: `--timeout` bounds a student, not a batch.
    Atomics.store(progress, 0, k + 1);
    outcomes.push(await gradeForCohort(job, settings, key));
  }
  return outcomes;
}
