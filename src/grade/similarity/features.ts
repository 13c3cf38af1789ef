import type { TaskResult } from '../../report/model.js';
import type { GraphShape, SimilarityFeatures } from '../record.js';

/** Shingles of this many words: long enough that common phrases rarely collide, short enough to survive edits. */
export const SHINGLE_WORDS = 5;
/** Graphs smaller than this say too little to be called identical. */
const MIN_SHAPE_NODES = 5;
const MIN_SHAPE_EDGES = 4;

const NON_ASCII = /[^\x00-\x7f]/;

/** Lower-case words of letters and digits: punctuation, markdown and accents do not hide a copy. */
export function normalisedWords(text: string): string[] {
  // NFKD (to drop accents) is the slow part: plain ASCII text, the usual case, needs none.
  const folded = NON_ASCII.test(text) ? text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '') : text;
  // In ASCII, letters and digits are [a-z0-9]: the same split as \p{L}\p{N}, without Unicode tables.
  const lower = folded.toLowerCase();
  return lower.split(NON_ASCII.test(lower) ? /[^\p{L}\p{N}]+/u : /[^a-z0-9]+/).filter(Boolean);
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** One step of FNV-1a: `hash` with one more code unit. */
function fnvStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, FNV_PRIME);
}

/** 32-bit FNV-1a of a string's UTF-16 code units. */
export function fnv1a(text: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) hash = fnvStep(hash, text.charCodeAt(i));
  return hash >>> 0;
}

/**
 * fnv1a of each of `normalisedWords(text)`. For ASCII text, the usual case, the words are hashed as
 * the characters are read: no word string is ever built (test/unit/grade.test.ts holds it equal).
 */
export function wordHashes(text: string): Uint32Array {
  if (NON_ASCII.test(text)) return Uint32Array.from(normalisedWords(text), fnv1a);
  const hashes = new Uint32Array((text.length >> 1) + 1);
  let count = 0;
  let hash = FNV_OFFSET;
  let inWord = false;
  for (let i = 0; i <= text.length; i++) {
    let code = i < text.length ? text.charCodeAt(i) : 32;
    if (code >= 65 && code <= 90) code += 32;
    if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) {
      if (!inWord) {
        hash = FNV_OFFSET;
        inWord = true;
      }
      hash = fnvStep(hash, code);
    } else if (inWord) {
      hashes[count++] = hash >>> 0;
      inWord = false;
    }
  }
  return hashes.subarray(0, count);
}

/**
 * The distinct hashed shingles of a text, sorted, from its words' hashes. Each shingle's hash
 * combines its words' hashes (position-dependent), so no shingle string is ever built.
 */
export function shingleHashes(words: ArrayLike<number>): Uint32Array {
  const all = new Uint32Array(Math.max(0, words.length - SHINGLE_WORDS + 1));
  for (let i = 0; i < all.length; i++) {
    let hash = 0x9747b28c;
    for (let k = 0; k < SHINGLE_WORDS; k++) {
      hash = Math.imul(hash ^ words[i + k]!, 0x5bd1e995);
      hash ^= hash >>> 15;
    }
    all[i] = hash >>> 0;
  }
  all.sort();
  let distinct = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[distinct++] = all[i]!;
  return all.slice(0, distinct);
}

export function encodeShingles(hashes: Uint32Array): string {
  return Buffer.from(hashes.buffer, hashes.byteOffset, hashes.byteLength).toString('base64');
}

export function decodeShingles(encoded: string): Uint32Array {
  const bytes = Buffer.from(encoded, 'base64');
  const copy = new Uint8Array(bytes.length - (bytes.length % 4));
  copy.set(bytes.subarray(0, copy.length));
  return new Uint32Array(copy.buffer);
}

/** A graph with its labels dropped: what stays the same when a copier renames every node. Null when too small to compare. */
export function graphShape(graph: TaskResult['graph']): GraphShape | null {
  const index = new Map<string, number>();
  graph.components.forEach((c, i) => index.set(c.key, i));
  const edges: [number, number][] = [];
  const seen = new Set<string>();
  const add = (a: number, b: number) => {
    const key = `${a}>${b}`;
    if (a === b || seen.has(key)) return;
    seen.add(key);
    edges.push([a, b]);
  };
  for (const e of graph.edges) {
    const from = index.get(e.from);
    const to = index.get(e.to);
    if (from === undefined || to === undefined) continue;
    add(from, to);
    if (!e.directed) add(to, from);
  }
  if (graph.components.length < MIN_SHAPE_NODES || edges.length < MIN_SHAPE_EDGES) return null;
  return { colours: graph.components.map((c) => [...c.roles].sort().join('+') || 'none'), edges };
}

export function proseFeatures(prose: string): SimilarityFeatures {
  const words = wordHashes(prose);
  return { shingles: encodeShingles(shingleHashes(words)), words: words.length };
}
