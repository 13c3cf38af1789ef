// Types of bench/seeded-random.mjs.
export function seededRandom(seed: number): () => number;
