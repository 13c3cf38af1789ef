// Seeded mutation of diagrams and submissions, run in worker threads under a per-input limit of CPU
// time (the worker thread's own, read from /proc; wall time where it cannot be read).
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { threadCpuMs, WALL_BACKSTOP } from './cpu-time.mjs';
import { generator } from './random.mjs';
import { mutate } from './mutate.mjs';

const WORKER = fileURLToPath(new URL('./fuzz-worker.mjs', import.meta.url));

/** The `index`-th input of a run: a function of the seed and the index only (a hang can be replayed alone). */
export function fuzzInput(seed, index, diagrams, submissions) {
  const r = generator((seed * 1_000_003 + index) >>> 0);
  const kind = r.chance(0.75) ? 'diagram' : 'submission';
  const seeds = kind === 'diagram' ? diagrams : submissions;
  let text = seeds.length ? r.pick(seeds) : '';
  const donor = seeds.length ? r.pick(seeds) : '';
  for (let k = 1 + r.int(3); k > 0; k--) text = mutate(r, text, donor);
  return { index, kind, text, formats: index % 10 === 0 };
}

/**
 * Runs `inputs` in one worker; resolves with its report, or with the index that overran the limit:
 * `limitMs` of the worker thread's CPU on one input, or WALL_BACKSTOP times that on the wall clock
 * (an input that waits on something rather than computes).
 */
export function runChunk(dist, inputs, limitMs) {
  return new Promise((resolve) => {
    // [0]: 1 + the index of the input being run; [1]: the worker thread's kernel id (0 when unknown).
    const progress = new Int32Array(new SharedArrayBuffer(8));
    const worker = new Worker(WORKER, { workerData: { dist, inputs, progress: progress.buffer, limitMs }, resourceLimits: { maxOldGenerationSizeMb: 2048 } });
    let seen = 0;
    let since = performance.now();
    let sinceCpu = null;
    let settled = false;
    const finish = (value) => {
      if (settled) return;
      settled = true;
      clearInterval(watchdog);
      void worker.terminate();
      resolve(value);
    };
    const watchdog = setInterval(() => {
      const at = Atomics.load(progress, 0);
      const cpu = threadCpuMs(Atomics.load(progress, 1));
      const now = performance.now();
      if (at !== seen) {
        seen = at;
        since = now;
        sinceCpu = cpu;
      } else if (at > 0) {
        const wallMs = now - since;
        const cpuMs = cpu !== null && sinceCpu !== null ? cpu - sinceCpu : null;
        if ((cpuMs ?? wallMs) > limitMs || wallMs > limitMs * WALL_BACKSTOP) partial({ hungAt: at - 1, ms: cpuMs ?? wallMs, wallMs });
      }
    }, 50);
    const problems = { exceptions: [], injected: [] };
    worker.on('message', (message) => {
      if (message.type === 'exception') problems.exceptions.push(message);
      else if (message.type === 'injected') problems.injected.push(message);
      else finish({ report: { ...problems, done: message.done, slowest: message.slowest } });
    });
    const partial = (value) => finish({ ...value, problems });
    worker.on('error', (error) => partial({ crashedAt: Math.max(0, Atomics.load(progress, 0) - 1), message: String(error?.message ?? error) }));
    worker.on('exit', (code) => partial({ crashedAt: Math.max(0, Atomics.load(progress, 0) - 1), message: `worker exited with code ${code}` }));
  });
}

/**
 * Runs `count` mutated inputs on `threads` workers. Returns counts and the failing inputs (each
 * with its index, so `--replay` can run it alone).
 */
export async function fuzz({ dist, seed, count, limitMs, threads, diagrams, submissions, chunk = 100 }) {
  const result = { tried: 0, crashed: [], hung: [], injected: [], slowest: { index: -1, ms: 0, bytes: 0 } };
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const from = next;
      const to = Math.min(count, from + chunk);
      next = to;
      let inputs = [];
      for (let i = from; i < to; i++) inputs.push(fuzzInput(seed, i, diagrams, submissions));
      while (inputs.length) {
        const outcome = await runChunk(dist, inputs, limitMs);
        if (outcome.report) {
          const { report } = outcome;
          result.tried += report.done;
          for (const e of report.exceptions) result.crashed.push({ ...e, text: inputs.find((x) => x.index === e.index).text });
          for (const i of report.injected) result.injected.push({ ...i, text: inputs.find((x) => x.index === i.index).text });
          if (report.slowest.ms > result.slowest.ms) result.slowest = { ...report.slowest, bytes: inputs.find((x) => x.index === report.slowest.index).text.length };
          inputs = [];
        } else {
          const at = outcome.hungAt ?? outcome.crashedAt;
          const input = inputs[at];
          for (const e of outcome.problems.exceptions) result.crashed.push({ ...e, text: inputs.find((x) => x.index === e.index).text });
          for (const i of outcome.problems.injected) result.injected.push({ ...i, text: inputs.find((x) => x.index === i.index).text });
          result.tried += at + 1;
          if (outcome.hungAt !== undefined) result.hung.push({ index: input.index, ms: Math.round(outcome.ms), wallMs: Math.round(outcome.wallMs), text: input.text });
          else result.crashed.push({ index: input.index, message: outcome.message, text: input.text, minimal: input.text });
          inputs = inputs.slice(at + 1);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: threads }, lane));
  return result;
}
