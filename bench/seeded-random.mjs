// A seeded xorshift32 generator of floats in [0, 1): the same sequence for the same seed, on every
// machine. Shared by the synthetic cohorts of the benches and the tests' random inputs.
export function seededRandom(seed) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}
