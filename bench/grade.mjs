// `npm run bench:grade`: bulk grading of synthetic cohorts (bench/synthetic-cohort.mjs) at N = 1,000
// and 10,000 with 1 and 2 workers: submissions per second (grading + gradebook + feedback), peak
// memory, the HTML report on its own, and the floor: markdown-it alone tokenizing the same files.
// BENCH_DIR=<folder> puts the cohorts and outputs there (default: the system's temporary folder);
// the disk's own cost is printed beside: creating as many feedback-sized files there.
// Then the bars (issue 17), from ROUNDS (default 3) rounds alternating the sizes, 2 workers, medians:
// main-thread CPU per student and the many-core ceiling it implies, CPU per student (whole run and
// steady state), the workers' warm-up, and peak memory at each size with their ratio.
// `--bars` runs the bars alone.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliNodeFlags } from '../bin/build-snapshot.js';
import { generateCohort } from './synthetic-cohort.mjs';
import { median } from './stats.mjs';
import { benchArgs } from './cli-args.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const sizes = (process.env.SIZES ?? '1000,10000').split(',').map(Number);
const barsOnly = benchArgs(import.meta.url, { bars: { type: 'boolean', default: false } }).values.bars;
const rounds = Math.max(1, Number(process.env.ROUNDS ?? 3));
const work = mkdtempSync(path.join(process.env.BENCH_DIR ?? tmpdir(), 'infralint-bench-grade-'));

/** Seconds to create `n` files of a typical feedback's size in a new folder under `work`: the disk's share of the outputs. */
function fileCreation(n) {
  const dir = path.join(work, `files-${n}`);
  mkdirSync(dir);
  const text = 'x'.repeat(3300);
  const started = performance.now();
  for (let i = 0; i < n; i++) writeFileSync(path.join(dir, `student-${i}.md`), text);
  const seconds = (performance.now() - started) / 1000;
  rmSync(dir, { recursive: true, force: true });
  return seconds;
}
// Each run under the V8 flags `infralint grade`'s main thread starts with (bin/node-flags: the launcher
// gives them to the snapshot's start and to the plain CLI alike), so that its memory is a user's.
const run = (...args) => JSON.parse(execFileSync(process.execPath, [...cliNodeFlags(), path.join(here, 'grade-run.mjs'), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim().split('\n').pop());

try {
  console.log('bulk grading, synthetic cohorts (fixtures varied; 1 in ~100 broken: binary, 1 MiB+, bad UTF-8, empty, symlink)');
  console.log(`cohorts and outputs in ${work}`);
  console.log('cpu s: CPU time of the run, every thread; steal s: CPU time the host took from this machine meanwhile');
  console.log('N'.padStart(6), 'what'.padEnd(34), 'seconds'.padStart(8), 'per s'.padStart(8), 'peak MB'.padStart(8), 'cpu s'.padStart(7), 'steal s'.padStart(8));
  for (const n of sizes) generateCohort(path.join(work, `cohort-${n}`), n);
  for (const n of barsOnly ? [] : sizes) {
    const cohort = path.join(work, `cohort-${n}`);
    const row = (what, r) => console.log(String(n).padStart(6), what.padEnd(34), r.seconds.toFixed(2).padStart(8), String(Math.round(n / r.seconds)).padStart(8), String(r.peakMb).padStart(8), r.cpuSeconds.toFixed(1).padStart(7), (r.stealSeconds === null ? '-' : r.stealSeconds.toFixed(1)).padStart(8));
    for (const threads of [1, 2]) {
      const floor = run('--floor', cohort, String(threads));
      row(`markdown-it floor, ${threads} thread${threads > 1 ? 's' : ''}`, floor);
    }
    // 0: in the main thread, no pool: what the workers are compared with.
    for (const jobs of [0, 1, 2]) {
      const r = run(cohort, path.join(work, `out-${n}-${jobs}`), String(jobs));
      row(jobs ? `infralint grade, ${jobs} worker${jobs > 1 ? 's' : ''}` : 'infralint grade, no pool (1 thread)', r);
      console.log(''.padStart(6), `  of which: grading ${r.gradeSeconds.toFixed(2)} s, gradebook+feedback+similarity ${r.outputsSeconds.toFixed(2)} s, ${r.errors} error rows`);
      const perStudentMs = (seconds) => (1000 * seconds) / n;
      // With workers, the main thread only collects and writes: its CPU per student caps a run on many cores.
      const main = r.mainCpuSeconds === null ? '' : jobs
        ? `, main thread ${perStudentMs(r.mainCpuSeconds).toFixed(3)} ms/student (ceiling on many cores: ~${Math.round(n / r.mainCpuSeconds)} students/s;`
          + ` ${perStudentMs(r.loopMainCpuSeconds ?? 0).toFixed(3)} ms/student while records arrive, the rest is the run's start and its end: similarity and gradebooks)`
        : '';
      console.log(''.padStart(6), `  CPU ${perStudentMs(r.cpuSeconds).toFixed(2)} ms/student, every thread${main}`);
      // Steady state: the second half of the records; warm-up: what the first half cost beyond it (the start of the run and every thread's first students).
      if (r.steadyCpuMsPerStudent !== null) console.log(''.padStart(6), `  steady state ${r.steadyCpuMsPerStudent.toFixed(2)} ms CPU/student; warm-up ${r.warmUpCpuSeconds.toFixed(2)} s CPU in all (${jobs ? `${(r.warmUpCpuSeconds / jobs).toFixed(2)} s a worker` : 'one thread'})`);
    }
    console.log(''.padStart(6), `the disk alone: creating ${n} feedback-sized files (3.3 KB) there takes ${fileCreation(n).toFixed(2)} s`);
    const withReport = run(cohort, path.join(work, `out-${n}-report`), '2', '--report');
    console.log(''.padStart(6), `report.html on its own: ${withReport.reportSeconds.toFixed(2)} s (${Math.round(n / withReport.reportSeconds)} students/s), peak ${withReport.peakMb} MB`);
  }
  printBars();
} finally {
  rmSync(work, { recursive: true, force: true });
}

/**
 * The bars of issue 17, measured in ROUNDS rounds that alternate the sizes (so that a change of load
 * on the shared machine falls on every size alike), with 2 workers; medians of the rounds.
 * Peak memory is the whole process's (main thread and worker threads: one process).
 */
function printBars() {
  const jobs = 2;
  const runs = new Map(sizes.map((n) => [n, []]));
  for (let round = 0; round < rounds; round++) {
    for (const n of round % 2 ? [...sizes].reverse() : sizes) runs.get(n).push(run(path.join(work, `cohort-${n}`), path.join(work, `out-bars-${n}`), String(jobs)));
  }
  console.log(`\nbars (issue 17): ${jobs} workers, medians of ${rounds} round${rounds > 1 ? 's' : ''} alternating the sizes`);
  const peaks = new Map();
  const mainSeconds = new Map();
  for (const n of sizes) {
    const list = runs.get(n);
    const mainMs = median(list.map((r) => (1000 * r.mainCpuSeconds) / n));
    const loopMs = median(list.map((r) => (1000 * (r.loopMainCpuSeconds ?? 0)) / n));
    const chooseMs = median(list.map((r) => (1000 * (r.chooseMainCpuSeconds ?? 0)) / n));
    const cpuMs = median(list.map((r) => (1000 * r.cpuSeconds) / n));
    const steadyMs = median(list.map((r) => r.steadyCpuMsPerStudent));
    const warmUp = median(list.map((r) => r.warmUpCpuSeconds / jobs));
    const peak = median(list.map((r) => r.peakMb));
    peaks.set(n, peak);
    mainSeconds.set(n, median(list.map((r) => r.mainCpuSeconds)));
    const verdict = (ok) => (ok ? 'ok' : 'OVER');
    console.log(String(n).padStart(6), `main thread ${mainMs.toFixed(3)} ms CPU/student over the whole run (bar 0.2: ${verdict(mainMs <= 0.2)}; ${chooseMs.toFixed(3)} choosing the rubrics, ${loopMs.toFixed(3)} while records arrive),`
      + ` ceiling on many cores ~${Math.round(1000 / mainMs)} students/s (bar 5,000)`);
    console.log(''.padStart(6), `CPU ${cpuMs.toFixed(2)} ms/student every thread, steady state ${steadyMs.toFixed(2)} ms (grading, bar 1: ${verdict(steadyMs <= 1)}); warm-up ${warmUp.toFixed(2)} s CPU a worker (paid once: one pool for the run, ${jobs} workers at most, fewer for a cohort of fewer batches)`);
    console.log(''.padStart(6), `peak memory ${peak} MB (process: main thread and workers; runs ${list.map((r) => r.peakMb).join(', ')})`);
    const mainPeak = (key) => median(list.map((r) => r.mainPeakMb[key]));
    console.log(''.padStart(6), `  of which the main thread at most: young generation ${mainPeak('young')} MB, old generation ${mainPeak('old')} MB, ArrayBuffers ${mainPeak('arrayBuffers')} MB (the pool's results slots, and bytes awaiting collection)`);
  }
  if (sizes.length > 1) {
    const [small, large] = [sizes[0], sizes[sizes.length - 1]];
    // What one more student costs the main thread, the run's fixed start and end left out: the ceiling of a long run.
    const marginalMs = (1000 * (mainSeconds.get(large) - mainSeconds.get(small))) / (large - small);
    console.log(''.padStart(6), `main thread, one more student: ${marginalMs.toFixed(3)} ms CPU (from ${small} to ${large}), ceiling of a long run on many cores ~${Math.round(1000 / marginalMs)} students/s`);
    const ratio = peaks.get(large) / peaks.get(small);
    console.log(''.padStart(6), `peak memory at ${large} / at ${small}: ${ratio.toFixed(2)}x (bar 1.2: ${ratio <= 1.2 ? 'ok' : 'OVER'})`);
  }
}
