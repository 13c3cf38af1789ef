// `npm run bench:grade-steady`: the CPU a grading worker spends per student, warm-up apart from the
// steady state, without the pool, the main thread or the run's outputs (bench:grade has those).
// One thread does what a worker does for each student (gradeForCohort: lint, feedback file,
// similarity sketch, the record's digest) and the CPU of each student is taken alone.
//   - a synthetic cohort (bench/synthetic-cohort.mjs, N students, 1 in ~100 broken), graded in
//     order: its first students carry the warm-up (the JIT compiling, lazy tables, caches filling),
//     the rest is the steady state;
//   - then, when /work/shared/corpus/real (or CORPUS) exists, the real corpus, every submission a
//     stranger to the caches: the steady state on text the worker has never seen.
// Prints, per stretch of students, CPU ms per student (mean and median), the warm-up (CPU of the first
// students beyond the steady state) and, with --profile <file>, writes a CPU profile of the steady
// state alone (bench/profile-summary.mjs reads it by area).
// Beside the steady state and the corpus it prints what loading each student's task costs alone
// (locating it, listing and reading its files, markdown-it, diagram parsing: loadSubmission), timed
// apart just after the student is graded: the part of a student that reads before any rule judges,
// and a floor under the grading CPU bar (its caches and the page cache warm, so if anything low).
// --dist <folder> grades with another build (a copy of an older dist/, beside its rules/ and a
// node_modules link), to compare two builds in alternating runs.
// --versus <folder> loads that build too, in the same process, and grades each student with both,
// which goes first alternating: the two see the same students and the same load on the machine, and
// the ratio of their CPU is printed per stretch (on a shared host, runs one after the other differ
// by tens of percent), with the median of the per-student differences. The build loaded first was
// measured up to ~4% faster than the same build loaded second: run both ways round (--dist <it>
// --versus <this one>) and read the two together.
// --rounds K (with --versus): each build in a process of its own instead, K rounds of the two, which
// goes first alternating; prints each build's medians over the rounds and the median of the per-round
// ratios. Slower, but the two builds' warm-ups, caches and heaps cannot disturb each other.
// Usage: node bench/grade-steady.mjs [--students N] [--rubrics 3-scale_up,...] [--profile out.cpuprofile] [--dist <folder>] [--versus <folder> [--rounds K]]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchArgs } from './cli-args.mjs';
import { generateCohort } from './synthetic-cohort.mjs';
import { mean, median, sum } from './stats.mjs';

const { values: args } = benchArgs(import.meta.url, {
  students: { type: 'string', default: '2000' },
  rubrics: { type: 'string', default: '3-scale_up' },
  profile: { type: 'string' },
  corpus: { type: 'string', default: process.env.CORPUS ?? '/work/shared/corpus/real' },
  dist: { type: 'string', default: new URL('../dist', import.meta.url).pathname },
  versus: { type: 'string' },
  rounds: { type: 'string' },
  summary: { type: 'boolean', default: false },
});


if (args.rounds && args.versus) {
  await alternateProcesses(Number(args.rounds));
  process.exit(0);
}

/** --rounds: this script once per build and round, in a process of its own; their summaries compared. */
async function alternateProcesses(rounds) {
  const builds = [args.dist, args.versus];
  const options = ['--students', args.students, '--rubrics', args.rubrics, '--corpus', args.corpus, '--summary'];
  const runs = builds.map(() => []);
  for (let r = 0; r < rounds; r++) {
    for (const k of r % 2 ? [1, 0] : [0, 1]) {
      const out = execFileSync(process.execPath, [new URL(import.meta.url).pathname, '--dist', builds[k], ...options], { encoding: 'utf8', maxBuffer: 1 << 26 });
      runs[k].push(JSON.parse(out.trim().split('\n').pop()));
    }
    console.log(`round ${r + 1}/${rounds}: ${runs.map((x) => x[r].steady.toFixed(3)).join(' vs ')} ms steady`);
  }
  console.log(`\nNode ${process.version}, rubrics ${args.rubrics}, ${rounds} rounds of one process per build; medians over the rounds`);
  const fields = [['steady', 'synthetic, steady state (ms per student)'], ['corpus', 'real corpus, once each (ms per student)'], ['warmUp', 'warm-up (s of CPU beyond the steady state)']];
  for (const [field, what] of fields) {
    if (runs[0].some((x) => x[field] === undefined)) continue;
    const ratios = runs[0].map((x, r) => x[field] / runs[1][r][field]);
    console.log(`${what.padEnd(44)} ${median(runs[0].map((x) => x[field])).toFixed(3).padStart(8)} vs ${median(runs[1].map((x) => x[field])).toFixed(3).padStart(8)}   this build / ${args.versus}: ${median(ratios).toFixed(2)}x (rounds ${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}x)`);
  }
}
/** A build's grading, with its own settings (its rubrics loaded by its own code). */
async function buildAt(dist) {
  const fromDist = (module) => import(pathToFileURL(path.join(path.resolve(dist), module)).href);
  const { gradeForCohort, settingsKey } = await fromDist('grade/grade-student.js');
  const { loadRubric } = await fromDist('config/rubric.js');
  const { compileRegexpsOnce } = await fromDist('regexp-compilation.js');
  const { loadSubmission } = await fromDist('submission/load-submission.js');
  const settings = { rubrics: args.rubrics.split(',').map((r) => loadRubric(r)), lint: {} };
  const key = settingsKey(settings);
  const load = async (dir) => {
    for (const rubric of settings.rubrics) await loadSubmission(dir, rubric);
  };
  return { compileRegexpsOnce, grade: (job) => gradeForCohort(job, settings, key), load };
}
const main = await buildAt(args.dist);
const other = args.versus ? await buildAt(args.versus) : null;
const n = Number(args.students);
// As `infralint grade` runs (bin/infralint.js sets it for the process and its workers).
main.compileRegexpsOnce();
const work = mkdtempSync(path.join(process.env.BENCH_DIR ?? tmpdir(), 'infralint-bench-steady-'));
const feedbackFolder = path.join(work, 'feedback');
mkdirSync(feedbackFolder);

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
/** The CPU ms of grading one student with a build. */
async function timed(build, job) {
  const from = cpuMs();
  await build.grade(job);
  return cpuMs() - from;
}
/** The CPU ms of loading one student's tasks alone (see the header). */
async function timedLoad(dir) {
  const from = cpuMs();
  await main.load(dir);
  return cpuMs() - from;
}
/**
 * Each student's CPU ms, graded one after the other as a worker grades them (with --versus, the
 * other build's in `versus`; with `loads`, the CPU of loading the student alone pushed to it).
 */
const versus = [];
async function grade(dir, students, loads = null) {
  const costs = [];
  for (const [k, student] of students.entries()) {
    const job = { student, dir: path.join(dir, student), name: '', email: '', previous: null, feedbackFolder };
    if (!other) {
      costs.push(await timed(main, job));
      if (loads) loads.push(await timedLoad(job.dir));
    } else if (k % 2) {
      versus.push(await timed(other, job));
      costs.push(await timed(main, job));
    } else {
      costs.push(await timed(main, job));
      versus.push(await timed(other, job));
    }
  }
  return costs;
}
/** With --versus: the other build's CPU over the last `count` students graded, against this one's. */
function ratio(costs) {
  if (!other) return '';
  const theirs = versus.slice(versus.length - costs.length);
  // Student by student, the two builds graded the same student a moment apart: the median of their
  // differences is not moved by a collection or a busy moment falling on a few students, as the means are.
  const paired = median(costs.map((c, k) => c - theirs[k]));
  return `   ${args.versus}: ${mean(theirs).toFixed(3)} mean, ${median(theirs).toFixed(3)} median; this build / it: ${(sum(costs) / sum(theirs)).toFixed(2)}x, paired median difference ${paired >= 0 ? '+' : ''}${paired.toFixed(3)} ms`;
}
const studentsOf = (dir) => readdirSync(dir).filter((s) => statSync(path.join(dir, s)).isDirectory()).sort();
const summary = {};
const say = (...parts) => { if (!args.summary) console.log(...parts); };
const row = (what, costs, compared = '') => say(what.padEnd(44), mean(costs).toFixed(3).padStart(8), median(costs).toFixed(3).padStart(8), Math.max(...costs).toFixed(1).padStart(8), String(costs.length).padStart(6), compared);

try {
  const cohort = path.join(work, 'cohort');
  generateCohort(cohort, n);
  const students = studentsOf(cohort);
  say(`${args.dist}: one grading thread, rubrics ${args.rubrics}, Node ${process.version}; CPU of the process (its GC threads included) per student`);
  say('students'.padEnd(44), 'mean ms'.padStart(8), 'median'.padStart(8), 'max ms'.padStart(8), 'count'.padStart(6));
  // The steady state is profiled alone: the profiler starts after the cohort's first half.
  const half = Math.floor(students.length / 2);
  const first = await grade(cohort, students.slice(0, half));
  const firstVersus = versus.slice();
  let session = null;
  if (args.profile) {
    session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
  }
  // The loading floor is timed only without --profile (it would be in the profile) and --versus.
  const loads = session || other ? null : [];
  const second = await grade(cohort, students.slice(half), loads);
  const steady = mean(second);
  for (const [from, to] of [[0, 50], [50, 100], [100, 150], [150, 250], [250, 500], [500, half]]) {
    if (to <= from || from >= half) continue;
    row(`synthetic ${from + 1}-${Math.min(to, half)}`, first.slice(from, to));
  }
  row(`synthetic ${half + 1}-${students.length} (steady state)`, second, ratio(second));
  if (loads) {
    row('  of it, loading the tasks alone', loads);
    summary.steadyLoading = mean(loads);
  }
  const warmUp = sum(first) - steady * first.length;
  Object.assign(summary, { steady, warmUp: warmUp / 1000 });
  say(`warm-up: ${(warmUp / 1000).toFixed(2)} s CPU beyond the steady state over the first ${first.length} students (${mean(first.slice(0, 100)).toFixed(2)} ms each over the first 100)`);
  if (other) {
    const theirs = versus.slice(firstVersus.length);
    say(`  ${args.versus}: warm-up ${((sum(firstVersus) - mean(theirs) * firstVersus.length) / 1000).toFixed(2)} s (${mean(firstVersus.slice(0, 100)).toFixed(2)} ms each over the first 100)`);
  }
  if (existsSync(args.corpus)) {
    const real = studentsOf(args.corpus);
    const realLoads = loads ? [] : null;
    const costs = await grade(args.corpus, real, realLoads);
    summary.corpus = mean(costs);
    row(`real corpus (${path.basename(args.corpus)}), once each`, costs, ratio(costs));
    if (realLoads) {
      row('  of it, loading the tasks alone', realLoads);
      summary.corpusLoading = mean(realLoads);
    }
  }
  if (session) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(args.profile, JSON.stringify(profile));
    say(`steady-state profile (the cohort's second half and the corpus): ${args.profile}`);
  }
  if (args.summary) console.log(JSON.stringify(summary));
} finally {
  rmSync(work, { recursive: true, force: true });
}
