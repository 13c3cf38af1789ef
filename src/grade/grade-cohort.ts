import { existsSync } from 'node:fs';
import path from 'node:path';
import { TOOL } from '../tool.js';
import type { Rubric } from '../config/rubric.js';
import { AtomicFile } from './atomic-file.js';
import { listCohort, readManifest, shardOf, type Shard } from './cohort.js';
import { errorRecord, settingsKey, type GradeSettings } from './grade-student.js';
import { digestRecord, type RecordDigest } from './record-digest.js';
import type { GradeJob, ResultsHeader, StudentRecord } from './record.js';
import { openResults, resultRecords, resultsTrailer, RESULTS_FILE } from './results-file.js';
import { gradeInOrder, type PoolOptions } from './run-pool.js';
import type { SimilarityOptions } from './similarity/find-similar.js';
import { OutFolder, writeError } from './out-folder.js';
import { CohortOutputs, commitOutputs, discardOutputs, type OutputResult, type PendingOutputs } from './write-outputs.js';

export interface GradeCohortOptions extends PoolOptions {
  /** The folder holding one folder per student. */
  dir: string;
  out: string;
  rubrics: Rubric[];
  lint?: GradeSettings['lint'];
  /** Texts students were given (a README template): not evidence of copying. */
  baseText?: string[];
  /** CSV mapping folders to names and emails. */
  manifest?: string;
  shard?: Shard;
  /** Reuse the previous run's result of every student whose files did not change. */
  resume?: boolean;
  report?: boolean;
  similarity?: SimilarityOptions;
  onProgress?: (progress: { done: number; total: number; reused: number; errors: number }) => void;
}

export interface GradeCohortResult {
  header: ResultsHeader;
  students: number;
  reused: number;
  errors: number;
  /** Null for a shard: its outputs are written by `merge`. */
  outputs: OutputResult | null;
  timings: { grade: number };
  resultsFile: string;
}

export function resultsHeader(rubrics: Rubric[], key: string, shard: Shard): ResultsHeader {
  return {
    infralint: 'grade-results',
    version: TOOL.version,
    config: key,
    shard: { index: shard.index, count: shard.count },
    tasks: rubrics.map((r) => r.task),
    rules: Object.fromEntries(rubrics.map((r) => [r.task, r.rules.map((x) => x.id)])),
  };
}

/**
 * `infralint grade`: every student folder graded with the library call of `infralint check`, in
 * parallel, then the cohort's outputs. With a shard, only that shard's results file is written.
 */
export async function gradeCohort(options: GradeCohortOptions): Promise<GradeCohortResult> {
  const shard = options.shard ?? { index: 1, count: 1 };
  const manifest = options.manifest ? readManifest(options.manifest) : new Map();
  const cohort = listCohort(options.dir).filter((entry) => shard.count === 1 || shardOf(entry.student, shard.count) === shard.index);
  const settings: GradeSettings = { rubrics: options.rubrics, lint: options.lint ?? {}, ...(options.baseText?.length ? { baseText: options.baseText } : {}) };
  const key = settingsKey(settings);
  const header = resultsHeader(options.rubrics, key, shard);
  const resultsPath = path.join(options.out, RESULTS_FILE);
  // One run at a time on a folder; taking it completes or cleans what a killed run left (before
  // the previous results are read: a commit cut short is completed first).
  const folder = OutFolder.acquire(options.out);
  try {
    const previous = options.resume ? await previousRecords(resultsPath) : new Map<string, StudentRecord>();
    return await gradeInto(options, { shard, manifest, cohort, settings, header, resultsPath, previous });
  } catch (error) {
    throw writeError(error, options.out);
  } finally {
    folder.release();
  }
}

interface RunPlan {
  shard: Shard;
  manifest: Map<string, { name: string; email: string }>;
  cohort: ReturnType<typeof listCohort>;
  settings: GradeSettings;
  header: ResultsHeader;
  resultsPath: string;
  previous: Map<string, StudentRecord>;
}

async function gradeInto(options: GradeCohortOptions, plan: RunPlan): Promise<GradeCohortResult> {
  const { shard, manifest, cohort, settings, header, resultsPath, previous } = plan;
  const started = performance.now();
  const results = new AtomicFile(resultsPath);
  const pending: PendingOutputs = { files: [results], folders: [] };
  let done = 0;
  let reused = 0;
  let errors = 0;
  // The outputs are written while the workers grade, each worker writing the feedback files of the
  // students it grades. A shard's outputs are written by `merge`.
  const outputWriter = shard.count === 1
    ? new CohortOutputs(header, { out: options.out, report: options.report ?? true, ...(options.similarity ? { similarity: options.similarity } : {}) }, pending)
    : null;
  const person = (student: string) => ({ name: manifest.get(student)?.name ?? '', email: manifest.get(student)?.email ?? '' });
  const jobs: GradeJob[] = cohort
    .filter((entry) => !entry.problem)
    .map((entry) => ({
      student: entry.student, dir: entry.dir, ...person(entry.student), previous: previous.get(entry.student)?.inputs ?? null,
      ...(outputWriter ? { feedbackFolder: outputWriter.feedbackFolder } : {}),
    }));
  const outcomes = gradeInOrder(jobs, settings, options);
  try {
    results.write(`${JSON.stringify(header)}\n`);
    for (const entry of cohort) {
      let digest: RecordDigest;
      if (entry.problem) {
        digest = digestRecord(errorRecord({ student: entry.student, ...person(entry.student) }, entry.problem));
      } else {
        const next = await outcomes.next();
        if (next.done) throw new Error('the worker pool returned fewer results than students');
        const outcome = next.value;
        if ('reused' in outcome) {
          digest = digestRecord({ ...previous.get(entry.student)!, ...person(entry.student) });
          reused++;
        } else {
          digest = outcome;
        }
      }
      if (digest.entry.status === 'error') errors++;
      results.write(`${digest.line}\n`);
      outputWriter?.add(digest);
      done++;
      options.onProgress?.({ done, total: cohort.length, reused, errors });
    }
    results.write(`${resultsTrailer(cohort.length)}\n`);
    results.close();
    const gradeMs = performance.now() - started;

    let outputs: OutputResult | null = null;
    if (outputWriter) {
      // The header is already known: only report.html reads the records back, and lazily.
      outputs = await outputWriter.finish(() => resultRecords(results.temp));
    }
    commitOutputs(pending, options.out);
    return { header, students: cohort.length, reused, errors, outputs, timings: { grade: gradeMs }, resultsFile: resultsPath };
  } catch (error) {
    // The workers are stopped before the temporary outputs are removed: a worker still writing a
    // feedback file would make the removal fail and hide the error (a full disk said as ENOTEMPTY).
    await outcomes.return(undefined);
    outputWriter?.discard();
    discardOutputs(pending);
    throw error;
  } finally {
    // Stops the worker pool however the loop ended.
    await outcomes.return(undefined);
  }
}

/** The previous run's records, by student, when its settings could still match. */
async function previousRecords(file: string): Promise<Map<string, StudentRecord>> {
  const map = new Map<string, StudentRecord>();
  if (!existsSync(file)) return map;
  const reader = await openResults(file);
  for await (const record of reader.records()) if (record.inputs) map.set(record.student, record);
  return map;
}
