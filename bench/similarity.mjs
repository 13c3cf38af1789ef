// `npm run bench:similarity -- <results.jsonl or grade output folder>...`: the main thread's share of
// near-duplicate detection on real sketches (those a `grade` run wrote): collecting each student's
// sketch, then grouping the cohort, in microseconds per student, and the memory the sketches hold;
// with the sketches spilled to temporary files as `grade` and `merge` keep them, and in memory, in
// alternating rounds. With several files, each is measured in a process of its own (say the outputs
// of a 1,000 and a 10,000 run).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resultRecords } from '../dist/grade/results-file.js';
import { CohortSketches } from '../dist/grade/similarity/cohort-sketches.js';
import { packSketch } from '../dist/grade/similarity/sketch.js';
import { findSimilar } from '../dist/grade/similarity/find-similar.js';
import { describeSimilar, similarByStudent } from '../dist/grade/gradebook.js';
import { benchArgs } from './cli-args.mjs';

const files = benchArgs(import.meta.url, {}, { positionals: true }).positionals.map((f) => (existsSync(f) && statSync(f).isDirectory() ? path.join(f, 'results.jsonl') : f));
if (!files.length) {
  console.error('usage: node bench/similarity.mjs <results.jsonl or grade output folder>...');
  process.exit(2);
}

/** CPU milliseconds of this thread (of the process where Node lacks threadCpuUsage: this bench runs no other thread). */
function cpuMs() {
  const cpu = typeof process.threadCpuUsage === 'function' ? process.threadCpuUsage() : process.cpuUsage();
  return (cpu.user + cpu.system) / 1000;
}

if (files.length > 1 || !globalThis.gc) {
  for (const file of files) execFileSync(process.execPath, ['--expose-gc', process.argv[1], file], { stdio: 'inherit' });
  process.exit(0);
}

const spillDir = mkdtempSync(path.join(tmpdir(), 'infralint-bench-similarity-'));
/** A cohort's sketches as `grade` keeps them (spilled to two files), or all in memory. */
const newCohort = (spilled) => new CohortSketches(spilled ? { signatures: path.join(spillDir, 'signatures.bin'), where: path.join(spillDir, 'where.bin') } : undefined);
const ways = [['spilled', true], ['in memory', false]];
/** MB a cohort of `sketches` holds, once the garbage of collecting them is gone (a function of its own: no local of the caller keeps the cohort). */
async function heldBy(sketches, spilled) {
  await settle();
  const before = process.memoryUsage();
  const held = newCohort(spilled);
  for (const [student, sketch] of sketches) held.add(student, sketch);
  await settle();
  const after = process.memoryUsage();
  held.discard();
  return (after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers) / 2 ** 20;
}
/** Full collections until the heap stops shrinking (ArrayBuffers are freed after the collection that finds them dead). */
async function settle() {
  for (let used = Infinity; ;) {
    globalThis.gc();
    await new Promise((resolve) => setImmediate(resolve));
    const now = process.memoryUsage();
    if (now.heapUsed + now.arrayBuffers >= used) return;
    used = now.heapUsed + now.arrayBuffers;
  }
}

try {
  for (const file of files) {
    // The records first (parsing them is the results reader's cost, not similarity's), then the sketches
    // alone, packed as a grading worker sends them (the worker's cost, not the collecting thread's).
    const sketches = [];
    for await (const record of resultRecords(file)) sketches.push([record.student, packSketch(record.features)]);
    // Memory first, on its own: what a cohort of sketches holds once the garbage of reading them is gone.
    const heldMb = new Map();
    for (const [way, spilled] of ways) heldMb.set(way, await heldBy(sketches, spilled));
    const rounds = 5;
    const times = new Map(ways.map(([way]) => [way, { addUs: [], findUs: [], rowsUs: [] }]));
    const results = new Map();
    for (let round = 0; round < rounds; round++) {
      for (const [way, spilled] of round % 2 ? [...ways].reverse() : ways) {
        const { addUs, findUs, rowsUs } = times.get(way);
        let started = cpuMs();
        const cohort = newCohort(spilled);
        for (const [student, sketch] of sketches) cohort.add(student, sketch);
        addUs.push((1000 * (cpuMs() - started)) / sketches.length);
        started = cpuMs();
        const result = findSimilar(cohort);
        cohort.discard();
        findUs.push((1000 * (cpuMs() - started)) / sketches.length);
        // Each student's row: the group's members named in similar_to.
        started = cpuMs();
        const similar = similarByStudent(result);
        for (const [student] of sketches) describeSimilar(similar.get(student));
        rowsUs.push((1000 * (cpuMs() - started)) / sketches.length);
        results.set(way, JSON.stringify(result));
      }
    }
    const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
    const result = JSON.parse(results.get('spilled'));
    const grouped = result.groups.reduce((n, g) => n + g.students.length, 0);
    console.log(`${file}: ${sketches.length} students, ${result.compared} with text enough to compare, ${result.groups.length} groups (${grouped} students, largest ${result.groups[0]?.students.length ?? 0})${results.get('spilled') === results.get('in memory') ? '' : '; SPILLED AND IN MEMORY DIFFER'}`);
    for (const [way] of ways) {
      const { addUs, findUs, rowsUs } = times.get(way);
      console.log(`  ${way}: main thread CPU, median of ${rounds}: collect ${median(addUs).toFixed(2)} us/student, group ${median(findUs).toFixed(2)} us/student, rows ${median(rowsUs).toFixed(2)} us/student, total ${(median(addUs) + median(findUs) + median(rowsUs)).toFixed(2)} us/student`);
      console.log(`  ${way}: sketches held ${heldMb.get(way).toFixed(1)} MB (${((1024 * heldMb.get(way)) / sketches.length).toFixed(2)} KB/student)`);
    }
  }
} finally {
  rmSync(spillDir, { recursive: true, force: true });
}
