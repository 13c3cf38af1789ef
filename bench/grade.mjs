// `npm run bench:grade`: bulk grading of synthetic cohorts (bench/synthetic-cohort.mjs) at N = 1,000
// and 10,000 with 1 and 2 workers: submissions per second (grading + gradebook + feedback), peak
// memory, the HTML report on its own, and the floor: markdown-it alone tokenizing the same files.
// BENCH_DIR=<folder> puts the cohorts and outputs there (default: the system's temporary folder);
// the disk's own cost is printed beside: creating as many feedback-sized files there.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCohort } from './synthetic-cohort.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const sizes = (process.env.SIZES ?? '1000,10000').split(',').map(Number);
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
const run = (...args) => JSON.parse(execFileSync(process.execPath, [path.join(here, 'grade-run.mjs'), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim().split('\n').pop());

try {
  console.log('bulk grading, synthetic cohorts (fixtures varied; 1 in ~100 broken: binary, 1 MiB+, bad UTF-8, empty, symlink)');
  console.log(`cohorts and outputs in ${work}`);
  console.log('cpu s: CPU time of the run, every thread; steal s: CPU time the host took from this machine meanwhile');
  console.log('N'.padStart(6), 'what'.padEnd(34), 'seconds'.padStart(8), 'per s'.padStart(8), 'peak MB'.padStart(8), 'cpu s'.padStart(7), 'steal s'.padStart(8));
  for (const n of sizes) {
    const cohort = path.join(work, `cohort-${n}`);
    generateCohort(cohort, n);
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
} finally {
  rmSync(work, { recursive: true, force: true });
}
