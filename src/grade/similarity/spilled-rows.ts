import { closeSync, openSync, rmSync } from 'node:fs';
import { readAll, writeAll } from '../atomic-file.js';

/** Rows a chunk holds: memory grows a chunk at a time (never copied), and a file is written a chunk at a time. */
export const CHUNK_BITS = 10;
export const CHUNK = 1 << CHUNK_BITS;
/**
 * Rows read back one at a time that are kept (512 KB of signatures), each in the slot of its number
 * modulo this: find-similar compares a bucket's members with the 64 before each. On bench:grade's
 * 10,000-student cohort, grouping read 55,000 rows with 256 slots, 47,000 with 1,024, 26,000 with 4,096.
 */
const CACHED_ROWS = 1024;

/**
 * Rows of `width` 32-bit values (one per item of a cohort), appended in chunks. Without a file every
 * chunk stays in memory. With one, each chunk goes to the file once full and only the chunk being
 * filled stays in memory; rows are read back a chunk at a time by passes in row order (`inOrder`), or
 * one at a time (`row`) into a small cache. Memory is then a few chunks whatever the number of rows,
 * and a store of one chunk never writes. `discard()` removes the file.
 *
 * The views returned are valid until the next read of the same kind (`inOrder`, or `row`); a row
 * `row` found in the chunk the last `inOrder` read, until the next `inOrder` too; and a row of the
 * chunk being filled, until the next `append`.
 */
export class SpilledRows {
  /** Without a file: every chunk. With one: the chunk being filled. */
  private readonly chunks: Uint32Array[] = [];
  private rows = 0;
  private fd: number | null = null;
  /** The chunk read back whole by the last `inOrder`. */
  private loaded: { chunk: number; values: Uint32Array } | null = null;
  /** Rows read back one at a time: which row each slot holds (-1: none), and a spare row for a second one of the same slot. */
  private cache: { rows: Int32Array; values: Uint32Array; spare: Uint32Array } | null = null;

  constructor(readonly width: number, private readonly file?: string) {}

  get count(): number {
    return this.rows;
  }

  /** Where the next row's `width` values go (an array and the offset in it); the row is then counted. */
  append(): { values: Uint32Array; offset: number } {
    const i = this.rows++;
    const at = i & (CHUNK - 1);
    if (at === 0) {
      if (!this.file) this.chunks.push(new Uint32Array(CHUNK * this.width));
      else if (i === 0) this.chunks.push(new Uint32Array(CHUNK * this.width));
      else this.spillFullChunk();
    }
    return { values: this.chunks[this.file ? 0 : i >> CHUNK_BITS]!, offset: at * this.width };
  }

  /** Row i, in a pass reading rows in increasing order: each chunk in the file is read once, whole. */
  inOrder(i: number): Uint32Array {
    const inMemory = this.inMemory(i);
    if (inMemory) return inMemory;
    const chunk = i >> CHUNK_BITS;
    if (this.loaded?.chunk !== chunk) {
      const values = this.loaded?.values ?? new Uint32Array(CHUNK * this.width);
      this.readInto(values, 0, chunk * CHUNK, CHUNK);
      this.loaded = { chunk, values };
    }
    return this.view(this.loaded.values, i & (CHUNK - 1));
  }

  /**
   * Row i read on its own (a pair compared, the evidence of a group). `besides`: a row read just
   * before whose view must stay valid (the other of the pair), though it may share i's slot.
   */
  row(i: number, besides = -1): Uint32Array {
    const inMemory = this.inMemory(i);
    if (inMemory) return inMemory;
    if (this.loaded?.chunk === i >> CHUNK_BITS) return this.view(this.loaded.values, i & (CHUNK - 1));
    this.cache ??= { rows: new Int32Array(CACHED_ROWS).fill(-1), values: new Uint32Array(CACHED_ROWS * this.width), spare: new Uint32Array(this.width) };
    const { rows, values, spare } = this.cache;
    const slot = i % CACHED_ROWS;
    if (rows[slot] === i) return this.view(values, slot);
    if (besides >= 0 && rows[slot] === besides) {
      this.readInto(spare, 0, i, 1);
      return spare;
    }
    this.readInto(values, slot * this.width, i, 1);
    rows[slot] = i;
    return this.view(values, slot);
  }

  /** Closes and removes the file; never throws. */
  discard(): void {
    if (this.fd === null) return;
    try {
      closeSync(this.fd);
      rmSync(this.file!, { force: true });
    } catch {
      // a temporary name: removed by the next run on the folder
    }
    this.fd = null;
  }

  /** A view of row i where it is in memory (every chunk without a file, the chunk being filled with one). */
  private inMemory(i: number): Uint32Array | null {
    const chunk = i >> CHUNK_BITS;
    if (!this.file) return this.view(this.chunks[chunk]!, i & (CHUNK - 1));
    return chunk === (this.rows - 1) >> CHUNK_BITS ? this.view(this.chunks[0]!, i & (CHUNK - 1)) : null;
  }

  private view(values: Uint32Array, slot: number): Uint32Array {
    return values.subarray(slot * this.width, (slot + 1) * this.width);
  }

  /** Appends the chunk just filled to the file; the chunk is then filled again. */
  private spillFullChunk(): void {
    this.fd ??= openSync(this.file!, 'w+');
    const chunk = this.chunks[0]!;
    writeAll(this.fd, new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  }

  /** Reads `count` rows from row `first` of the file into `into` at `offset` (values). */
  private readInto(into: Uint32Array, offset: number, first: number, count: number): void {
    const bytes = new Uint8Array(into.buffer, into.byteOffset + offset * 4, count * this.width * 4);
    readAll(this.fd!, bytes, first * this.width * 4, this.file!);
  }
}
