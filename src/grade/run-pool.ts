import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_MAX_BYTES } from '../read/safe-read.js';
import { LIMITS } from '../submission/limits.js';
import { errorRecord, gradeForCohort, settingsKey, type CohortOutcome, type GradeSettings } from './grade-student.js';
import { gradebookLayout } from './gradebook.js';
import { digestRecord } from './record-digest.js';
import type { GradeJob } from './record.js';
import type { BatchTask, OutputSlot } from './worker.js';

export interface PoolOptions {
  /** Worker threads; 0 grades in this thread (no pool). */
  jobs: number;
  /** Students sent to a worker at once: fewer messages, same results. */
  batchSize?: number;
  /** A student taking longer than this (ms) becomes an error row. */
  timeoutMs?: number;
  /** Stops the pool at once (its workers terminated): the run was interrupted. */
  signal?: AbortSignal;
  /** Memory cap of each worker (MiB of old generation); default: workerOldGenerationMb of the run's --max-bytes. */
  maxWorkerMemoryMb?: number;
}

/** Bytes of the slot a batch in flight may put its results in (16 students' take ~250 KB). */
const OUTPUT_SLOT_BYTES = 512 * 1024;

/** MiB of young generation a worker has (see the pool's resourceLimits). */
const WORKER_YOUNG_GENERATION_MB = 8;

const MIB = 1024 * 1024;
/** The least old generation a worker gets (MiB): what grading needs beside the submission's text. */
const WORKER_OLD_GENERATION_FLOOR_MB = 256;
/**
 * MiB of old generation a worker may use for each MiB a task may read. Grading a 30 MB task file
 * read whole (--max-bytes 32M) fails under a 256 MiB cap and passes under 320 MiB: about 10 MiB a
 * MiB read. Twice that: test/e2e/worker-memory-cap.test.ts grades a file at the limit under half.
 */
const WORKER_OLD_GENERATION_PER_READ_MIB = 20;

/**
 * The old-generation cap of a grading worker for a run reading at most `maxBytes` of a file: a
 * task reads at most LIMITS.bytes and the file that crosses it, so the largest submission the run
 * admits fits with room to spare, and a run with the default --max-bytes gets the floor (it was
 * 1 GiB whatever the run). A smaller cap also lowers the most V8 lets a heap grow past its live
 * data before collecting (heap-controller's MaxGrowingFactor rises with the limit, from 1.3x); on
 * bench:grade the peak of 10,000 students moved within the machine's noise (what grew with the
 * cohort then was mostly the main thread's young generation, 16 MB at 1,000 students, 32 at 10,000,
 * since held to 8 MB by bin/node-flags).
 */
export function workerOldGenerationMb(maxBytes = DEFAULT_MAX_BYTES): number {
  const readMib = (LIMITS.bytes + maxBytes) / MIB;
  return Math.max(WORKER_OLD_GENERATION_FLOOR_MB, Math.ceil(readMib * WORKER_OLD_GENERATION_PER_READ_MIB));
}

/** The worker module: the bundled one when built, the compiled one otherwise. */
export function workerFile(): string {
  const candidates = ['./grade-worker.mjs', '../grade-worker.mjs', './worker.js', '../../dist/grade-worker.mjs', '../../dist/grade/worker.js'];
  for (const candidate of candidates) {
    const file = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(file)) return file;
  }
  throw new Error('the grading worker is not built; run `npm run build`');
}

/**
 * Grades the `count` jobs of `jobs` and yields the outcomes in their order, whatever order workers
 * finish in. Jobs are taken from `jobs` as batches are sent, and dropped once graded: at most a few
 * batches per worker are in flight, so memory does not grow with the cohort (a generator making
 * each job when asked keeps none alive beyond them).
 */
export async function* gradeInOrder(jobs: Iterable<GradeJob>, count: number, settings: GradeSettings, options: PoolOptions): AsyncGenerator<CohortOutcome> {
  if (options.jobs <= 0) {
    const key = settingsKey(settings);
    for (const job of jobs) yield await gradeForCohort(job, settings, key);
    return;
  }
  const batchSize = Math.max(1, options.batchSize ?? 16);
  const source = jobs[Symbol.iterator]();
  /** The next batch of jobs: fewer than batchSize at the end (none once `jobs` is done). */
  const takeBatch = (): GradeJob[] => {
    const batch: GradeJob[] = [];
    for (let taken = source.next(); !taken.done; taken = source.next()) if (batch.push(taken.value) === batchSize) break;
    return batch;
  };
  const batchCount = Math.ceil(count / batchSize);
  // Sized to the cohort: a worker costs its start and its warm-up, so never more workers than batches.
  const threads = Math.max(1, Math.min(options.jobs, batchCount));
  const { Piscina } = await import('piscina');
  const timeoutMs = options.timeoutMs ?? 30_000;
  const pool = new Piscina({
    filename: workerFile(),
    workerData: settings,
    minThreads: threads,
    maxThreads: threads,
    // Sent as soon as a worker is free: the window below bounds what waits.
    maxQueue: 'auto',
    // A small young generation (V8's default grows to 32 MB a worker): with it, the peak of a
    // 10,000-student run measured 1.27x that of 1,000 students instead of 1.37x, at the same CPU.
    resourceLimits: { maxOldGenerationSizeMb: options.maxWorkerMemoryMb ?? workerOldGenerationMb(settings.lint.maxBytes), maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
  });

  // Each batch carries a shared counter the worker sets to the student it is grading; a watchdog
  // stops the batch (the worker thread is terminated) when one student takes longer than the
  // timeout. The students before it are graded again, it becomes an error row, and the rest go on:
  // a slow submission costs one timeout, not one per student of its batch.
  const layout = gradebookLayout(settings.rubrics);
  /** Offsets of the output slots of batches that failed (see below). */
  const retired = new Set<number>();
  const tick = Math.min(1000, Math.max(20, Math.floor(timeoutMs / 10)));
  const runBatch = async (batch: GradeJob[], output?: OutputSlot): Promise<CohortOutcome[]> => {
    if (!batch.length) return [];
    const progress = new Int32Array(new SharedArrayBuffer(4));
    const abort = new AbortController();
    let seen = 0;
    let since = performance.now();
    const watchdog = setInterval(() => {
      const now = performance.now();
      const at = Atomics.load(progress, 0);
      if (at !== seen) {
        seen = at;
        since = now;
      } else if (at > 0 && now - since > timeoutMs) {
        abort.abort();
      }
    }, tick);
    try {
      return (await pool.run({ jobs: batch, progress: progress.buffer, ...(output ? { output } : {}) } satisfies BatchTask, { signal: abort.signal })) as CohortOutcome[];
    } catch (error) {
      // A worker stopped in a system call may still write when it returns: its slot is not lent again.
      if (output) retired.add(output.offset);
      const at = Atomics.load(progress, 0);
      const aborted = abort.signal.aborted || (error as Error)?.name === 'AbortError';
      const why = aborted ? `grading took longer than ${timeoutMs / 1000} s; stopped` : `the grading worker failed: ${(error as Error)?.message ?? String(error)}`;
      // Before any student started, the worker itself failed: every student of the batch says so.
      if (at === 0) return batch.map((job) => digestRecord(errorRecord(job, why), layout));
      // Graded again without the slot: the students before it must keep their bytes while those after it are graded.
      const k = at - 1;
      const before = await runBatch(batch.slice(0, k));
      const after = await runBatch(batch.slice(k + 1));
      return [...before, digestRecord(errorRecord(batch[k]!, why), layout), ...after];
    } finally {
      clearInterval(watchdog);
    }
  };

  // An interrupted run does not wait for the batches in flight: their workers are terminated.
  const stop = () => void pool.destroy().catch(() => undefined);
  options.signal?.addEventListener('abort', stop, { once: true });

  const window = threads * 4;
  // One slot a batch in flight, lent again once the batch before it is taken: batch i + window starts
  // after the consumer took every outcome of batch i, and the consumer writes out (copies) the bytes
  // of an outcome before it takes the next, so a slot is never written while its bytes are in use.
  const slots = new SharedArrayBuffer(OUTPUT_SLOT_BYTES * Math.min(window, batchCount));
  const slotOf = (index: number): OutputSlot | undefined => {
    const offset = (index % window) * OUTPUT_SLOT_BYTES;
    return retired.has(offset) ? undefined : { buffer: slots, offset, length: OUTPUT_SLOT_BYTES };
  };
  const pending = new Map<number, Promise<CohortOutcome[]>>();
  let next = 0;
  try {
    for (let i = 0; i < batchCount; i++) {
      while (next < batchCount && next < i + window) {
        pending.set(next, runBatch(takeBatch(), slotOf(next)));
        next++;
      }
      const outcomes = await pending.get(i)!;
      pending.delete(i);
      yield* outcomes;
    }
  } finally {
    options.signal?.removeEventListener('abort', stop);
    if (options.signal?.aborted) stop();
    await Promise.allSettled(pending.values());
    // A worker blocked in a system call cannot be terminated: the run does not wait for it.
    await Promise.race([pool.destroy(), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
  }
}
