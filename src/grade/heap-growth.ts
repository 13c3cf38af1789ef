import { setFlagsFromString } from 'node:v8';

/**
 * How far past its live data `infralint grade` lets a V8 heap grow before its next full collection.
 * V8's own factor follows how fast the program allocates against how fast it collects: up to 4x in
 * the main thread, up to 1.3x in a grading worker (its capped old generation). Over a long run the
 * workers' heaps climb that saw-tooth (about 60 -> 85 MB committed each from 1,000 to 10,000
 * students, for ~30 MB of live data), which a short run ends before reaching.
 * bench:grade-run at 10,000 students, with and without it on one build, alternating: peak 293-307 MB
 * against 303-339 (medians ~298 and ~317), at 1,000 the same (204-210). At 30% (the workers' own
 * ceiling) the peak did not move: what 10% saves is mostly the workers'. Their price is more full
 * collections (56 instead of 45 over a 10,000 run, ~0.35 s more of pauses in ~60 s of CPU); CPU per
 * student moved by -13% to +5% between pairs, within the shared machine's noise, and the main
 * thread's not at all.
 */
export const GRADE_HEAP_GROWING_PERCENT = 10;

/**
 * Whether the flag holds a heap closer to its live data on this V8. Node 22 and 24 (V8 12 and 13)
 * grow their heaps as they would without it, whether it is set at run time or on the command line
 * (test/e2e/heap-growth.test.ts's process: Node 24 176 MB with it, 175 without; Node 22 167-170 and
 * 149-167; Node 20: 110 and 174), so there it is not set.
 */
export const HEAP_GROWING_PERCENT_HOLDS = Number(process.versions.v8.split('.')[0]) < 12;

/**
 * Sets GRADE_HEAP_GROWING_PERCENT for the whole process (V8 reads it at every full collection, so it
 * applies from now on, to the main thread and the workers alike). Process-wide, so only
 * the CLI's `grade` calls it (and bench:grade, which runs as it does): a library caller's process is
 * left as it is.
 */
export function growHeapsSlowly(): void {
  if (HEAP_GROWING_PERCENT_HOLDS) setFlagsFromString(`--heap-growing-percent=${GRADE_HEAP_GROWING_PERCENT}`);
}
