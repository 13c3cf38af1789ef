import { closeSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

let counter = 0;

/** Bytes gathered before a write. */
const WRITE_CHUNK_BYTES = 1 << 16;

/** The names temporaryName gives (what a run killed before its commit leaves behind). */
export const TEMPORARY_NAME = /^\..+\.tmp-\d+-\d+$/;

/** A temporary name beside `target`, unique to this process. */
export function temporaryName(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.tmp-${process.pid}-${++counter}`);
}

/**
 * A file written under a temporary name and renamed over its target on `commit()`: readers see the
 * old file or the whole new one, never half of it, even when the run is interrupted.
 */
export class AtomicFile {
  readonly temp: string;
  private fd: number;
  /**
   * What waits to be written (one system call for many small rows), copied into one buffer kept for
   * the file's life: a flush allocates nothing. In `grade`'s main thread a buffer allocated a flush
   * was, with the batches received, what its ArrayBuffers awaiting collection were made of.
   */
  private readonly pending = Buffer.allocUnsafe(WRITE_CHUNK_BYTES);
  private pendingBytes = 0;

  constructor(readonly target: string) {
    mkdirSync(path.dirname(target), { recursive: true });
    this.temp = temporaryName(target);
    this.fd = openSync(this.temp, 'w');
  }

  /** Appends `data`; returns the file, so that the parts of one row are written in one statement. */
  write(data: string | Uint8Array): this {
    // Text, or bytes already encoded as UTF-8 (what a grading worker sends: nothing left to encode here).
    const size = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
    if (this.pendingBytes + size > WRITE_CHUNK_BYTES) this.flush();
    if (size > WRITE_CHUNK_BYTES) writeAll(this.fd, data);
    else if (typeof data === 'string') this.pendingBytes += this.pending.write(data, this.pendingBytes);
    else {
      this.pending.set(data, this.pendingBytes);
      this.pendingBytes += size;
    }
    return this;
  }

  private flush(): void {
    if (!this.pendingBytes) return;
    writeAll(this.fd, this.pending.subarray(0, this.pendingBytes));
    this.pendingBytes = 0;
  }

  /** Closes the file; `commit()` then puts it in place (several files can be committed together). */
  close(): void {
    if (this.fd < 0) return;
    this.flush();
    closeSync(this.fd);
    this.fd = -1;
  }

  commit(): void {
    this.close();
    renameSync(this.temp, this.target);
  }

  discard(): void {
    try {
      if (this.fd >= 0) closeSync(this.fd);
    } catch {
      // already closed
    }
    this.fd = -1;
    rmSync(this.temp, { force: true });
  }
}

/** writeSync of a string writes it whole; of bytes, it may write part of them (a full pipe, a signal). */
export function writeAll(fd: number, chunk: string | Uint8Array): void {
  if (typeof chunk === 'string') {
    writeSync(fd, chunk);
    return;
  }
  for (let at = 0; at < chunk.length;) at += writeSync(fd, chunk, at);
}

/**
 * Fills `into` from the file `fd` at byte `position`: readSync may read part of what is asked. A
 * temporary file of the run's own that ends early was cut by someone else: that is an error, named
 * by `name`.
 */
export function readAll(fd: number, into: Uint8Array, position: number, name: string): void {
  for (let read = 0; read < into.byteLength;) {
    const n = readSync(fd, into, read, into.byteLength - read, position + read);
    if (n === 0) throw new Error(`${name} ended early`);
    read += n;
  }
}

/**
 * Parts of a file of `size` bytes read back mostly in the order they were written (a gradebook's
 * entries: arrival order is code-point order, the gradebooks' natural order differs only here and
 * there): each read is answered from a window of the file read ahead, so that 10,000 parts cost a
 * few dozen reads instead of 10,000 (a fifth of the main thread's end of a run). Memory: the window.
 */
export class ReadAhead {
  private readonly window: Uint8Array;
  /** File offset of the window's first byte, and how many of its bytes are read. */
  private start = 0;
  private filled = 0;

  constructor(private readonly fd: number, private readonly size: number, private readonly name: string, windowBytes = 1 << 20) {
    this.window = new Uint8Array(Math.min(windowBytes, size));
  }

  /** The `length` bytes at `at`: a view valid until the next read (a part larger than the window is its own buffer). */
  read(at: number, length: number): Uint8Array {
    if (length > this.window.byteLength) {
      const own = new Uint8Array(length);
      readAll(this.fd, own, at, this.name);
      return own;
    }
    if (at < this.start || at + length > this.start + this.filled) {
      this.start = at;
      this.filled = Math.min(this.window.byteLength, this.size - at);
      if (this.filled < length) throw new Error(`${this.name} ended early`);
      readAll(this.fd, this.window.subarray(0, this.filled), at, this.name);
    }
    return this.window.subarray(at - this.start, at - this.start + length);
  }
}

/**
 * A folder of many small files (one feedback file per student) built under a temporary name and
 * swapped in whole on `commit()`.
 */
export class AtomicFolder {
  readonly temp: string;

  constructor(readonly target: string) {
    mkdirSync(path.dirname(target), { recursive: true });
    this.temp = temporaryName(target);
    mkdirSync(this.temp);
  }

  commit(): void {
    const old = temporaryName(this.target);
    let moved = false;
    try {
      renameSync(this.target, old);
      moved = true;
    } catch {
      // no previous folder
    }
    renameSync(this.temp, this.target);
    if (moved) rmSync(old, { recursive: true, force: true });
  }

  discard(): void {
    rmSync(this.temp, { recursive: true, force: true });
  }
}
