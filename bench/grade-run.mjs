// One measured run of bulk grading, in its own process so that its peak memory is its own.
// Prints one JSON line. Usage: node bench/grade-run.mjs <cohort> <out> <jobs> [--report] | --floor <cohort> <threads>
// (<jobs> 0 grades in the main thread, without a worker pool)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import v8 from 'node:v8';
import { Worker } from 'node:worker_threads';
import MarkdownIt from 'markdown-it';
import { gradeCohort } from '../dist/grade/grade-cohort.js';
import { loadRubric } from '../dist/config/rubric.js';
import { chooseCohortRubrics } from '../dist/grade/survey-pool.js';
import { listCohort } from '../dist/grade/cohort.js';
import { compileRegexpsOnce } from '../dist/regexp-compilation.js';
import { growHeapsSlowly } from '../dist/grade/heap-growth.js';
import { taskFiles } from './synthetic-cohort.mjs';

const peakMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

// CPU time the host took from this virtual machine (the `steal` column of /proc/stat, in USER_HZ
// ticks of 1/100 s): on a shared host it explains run-to-run differences of tens of percent.
function stealTicks() {
  try {
    return Number(readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/)[8]) || 0;
  } catch {
    return null;
  }
}
/**
 * CPU seconds of the main thread alone: what caps a run however many workers it has.
 * process.threadCpuUsage where Node has it (23.9+), else the thread's line of /proc (1/100 s ticks).
 */
function mainThreadSeconds() {
  if (typeof process.threadCpuUsage === 'function') {
    const cpu = process.threadCpuUsage();
    return (cpu.user + cpu.system) / 1e6;
  }
  try {
    // Fields after the command name's closing bracket: utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}
// As `infralint grade` runs (bin/infralint.js sets the first for the process and its workers, the
// grade command the second). The V8 flags the launcher starts the CLI with (bin/node-flags) are
// given to this process by bench/grade.mjs; run by hand, give them too (node $(grep -v '^#' bin/node-flags) bench/grade-run.mjs ...).
compileRegexpsOnce();
growHeapsSlowly();
const stealAtStart = stealTicks();
const cpuAtStart = process.cpuUsage();
const mainAtStart = mainThreadSeconds();
/** CPU seconds this process used (every thread, and the main thread), and the machine's stolen seconds, since it started. */
function cpuFigures() {
  const cpu = process.cpuUsage(cpuAtStart);
  const steal = stealTicks();
  const main = mainThreadSeconds();
  return {
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    mainCpuSeconds: main === null || mainAtStart === null ? null : main - mainAtStart,
    stealSeconds: steal === null || stealAtStart === null ? null : (steal - stealAtStart) / 100,
  };
}

if (process.argv[2] === '--floor') {
  // The floor: read every task file and tokenize it with markdown-it, nothing else.
  const files = taskFiles(process.argv[3]);
  const threads = Number(process.argv[4]);
  const started = performance.now();
  const source = `const { workerData, parentPort } = require('node:worker_threads'); const fs = require('node:fs');
    const md = require(${JSON.stringify(createRequire(import.meta.url).resolve('markdown-it'))})();
    let tokens = 0; for (const f of workerData) tokens += md.parse(fs.readFileSync(f, 'utf8').slice(0, 1 << 20), {}).length; parentPort.postMessage(tokens);`;
  if (threads <= 1) {
    const md = new MarkdownIt();
    let tokens = 0;
    for (const f of files) tokens += md.parse(readFileSync(f, 'utf8').slice(0, 1 << 20), {}).length;
  } else {
    await Promise.all(Array.from({ length: threads }, (_, k) => new Promise((resolve, reject) => {
      const worker = new Worker(source, { eval: true, workerData: files.filter((_, i) => i % threads === k) });
      worker.on('message', resolve);
      worker.on('error', reject);
    })));
  }
  console.log(JSON.stringify({ files: files.length, seconds: (performance.now() - started) / 1000, peakMb: peakMb(), ...cpuFigures() }));
} else {
  const [cohort, out, jobs] = process.argv.slice(2);
  const started = performance.now();
  // The main thread's CPU while records arrive (from the first to the last): its cost per student,
  // without the start (imports, listing, the pool) and the end (similarity, gradebooks) of the run.
  // And the whole process's CPU at the middle and at the end of the records: the second half's CPU
  // per student is the steady state, and what the first half cost beyond it is the workers' warm-up.
  let loopFrom = null;
  let loopMainCpuSeconds = null;
  let halfCpu = null;
  let steadyCpuMsPerStudent = null;
  let warmUpCpuSeconds = null;
  const processCpu = () => { const u = process.cpuUsage(cpuAtStart); return (u.user + u.system) / 1e6; };
  // The main thread's share of the peak, sampled 40 times a run (its young and old generations and
  // the ArrayBuffers it holds, until V8 collects them); the workers' share is the rest of the peak.
  // A sample costs the main thread ~0.7 ms (process.memoryUsage): every 100 records, it was 0.007 ms
  // of the main thread's CPU a student, the bench's and not the run's.
  const mainPeakMb = { young: 0, old: 0, arrayBuffers: 0 };
  const sampleMain = () => {
    for (const space of v8.getHeapSpaceStatistics()) {
      const mb = Math.round(space.space_size / 1048576);
      if (space.space_name === 'new_space') mainPeakMb.young = Math.max(mainPeakMb.young, mb);
      if (space.space_name === 'old_space') mainPeakMb.old = Math.max(mainPeakMb.old, mb);
    }
    mainPeakMb.arrayBuffers = Math.max(mainPeakMb.arrayBuffers, Math.round(process.memoryUsage().arrayBuffers / 1048576));
  };
  const onProgress = ({ done, total }) => {
    if (done % Math.max(1, Math.floor(total / 40)) === 0) sampleMain();
    if (done === 1) loopFrom = mainThreadSeconds();
    if (done === Math.floor(total / 2)) halfCpu = processCpu();
    if (done === total && loopFrom !== null) loopMainCpuSeconds = mainThreadSeconds() - loopFrom;
    if (done === total && halfCpu !== null) {
      const steady = (processCpu() - halfCpu) / (total - Math.floor(total / 2));
      steadyCpuMsPerStudent = 1000 * steady;
      warmUpCpuSeconds = halfCpu - steady * Math.floor(total / 2);
    }
  };
  // Before grading, `infralint grade` (no --rubric) chooses the rubrics: the curriculum most
  // repositories follow, and the tasks any of them holds, the repositories surveyed by the run's
  // worker threads (src/grade/survey-pool.ts). Done here too, as the CLI does, in the main thread's
  // CPU of the run (and printed on its own); the run then grades task 3 alone, as these figures
  // always have.
  const chooseFrom = mainThreadSeconds();
  const members = listCohort(cohort).filter((entry) => !entry.problem).map((entry) => entry.dir);
  const chosen = (await chooseCohortRubrics(members, {}, { jobs: Number(jobs) })).map((r) => r.task);
  const chooseMainCpuSeconds = chooseFrom === null ? null : mainThreadSeconds() - chooseFrom;
  const result = await gradeCohort({ dir: cohort, out, rubrics: [loadRubric('3-scale_up')], jobs: Number(jobs), report: process.argv.includes('--report'), onProgress });
  const seconds = (performance.now() - started) / 1000;
  console.log(JSON.stringify({
    students: result.students, errors: result.errors, seconds,
    gradeSeconds: result.timings.grade / 1000,
    outputsSeconds: result.outputs.timings.gradebook / 1000,
    reportSeconds: result.outputs.timings.report / 1000,
    peakMb: peakMb(),
    ...cpuFigures(),
    loopMainCpuSeconds,
    chooseMainCpuSeconds,
    chosen,
    steadyCpuMsPerStudent,
    warmUpCpuSeconds,
    mainPeakMb,
  }));
}
