// A worker thread of `infralint grade`: grades batches of students with the settings of the run.
import { workerData } from 'node:worker_threads';
import { gradeStudent, settingsKey, type GradeOutcome, type GradeSettings } from './grade-student.js';
import type { GradeJob } from './record.js';

const settings = workerData as GradeSettings;
const key = settingsKey(settings);

export default async function gradeBatch(jobs: GradeJob[]): Promise<GradeOutcome[]> {
  const outcomes: GradeOutcome[] = [];
  for (const job of jobs) outcomes.push(await gradeStudent(job, settings, key));
  return outcomes;
}
