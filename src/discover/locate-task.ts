import type { Dirent } from 'node:fs';
import path from 'node:path';
import { entryKind, listDir } from '../read/fs-probes.js';
import { toRelative } from '../read/safe-read.js';

/** What a rubric says about where its task file lives (data from rules/<task>.json). */
export interface TaskLocation {
  task: string;
  /** Accepted file names, best first (e.g. `3-scale_up`, `3-scale_up.md`). */
  fileNames: string[];
  /** Project folders the task file is expected in (e.g. `web_infrastructure_design`). */
  projectDirs: string[];
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

function isFile(p: string): boolean {
  const kind = entryKind(p);
  return kind === 'file' || kind === 'link';
}

function isDir(p: string): boolean {
  return entryKind(p) === 'dir';
}

/**
 * Finds the task file for `location` starting from what the user pointed at: a repository root,
 * the project folder, or the task file itself. Symlinked folders are never entered.
 */
export function locateTask(target: string, location: TaskLocation): LocatedTask {
  const abs = path.resolve(target);
  if (!isDir(abs)) {
    const dir = path.dirname(abs);
    const base = path.basename(abs);
    const accepted = location.fileNames.includes(base);
    return {
      root: dir,
      projectDir: dir,
      taskFile: accepted ? abs : null,
      expectedRelPath: location.fileNames[0] ?? base,
      misnamed: accepted ? [] : [{ relPath: base, kind: 'file' }],
      siblings: listDir(dir).map((d) => d.name),
    };
  }
  const projectDir = findProjectDir(abs, location);
  const entries = listDir(projectDir);
  const names = entries.map((d) => d.name);
  let taskFile: string | null = null;
  for (const name of location.fileNames) {
    const candidate = path.join(projectDir, name);
    if (names.includes(name) && isFile(candidate)) {
      taskFile = candidate;
      break;
    }
  }
  const expectedRelPath = toRelative(abs, path.join(projectDir, location.fileNames[0] ?? location.task));
  const misnamed = taskFile ? [] : findMisnamed(abs, projectDir, entries, location);
  return { root: abs, projectDir, taskFile, expectedRelPath: projectDir === abs ? location.fileNames[0] ?? location.task : expectedRelPath, misnamed, siblings: names };
}

function findProjectDir(root: string, location: TaskLocation): string {
  const hasTaskEntry = (dir: string) => {
    const wanted = normaliseName(location.task);
    return listDir(dir).some((d) => normaliseName(d.name).startsWith(wanted));
  };
  if (location.fileNames.some((n) => isFile(path.join(root, n)))) return root;
  for (const name of location.projectDirs) {
    const dir = path.join(root, name);
    if (isDir(dir)) return dir;
  }
  if (hasTaskEntry(root)) return root;
  // A repository laid out differently: look two levels down for a folder holding the task.
  for (const first of listDir(root)) {
    if (!first.isDirectory() || first.name.startsWith('.') || first.name === 'node_modules') continue;
    const dir = path.join(root, first.name);
    if (location.fileNames.some((n) => isFile(path.join(dir, n)))) return dir;
    for (const second of listDir(dir)) {
      if (!second.isDirectory() || second.name.startsWith('.')) continue;
      const inner = path.join(dir, second.name);
      if (location.fileNames.some((n) => isFile(path.join(inner, n)))) return inner;
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
