import { existsSync, lstatSync, realpathSync, renameSync } from 'node:fs';
import path from 'node:path';
import { printable } from '../chars.js';
import { UsageError } from '../errors.js';
import { FIX_TYPES, type FixedFile, type FixType } from '../fix/model.js';
import { unifiedDiff } from '../fix/line-diff.js';
import { AtomicFile } from '../grade/atomic-file.js';
import { isInside } from '../read/safe-read.js';
import type { LintReport } from '../report/model.js';

/**
 * `check --fix` and `--fix-dry-run`: the files the library fixed in memory (`report.fixed`) written
 * in place, or printed as a unified diff. Only files inside the submission folder are written (no
 * symbolic link followed), each whole or not at all (written beside it, then renamed over it).
 */

/** `--fix-type mermaid,file`. */
export function parseFixTypes(value: string, previous?: FixType[]): FixType[] {
  const types = new Set(previous ?? []);
  for (const name of value.split(',').map((v) => v.trim()).filter(Boolean)) {
    if (!(FIX_TYPES as readonly string[]).includes(name)) throw new UsageError(`--fix-type: unknown type "${name}" (known: ${FIX_TYPES.join(', ')})`);
    types.add(name as FixType);
  }
  return [...types];
}

/** The submission folders fixes may write into: the roots of the report's tasks. */
function roots(report: LintReport): string[] {
  return [...new Set(report.results.map((r) => realpathSync.native(r.root)))];
}

/** Where a fixed file may be written: a regular file (not a link) inside a submission folder, or null. */
function writablePath(file: string, allowed: string[]): string | null {
  try {
    if (lstatSync(file).isSymbolicLink()) return null;
    const real = path.join(realpathSync.native(path.dirname(file)), path.basename(file));
    return allowed.some((root) => isInside(root, real)) ? real : null;
  } catch {
    return null;
  }
}

export interface FixSummary {
  /** Lines describing each change: `file:line: what`. */
  lines: string[];
  changedFiles: number;
}

/** Writes the fixed files; refuses (and says so) any that would leave the submission folder. */
export function writeFixes(report: LintReport, cwd: string): FixSummary {
  const shown = (abs: string) => printable(path.relative(cwd, abs).split(path.sep).join('/') || abs);
  const allowed = roots(report);
  const lines: string[] = [];
  let changedFiles = 0;
  for (const fixed of report.fixed ?? []) {
    const target = writablePath(fixed.path, allowed);
    if (!target) {
      lines.push(`${shown(fixed.path)}: not fixed: it is not a file inside the submission folder`);
      continue;
    }
    if (fixed.renameTo) {
      const to = path.join(path.dirname(target), path.relative(path.dirname(fixed.path), fixed.renameTo.path));
      if (!allowed.some((root) => isInside(root, to)) || existsSync(to) || path.dirname(to) !== path.dirname(target)) {
        lines.push(`${shown(fixed.path)}: not renamed: ${shown(fixed.renameTo.path)} exists or lies elsewhere`);
        continue;
      }
      renameSync(target, to);
      lines.push(`${shown(fixed.path)}: renamed to ${shown(to)}`);
      changedFiles++;
      continue;
    }
    const out = new AtomicFile(target);
    try {
      out.write(fixed.text);
      out.commit();
    } catch (error) {
      out.discard();
      throw new UsageError(`cannot write ${fixed.file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    changedFiles++;
    for (const change of fixed.changes) lines.push(`${shown(fixed.path)}:${change.line}: ${printable(change.description)}`);
  }
  return { lines, changedFiles };
}

/** The fixes as one unified diff, paths relative to the report's base (`git apply` reads it from there). */
export function fixesDiff(fixed: readonly FixedFile[]): string {
  return fixed.map((f) => unifiedDiff(f.before, f.text, printable(f.file), f.renameTo ? printable(f.renameTo.file) : undefined)).join('');
}
