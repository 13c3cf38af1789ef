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
      state = (state * 1103515245 + 12345) & 0x7fffffff;
      s += alphabet[state % alphabet.length];
    }
    strings.push(s);
  }
  return strings;
}

/** A seeded xorshift32 generator of floats in [0, 1): the same sequence for the same seed, on every machine. */
export function seededRandom(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}
