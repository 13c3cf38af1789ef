import { setFlagsFromString } from 'node:v8';

/**
 * How far past its live data `infralint grade` lets a V8 heap grow before its next full collection
 * (10%: V8 still grows it by at least 8 MB). V8's own factor rises with how fast the program
 * allocates against how fast it collects, up to 4x for the main thread: the thread that collects a
 * cohort allocates a little per student for a long time, so its old generation climbed with the
 * cohort (11 MB at 1,000 students, 29-40 at 10,000, about half of it garbage awaiting collection).
 * The grading workers' factor is already small (their old generation is capped: heap-controller's
 * factor for a 256 MB cap is 1.3, about the 8 MB minimum step), so they collect about as often.
 * bench:grade, alternating pairs: peak at 10,000 students 303-320 -> 293-295 MB, at 1,000 the same
 * (205-213 -> 204-210), CPU per student and the main thread's unchanged.
 */
export const GRADE_HEAP_GROWING_PERCENT = 10;

/**
 * Sets GRADE_HEAP_GROWING_PERCENT for the whole process (V8 reads it at every full collection, so it
 * applies from now on, to the main thread and to the workers started after). Process-wide, so only
 * the CLI's `grade` calls it (and bench:grade, which runs as it does): a library caller's process is
 * left as it is.
 */
export function growHeapsSlowly(): void {
  setFlagsFromString(`--heap-growing-percent=${GRADE_HEAP_GROWING_PERCENT}`);
}
