import { decodeInto, EMPTY_SLOT, SIGNATURE_SIZE, type StudentSketch } from './sketch.js';

/** The students who drew one graph shape for one task. */
export interface ShapeBucket {
  task: string;
  nodes: number;
  edges: number;
  members: number[];
}

/** Students a chunk of the typed arrays holds: memory grows a chunk at a time, never copied. */
const CHUNK_BITS = 10;
const CHUNK = 1 << CHUNK_BITS;

/**
 * The sketches of a cohort as they arrive, in chunks of typed arrays: 1 KB a student whatever
 * they wrote (the signature and where each minimum was read), plus the student's name and graph
 * fingerprints. What `findSimilar` reads.
 */
export class CohortSketches {
  readonly students: string[] = [];
  private readonly signatureChunks: Uint32Array[] = [];
  private readonly whereChunks: Uint32Array[] = [];
  private readonly sizeChunks: Uint32Array[] = [];
  /** Each student's files, interned: most students of a task share the same list. */
  readonly files: (readonly string[])[] = [];
  readonly shapes = new Map<string, ShapeBucket>();
  private readonly fileLists = new Map<string, readonly string[]>();

  get count(): number {
    return this.students.length;
  }

  add(student: string, sketch: StudentSketch): void {
    const i = this.students.length;
    if ((i & (CHUNK - 1)) === 0) {
      this.signatureChunks.push(new Uint32Array(CHUNK * SIGNATURE_SIZE));
      this.whereChunks.push(new Uint32Array(CHUNK * SIGNATURE_SIZE));
      this.sizeChunks.push(new Uint32Array(CHUNK));
    }
    this.students.push(student);
    const signatures = this.signatureChunks[i >> CHUNK_BITS]!;
    const offset = (i & (CHUNK - 1)) * SIGNATURE_SIZE;
    // A sketch that does not decode (never written so by infralint) compares as nothing of one's own.
    const decoded = decodeInto(sketch.minhash, signatures, offset) && decodeInto(sketch.where, this.whereChunks[i >> CHUNK_BITS]!, offset);
    if (!decoded) signatures.fill(EMPTY_SLOT, offset, offset + SIGNATURE_SIZE);
    this.sizeChunks[i >> CHUNK_BITS]![i & (CHUNK - 1)] = decoded ? sketch.size : 0;
    const key = sketch.files.join('\0');
    let files = this.fileLists.get(key);
    if (!files) this.fileLists.set(key, (files = [...sketch.files]));
    this.files.push(files);
    for (const graph of sketch.graphs) {
      const shapeKey = `${graph.task}\0${graph.hash}`;
      const bucket = this.shapes.get(shapeKey);
      if (bucket) bucket.members.push(i);
      else this.shapes.set(shapeKey, { task: graph.task, nodes: graph.nodes, edges: graph.edges, members: [i] });
    }
  }

  /** Distinct features of one's own of student i. */
  size(i: number): number {
    return this.sizeChunks[i >> CHUNK_BITS]![i & (CHUNK - 1)]!;
  }

  /** The signature of student i (a view, not a copy). */
  signature(i: number): Uint32Array {
    const offset = (i & (CHUNK - 1)) * SIGNATURE_SIZE;
    return this.signatureChunks[i >> CHUNK_BITS]!.subarray(offset, offset + SIGNATURE_SIZE);
  }

  /** Where each minimum of student i was read (a view). */
  where(i: number): Uint32Array {
    const offset = (i & (CHUNK - 1)) * SIGNATURE_SIZE;
    return this.whereChunks[i >> CHUNK_BITS]!.subarray(offset, offset + SIGNATURE_SIZE);
  }

  /** Estimated Jaccard similarity of two students' own features: the share of equal minima. */
  similarity(a: number, b: number): number {
    const x = this.signature(a);
    const y = this.signature(b);
    let equal = 0;
    for (let k = 0; k < SIGNATURE_SIZE; k++) if (x[k] === y[k] && x[k] !== EMPTY_SLOT) equal++;
    return equal / SIGNATURE_SIZE;
  }
}
