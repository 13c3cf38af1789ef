import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../errors.js';
import type { StudentRecord } from '../record.js';
import { COHORT_FOLDER_FILE, openResults, RESULTS_FILE } from '../results-file.js';
import { applyDecisions, type DecidedRecord } from './apply-decisions.js';
import { latestByStudent, readDecisions } from './decisions.js';

/** A student with rules awaiting a person: their record as the tool graded it, and as decided so far. */
export interface Awaiting {
  record: StudentRecord;
  decided: DecidedRecord;
}

/** What `infralint review` serves: the students awaiting a person, and where their submissions lie. */
export interface ReviewQueue {
  grades: string;
  cohort: string;
  students: Awaiting[];
}

/** Whether the tool left any rule of the record to a person. */
export function awaitsReview(record: StudentRecord): boolean {
  return record.tasks.some((t) => t.rules.some((r) => r.status === 'manual'));
}

/**
 * The review queue of a grades folder: every student of its results.jsonl with a rule awaiting a
 * person (decided ones too: a reviewer may change a decision), with the decisions of the folder
 * applied. The results file is checked as `merge` checks it; a decisions file with an invalid entry
 * is a UsageError naming its line.
 */
export async function loadReviewQueue(grades: string, cohortOption?: string): Promise<ReviewQueue> {
  const file = path.join(grades, RESULTS_FILE);
  if (!existsSync(file)) throw new UsageError(`${grades} holds no ${RESULTS_FILE}: run \`infralint grade <cohort> --out ${grades}\` first (review needs the outputs of a whole run, not of a shard)`);
  const reader = await openResults(file);
  if (reader.header.shard.count > 1) throw new UsageError(`${file} is shard ${reader.header.shard.index}/${reader.header.shard.count}: run \`infralint merge\` first and review the merged folder`);
  const records: StudentRecord[] = [];
  for await (const record of reader.records()) if (awaitsReview(record)) records.push(record);
  const cohort = cohortOption ?? inferCohort(records) ?? recordedCohort(grades);
  if (!cohort) throw new UsageError(`cannot tell where the submissions of ${grades} are: give the cohort folder with --cohort <dir>`);
  if (!existsSync(cohort) || !statSync(cohort).isDirectory()) throw new UsageError(`--cohort ${cohort} is not a folder`);
  const queue: ReviewQueue = { grades, cohort, students: [] };
  const decisions = latestByStudent(readDecisions(grades));
  queue.students = records.map((record) => ({ record, decided: applyDecisions(record, decisions.get(record.student) ?? []) }));
  return queue;
}

/** Reads the decisions again and applies them to one student (after a reviewer saved one). */
export function refreshStudent(queue: ReviewQueue, student: Awaiting): void {
  const decisions = latestByStudent(readDecisions(queue.grades)).get(student.record.student) ?? [];
  student.decided = applyDecisions(student.record, decisions);
}

/**
 * The cohort folder the records were graded from, when their probes say it: the folder holding a
 * path named after the student. Null when they do not (older or relative probes): --cohort then.
 */
function inferCohort(records: readonly StudentRecord[]): string | null {
  for (const record of records) {
    for (const probe of record.inputs?.probes ?? []) {
      if (!path.isAbsolute(probe.path)) continue;
      let dir = probe.path;
      while (path.dirname(dir) !== dir) {
        if (path.basename(dir) === record.student) return path.dirname(dir);
        dir = path.dirname(dir);
      }
    }
  }
  return null;
}

/** The folder `grade` recorded beside its outputs, while it still exists. */
function recordedCohort(grades: string): string | null {
  try {
    const folder = readFileSync(path.join(grades, COHORT_FOLDER_FILE), 'utf8').trim();
    return folder && statSync(folder).isDirectory() ? folder : null;
  } catch {
    return null;
  }
}
