import { AsyncLocalStorage } from 'node:async_hooks';
import { existsSync, lstatSync, readdirSync, realpathSync, type Dirent } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { safeRead, type ReadOutcome, type ResolvedPaths } from './safe-read.js';
import { readSubmissionBytes, type BytesOutcome } from './safe-bytes.js';

/**
 * Every look at the file system a submission's loading makes, and what it saw. A result depends on
 * nothing else (given the rubric and the tool's version), so a rerun can reuse it when every probe
 * still sees the same thing: `infralint grade --resume` without re-parsing unchanged submissions.
 */
export interface Probe {
  op: 'list' | 'kind' | 'exists' | 'realpath' | 'read' | 'bytes';
  path: string;
  /** Extra arguments (for `read`: the root and the byte cap). */
  args?: (string | number)[];
  /** A digest of what the probe saw. */
  saw: string;
}

const recording = new AsyncLocalStorage<Probe[]>();

/** Runs `fn` (sync or async) and returns its value with the probes it made. */
export async function recordProbes<T>(fn: () => Promise<T> | T): Promise<{ value: T; probes: Probe[] }> {
  const probes: Probe[] = [];
  const value = await recording.run(probes, fn);
  return { value, probes };
}

/**
 * Records a probe when a recording is running. `saw` is a function: digesting what was seen (a sha1
 * of a whole file) is work that `check`, which records nothing, must not pay for.
 */
function note(op: Probe['op'], path: string, saw: () => string, args?: Probe['args']): void {
  const probes = recording.getStore();
  if (probes) probes.push({ op, path, ...(args ? { args } : {}), saw: saw() });
}

function digest(text: string): string {
  // The one-shot form: a hash object per probe costs more than the hashing of a small file.
  return crypto().hash('sha1', text, 'base64');
}

/**
 * Crypto, loaded on the first probe recorded (`check` records none and need not load it), then
 * kept: getBuiltinModule looks the module up again at every call, a few probes a student.
 */
let loadedCrypto: typeof import('node:crypto') | undefined;
function crypto(): typeof import('node:crypto') {
  return (loadedCrypto ??= process.getBuiltinModule('node:crypto'));
}

function listNow(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

function kindNow(p: string): string {
  try {
    const st = lstatSync(p);
    return st.isSymbolicLink() ? 'link' : st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'other';
  } catch {
    return 'none';
  }
}

function realpathNow(p: string): string {
  try {
    return realpathSync.native(p);
  } catch {
    return '';
  }
}

function resolvedOr(resolved: ResolvedPaths, p: string): string {
  try {
    return resolved.of(p);
  } catch {
    return '';
  }
}

function listingDigest(entries: Dirent[]): string {
  return digest(entries.map((d) => `${d.name}/${d.isDirectory() ? 'd' : d.isSymbolicLink() ? 'l' : 'f'}`).join('\n'));
}

function readDigest(outcome: ReadOutcome): string {
  const notices = outcome.notices.map((n) => n.message).join('\n');
  return digest(outcome.ok ? `ok\n${outcome.file.text}\n${notices}` : `no\n${notices}`);
}

/** The entries of a folder ([] when it cannot be listed). */
export function listDir(dir: string): Dirent[] {
  const entries = listNow(dir);
  note('list', dir, () => listingDigest(entries));
  return entries;
}

/**
 * The folders one reading of a submission looks at, each listed once, and the kind of each path
 * looked at once: the tasks of a submission each locate their file in the same folders. A look
 * asked again is recorded again, as the same probe, without touching the disk: the probes (and the
 * submission's digest, which review decisions are tied to) are those of a reading without it. Made
 * for one reading and dropped, as ResolvedPaths.
 */
export class FolderLooks {
  private readonly listings = new Map<string, { entries: Dirent[]; saw?: string }>();
  private readonly kinds = new Map<string, string>();
  private readonly reads = new Map<string, { outcome: ReadOutcome; saw?: string }>();

  /** `resolved`: the real paths of the same reading, which then resolve the entries listed here that are no links (and its reads use). */
  constructor(private readonly resolved?: ResolvedPaths) {}

  /** listDir, once per folder. The entries are shared: read them, never change them. */
  list(dir: string): Dirent[] {
    let listing = this.listings.get(dir);
    if (!listing) {
      const entries = listNow(dir);
      this.listings.set(dir, (listing = { entries }));
      this.resolved?.sawListing(dir, entries);
    }
    const seen = listing;
    note('list', dir, () => (seen.saw ??= listingDigest(seen.entries)));
    return seen.entries;
  }

  /**
   * readSubmissionFile, once per file and cap: the project's README, which every task without a
   * file of its own (and every task answered in a section of it) reads. The outcome is shared: read
   * it, never change it.
   */
  read(root: string, absPath: string, maxBytes?: number): ReadOutcome {
    const key = `${maxBytes ?? ''}:${root}\0${absPath}`;
    let read = this.reads.get(key);
    if (!read) {
      const outcome = safeRead(root, absPath, maxBytes, this.resolved ? { resolved: this.resolved } : {});
      this.reads.set(key, (read = { outcome }));
    }
    const seen = read;
    note('read', absPath, () => (seen.saw ??= readDigest(seen.outcome)), readArgs(root, maxBytes));
    return seen.outcome;
  }

  /**
   * A folder the caller's own listing showed as one (a cohort's student folder, from listCohort):
   * its kind is known, and not probed again (an lstat a student was a quarter of choosing a
   * cohort's rubrics).
   */
  knownFolder(p: string): void {
    this.kinds.set(p, 'dir');
  }

  /** entryKind, once per path. */
  kind(p: string): string {
    let kind = this.kinds.get(p);
    if (kind === undefined) this.kinds.set(p, (kind = kindNow(p)));
    const seen = kind;
    note('kind', p, () => seen);
    return seen;
  }
}

/** What is at `p` without following a link: 'file', 'dir', 'link', 'other' or 'none'. */
export function entryKind(p: string): string {
  const kind = kindNow(p);
  note('kind', p, () => kind);
  return kind;
}

export function exists(p: string): boolean {
  const found = existsSync(p);
  note('exists', p, () => (found ? '1' : '0'));
  return found;
}

/** The resolved path, or '' when it cannot be resolved (`resolved`: the real paths of this reading). */
export function realpath(p: string, resolved?: ResolvedPaths): string {
  const real = resolved ? resolvedOr(resolved, p) : realpathNow(p);
  note('realpath', p, () => real);
  return real;
}

/** safeRead, remembered (`resolved`: the real paths of this reading of the submission, see ResolvedPaths). */
export function readSubmissionFile(root: string, absPath: string, maxBytes?: number, resolved?: ResolvedPaths): ReadOutcome {
  const outcome = safeRead(root, absPath, maxBytes, resolved ? { resolved } : {});
  note('read', absPath, () => readDigest(outcome), readArgs(root, maxBytes));
  return outcome;
}

/** A read probe's arguments: the root, and the byte cap when one was given. */
function readArgs(root: string, maxBytes: number | undefined): Probe['args'] {
  return maxBytes === undefined ? [root] : [root, maxBytes];
}

function bytesDigest(outcome: BytesOutcome): string {
  return outcome.ok ? crypto().hash('sha1', outcome.bytes, 'base64') : `no: ${outcome.why}`;
}

/**
 * A digest of a binary file of the submission (an image a person reviews), remembered: an image
 * changed since a mentor's decision makes the submission's digest change, and `--resume` regrade it.
 */
export function digestSubmissionBytes(root: string, absPath: string): string {
  const saw = bytesDigest(readSubmissionBytes(root, absPath));
  note('bytes', absPath, () => saw, [root]);
  return saw;
}

/**
 * A digest of everything the probes saw, without the paths they looked at: the same submission
 * gives the same digest wherever its cohort folder lies (a realpath is a machine path: left out).
 */
export function probesDigest(probes: readonly Probe[]): string {
  return digest(probes.filter((p) => p.op !== 'realpath').map((p) => `${p.op}:${p.saw}`).join('\n'));
}

/** True when every probe still sees what it saw. */
export function probesUnchanged(probes: Probe[]): boolean {
  for (const probe of probes) {
    let now: string;
    switch (probe.op) {
      case 'list':
        now = listingDigest(listNow(probe.path));
        break;
      case 'kind':
        now = kindNow(probe.path);
        break;
      case 'exists':
        now = existsSync(probe.path) ? '1' : '0';
        break;
      case 'realpath':
        now = realpathNow(probe.path);
        break;
      case 'read': {
        const [root, maxBytes] = probe.args ?? [];
        now = readDigest(safeRead(String(root), probe.path, typeof maxBytes === 'number' ? maxBytes : undefined));
        break;
      }
      case 'bytes':
        now = bytesDigest(readSubmissionBytes(String(probe.args?.[0]), probe.path));
        break;
      default:
        return false;
    }
    if (now !== probe.saw) return false;
  }
  return true;
}

/** The probes whose first argument is the root a file was read under (a path like the probe's own). */
const ROOTED_OPS: ReadonlySet<Probe['op']> = new Set(['read', 'bytes']);

/**
 * The probes with their paths relative to `base` (the student's folder): a result then depends on
 * what the folder holds, not where it is, so a cohort cloned again into another folder reuses the
 * results of every student whose files are the same. A path outside `base` stays absolute.
 * `realBase`: the real path of `base`, when the caller has it.
 */
export function portableProbes(probes: Probe[], base: string, realBase = realpathNow(base) || base): Probe[] {
  const rel = (from: string, p: string) => {
    const r = relative(from, p);
    return r === '' ? '.' : r.startsWith('..') || isAbsolute(r) ? p : r;
  };
  return probes.map((probe) => ({
    ...probe,
    path: rel(base, probe.path),
    ...(ROOTED_OPS.has(probe.op) && probe.args ? { args: [rel(base, String(probe.args[0])), ...probe.args.slice(1)] } : {}),
    ...(probe.op === 'realpath' && probe.saw ? { saw: rel(realBase, probe.saw) } : {}),
  }));
}

/** probesUnchanged for probes made portable against a folder, checked where that folder now is. */
export function portableProbesUnchanged(probes: Probe[], base: string): boolean {
  const realBase = realpathNow(base) || base;
  const abs = (from: string, p: string) => (isAbsolute(p) ? p : resolve(from, p));
  return probesUnchanged(probes.map((probe) => ({
    ...probe,
    path: abs(base, probe.path),
    ...(ROOTED_OPS.has(probe.op) && probe.args ? { args: [abs(base, String(probe.args[0])), ...probe.args.slice(1)] } : {}),
    ...(probe.op === 'realpath' && probe.saw ? { saw: abs(realBase, probe.saw) } : {}),
  })));
}
