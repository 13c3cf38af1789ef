// A worker thread of `infralint grade`: grades batches of students with the settings of the run.
import { workerData } from 'node:worker_threads';
import { gradeForCohort, settingsKey, type CohortOutcome, type GradeSettings } from './grade-student.js';
import type { GradeJob } from './record.js';

const settings = workerData as GradeSettings;
const key = settingsKey(settings);

export default async function gradeBatch(jobs: GradeJob[]): Promise<CohortOutcome[]> {
  const outcomes: CohortOutcome[] = [];
  for (const job of jobs) outcomes.push(await gradeForCohort(job, settings, key));
  return outcomes;
}
