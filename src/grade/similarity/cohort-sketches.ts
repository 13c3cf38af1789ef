import { EMPTY_SLOT, SIGNATURE_SIZE, unpackInto, type PackedSketch } from './sketch.js';
import { CHUNK, CHUNK_BITS, SpilledRows } from './spilled-rows.js';

/** The students who drew one graph shape for one task. */
export interface ShapeBucket {
  task: string;
  nodes: number;
  edges: number;
  /** Student indexes. */
  members: number[];
}

/** Files the sketches of a cohort are spilled to: the thread collecting it then holds a few chunks of them. */
export interface SketchSpill {
  signatures: string;
  where: string;
}

/**
 * The sketches of a cohort as they arrive, in chunks of typed arrays: 1 KB per student and task
 * whatever they wrote (the signature and where each minimum was read), plus a few numbers per item,
 * the student's name and graph fingerprints. An item is one task of one student; what `findSimilar`
 * compares are items of the same task.
 *
 * With `spill` (two files), the signatures and where each minimum was read go to the files a chunk
 * at a time (see SpilledRows), and only the chunks being filled and read stay in memory: the
 * candidate pairs are found by passes over the signatures in order, scored by reading the pair's
 * rows, and `where` is read back only for the few pairs that link a group. The thread collecting a
 * cohort then holds ~10 bytes a student and task of it instead of 1 KB (issue 17 item 2: its memory
 * flat in the cohort). A cohort of fewer than CHUNK items writes nothing. `discard()` removes the files.
 */
export class CohortSketches {
  readonly students: string[] = [];
  /** The tasks met so far, in order: an item's task is an index into it. */
  readonly tasks: string[] = [];
  /**
   * Each graph shape of a task (keyed by the task and the graph's hash): the one student who drew it,
   * as a number, until a second one does; then their bucket. In a Mermaid-native cohort most
   * drawings are a student's own, and a bucket apiece held ~290 bytes a student and task.
   */
  private readonly shapeMembers = new Map<string, number | ShapeBucket>();
  private items = 0;
  private readonly signatures: SpilledRows;
  private readonly wheres: SpilledRows;
  /** Per item: distinct features of one's own, the student's index, the task's index. */
  private readonly sizeChunks: Uint32Array[] = [];
  private readonly studentChunks: Uint32Array[] = [];
  private readonly taskChunks: Uint16Array[] = [];
  /** Each item's files, interned: most students of a task share the same list. */
  private readonly files: (readonly string[])[] = [];
  private readonly fileLists = new Map<string, readonly string[]>();

  constructor(spill?: SketchSpill) {
    this.signatures = new SpilledRows(SIGNATURE_SIZE, spill?.signatures);
    this.wheres = new SpilledRows(SIGNATURE_SIZE, spill?.where);
  }

  /** The graph shapes drawn by two students or more, in the order each was first drawn. */
  *sharedShapes(): Generator<ShapeBucket> {
    for (const drawn of this.shapeMembers.values()) if (typeof drawn !== 'number') yield drawn;
  }

  get count(): number {
    return this.students.length;
  }

  get itemCount(): number {
    return this.items;
  }

  /** A student's sketch, its minima as bytes (packSketch of what the record keeps: a grading worker packs it). */
  add(student: string, sketch: PackedSketch): void {
    const s = this.students.push(student) - 1;
    for (const task of sketch.tasks) {
      const i = this.items++;
      if ((i & (CHUNK - 1)) === 0) {
        this.sizeChunks.push(new Uint32Array(CHUNK));
        this.studentChunks.push(new Uint32Array(CHUNK));
        this.taskChunks.push(new Uint16Array(CHUNK));
      }
      const chunk = i >> CHUNK_BITS;
      const at = i & (CHUNK - 1);
      const signature = this.signatures.append();
      const where = this.wheres.append();
      // A sketch that does not decode (never written so by infralint) compares as nothing of one's own.
      if (task.minima) {
        unpackInto(task.minima, 0, signature.values, signature.offset);
        unpackInto(task.minima, 1, where.values, where.offset);
      } else {
        signature.values.fill(EMPTY_SLOT, signature.offset, signature.offset + SIGNATURE_SIZE);
        where.values.fill(EMPTY_SLOT, where.offset, where.offset + SIGNATURE_SIZE);
      }
      this.sizeChunks[chunk]![at] = task.minima ? task.size : 0;
      this.studentChunks[chunk]![at] = s;
      this.taskChunks[chunk]![at] = this.taskIndex(task.task);
      const key = task.files.join('\0');
      let files = this.fileLists.get(key);
      if (!files) this.fileLists.set(key, (files = [...task.files]));
      this.files.push(files);
      if (task.graph) {
        const shapeKey = `${task.task}\0${task.graph.hash}`;
        const drawn = this.shapeMembers.get(shapeKey);
        if (drawn === undefined) this.shapeMembers.set(shapeKey, s);
        else if (typeof drawn === 'number') this.shapeMembers.set(shapeKey, { task: task.task, nodes: task.graph.nodes, edges: task.graph.edges, members: [drawn, s] });
        else drawn.members.push(s);
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

  /** The signature of item i (a view, valid until the next item read on its own but `besides`, see SpilledRows.row). */
  signature(i: number, besides = -1): Uint32Array {
    return this.signatures.row(i, besides);
  }

  /** Where each minimum of item i was read (a view, valid until the next `where`). */
  where(i: number): Uint32Array {
    return this.wheres.row(i);
  }

  /** Removes the spill files (the cohort's similarity is found); never throws. */
  discard(): void {
    this.signatures.discard();
    this.wheres.discard();
  }

  /** Estimated Jaccard similarity of two items' own features: the share of equal minima. */
  similarity(a: number, b: number): number {
    const x = this.signatures.row(a);
    const y = this.signatures.row(b, a);
    let equal = 0;
    for (let k = 0; k < SIGNATURE_SIZE; k++) if (x[k] === y[k] && x[k] !== EMPTY_SLOT) equal++;
    return equal / SIGNATURE_SIZE;
  }

  /**
   * A 32-bit hash of `count` rows of item i's signature from row `from` (a band). Read in a pass over
   * the items in increasing order (see SpilledRows.inOrder).
   */
  hashRows(i: number, from: number, count: number): number {
    return hashOfRows(this.signatures.inOrder(i), from, count);
  }

  /**
   * hashRows of `items` (in increasing order) for each band of `count` rows starting at `froms`, in
   * one pass over them: grouping a cohort hashes every item once a band, and a pass reads every
   * chunk of spilled signatures back once for all the bands it hashes. `hashes[b][k]`: band b of items[k].
   */
  bandHashes(items: readonly number[], froms: readonly number[], count: number): Uint32Array[] {
    const hashes = froms.map(() => new Uint32Array(items.length));
    items.forEach((item, k) => {
      const signature = this.signatures.inOrder(item);
      froms.forEach((from, b) => (hashes[b]![k] = hashOfRows(signature, from, count)));
    });
    return hashes;
  }

  private taskIndex(task: string): number {
    const known = this.tasks.indexOf(task);
    return known >= 0 ? known : this.tasks.push(task) - 1;
  }
}

/** A 32-bit hash of `count` values of a signature from `from`. */
function hashOfRows(signature: Uint32Array, from: number, count: number): number {
  let hash = 0x811c9dc5 ^ from;
  for (let k = from; k < from + count; k++) {
    hash = Math.imul(hash ^ signature[k]!, 0x01000193);
    hash ^= hash >>> 13;
  }
  return hash >>> 0;
}
