/**
 * Deterministic random strings over `alphabet` (a linear congruential generator): the inputs of the
 * tests that hold a fast hand-written function equal to the plain version it replaces.
 */
export function randomStrings(alphabet: string, count: number, length: number, seed: number): string[] {
  const strings: string[] = [];
  let state = seed;
  for (let n = 0; n < count; n++) {
    let s = '';
    for (let k = 0; k < length; k++) {
      // In 32-bit arithmetic (a plain product passes 2^53 and loses the low bits: the strings were
      // a handful), and the character from the high bits (the low bits of this generator cycle fast).
      state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff;
      s += alphabet[(state >>> 16) % alphabet.length];
    }
    strings.push(s);
  }
  return strings;
}

/** A seeded generator of floats in [0, 1): the benches' own, so that tests and benches draw alike. */
export { seededRandom } from '../../bench/seeded-random.mjs';
