import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { temporaryName, TEMPORARY_NAME } from './atomic-file.js';

const LOCK = '.infralint.lock';
const JOURNAL = '.infralint-commit.json';

interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

/** Whether a process of this machine is alive (a lock left by a killed run is not held). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The output folder of `grade` and `merge`, held by one run at a time: two runs writing one
 * `--out` would interleave their outputs. Taking it also finishes what a killed run left: a commit
 * cut in the middle is completed from its journal, and temporary files are removed.
 */
export class OutFolder {
  private constructor(
    readonly dir: string,
    private readonly lockFile: string,
  ) {}

  static acquire(dir: string): OutFolder {
    try {
      mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw writeError(error, dir);
    }
    const lockFile = path.join(dir, LOCK);
    const owner: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(lockFile, 'wx');
        try {
          writeSync(fd, JSON.stringify(owner));
        } finally {
          closeSync(fd);
        }
        const folder = new OutFolder(dir, lockFile);
        recoverCommit(dir);
        removeTemporaries(dir);
        return folder;
      } catch (error) {
        if (error instanceof UsageError) throw error;
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw writeError(error, dir);
      }
      const holder = readOwner(lockFile);
      // A lock whose run is gone (killed on this machine) is taken over.
      if (holder && holder.host === owner.host && !alive(holder.pid)) {
        rmSync(lockFile, { force: true });
        continue;
      }
      const who = holder ? `process ${holder.pid} on ${holder.host}, since ${holder.since}` : 'another run';
      throw new UsageError(`${dir} is being written by another infralint run (${who}): wait for it to finish, or remove ${lockFile} if that run is gone`);
    }
    throw new UsageError(`cannot take the lock ${lockFile}`);
  }

  release(): void {
    const holder = readOwner(this.lockFile);
    if (holder?.pid === process.pid) rmSync(this.lockFile, { force: true });
  }
}

function readOwner(file: string): LockOwner | null {
  try {
    const owner = JSON.parse(readFileSync(file, 'utf8')) as LockOwner;
    return typeof owner.pid === 'number' && typeof owner.host === 'string' ? owner : null;
  } catch {
    return null;
  }
}

/** Temporary entries (`.name.tmp-PID-N`) of runs that are gone: the folder's lock says none is running. */
function removeTemporaries(dir: string): void {
  for (const entry of readdirSync(dir)) if (TEMPORARY_NAME.test(entry)) rmSync(path.join(dir, entry), { recursive: true, force: true });
}

/** One output put in place by a commit: a file or a folder, by its names inside the output folder. */
export interface CommitEntry {
  kind: 'file' | 'folder';
  temp: string;
  target: string;
}

/**
 * Puts a run's outputs in place together. The list is written first (a journal, itself written
 * whole), then each output is renamed, then the journal is removed: a run killed in between leaves
 * the journal, and the next run on the folder completes the renames, so that the outputs are never
 * a mix of two runs (a new gradebook.csv beside an old gradebook.json) nor missing `feedback/`.
 */
export function commitTogether(dir: string, entries: CommitEntry[]): void {
  const journal = path.join(dir, JOURNAL);
  const temp = temporaryName(journal);
  try {
    const fd = openSync(temp, 'w');
    try {
      writeSync(fd, JSON.stringify(entries.map((e) => ({ kind: e.kind, temp: path.relative(dir, e.temp), target: path.relative(dir, e.target) }))));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, journal);
  } catch (error) {
    rmSync(temp, { force: true });
    // Nothing was renamed: the previous outputs are whole.
    throw writeError(error, dir);
  }
  applyJournal(dir, entries);
  rmSync(journal, { force: true });
}

function applyJournal(dir: string, entries: CommitEntry[]): void {
  for (const entry of entries) {
    const temp = path.resolve(dir, entry.temp);
    const target = path.resolve(dir, entry.target);
    if (!existsSync(temp)) continue; // already in place
    if (entry.kind === 'folder') {
      const old = temporaryName(target);
      if (existsSync(target)) renameSync(target, old);
      renameSync(temp, target);
      rmSync(old, { recursive: true, force: true });
    } else {
      renameSync(temp, target);
    }
  }
}

/** Completes the commit of a run killed while committing (see commitTogether). */
function recoverCommit(dir: string): void {
  const journal = path.join(dir, JOURNAL);
  if (!existsSync(journal)) return;
  let entries: CommitEntry[];
  try {
    entries = JSON.parse(readFileSync(journal, 'utf8')) as CommitEntry[];
  } catch {
    rmSync(journal, { force: true });
    return;
  }
  // Only names inside the folder: the journal is infralint's, but the folder is not a safe place.
  const inside = (name: unknown) => typeof name === 'string' && !path.isAbsolute(name) && !name.split(/[\\/]/).includes('..');
  applyJournal(dir, Array.isArray(entries) ? entries.filter((e) => inside(e?.temp) && inside(e?.target)) : []);
  rmSync(journal, { force: true });
}

const WRITE_FAILURES: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exceeded',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EIO: 'an input/output error',
  EMFILE: 'too many open files',
};

/**
 * A failure to write the outputs, said plainly (a full disk is not an internal error): a
 * UsageError with the cause and that the previous outputs are untouched. Other errors pass.
 */
export function writeError(error: unknown, dir: string): unknown {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (!code || !WRITE_FAILURES[code]) return error;
  return new UsageError(`cannot write the outputs in ${dir}: ${WRITE_FAILURES[code]} (${code}); the previous outputs are untouched`);
}
