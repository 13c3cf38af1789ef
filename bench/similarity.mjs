// `npm run bench:similarity -- <results.jsonl or grade output folder>...`: the main thread's share of
// near-duplicate detection on real sketches (those a `grade` run wrote): collecting each student's
// sketch, then grouping the cohort, in microseconds per student, and the memory the sketches hold.
// With several files, each is measured in a process of its own (say the outputs of a 1,000 and a 10,000 run).
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { resultRecords } from '../dist/grade/results-file.js';
import { CohortSketches } from '../dist/grade/similarity/cohort-sketches.js';
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

for (const file of files) {
  // The records first (parsing them is the results reader's cost, not similarity's), then the sketches alone.
  const sketches = [];
  for await (const record of resultRecords(file)) sketches.push([record.student, record.features]);
  // Memory first, on its own: what a cohort of sketches holds once the garbage of reading them is gone.
  globalThis.gc?.();
  const before = process.memoryUsage();
  const held = new CohortSketches();
  for (const [student, sketch] of sketches) held.add(student, sketch);
  globalThis.gc?.();
  const after = process.memoryUsage();
  const heldMb = (after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers) / 2 ** 20;
  const rounds = 5;
  const addUs = [];
  const findUs = [];
  const rowsUs = [];
  let result = findSimilar(held);
  for (let round = 0; round < rounds; round++) {
    let started = cpuMs();
    const cohort = new CohortSketches();
    for (const [student, sketch] of sketches) cohort.add(student, sketch);
    addUs.push((1000 * (cpuMs() - started)) / sketches.length);
    started = cpuMs();
    result = findSimilar(cohort);
    findUs.push((1000 * (cpuMs() - started)) / sketches.length);
    // Each student's row: the group's members named in similar_to.
    started = cpuMs();
    const similar = similarByStudent(result);
    for (const [student] of sketches) describeSimilar(similar.get(student));
    rowsUs.push((1000 * (cpuMs() - started)) / sketches.length);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const grouped = result.groups.reduce((n, g) => n + g.students.length, 0);
  console.log(`${file}: ${sketches.length} students, ${result.compared} with text enough to compare, ${result.groups.length} groups (${grouped} students, largest ${result.groups[0]?.students.length ?? 0})`);
  console.log(`  main thread CPU, median of ${rounds}: collect ${median(addUs).toFixed(2)} us/student, group ${median(findUs).toFixed(2)} us/student, rows ${median(rowsUs).toFixed(2)} us/student, total ${(median(addUs) + median(findUs) + median(rowsUs)).toFixed(2)} us/student`);
  console.log(`  sketches held: ${heldMb.toFixed(1)} MB (${((1024 * heldMb) / sketches.length).toFixed(2)} KB/student)`);
}
