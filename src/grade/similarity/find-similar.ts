import type { GraphShape } from '../record.js';
import { isomorphic, refineColours, shapeSignature } from './graph-identity.js';
import { pushTo } from '../../multimap.js';

export interface SimilarityInput {
  student: string;
  shingles: Uint32Array;
  shape: GraphShape | null;
}

/** Two submissions whose explanations are near-duplicates: score = Jaccard similarity of their shingles. */
export interface SimilarPair {
  a: string;
  b: string;
  score: number;
}

export interface SimilarityResult {
  /** The near-duplicate pairs, most similar first: at most MAX_SIMILAR_PAIRS of them. */
  pairs: SimilarPair[];
  /** Pairs found beyond MAX_SIMILAR_PAIRS (a cohort of copies has n² of them), not listed. */
  pairsLeftOut: number;
  /** Submissions whose graphs are identical up to renaming, each group sorted (a group, not its n² pairs). */
  graphGroups: string[][];
}

export interface SimilarityOptions {
  /** Jaccard similarity from which explanations count as near-duplicates. */
  threshold?: number;
  /** A shingle (or graph shape) found in at least this share of the cohort, and in at least 5 submissions, is shared boilerplate (or a common design). */
  commonShare?: number;
}

/**
 * Near-duplicate pairs listed at most: 800 copies of one answer are 319,600 pairs (a 65 MB
 * gradebook), which say no more than their number. Documented in README.md ("Limits").
 */
export const MAX_SIMILAR_PAIRS = 5000;

/** Shingles a submission needs, after boilerplate is dropped, to be compared at all (about 25 words of its own). */
const MIN_SHINGLES = 20;
const MINHASH_FUNCTIONS = 64;
const BAND_ROWS = 4;

/**
 * Near-duplicate explanations and identical graphs across a cohort. Text that many submissions share
 * (the task statement, a widely copied article) is dropped first, as MOSS drops base code, so that a
 * pair is flagged for what the two share with each other only. Candidates come from MinHash with
 * banding (locality-sensitive hashing); each is then scored by the exact Jaccard similarity.
 */
export function findSimilar(inputs: SimilarityInput[], options: SimilarityOptions = {}): SimilarityResult {
  const commonCount = Math.max(5, Math.ceil((options.commonShare ?? 0.05) * inputs.length));
  const { pairs, total } = similarProse(inputs, options.threshold ?? 0.6, commonCount);
  return {
    pairs: pairs.sort((x, y) => y.score - x.score || cmp(x.a, y.a) || cmp(x.b, y.b)),
    pairsLeftOut: total - pairs.length,
    graphGroups: identicalGraphs(inputs, commonCount).sort((x, y) => y.length - x.length || cmp(x[0]!, y[0]!)),
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Near-duplicate pairs. Identical explanations (after boilerplate) are compared once, as a group:
 * a cohort of copies costs its number of distinct answers, not the square of its size. Pairs are
 * listed class by class, most similar first, up to MAX_SIMILAR_PAIRS; `total` counts them all.
 */
function similarProse(inputs: SimilarityInput[], threshold: number, commonCount: number): { pairs: SimilarPair[]; total: number } {
  const common = commonShingles(inputs, commonCount);
  const sets = inputs.map((input) => (common.size ? input.shingles.filter((h) => !common.has(h)) : input.shingles));
  // Groups of identical sets, in input order; a group stands for all its members.
  const groupOf = new Map<string, number[]>();
  sets.forEach((set, i) => {
    if (set.length >= MIN_SHINGLES) pushTo(groupOf, Buffer.from(set.buffer, set.byteOffset, set.byteLength).toString('base64'), i);
  });
  const groups = [...groupOf.values()];
  const seeds = minhashSeeds();
  const buckets = new Map<string, number[]>();
  groups.forEach((members, g) => {
    const signature = minhash(sets[members[0]!]!, seeds);
    for (let band = 0; band < MINHASH_FUNCTIONS / BAND_ROWS; band++) {
      pushTo(buckets, `${band}:${signature.slice(band * BAND_ROWS, (band + 1) * BAND_ROWS).join(',')}`, g);
    }
  });
  // Pairs of groups: a group with itself (identical answers) and two groups found similar.
  const classes: { x: number; y: number; score: number }[] = [];
  groups.forEach((members, g) => {
    if (members.length > 1) classes.push({ x: g, y: g, score: 1 });
  });
  const checked = new Set<number>();
  for (const bucket of buckets.values()) {
    for (let p = 0; p < bucket.length; p++) {
      for (let q = p + 1; q < bucket.length; q++) {
        const x = bucket[p]!;
        const y = bucket[q]!;
        const key = x * groups.length + y;
        if (checked.has(key)) continue;
        checked.add(key);
        const score = jaccard(sets[groups[x]![0]!]!, sets[groups[y]![0]!]!);
        if (score >= threshold) classes.push({ x, y, score: Math.round(score * 100) / 100 });
      }
    }
  }
  const name = (g: number) => inputs[groups[g]![0]!]!.student;
  classes.sort((c, d) => d.score - c.score || cmp(name(c.x), name(d.x)) || cmp(name(c.y), name(d.y)));
  const pairs: SimilarPair[] = [];
  let total = 0;
  for (const { x, y, score } of classes) {
    const a = groups[x]!;
    const b = groups[y]!;
    total += x === y ? (a.length * (a.length - 1)) / 2 : a.length * b.length;
    for (let p = 0; p < a.length && pairs.length < MAX_SIMILAR_PAIRS; p++) {
      for (let q = x === y ? p + 1 : 0; q < b.length && pairs.length < MAX_SIMILAR_PAIRS; q++) {
        const [first, second] = [inputs[a[p]!]!.student, inputs[b[q]!]!.student].sort(cmp);
        pairs.push({ a: first!, b: second!, score });
      }
    }
  }
  return { pairs, total };
}

/** Shingles found in at least `minCount` submissions. Sorting one flat array keeps memory to 4 bytes a shingle. */
function commonShingles(inputs: SimilarityInput[], minCount: number): Set<number> {
  const total = inputs.reduce((n, input) => n + input.shingles.length, 0);
  const all = new Uint32Array(total);
  let offset = 0;
  for (const input of inputs) {
    all.set(input.shingles, offset);
    offset += input.shingles.length;
  }
  all.sort();
  const common = new Set<number>();
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j] === all[i]) j++;
    if (j - i >= minCount) common.add(all[i]!);
    i = j;
  }
  return common;
}

function minhashSeeds(): Uint32Array {
  // Fixed seeds: the same cohort always gives the same candidates.
  const seeds = new Uint32Array(MINHASH_FUNCTIONS);
  let x = 0x9e3779b9;
  for (let i = 0; i < seeds.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    seeds[i] = x >>> 0;
  }
  return seeds;
}

function mix(h: number, seed: number): number {
  let x = (h ^ seed) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

function minhash(set: Uint32Array, seeds: Uint32Array): number[] {
  const signature = new Array<number>(seeds.length).fill(0xffffffff);
  for (const h of set) {
    for (let k = 0; k < seeds.length; k++) {
      const v = mix(h, seeds[k]!);
      if (v < signature[k]!) signature[k] = v;
    }
  }
  return signature;
}

/** |A ∩ B| / |A ∪ B| of two sorted sets. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  const union = a.length + b.length - shared;
  return union ? shared / union : 0;
}

/**
 * Groups of graphs identical up to renaming: same refined colours, then an exact check against one
 * member of each class found so far. A shape that many submissions share is a common design, not a copy.
 */
function identicalGraphs(inputs: SimilarityInput[], commonCount: number): string[][] {
  const buckets = new Map<string, { student: string; shape: GraphShape; refined: string[] }[]>();
  for (const input of inputs) {
    if (!input.shape) continue;
    const refined = refineColours(input.shape);
    const signature = shapeSignature(refined, input.shape);
    pushTo(buckets, signature, { student: input.student, shape: input.shape, refined });
  }
  const groups: string[][] = [];
  for (const bucket of buckets.values()) {
    if (bucket.length < 2) continue;
    const classes: { representative: (typeof bucket)[number]; members: string[] }[] = [];
    for (const entry of bucket) {
      const home = classes.find((c) => isomorphic(c.representative.shape, entry.shape, c.representative.refined, entry.refined));
      if (home) home.members.push(entry.student);
      else classes.push({ representative: entry, members: [entry.student] });
    }
    for (const c of classes) if (c.members.length >= 2 && c.members.length < commonCount) groups.push(c.members.sort(cmp));
  }
  return groups;
}
