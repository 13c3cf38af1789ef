import path from 'node:path';
import { listDir } from '../read/fs-probes.js';
import { isInside } from '../read/safe-read.js';
import { editDistance } from '../edit-distance.js';

/** Folders where a file meant by a link may be instead: the folders from the link's up to the root, and their subfolders. */
const NEAREST_FOLDERS = 40;

/**
 * Characters compared (Levenshtein cells: a 20-character name against another is 400) in search of
 * the nearest file of every missing link of one task. A submission controls both the links (500 a
 * file, 32 files) and the files around them: without a budget, 500 broken links beside 2,000 files
 * cost more than ten minutes. A real answer's few missing links spend a few thousand.
 */
export const NEAREST_CELLS = 20_000_000;

interface Entry {
  path: string;
  lower: string;
  ext: string;
}

interface Folder {
  files: Entry[];
  /** Lower-case name to path: the same name in another folder is found without comparing names. */
  byName: Map<string, string>;
  subfolders: string[];
}

/**
 * The nearest existing file to a link's missing target, for every link of one task: each folder is
 * listed once, a file of the same name is found by lookup, and names are compared within
 * NEAREST_CELLS (then only the same name is found, and `exhausted` says so).
 */
export class NearestFiles {
  private readonly folders = new Map<string, Folder>();
  private cells = NEAREST_CELLS;
  exhausted = false;

  constructor(private readonly root: string) {}

  private folder(dir: string): Folder {
    let folder = this.folders.get(dir);
    if (!folder) {
      folder = { files: [], byName: new Map(), subfolders: [] };
      for (const entry of listDir(dir)) {
        const abs = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!entry.name.startsWith('.')) folder.subfolders.push(abs);
        } else if (entry.isFile()) {
          const lower = entry.name.toLowerCase();
          folder.files.push({ path: abs, lower, ext: path.extname(lower) });
          if (!folder.byName.has(lower)) folder.byName.set(lower, abs);
        }
      }
      this.folders.set(dir, folder);
    }
    return folder;
  }

  /** Same name in another case or folder first, then the smallest edit distance; null when none is close. */
  find(wanted: string, extensions: ReadonlySet<string>): string | null {
    const name = path.basename(wanted).toLowerCase();
    const dirs: string[] = [];
    for (let dir = path.dirname(wanted); isInside(this.root, dir) && dirs.length < NEAREST_FOLDERS; dir = path.dirname(dir)) {
      if (!dirs.includes(dir)) dirs.push(dir);
      if (dir === this.root) break;
    }
    for (const dir of [...dirs]) {
      for (const sub of this.folder(dir).subfolders) if (dirs.length < NEAREST_FOLDERS) dirs.push(sub);
    }
    if (extensions.has(path.extname(name))) {
      for (const dir of dirs) {
        const same = this.folder(dir).byName.get(name);
        if (same !== undefined) return same;
      }
    }
    const limit = Math.max(3, Math.floor(name.length / 3));
    let best: { path: string; distance: number } | null = null;
    for (const dir of dirs) {
      for (const entry of this.folder(dir).files) {
        // Names whose lengths differ by more than the limit are never close: skipped uncompared.
        if (!extensions.has(entry.ext) || Math.abs(entry.lower.length - name.length) > limit) continue;
        const cost = (name.length + 1) * (entry.lower.length + 1);
        if (cost > this.cells) {
          this.exhausted = true;
          return best && best.distance <= limit ? best.path : null;
        }
        this.cells -= cost;
        const distance = editDistance(name, entry.lower);
        if (!best || distance < best.distance) best = { path: entry.path, distance };
      }
    }
    return best && best.distance <= limit ? best.path : null;
  }
}
