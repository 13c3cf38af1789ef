import { closeSync, openSync, readSync, rmSync } from 'node:fs';
import { writeAll } from '../atomic-file.js';
import { decodeInto, EMPTY_SLOT, SIGNATURE_SIZE, type StudentSketch } from './sketch.js';

/** The students who drew one graph shape for one task. */
export interface ShapeBucket {
  task: string;
  nodes: number;
  edges: number;
  /** Student indexes. */
  members: number[];
}

/** Items (a student's task) a chunk of the typed arrays holds: memory grows a chunk at a time, never copied. */
const CHUNK_BITS = 10;
const CHUNK = 1 << CHUNK_BITS;

/** Bytes of one item's `where` values. */
const WHERE_BYTES = SIGNATURE_SIZE * 4;

/**
 * The sketches of a cohort as they arrive, in chunks of typed arrays: 1 KB per student and task
 * whatever they wrote (the signature and where each minimum was read), plus the student's name and
 * graph fingerprints. An item is one task of one student; what `findSimilar` compares are items of
 * the same task.
 *
 * With `spillWhere` (a file), where each minimum was read goes to that file a chunk at a time, and
 * only the chunk being filled stays in memory: the candidate pairs are found and scored from the
 * signatures alone, and `where` is read back only for the few pairs that link a group. The thread
 * collecting a cohort then holds 512 bytes a student and task instead of 1 KB (10,000 students: 5 MB
 * instead of 10, its only live data that grew with the cohort). A cohort of fewer than CHUNK items
 * writes nothing. `discard()` removes the file.
 */
export class CohortSketches {
  readonly students: string[] = [];
  /** The tasks met so far, in order: an item's task is an index into it. */
  readonly tasks: string[] = [];
  readonly shapes = new Map<string, ShapeBucket>();
  private items = 0;
  private readonly signatureChunks: Uint32Array[] = [];
  private readonly whereChunks: Uint32Array[] = [];
  /** Per item: distinct features of one's own, the student's index, the task's index. */
  private readonly sizeChunks: Uint32Array[] = [];
  private readonly studentChunks: Uint32Array[] = [];
  private readonly taskChunks: Uint16Array[] = [];
  /** Each item's files, interned: most students of a task share the same list. */
  private readonly files: (readonly string[])[] = [];
  private readonly fileLists = new Map<string, readonly string[]>();
  /** The file the full chunks of `where` were written to (in order: item i at i * WHERE_BYTES), once one was. */
  private spilled: { fd: number } | null = null;

  constructor(private readonly spillWhere?: string) {}

  get count(): number {
    return this.students.length;
  }

  get itemCount(): number {
    return this.items;
  }

  add(student: string, sketch: StudentSketch): void {
    const s = this.students.push(student) - 1;
    for (const task of sketch.tasks) {
      const i = this.items++;
      if ((i & (CHUNK - 1)) === 0) {
        this.signatureChunks.push(new Uint32Array(CHUNK * SIGNATURE_SIZE));
        if (this.spillWhere && i > 0) this.spillFullChunk();
        else this.whereChunks.push(new Uint32Array(CHUNK * SIGNATURE_SIZE));
        this.sizeChunks.push(new Uint32Array(CHUNK));
        this.studentChunks.push(new Uint32Array(CHUNK));
        this.taskChunks.push(new Uint16Array(CHUNK));
      }
      const chunk = i >> CHUNK_BITS;
      const at = i & (CHUNK - 1);
      const offset = at * SIGNATURE_SIZE;
      const where = this.whereChunks[this.spillWhere ? 0 : chunk]!;
      // A sketch that does not decode (never written so by infralint) compares as nothing of one's own.
      const decoded = decodeInto(task.minhash, this.signatureChunks[chunk]!, offset) && decodeInto(task.where, where, offset);
      if (!decoded) {
        this.signatureChunks[chunk]!.fill(EMPTY_SLOT, offset, offset + SIGNATURE_SIZE);
        where.fill(EMPTY_SLOT, offset, offset + SIGNATURE_SIZE);
      }
      this.sizeChunks[chunk]![at] = decoded ? task.size : 0;
      this.studentChunks[chunk]![at] = s;
      this.taskChunks[chunk]![at] = this.taskIndex(task.task);
      const key = task.files.join('\0');
      let files = this.fileLists.get(key);
      if (!files) this.fileLists.set(key, (files = [...task.files]));
      this.files.push(files);
      if (task.graph) {
        const shapeKey = `${task.task}\0${task.graph.hash}`;
        const bucket = this.shapes.get(shapeKey);
        if (bucket) bucket.members.push(s);
        else this.shapes.set(shapeKey, { task: task.task, nodes: task.graph.nodes, edges: task.graph.edges, members: [s] });
      }
    }
  }

  /** Distinct features of one's own of item i. */
  size(i: number): number {
    return this.sizeChunks[i >> CHUNK_BITS]![i & (CHUNK - 1)]!;
  }

  /** The student of item i (an index into `students`). */
  studentOf(i: number): number {
    return this.studentChunks[i >> CHUNK_BITS]![i & (CHUNK - 1)]!;
  }

  /** The task of item i (an index into `tasks`). */
  taskOf(i: number): number {
    return this.taskChunks[i >> CHUNK_BITS]![i & (CHUNK - 1)]!;
  }

  filesOf(i: number): readonly string[] {
    return this.files[i]!;
  }

  /** The signature of item i (a view, not a copy). */
  signature(i: number): Uint32Array {
    const offset = (i & (CHUNK - 1)) * SIGNATURE_SIZE;
    return this.signatureChunks[i >> CHUNK_BITS]!.subarray(offset, offset + SIGNATURE_SIZE);
  }

  /** Where each minimum of item i was read (a view, or a copy read back from the spill file). */
  where(i: number): Uint32Array {
    const offset = (i & (CHUNK - 1)) * SIGNATURE_SIZE;
    if (!this.spillWhere) return this.whereChunks[i >> CHUNK_BITS]!.subarray(offset, offset + SIGNATURE_SIZE);
    // The chunk being filled is in memory; the ones before it are in the file.
    if (i >> CHUNK_BITS === (this.items - 1) >> CHUNK_BITS) return this.whereChunks[0]!.subarray(offset, offset + SIGNATURE_SIZE);
    const values = new Uint32Array(SIGNATURE_SIZE);
    const bytes = new Uint8Array(values.buffer);
    for (let read = 0; read < WHERE_BYTES;) {
      const n = readSync(this.spilled!.fd, bytes, read, WHERE_BYTES - read, i * WHERE_BYTES + read);
      if (n === 0) throw new Error(`${this.spillWhere} ended early`);
      read += n;
    }
    return values;
  }

  /** Removes the spill file (the cohort's similarity is found); never throws. */
  discard(): void {
    if (!this.spilled) return;
    try {
      closeSync(this.spilled.fd);
      rmSync(this.spillWhere!, { force: true });
    } catch {
      // a temporary name: removed by the next run on the folder
    }
    this.spilled = null;
  }

  /** Appends the `where` chunk just filled to the spill file; the chunk is then filled again. */
  private spillFullChunk(): void {
    this.spilled ??= { fd: openSync(this.spillWhere!, 'w+') };
    const chunk = this.whereChunks[0]!;
    writeAll(this.spilled.fd, new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  }

  /**
   * Estimated Jaccard similarity of two items' own features: the share of equal minima. Read in
   * place (no view made): grouping a cohort calls it for every candidate pair.
   */
  similarity(a: number, b: number): number {
    const x = this.signatureChunks[a >> CHUNK_BITS]!;
    const y = this.signatureChunks[b >> CHUNK_BITS]!;
    const xAt = (a & (CHUNK - 1)) * SIGNATURE_SIZE;
    const yAt = (b & (CHUNK - 1)) * SIGNATURE_SIZE;
    let equal = 0;
    for (let k = 0; k < SIGNATURE_SIZE; k++) if (x[xAt + k] === y[yAt + k] && x[xAt + k] !== EMPTY_SLOT) equal++;
    return equal / SIGNATURE_SIZE;
  }

  /** A 32-bit hash of `count` rows of item i's signature from row `from` (a band), read in place. */
  hashRows(i: number, from: number, count: number): number {
    const signature = this.signatureChunks[i >> CHUNK_BITS]!;
    const at = (i & (CHUNK - 1)) * SIGNATURE_SIZE;
    let hash = 0x811c9dc5 ^ from;
    for (let k = at + from; k < at + from + count; k++) {
      hash = Math.imul(hash ^ signature[k]!, 0x01000193);
      hash ^= hash >>> 13;
    }
    return hash >>> 0;
  }

  private taskIndex(task: string): number {
    const known = this.tasks.indexOf(task);
    return known >= 0 ? known : this.tasks.push(task) - 1;
  }
}
