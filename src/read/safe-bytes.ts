import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { isInside } from './safe-read.js';

/** An image a person looks at is a few hundred KiB; past this it is not served (nor digested whole). */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

export type BytesOutcome = { ok: true; bytes: Buffer } | { ok: false; why: string };

/**
 * The bytes of one file of an untrusted submission, for the images a mentor reviews: a regular file
 * inside `root` (its real path too: a link out of the folder, or a folder link on the way, is
 * refused), opened without following a final link, never a pipe or a device, at most `maxBytes`.
 * The text reader (safeRead) refuses binary files; this one is for them.
 */
export function readSubmissionBytes(root: string, absPath: string, maxBytes = MAX_IMAGE_BYTES): BytesOutcome {
  try {
    const refused = placeProblem(root, absPath);
    if (refused) return { ok: false, why: refused };
    // O_NOFOLLOW: a file swapped for a link after the look above is refused; O_NONBLOCK: a pipe never blocks.
    const fd = openSync(absPath, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
    try {
      const stat = fstatSync(fd);
      if (!stat.isFile()) return { ok: false, why: 'it is not a regular file' };
      if (stat.size > maxBytes) return { ok: false, why: `it is ${stat.size} bytes, over the limit of ${maxBytes}` };
      const bytes = Buffer.alloc(stat.size);
      let offset = 0;
      while (offset < bytes.length) {
        const n = readSync(fd, bytes, offset, bytes.length - offset, offset);
        if (n === 0) break;
        offset += n;
      }
      return { ok: true, bytes: bytes.subarray(0, offset) };
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    return { ok: false, why: fsProblem(error) };
  }
}

/** Why `readSubmissionBytes` would refuse the file, looking without reading it (null: it would read it). */
export function bytesProblem(root: string, absPath: string, maxBytes = MAX_IMAGE_BYTES): string | null {
  try {
    const refused = placeProblem(root, absPath);
    if (refused) return refused;
    const stat = lstatSync(absPath);
    if (!stat.isFile()) return 'it is not a regular file';
    return stat.size > maxBytes ? `it is ${stat.size} bytes, over the limit of ${maxBytes}` : null;
  } catch (error) {
    return fsProblem(error);
  }
}

/** A path outside the folder, a symbolic link, or a folder on the way leading out; null when none. */
function placeProblem(root: string, absPath: string): string | null {
  const realRoot = realpathSync.native(root);
  if (!isInside(path.resolve(root), path.resolve(absPath))) return 'it lies outside the submission folder';
  if (lstatSync(absPath).isSymbolicLink()) return 'it is a symbolic link';
  if (!isInside(realRoot, realpathSync.native(path.dirname(absPath)))) return 'it lies outside the submission folder';
  return null;
}

function fsProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  return code === 'ENOENT' ? 'it is not in the repository' : code === 'ELOOP' ? 'it is a symbolic link' : `it cannot be read (${code ?? 'unknown error'})`;
}
