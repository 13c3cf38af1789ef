import type { Dirent } from 'node:fs';
import path from 'node:path';
import { FolderLooks } from '../read/fs-probes.js';
import { resolvePath, toRelative } from '../read/safe-read.js';

/** What a rubric says about where its task file lives (data from rules/<task>.json). */
export interface TaskLocation {
  task: string;
  /** Accepted file names, best first (e.g. `3-scale_up`, `3-scale_up.md`). */
  fileNames: string[];
  /** Project folders the task file is expected in (e.g. `web_infrastructure_design`). */
  projectDirs: string[];
  /**
   * For an answer that is a diagram file plus explanations in the project's README (the
   * Mermaid-native curriculum): words of the heading of the README section that belongs to the task.
   */
  answerSection?: string[];
}

export interface MisnamedEntry {
  relPath: string;
  kind: 'file' | 'directory' | 'readme';
}

export interface LocatedTask {
  /** The submission folder: nothing outside it is ever read. */
  root: string;
  /** Folder the task file is (or should be) in. */
  projectDir: string;
  /** The task file, when one with an accepted name exists. */
  taskFile: string | null;
  /** Where the task file was expected, relative to root (for messages). */
  expectedRelPath: string;
  /** Entries that look like the task under another name. */
  misnamed: MisnamedEntry[];
  /** Every entry of the project folder (names only), for sibling lookups. */
  siblings: string[];
}

export const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.gif', '.svg', '.webp', '.bmp', '.pdf', '.drawio', '.excalidraw', '.tiff']);

/** `3-scale_up.md` -> `3scaleup`: how students misspell names (dashes, case, spaces). */
export function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[\s_\-.]+/g, '');
}

/** A rubric may name a file inside a subfolder (`docs/3-scale_up.md`): not a name of the listing. */
function hasSeparator(name: string): boolean {
  return name.includes('/') || name.includes(path.sep);
}

/**
 * The folders looked into while locating, each listed once: a name's kind is read from its folder's
 * listing (one readdir) rather than probed name by name (one lstat each).
 */
class Listings {
  // A folder's listing is looked at (and recorded) once per locating, as when each locating listed
  // it itself: `looks` only spares the disk when another task's locating listed it before.
  private readonly byDir = new Map<string, Dirent[]>();

  constructor(private readonly looks: FolderLooks) {}

  entries(dir: string): Dirent[] {
    let entries = this.byDir.get(dir);
    if (!entries) {
      entries = this.looks.list(dir);
      this.byDir.set(dir, entries);
    }
    return entries;
  }

  isDir(p: string): boolean {
    return this.looks.kind(p) === 'dir';
  }

  /** A file (or a link to one: it is read with the submission's own checks) named `name` in `dir`. */
  hasFile(dir: string, name: string): boolean {
    if (hasSeparator(name)) {
      const kind = this.looks.kind(path.join(dir, name));
      return kind === 'file' || kind === 'link';
    }
    return this.entries(dir).some((d) => d.name === name && (d.isFile() || d.isSymbolicLink()));
  }

  /** A real folder, not a link to one: symlinked folders are never entered. */
  hasDir(dir: string, name: string): boolean {
    if (hasSeparator(name)) return this.isDir(path.join(dir, name));
    return this.entries(dir).some((d) => d.name === name && d.isDirectory());
  }
}

/**
 * Finds the task file for `location` starting from what the user pointed at: a repository root,
 * the project folder, or the task file itself. Symlinked folders are never entered. `looks`: the
 * folders already looked at while reading this submission's other tasks.
 */
export function locateTask(target: string, location: TaskLocation, looks = new FolderLooks()): LocatedTask {
  const abs = resolvePath(target);
  const listings = new Listings(looks);
  if (!listings.isDir(abs)) {
    const dir = path.dirname(abs);
    const base = path.basename(abs);
    const accepted = location.fileNames.includes(base);
    return {
      root: dir,
      projectDir: dir,
      taskFile: accepted ? abs : null,
      expectedRelPath: location.fileNames[0] ?? base,
      misnamed: accepted ? [] : [{ relPath: base, kind: 'file' }],
      siblings: listings.entries(dir).map((d) => d.name),
    };
  }
  const projectDir = findProjectDir(abs, location, listings);
  const entries = listings.entries(projectDir);
  const names = entries.map((d) => d.name);
  const taskName = location.fileNames.find((name) => listings.hasFile(projectDir, name));
  const taskFile = taskName === undefined ? null : path.join(projectDir, taskName);
  const expectedRelPath = toRelative(abs, path.join(projectDir, location.fileNames[0] ?? location.task));
  const misnamed = taskFile ? [] : findMisnamed(abs, projectDir, entries, location);
  return { root: abs, projectDir, taskFile, expectedRelPath: projectDir === abs ? location.fileNames[0] ?? location.task : expectedRelPath, misnamed, siblings: names };
}

function findProjectDir(root: string, location: TaskLocation, listings: Listings): string {
  const holdsTask = (dir: string) => location.fileNames.some((n) => listings.hasFile(dir, n));
  if (holdsTask(root)) return root;
  const projectDir = location.projectDirs.find((name) => listings.hasDir(root, name));
  if (projectDir !== undefined) return path.join(root, projectDir);
  const wanted = normaliseName(location.task);
  if (listings.entries(root).some((d) => normaliseName(d.name).startsWith(wanted))) return root;
  // A repository laid out differently: look two levels down for a folder holding the task.
  for (const first of listings.entries(root)) {
    if (!first.isDirectory() || first.name.startsWith('.') || first.name === 'node_modules') continue;
    const dir = path.join(root, first.name);
    if (holdsTask(dir)) return dir;
    for (const second of listings.entries(dir)) {
      if (!second.isDirectory() || second.name.startsWith('.')) continue;
      const inner = path.join(dir, second.name);
      if (holdsTask(inner)) return inner;
    }
  }
  return root;
}

function findMisnamed(root: string, projectDir: string, entries: Dirent[], location: TaskLocation): MisnamedEntry[] {
  const wanted = normaliseName(location.task);
  const found: MisnamedEntry[] = [];
  for (const entry of entries) {
    if (!normaliseName(entry.name).startsWith(wanted)) continue;
    found.push({ relPath: toRelative(root, path.join(projectDir, entry.name)), kind: entry.isDirectory() ? 'directory' : 'file' });
  }
  return found;
}
