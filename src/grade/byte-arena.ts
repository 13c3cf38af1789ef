import { TextEncoder } from 'node:util';

/**
 * UTF-8 bytes written one after the other into shared chunks, each write a view of its part: the
 * results lines and gradebook blocks of a batch of students. A worker writes ~17 KB a student that
 * it copies into the batch's message moments later (see packBytes in worker.ts): a buffer of their
 * own for each (two a student) cost an allocation, a pass to count the bytes before encoding them,
 * and garbage the collector then had to find. The views stay valid as long as they are kept (a
 * chunk outlives the arena's moving on to the next); nothing is ever written over.
 */
export class ByteArena {
  private chunk = new Uint8Array(0);
  private used = 0;

  constructor(private readonly chunkSize = 256 * 1024) {}

  /** Room for at most `max` bytes, at the arena's end: write into it, then `keep` what was written. */
  room(max: number): Uint8Array {
    if (this.used + max > this.chunk.length) {
      this.chunk = new Uint8Array(Math.max(this.chunkSize, max));
      this.used = 0;
    }
    return this.chunk.subarray(this.used, this.used + max);
  }

  /** Keeps the first `length` bytes of the last `room`: their view. */
  keep(length: number): Uint8Array {
    const kept = this.chunk.subarray(this.used, this.used + length);
    this.used += length;
    return kept;
  }
}

// Made on first use: `check`, which never writes a results line, loads this module from the CLI's
// startup snapshot and need not hold an encoder there.
let encoder: TextEncoder | undefined;

/** The most bytes a string's UTF-8 can take: 3 a UTF-16 unit (a surrogate pair takes 4 for 2). */
export function maxUtf8Bytes(text: string): number {
  return 3 * text.length;
}

/** Writes `text` as UTF-8 into `into` from `at`; the bytes written (`into` has room for maxUtf8Bytes). */
export function writeUtf8(text: string, into: Uint8Array, at = 0): number {
  encoder ??= new TextEncoder();
  return encoder.encodeInto(text, at ? into.subarray(at) : into).written;
}
