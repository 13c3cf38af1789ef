import { TextEncoder } from 'node:util';

/**
 * UTF-8 bytes written one after the other into shared chunks, each write a view of its part: the
 * results lines and gradebook blocks of a batch of students. A worker writes ~17 KB a student that
 * it copies into the batch's message moments later (see packBytes in worker.ts): a buffer of their
 * own for each (two a student) cost an allocation, a pass to count the bytes before encoding them,
 * and garbage the collector then had to find. The views stay valid as long as they are kept (a
 * chunk outlives the arena's moving on to the next); nothing is ever written over. An arena of
 * chunk size 0 gives each write a buffer of its own (the main thread's few records).
 */
export class ByteArena {
  private chunk: Uint8Array = new Uint8Array(0);
  private used = 0;

  constructor(private readonly chunkSize = 256 * 1024) {}

  /** Room for at most `max` bytes, at the arena's end: write into it, then `keep` what was written. */
  room(max: number): Uint8Array {
    if (this.used + max > this.chunk.length) {
      // Not zeroed: every byte kept is written first.
      this.chunk = Buffer.allocUnsafeSlow(Math.max(this.chunkSize, max));
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

  /**
   * `parts` written one after the other as UTF-8 at the arena's end, with room for `extra` bytes
   * more after them: the room, each part's byte length and where they end (nothing kept yet).
   */
  utf8(parts: readonly string[], extra: number): { room: Uint8Array; lengths: number[]; end: number } {
    let chars = 0;
    for (const part of parts) chars += part.length;
    // What is written is ASCII or nearly (JSON, CSV, a few accents and emoji): room for a quarter
    // more bytes than characters is tried first, and the bytes are counted only when it is not
    // enough. Reserving three bytes a character (the most UTF-8 takes) wasted a chunk's end.
    const guessed = this.tryUtf8(parts, chars + (chars >> 2) + 16, extra);
    if (guessed) return guessed;
    let bytes = 0;
    for (const part of parts) bytes += Buffer.byteLength(part, 'utf8');
    return this.tryUtf8(parts, bytes, extra)!;
  }

  private tryUtf8(parts: readonly string[], size: number, extra: number): { room: Uint8Array; lengths: number[]; end: number } | null {
    const room = this.room(size + extra);
    const lengths: number[] = [];
    let end = 0;
    for (const part of parts) {
      const { read, written } = encoderOf().encodeInto(part, room.subarray(end, size));
      if (read < part.length) return null;
      lengths.push(written);
      end += written;
    }
    return { room, lengths, end };
  }
}

// Made on first use: `check`, which never writes a results line, loads this module from the CLI's
// startup snapshot and need not hold an encoder there.
let encoder: TextEncoder | undefined;
function encoderOf(): TextEncoder {
  return (encoder ??= new TextEncoder());
}

/** Writes `text` as UTF-8 into `into` from `at` (which has room for it); the bytes written. */
export function writeUtf8(text: string, into: Uint8Array, at = 0): number {
  return encoderOf().encodeInto(text, at ? into.subarray(at) : into).written;
}
