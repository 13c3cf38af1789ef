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

/**
 * The sketches of a cohort as they arrive, in chunks of typed arrays: 1 KB per student and task
 * whatever they wrote (the signature and where each minimum was read), plus the student's name and
 * graph fingerprints. An item is one task of one student; what `findSimilar` compares are items of
 * the same task.
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
        this.whereChunks.push(new Uint32Array(CHUNK * SIGNATURE_SIZE));
        this.sizeChunks.push(new Uint32Array(CHUNK));
        this.studentChunks.push(new Uint32Array(CHUNK));
        this.taskChunks.push(new Uint16Array(CHUNK));
      }
      const chunk = i >> CHUNK_BITS;
      const at = i & (CHUNK - 1);
      const offset = at * SIGNATURE_SIZE;
      // A sketch that does not decode (never written so by infralint) compares as nothing of one's own.
      const decoded = decodeInto(task.minhash, this.signatureChunks[chunk]!, offset) && decodeInto(task.where, this.whereChunks[chunk]!, offset);
      if (!decoded) this.signatureChunks[chunk]!.fill(EMPTY_SLOT, offset, offset + SIGNATURE_SIZE);
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

  /** Where each minimum of item i was read (a view). */
  where(i: number): Uint32Array {
    const offset = (i & (CHUNK - 1)) * SIGNATURE_SIZE;
    return this.whereChunks[i >> CHUNK_BITS]!.subarray(offset, offset + SIGNATURE_SIZE);
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
