import { constants, lstatSync, openSync, readSync, closeSync, realpathSync, fstatSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import type { Notice } from '../types.js';

/** Files larger than this are read up to the cap, with a notice: submissions are a few KiB. */
export const DEFAULT_MAX_BYTES = 1024 * 1024;

export interface ReadFile {
  /** Path relative to the submission root, forward slashes. */
  relPath: string;
  absPath: string;
  /** Decoded text with line endings normalised to \n (line numbers are unchanged). */
  text: string;
  bytes: number;
  truncated: boolean;
  hadBom: boolean;
  hadCrlf: boolean;
  invalidUtf8: boolean;
}

export type ReadOutcome = { ok: true; file: ReadFile; notices: Notice[] } | { ok: false; notices: Notice[] };

/**
 * The real paths of a submission's reads, each resolved once: its root, and each folder files are
 * read from. Reading a submission's tasks resolves the same root for every file (and the realpath of
 * a path costs a readlink per component of it). Made for one reading of a submission and then
 * dropped, so that a folder moved or linked elsewhere later is seen as it then is.
 *
 * The folders this reading listed (see FolderLooks) also say which of their entries are links: a
 * file or folder listed as no link has its folder's real path and its own name, found without a
 * system call, so that a submission's root is resolved once and the paths under it from its
 * listings. (The listing is as old as the reading: a file swapped for a link since is refused at
 * its open, O_NOFOLLOW; a folder swapped for one is the race a realpath then an open always had,
 * over a few milliseconds instead of microseconds.)
 */
export class ResolvedPaths {
  private readonly real = new Map<string, string>();
  private readonly listed = new Map<string, readonly Dirent[]>();

  /** realpathSync.native of `p`, remembered (an error is thrown again each time, never remembered). */
  of(p: string): string {
    let real = this.real.get(p);
    if (real === undefined) {
      real = this.fromListing(p) ?? realpathSync.native(p);
      this.real.set(p, real);
    }
    return real;
  }

  /** What this reading's listing of `dir` saw (FolderLooks tells it). */
  sawListing(dir: string, entries: readonly Dirent[]): void {
    this.listed.set(dir, entries);
  }

  /** The entry of `p` in its folder's listing, when this reading listed that folder and saw `p` there. */
  listedEntry(p: string): Dirent | undefined {
    const name = path.basename(p);
    return this.listed.get(path.dirname(p))?.find((d) => d.name === name);
  }

  /** `p`'s real path from its folder's, when its folder's listing shows it as a plain file or folder. */
  private fromListing(p: string): string | undefined {
    const dir = path.dirname(p);
    const entry = dir === p ? undefined : this.listedEntry(p);
    if (!entry || !(entry.isFile() || entry.isDirectory())) return undefined;
    try {
      return path.join(this.of(dir), entry.name);
    } catch {
      // The folder's own error is `p`'s to report: resolved the ordinary way.
      return undefined;
    }
  }
}

/** A `.`, `..` or empty segment, or a trailing separator: what path.resolve would change in an absolute POSIX path. */
const UNRESOLVED_SEGMENT = /\/\.{0,2}(?:\/|$)/;

/**
 * `p` is already what path.resolve makes of it: an absolute POSIX path with nothing to normalise,
 * as every path built by joining listed names onto a resolved root is. Such paths skip
 * path.resolve's normalising in the helpers below (a tenth of choosing a cohort's rubrics went to it).
 * Windows paths always take the general way (drive letters, either separator, any letter case).
 */
function isResolvedPosix(p: string): boolean {
  return path.sep === '/' && p.charCodeAt(0) === 47 && !UNRESOLVED_SEGMENT.test(p);
}

/** path.resolve(p), without its work when `p` is already resolved. */
export function resolvePath(p: string): string {
  return isResolvedPosix(p) ? p : path.resolve(p);
}

/** `child` lies under `root` (the tail after it), when both are resolved; null when that does not say. */
function tailUnder(root: string, child: string): string | null {
  if (child.length <= root.length + 1 || child.charCodeAt(root.length) !== 47 || !child.startsWith(root)) return null;
  return isResolvedPosix(root) && isResolvedPosix(child) ? child.slice(root.length + 1) : null;
}

/** True when `child` (an absolute, resolved path) is `root` or inside it. */
export function isInside(root: string, child: string): boolean {
  const tail = tailUnder(root, child);
  // The same answer as below: a name beginning with `..` counts as outside there too.
  if (tail !== null) return !tail.startsWith('..');
  const rel = path.relative(root, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export function toRelative(root: string, abs: string): string {
  return tailUnder(root, abs) ?? (path.relative(root, abs).split(path.sep).join('/') || path.basename(abs));
}

/**
 * Reads one file of an untrusted submission. Never follows a symlink out of `root`, never reads more
 * than `maxBytes`, and turns every problem (binary, bad encoding, unreadable) into a notice.
 */
export function safeRead(root: string, absPath: string, maxBytes = DEFAULT_MAX_BYTES, options: { keepLineEndings?: boolean; resolved?: ResolvedPaths } = {}): ReadOutcome {
  const relPath = toRelative(root, absPath);
  const at = (message: string, severity: Notice['severity'] = 'error', hint?: string): Notice => ({
    message,
    severity,
    file: relPath,
    line: 1,
    column: 1,
    ...(hint ? { hint } : {}),
  });
  const notRegular = () => at(`${relPath} is not a regular file (a named pipe, a device or a socket); it was not read.`, 'error', 'Commit the file itself.');
  let realRoot: string;
  let realFile: string;
  let kind: EntryKind;
  try {
    // The native realpath: one call instead of an lstat per component of the path. The root and
    // the folder are the same for most files of a submission: resolved once when `resolved` is given.
    const resolve = (p: string) => (options.resolved ? options.resolved.of(p) : realpathSync.native(p));
    realRoot = resolve(root);
    // What the file is, without following a link: from its folder's listing when this reading made one.
    const listed = options.resolved?.listedEntry(absPath);
    kind = listed ? kindOf(listed) : kindOf(lstatSync(absPath));
    realFile = kind === 'link' ? realpathSync.native(absPath) : absPath;
    if (kind === 'link' && !isInside(realRoot, realFile)) {
      return {
        ok: false,
        notices: [at(`${relPath} is a symbolic link to a file outside the submission folder; it was not read.`, 'error', 'Commit the file itself instead of a link to it.')],
      };
    }
    if (!isInside(realRoot, resolve(path.dirname(absPath)))) {
      return { ok: false, notices: [at(`${relPath} lies outside the submission folder; it was not read.`)] };
    }
  } catch (error) {
    return { ok: false, notices: [at(`${relPath} cannot be read: ${describeFsError(error)}.`)] };
  }

  let buffer: Buffer;
  let size: number;
  try {
    // A named pipe or a device is refused before it is opened: opening a FIFO for reading blocks
    // until a writer comes, forever. O_NONBLOCK covers a file swapped for a pipe in between.
    // (The path's own lstat, or its folder's listing, says it when it is no link.)
    if (!(kind === 'link' ? statSync(realFile).isFile() : kind === 'file')) return { ok: false, notices: [notRegular()] };
    // A path seen as no link is opened without following one: a file swapped for a link since it was
    // listed (or lstat'ed) is refused (ELOOP) rather than read from wherever the link leads.
    const noFollow = kind === 'link' ? 0 : (constants.O_NOFOLLOW ?? 0);
    const fd = openSync(realFile, constants.O_RDONLY | constants.O_NONBLOCK | noFollow);
    try {
      const opened = fstatSync(fd);
      if (!opened.isFile()) return { ok: false, notices: [notRegular()] };
      size = opened.size;
      buffer = Buffer.alloc(Math.min(size, maxBytes));
      let offset = 0;
      while (offset < buffer.length) {
        const n = readSync(fd, buffer, offset, buffer.length - offset, offset);
        if (n === 0) break;
        offset += n;
      }
      buffer = buffer.subarray(0, offset);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    return { ok: false, notices: [at(`${relPath} cannot be read: ${describeFsError(error)}.`)] };
  }

  const notices: Notice[] = [];
  if (looksBinary(buffer)) {
    return {
      ok: false,
      notices: [at(`${relPath} is a binary file (it contains NUL bytes), not text; it was not read.`, 'error', 'The task file must be plain text or markdown.')],
    };
  }
  const truncated = size > maxBytes;
  if (truncated) {
    notices.push(at(`${relPath} is ${formatBytes(size)}; only its first ${formatBytes(maxBytes)} were read.`, 'warning', 'A design document is a few kilobytes: check that the right file was committed.'));
  }
  const hadBom = buffer.length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf;
  const body = hadBom ? buffer.subarray(3) : buffer;
  let text: string;
  let invalidUtf8 = false;
  try {
    text = STRICT_UTF8.decode(body);
  } catch {
    // A file cut at the cap may end inside a multi-byte character: that is not the student's fault.
    text = LENIENT_UTF8.decode(body);
    invalidUtf8 = !truncated || text.slice(0, -1).includes('\uFFFD');
    if (invalidUtf8) {
      const line = firstReplacementLine(text);
      notices.push({ ...at(`${relPath} is not valid UTF-8; undecodable bytes were replaced with U+FFFD.`, 'warning', 'Save the file as UTF-8.'), line });
    }
  }
  const hadCrlf = text.includes('\r');
  // `--fix` reads the file as it is, to write its line endings back unchanged.
  if (hadCrlf && !options.keepLineEndings) text = text.replace(/\r\n?/g, '\n');
  return { ok: true, file: { relPath, absPath, text, bytes: size, truncated, hadBom, hadCrlf, invalidUtf8 }, notices };
}

type EntryKind = 'link' | 'file' | 'other';

/** A path's kind, not following a link (an lstat's or a listing's: both say the same). */
function kindOf(entry: { isSymbolicLink(): boolean; isFile(): boolean }): EntryKind {
  return entry.isSymbolicLink() ? 'link' : entry.isFile() ? 'file' : 'other';
}

// Decoders without `stream` keep no state between calls: one of each serves every read.
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });
const LENIENT_UTF8 = new TextDecoder('utf-8');

function looksBinary(buffer: Buffer): boolean {
  const end = Math.min(buffer.length, 8192);
  for (let i = 0; i < end; i++) if (buffer[i] === 0) return true;
  return false;
}

function firstReplacementLine(text: string): number {
  const index = text.indexOf('\uFFFD');
  if (index < 0) return 1;
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KiB`;
  return `${n} bytes`;
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'EISDIR':
      return 'it is a directory';
    default:
      return code ?? String((error as Error)?.message ?? error);
  }
}
