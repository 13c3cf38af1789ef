// A worker thread of `infralint grade`: grades batches of students with the settings of the run.
import { workerData } from 'node:worker_threads';
import { surveyMembers, type CohortSurvey } from '../discover/project-tasks.js';
import { gradeForCohort, settingsKey, type CohortOutcome, type GradeSettings } from './grade-student.js';
import type { RecordDigest } from './record-digest.js';
import type { GradeJob } from './record.js';
import type { SurveyTask } from './survey-pool.js';

/** The run's settings; none in a pool that surveys a cohort before its rubrics are chosen (see `survey`). */
const settings = workerData as GradeSettings | null;
let key: string | undefined;

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

export default async function gradeBatch(task: BatchTask): Promise<CohortOutcome[]> {
  if (!settings) throw new Error('a grading worker started without the run\'s settings');
  key ??= settingsKey(settings);
  const progress = new Int32Array(task.progress);
  const outcomes: CohortOutcome[] = [];
  for (const [k, job] of task.jobs.entries()) {
    // The pool's watchdog times each student from here: `--timeout` bounds a student, not a batch.
    Atomics.store(progress, 0, k + 1);
    outcomes.push(await gradeForCohort(job, settings, key));
  }
  return packBytes(outcomes, task.output);
}

/** Some of a cohort's repositories surveyed for its curriculum and tasks (see src/grade/survey-pool.ts). */
export function survey(task: SurveyTask): CohortSurvey {
  return surveyMembers(task.members, task.choice);
}

/**
 * The batch's results lines, gradebook entries, tallies and sketches' minima copied into one buffer, each digest keeping a view
 * of its part: the message to the main thread then holds one buffer instead of two a student (the
 * structured clone copies a buffer once, whatever number of views point into it). When they fit,
 * into the slot the pool lent: the main thread then receives views of memory it reuses, and
 * allocates nothing a batch (a buffer a batch waited for V8 to collect it, and the main thread's
 * memory grew with the length of the run).
 */
function packBytes(outcomes: CohortOutcome[], slot: OutputSlot | undefined): CohortOutcome[] {
  const digests = outcomes.filter((o): o is RecordDigest => !('reused' in o));
  let total = 0;
  for (const d of digests) {
    total += d.line.byteLength + d.entry.byteLength + d.tally.packed.byteLength;
    for (const task of d.sketch.tasks) total += task.minima?.byteLength ?? 0;
  }
  const bytes = slot && total <= slot.length ? new Uint8Array(slot.buffer, slot.offset, total) : new Uint8Array(total);
  let at = 0;
  const place = (part: Uint8Array) => {
    bytes.set(part, at);
    at += part.byteLength;
    return bytes.subarray(at - part.byteLength, at);
  };
  for (const d of digests) {
    d.line = place(d.line);
    d.entry = place(d.entry);
    d.tally.packed = place(d.tally.packed);
    for (const task of d.sketch.tasks) if (task.minima) task.minima = place(task.minima);
  }
  return outcomes;
}
