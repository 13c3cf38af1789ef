import { existsSync, realpathSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { TOOL } from '../tool.js';
import type { Rubric } from '../config/rubric.js';
import { AtomicFile } from './atomic-file.js';
import { shardOf, type Shard } from './cohort.js';
import { planCohort, type CohortPlan, type PlannedStudent } from './cohort-plan.js';
import { errorRecord, extras, notSubmittedRecord, settingsKey, settingsSummary, type GradeSettings } from './grade-student.js';
import { Interrupted } from '../errors.js';
import { unlessAborted } from './unless-aborted.js';
import { gradebookLayout } from './gradebook.js';
import { digestRecord, type RecordDigest } from './record-digest.js';
import type { CohortIdentity, GradeJob, ResultsHeader, StudentRecord } from './record.js';
import { COHORT_FOLDER_FILE, INTERRUPTED_FILE, openResults, resultRecords, resultsTrailer, RESULTS_FILE } from './results-file.js';
import { gradeInOrder, type PoolOptions } from './run-pool.js';
import { tallyStatus } from './summary.js';
import type { SimilarityOptions } from './similarity/find-similar.js';
import { OutFolder, writeError } from './out-folder.js';
import { CohortOutputs, commitOutputs, discardOutputs, type OutputOptions, type OutputResult, type PendingOutputs } from './write-outputs.js';

export interface GradeCohortOptions extends PoolOptions {
  /** The folder holding one folder per student. */
  dir: string;
  out: string;
  rubrics: Rubric[];
  lint?: GradeSettings['lint'];
  /** Texts students were given (a README template): not evidence of copying. */
  baseText?: string[];
  /** CSV roster mapping folders to names and emails (else the collect manifest's, when there is one). */
  manifest?: string;
  /**
   * The students, when the caller planned them already (the CLI does, to choose the rubrics). The
   * run takes them (`plan.students` is left empty) and drops each once its record is written: a
   * cohort's main thread keeps nothing per student that its outputs do not need.
   */
  plan?: CohortPlan;
  shard?: Shard;
  /** Reuse the previous run's result of every student whose files did not change. */
  resume?: boolean;
  report?: boolean;
  similarity?: SimilarityOptions;
  /** Gradebook exports besides gradebook.csv (canvas, moodle). */
  exports?: OutputOptions['exports'];
  /** Write the CSV files with a UTF-8 byte order mark (default true: spreadsheet programs then read them as UTF-8). */
  bom?: boolean;
  /** Stops the run: what was graded is kept for --resume (see INTERRUPTED_FILE), and Interrupted is thrown. */
  signal?: AbortSignal;
  onProgress?: (progress: { done: number; total: number; reused: number; errors: number }) => void;
  /** What the mentor should know (students without a folder, folders not in the roster...). */
  onWarning?: (message: string) => void;
}

export interface GradeCohortResult {
  header: ResultsHeader;
  students: number;
  reused: number;
  errors: number;
  notSubmitted: number;
  /** Null for a shard: its outputs are written by `merge`. */
  outputs: OutputResult | null;
  timings: { grade: number };
  resultsFile: string;
}

export function resultsHeader(settings: GradeSettings, key: string, shard: Shard, cohort?: CohortIdentity): ResultsHeader {
  const { rubrics } = settings;
  return {
    infralint: 'grade-results',
    version: TOOL.version,
    config: key,
    shard: { index: shard.index, count: shard.count },
    ...gradebookLayout(rubrics),
    settings: settingsSummary(settings),
    ...(cohort ? { cohort } : {}),
  };
}

/**
 * `infralint grade`: every student folder graded with the library call of `infralint check`, in
 * parallel, then the cohort's outputs. With a shard, only that shard's results file is written.
 */
export async function gradeCohort(options: GradeCohortOptions): Promise<GradeCohortResult> {
  const shard = options.shard ?? { index: 1, count: 1 };
  const plan = options.plan ?? planCohort({ dir: options.dir, out: options.out, ...(options.manifest ? { manifest: options.manifest } : {}), locations: options.rubrics });
  if (!options.plan) for (const warning of plan.warnings) options.onWarning?.(warning);
  const cohort = takeStudents(plan, shard);
  const settings: GradeSettings = { rubrics: options.rubrics, lint: options.lint ?? {}, ...(options.baseText?.length ? { baseText: options.baseText } : {}) };
  const key = settingsKey(settings);
  const header = resultsHeader(settings, key, shard, plan.identity);
  const resultsPath = path.join(options.out, RESULTS_FILE);
  // One run at a time on a folder; taking it completes or cleans what a killed run left (before
  // the previous results are read: a commit cut short is completed first).
  const folder = OutFolder.acquire(options.out);
  try {
    const previous = options.resume ? await previousRecords(options.out) : new Map<string, StudentRecord>();
    const result = await gradeInto(options, { shard, cohort, settings, header, resultsPath, previous });
    // Where `review` finds the submissions by default (the results keep no machine path).
    if (shard.count === 1) writeFileSync(path.join(options.out, COHORT_FOLDER_FILE), `${realCohortFolder(options.dir)}\n`);
    return result;
  } catch (error) {
    throw writeError(error, options.out);
  } finally {
    folder.release();
  }
}

/** The plan's students of `shard`, taken from the plan (see GradeCohortOptions.plan). */
function takeStudents(plan: CohortPlan, shard: Shard): (PlannedStudent | undefined)[] {
  const students = plan.students;
  plan.students = [];
  return shard.count === 1 ? students : students.filter((entry) => shardOf(entry.student, shard.count) === shard.index);
}

interface RunPlan {
  shard: Shard;
  /** Each student is set to undefined once its record is written. */
  cohort: (PlannedStudent | undefined)[];
  settings: GradeSettings;
  header: ResultsHeader;
  resultsPath: string;
  previous: Map<string, StudentRecord>;
}

async function gradeInto(options: GradeCohortOptions, plan: RunPlan): Promise<GradeCohortResult> {
  const { shard, cohort, settings, header, resultsPath, previous } = plan;
  const started = performance.now();
  const results = new AtomicFile(resultsPath);
  const pending: PendingOutputs = { files: [results], folders: [], stale: [path.join(options.out, INTERRUPTED_FILE)] };
  let done = 0;
  let reused = 0;
  let errors = 0;
  let notSubmitted = 0;
  /** Whether results.jsonl was written whole (closed with its count). */
  let complete = false;
  // The outputs are written while the workers grade, each worker writing the feedback files of the
  // students it grades. A shard's outputs are written by `merge`.
  const outputWriter = shard.count === 1
    ? new CohortOutputs(header, { out: options.out, report: options.report ?? true, bom: options.bom ?? true, ...(options.exports ? { exports: options.exports } : {}), ...(options.similarity ? { similarity: options.similarity } : {}) }, pending)
    : null;
  const carried = (entry: PlannedStudent) => ({ name: entry.name, email: entry.email, commit: entry.commit, rosterColumns: entry.rosterColumns });
  const toGrade = (entry: PlannedStudent) => !entry.problem && !entry.notSubmitted;
  // Each job is made when the pool sends it, and dropped once graded.
  const jobs = function* (): Generator<GradeJob> {
    for (const entry of cohort) {
      // A student is dropped below only once graded, so one dropped ahead of this loop was not to grade.
      if (!entry || !toGrade(entry)) continue;
      yield {
        student: entry.student, dir: entry.dir, ...carried(entry), previous: previous.get(entry.student)?.inputs ?? null,
        ...(outputWriter ? { feedbackFolder: outputWriter.feedbackFolder } : {}),
      };
    }
  };
  let count = 0;
  for (const entry of cohort) if (toGrade(entry!)) count++;
  const outcomes = gradeInOrder(jobs(), count, settings, options);
  try {
    results.write(`${JSON.stringify(header)}\n`);
    for (let i = 0; i < cohort.length; i++) {
      const entry = cohort[i]!;
      let digest: RecordDigest;
      const student = { student: entry.student, ...carried(entry) };
      if (entry.notSubmitted) {
        digest = digestRecord(notSubmittedRecord(student, entry.notSubmitted), header);
        notSubmitted++;
      } else if (entry.problem) {
        digest = digestRecord(errorRecord(student, entry.problem), header);
      } else {
        const next = await unlessAborted(outcomes.next(), options.signal);
        if (next.done) throw new Error('the worker pool returned fewer results than students');
        const outcome = next.value;
        if ('reused' in outcome) {
          // Names, commit and roster columns are this run's (the roster may have changed since).
          const { commit: _commit, rosterColumns: _columns, ...kept } = previous.get(entry.student)!;
          digest = digestRecord({ ...kept, name: student.name, email: student.email, ...extras(student) }, header);
          reused++;
        } else {
          digest = outcome;
        }
      }
      if (tallyStatus(digest.tally) === 'error') errors++;
      results.write(digest.line);
      outputWriter?.add(digest);
      // Nothing of the student stays in this thread but what the outputs keep (see CohortOutputs).
      cohort[i] = undefined;
      previous.delete(entry.student);
      done++;
      options.onProgress?.({ done, total: cohort.length, reused, errors });
    }
    results.write(`${resultsTrailer(cohort.length)}\n`);
    results.close();
    complete = true;
    // The workers' memory is given back before the outputs are written: the run's peak is that of
    // grading or that of the outputs, not both.
    await outcomes.return(undefined);
    const gradeMs = performance.now() - started;

    let outputs: OutputResult | null = null;
    if (outputWriter) {
      // A stop asked for while the outputs are written (report.html takes seconds) is one too.
      throwIfAborted(options.signal);
      // The header is already known: only report.html reads the records back, and lazily.
      outputs = await outputWriter.finish(() => resultRecords(results.temp));
    }
    throwIfAborted(options.signal);
    commitOutputs(pending, options.out);
    return { header, students: cohort.length, reused, errors, notSubmitted, outputs, timings: { grade: gradeMs }, resultsFile: resultsPath };
  } catch (error) {
    // The workers are stopped before the temporary outputs are removed: a worker still writing a
    // feedback file would make the removal fail and hide the error (a full disk said as ENOTEMPTY).
    await outcomes.return(undefined);
    if (error instanceof Interrupted) error.kept = keepInterrupted(results, done, options.out, complete);
    outputWriter?.discard();
    discardOutputs(pending);
    throw error;
  } finally {
    // Stops the worker pool however the loop ended.
    await outcomes.return(undefined);
  }
}

/**
 * The students graded before an interruption, kept as a results file of their own (closed with its
 * count, as any results file) that `--resume` reads: an interrupted run loses no work, and leaves
 * the previous outputs as they were. Returns how many were kept.
 */
function keepInterrupted(results: AtomicFile, done: number, out: string, whole: boolean): number {
  if (done === 0) return 0;
  try {
    // Whole: every student was graded (the stop came while the outputs were written).
    if (!whole) results.write(`${resultsTrailer(done)}\n`);
    results.close();
    renameSync(results.temp, path.join(out, INTERRUPTED_FILE));
    return done;
  } catch {
    return 0;
  }
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new Interrupted(String(signal.reason ?? 'interrupted'));
}

/** The previous run's records, by student (and those of an interrupted run after it), when their settings could still match. */
async function previousRecords(out: string): Promise<Map<string, StudentRecord>> {
  const map = new Map<string, StudentRecord>();
  for (const file of [path.join(out, RESULTS_FILE), path.join(out, INTERRUPTED_FILE)]) {
    if (!existsSync(file)) continue;
    const reader = await openResults(file);
    for await (const record of reader.records()) if (record.inputs) map.set(record.student, record);
  }
  return map;
}

/** The cohort's folder with its links resolved: two runs on one cohort record the same folder. */
function realCohortFolder(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
}
