import { ByteArena } from '../byte-arena.js';
import type { BaseText } from './base-text.js';
import { fnv1a, normalisedWords, shingleAt, shingleCount, wordHashesReused } from './features.js';
import type { GraphFingerprint } from './graph-identity.js';
import { Uint32Set } from './hash-set.js';

/**
 * What near-duplicate detection keeps of one student, made where the student is graded: a sketch
 * per task, so that a student who copied one task of four is compared on that task, not diluted by
 * the three of their own. Its size is fixed per task, whatever the student wrote: the thread that
 * collects a cohort keeps one per student and task.
 */
export interface StudentSketch {
  tasks: TaskSketch[];
}

/**
 * One task of a student: a MinHash signature of the student's own text (5-word shingles of the
 * prose and the diagram's unusual labels, base text dropped), where each minimum was read, and the
 * fingerprint of the task's graph.
 */
export interface TaskSketch {
  task: string;
  /** SIGNATURE_SIZE 32-bit minima, one per hash function, base64 (0xffffffff: nothing of one's own). */
  minhash: string;
  /** Where each minimum was read, base64 of SIGNATURE_SIZE 32-bit values: file index (into `files`) × 2^24 + line. */
  where: string;
  /** Files the minima were read in (relative to the submission). */
  files: string[];
  /** Distinct shingles and labels of one's own: a text too short to compare has few. */
  size: number;
  /** The task's graph, when big enough to fingerprint. */
  graph: GraphFingerprint | null;
}

/** Hash functions of the signature: the standard error of an estimated similarity J is sqrt(J(1-J)/128), 0.04 at 0.6. */
export const SIGNATURE_SIZE = 128;
export const EMPTY_SLOT = 0xffffffff;
const LINE_BITS = 24;
const MAX_FILES = 0xff;

/** Bits of a feature's hash that choose its bin: 2^7 = SIGNATURE_SIZE bins. */
const BIN_SHIFT = 25;
/** Probes of an empty bin's sequence before it falls back to scanning: with one filled bin, ~SIGNATURE_SIZE are expected. */
const MAX_PROBES = 1 << 14;
/** Fixed seed: the same submission always gets the same signature, in any worker, shard or run. */
const SEED = 0x9e3779b9;

/** A 32-bit mix (MurmurHash3's finaliser) of a feature's hash: a pseudo-random permutation of 32-bit values. */
function mix(h: number, seed: number): number {
  let x = (h ^ seed) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * Collects one student's own features and folds them into a signature as they come (nothing kept
 * but the signature). One-permutation MinHash: each feature is hashed once, its hash's top bits
 * choose one of SIGNATURE_SIZE bins, and each bin keeps its smallest hash; bins left empty borrow
 * from a bin chosen by a fixed probe sequence (optimal densification, Shrivastava 2017), so that two
 * signatures agree on a bin with probability the Jaccard similarity of the two sets, as with
 * SIGNATURE_SIZE hash functions, at 1/SIGNATURE_SIZE of their cost.
 */
export class SketchBuilder {
  private readonly signature = new Uint32Array(SIGNATURE_SIZE).fill(EMPTY_SLOT);
  private readonly where = new Uint32Array(SIGNATURE_SIZE).fill(EMPTY_SLOT);
  private readonly files: string[] = [];
  private readonly distinct = new Uint32Set(256);
  private graph: GraphFingerprint | null = null;
  private readonly seenLabels = new Set<string>();

  constructor(private readonly base: BaseText, private readonly task: string) {}

  /** A block of prose (paragraph, list item, table row) starting at `line` of `file`. */
  addProse(file: string, line: number, text: string): void {
    // The words' hashes in a reused buffer, each shingle hashed as it is read: nothing allocated a block.
    const words = wordHashesReused(text);
    const shingles = shingleCount(words);
    let location = -1;
    for (let i = 0; i < shingles; i++) {
      const shingle = shingleAt(words, i);
      if (this.base.shingles.has(shingle)) continue;
      if (location < 0) location = this.locate(file, line);
      this.fold(shingle, location);
    }
  }

  /** A diagram label: a feature only when it holds a word of its own (not of the base text, not a number). */
  addLabel(file: string, line: number, label: string): void {
    const words = normalisedWords(label);
    if (!words.some((w) => w.length > 1 && !/^\d+$/.test(w) && !this.base.words.has(fnv1a(w)))) return;
    const key = words.join(' ');
    if (this.seenLabels.has(key)) return;
    this.seenLabels.add(key);
    this.fold(fnv1a(`label:${key}`), this.locate(file, line));
  }

  setGraph(fingerprint: GraphFingerprint | null): void {
    this.graph = fingerprint;
  }

  build(): TaskSketch {
    this.densify();
    return { task: this.task, minhash: encode(this.signature), where: encode(this.where), files: this.files, size: this.distinct.size, graph: this.graph };
  }

  private locate(file: string, line: number): number {
    let index = this.files.indexOf(file);
    if (index < 0 && this.files.length < MAX_FILES) index = this.files.push(file) - 1;
    return index < 0 ? EMPTY_SLOT : ((index << LINE_BITS) | Math.min(line, (1 << LINE_BITS) - 1)) >>> 0;
  }

  private fold(feature: number, location: number): void {
    this.distinct.add(feature);
    const v = mix(feature, SEED);
    const bin = v >>> BIN_SHIFT;
    if (v < this.signature[bin]!) {
      this.signature[bin] = v;
      this.where[bin] = location;
    }
  }

  /** Every empty bin takes the value of the first filled bin of its own probe sequence (the same in every signature). */
  private densify(): void {
    if (!this.distinct.size) return;
    const filled = this.signature.map((v) => (v === EMPTY_SLOT ? 0 : 1));
    for (let bin = 0; bin < SIGNATURE_SIZE; bin++) {
      if (filled[bin]) continue;
      for (let attempt = 1; ; attempt++) {
        // Pseudo-random probes; past a bound (never reached in practice), the next filled bin in order.
        const from = attempt <= MAX_PROBES ? mix(bin * 0x10001 + attempt, SEED ^ 0x5bd1e995) >>> BIN_SHIFT : (bin + attempt) % SIGNATURE_SIZE;
        if (!filled[from]) continue;
        this.signature[bin] = this.signature[from]!;
        this.where[bin] = this.where[from]!;
        break;
      }
    }
  }
}

/** The sketch of a student with nothing to compare (an error row). */
export function emptySketch(): StudentSketch {
  return { tasks: [] };
}

/** File and line of a `where` value, or null. */
export function locationOf(where: number, files: readonly string[]): { file: string; line: number } | null {
  if (where === EMPTY_SLOT) return null;
  const file = files[where >>> LINE_BITS];
  return file === undefined ? null : { file, line: where & ((1 << LINE_BITS) - 1) };
}

function encode(values: Uint32Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

/**
 * A task's sketch as the thread that collects a cohort takes it (CohortSketches.add): the
 * signature and where each minimum was read as bytes (SIGNATURE_SIZE 32-bit little-endian values
 * each, the signature first), or null when they do not decode. A grading worker decodes the base64
 * the record keeps, and the bytes travel in the batch's shared buffer with the results lines (see
 * packBytes in worker.ts): the collecting thread then receives no strings to decode a student.
 */
export interface PackedTaskSketch extends Omit<TaskSketch, 'minhash' | 'where'> {
  minima: Uint8Array | null;
}

export interface PackedSketch {
  tasks: PackedTaskSketch[];
}

const SIGNATURE_BYTES = SIGNATURE_SIZE * 4;

/** `sketch` with each task's signature and locations decoded, into `arena` (default: buffers of their own). */
export function packSketch(sketch: StudentSketch, arena = new ByteArena(0)): PackedSketch {
  return {
    tasks: sketch.tasks.map(({ minhash, where, ...task }) => {
      // One byte of room more than a signature takes: a text that decodes to more is told by it.
      const room = arena.room(2 * SIGNATURE_BYTES + 1);
      const bytes = Buffer.from(room.buffer, room.byteOffset, room.byteLength);
      const fits = bytes.write(minhash, 0, SIGNATURE_BYTES + 1, 'base64') === SIGNATURE_BYTES && bytes.write(where, SIGNATURE_BYTES, SIGNATURE_BYTES + 1, 'base64') === SIGNATURE_BYTES;
      return { ...task, minima: fits ? arena.keep(2 * SIGNATURE_BYTES) : null };
    }),
  };
}

/** Row `row` (0: the signature, 1: where) of packed minima, into `into` at `offset`. */
export function unpackInto(minima: Uint8Array, row: 0 | 1, into: Uint32Array, offset: number): void {
  for (let k = 0, at = row * SIGNATURE_BYTES; k < SIGNATURE_SIZE; k++, at += 4) {
    into[offset + k] = (minima[at]! | (minima[at + 1]! << 8) | (minima[at + 2]! << 16) | (minima[at + 3]! << 24)) >>> 0;
  }
}
