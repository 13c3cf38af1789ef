import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { errorRecord, gradeForCohort, settingsKey, type CohortOutcome, type GradeSettings } from './grade-student.js';
import { digestRecord } from './record-digest.js';
import type { GradeJob } from './record.js';

export interface PoolOptions {
  /** Worker threads; 0 grades in this thread (no pool). */
  jobs: number;
  /** Students sent to a worker at once: fewer messages, same results. */
  batchSize?: number;
  /** A student taking longer than this (ms) becomes an error row. */
  timeoutMs?: number;
  /** Memory cap of each worker (MiB of old generation): a pathological submission cannot exhaust the machine. */
  maxWorkerMemoryMb?: number;
}

/** The worker module: the bundled one when built, the compiled one otherwise. */
function workerFile(): string {
  const candidates = ['./grade-worker.mjs', '../grade-worker.mjs', './worker.js', '../../dist/grade-worker.mjs', '../../dist/grade/worker.js'];
  for (const candidate of candidates) {
    const file = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(file)) return file;
  }
  throw new Error('the grading worker is not built; run `npm run build`');
}

/**
 * Grades every job and yields the outcomes in the order of `jobs`, whatever order workers finish in.
 * At most a few batches per worker are in flight, so memory does not grow with the cohort.
 */
export async function* gradeInOrder(jobs: GradeJob[], settings: GradeSettings, options: PoolOptions): AsyncGenerator<CohortOutcome> {
  if (options.jobs <= 0) {
    const key = settingsKey(settings);
    for (const job of jobs) yield await gradeForCohort(job, settings, key);
    return;
  }
  const batchSize = Math.max(1, options.batchSize ?? 16);
  const batches: GradeJob[][] = [];
  for (let i = 0; i < jobs.length; i += batchSize) batches.push(jobs.slice(i, i + batchSize));
  // Sized to the cohort: a worker costs its start and its warm-up, so never more workers than batches.
  const threads = Math.max(1, Math.min(options.jobs, batches.length));
  const { Piscina } = await import('piscina');
  const timeoutMs = options.timeoutMs ?? 30_000;
  const pool = new Piscina({
    filename: workerFile(),
    workerData: settings,
    minThreads: threads,
    maxThreads: threads,
    // Sent as soon as a worker is free: the window below bounds what waits.
    maxQueue: 'auto',
    resourceLimits: { maxOldGenerationSizeMb: options.maxWorkerMemoryMb ?? 1024 },
  });

  const runOne = async (batch: GradeJob[], limitMs: number): Promise<CohortOutcome[]> => {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), limitMs);
    try {
      return (await pool.run(batch, { signal: abort.signal })) as CohortOutcome[];
    } finally {
      clearTimeout(timer);
    }
  };
  // A batch that times out or kills its worker is graded again one student at a time, so that only
  // the student at fault becomes an error row.
  const runBatch = async (batch: GradeJob[]): Promise<CohortOutcome[]> => {
    try {
      return await runOne(batch, timeoutMs * batch.length);
    } catch {
      const outcomes: CohortOutcome[] = [];
      for (const job of batch) {
        try {
          outcomes.push(...(await runOne([job], timeoutMs)));
        } catch (error) {
          const aborted = (error as Error)?.name === 'AbortError';
          outcomes.push(digestRecord(errorRecord(job, aborted ? `grading took longer than ${timeoutMs / 1000} s; stopped` : `the grading worker failed: ${(error as Error)?.message ?? String(error)}`)));
        }
      }
      return outcomes;
    }
  };

  const window = threads * 4;
  const pending = new Map<number, Promise<CohortOutcome[]>>();
  let next = 0;
  try {
    for (let i = 0; i < batches.length; i++) {
      while (next < batches.length && next < i + window) {
        pending.set(next, runBatch(batches[next]!));
        next++;
      }
      const outcomes = await pending.get(i)!;
      pending.delete(i);
      yield* outcomes;
    }
  } finally {
    await Promise.allSettled(pending.values());
    await pool.destroy();
  }
}
