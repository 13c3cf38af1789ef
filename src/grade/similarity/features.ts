/*
 * The words and shingles of a text, as 32-bit hashes: what near-duplicate detection compares of
 * the prose, the task statement and the rubric (base text) alike.
 */

/** Shingles of this many words: long enough that common phrases rarely collide, short enough to survive edits. */
export const SHINGLE_WORDS = 5;

const NON_ASCII = /[^\x00-\x7f]/;

/** Lower-case words of letters and digits: punctuation, markdown and accents do not hide a copy. */
export function normalisedWords(text: string): string[] {
  // NFKD (to drop accents) is the slow part: plain ASCII text, the usual case, needs none.
  const folded = NON_ASCII.test(text) ? text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '') : text;
  // In ASCII, letters and digits are [a-z0-9]: the same split as \p{L}\p{N}, without Unicode tables.
  const lower = folded.toLowerCase();
  return lower.split(NON_ASCII.test(lower) ? /[^\p{L}\p{N}]+/u : /[^a-z0-9]+/).filter(Boolean);
}

export const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** One step of FNV-1a: `hash` with one more code unit. */
export function fnvStep(hash: number, code: number): number {
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
  return NON_ASCII.test(text) ? Uint32Array.from(normalisedWords(text), fnv1a) : asciiWordHashes(text, new Uint32Array(maxWords(text)));
}

/** A text has at most one word every two characters (a letter and a separator). */
function maxWords(text: string): number {
  return (text.length >> 1) + 1;
}

let scratch = new Uint32Array(1024);
/**
 * The most words the reused buffer grows to (128 KB): a longer text gets a buffer of its own, so that
 * one huge paragraph (a 30 MB file under `--max-bytes 32M`) is not held by a worker for the rest of
 * its run, outside V8's heap and its cap.
 */
const MAX_REUSED_WORDS = 32 * 1024;

/**
 * wordHashes in a buffer this module reuses: valid until the next call. A student's sketch hashes
 * every block of their prose, and a typed array of its own per block (its memory outside V8's heap,
 * allocated, zeroed and later found by the collector) cost as much as the hashing.
 */
export function wordHashesReused(text: string): Uint32Array {
  if (NON_ASCII.test(text)) return wordHashes(text);
  const words = maxWords(text);
  if (words > MAX_REUSED_WORDS) return asciiWordHashes(text, new Uint32Array(words));
  if (scratch.length < words) scratch = new Uint32Array(Math.min(MAX_REUSED_WORDS, Math.max(words, 2 * scratch.length)));
  return asciiWordHashes(text, scratch);
}

/** wordHashes of an ASCII text, written into `hashes` (room for maxWords): the view of those written. */
function asciiWordHashes(text: string, hashes: Uint32Array): Uint32Array {
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

/** The hash of the shingle starting at word `at`: its words' hashes combined in order (no shingle string is ever built). */
export function shingleAt(words: ArrayLike<number>, at: number): number {
  let hash = 0x9747b28c;
  for (let k = 0; k < SHINGLE_WORDS; k++) {
    hash = Math.imul(hash ^ words[at + k]!, 0x5bd1e995);
    hash ^= hash >>> 15;
  }
  return hash >>> 0;
}

/** The shingles of `words`: one starting at each word but the last SHINGLE_WORDS - 1. */
export function shingleCount(words: ArrayLike<number>): number {
  return Math.max(0, words.length - SHINGLE_WORDS + 1);
}

/** The hashed shingles of a text in reading order (repeats kept): the i-th starts at the i-th word. */
export function shinglesInOrder(words: ArrayLike<number>): Uint32Array {
  const all = new Uint32Array(shingleCount(words));
  for (let i = 0; i < all.length; i++) all[i] = shingleAt(words, i);
  return all;
}

/** The distinct hashed shingles of a text, sorted. */
export function shingleHashes(words: ArrayLike<number>): Uint32Array {
  const all = shinglesInOrder(words).sort();
  let distinct = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[distinct++] = all[i]!;
  return all.slice(0, distinct);
}
