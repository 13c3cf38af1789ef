import { readdirSync } from 'node:fs';
import { readSmallFile } from '../read/small-file.js';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { UsageError } from '../errors.js';
import { fnv1a } from './similarity/features.js';

export interface CohortEntry {
  student: string;
  dir: string;
  /** Set when the folder cannot be a submission (a symlink, say): it becomes an error row. */
  problem: string;
}

/**
 * Every immediate subfolder of `dir` is a submission named after the folder. Hidden folders are
 * skipped; a symlink is never followed (it could point at another student or outside the cohort).
 * Sorted by code point, so that every run and every shard sees the same order.
 */
export function listCohort(dir: string): CohortEntry[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw new UsageError(`cannot read the submissions folder ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const cohort: CohortEntry[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    if (entry.isDirectory()) cohort.push({ student: entry.name, dir: path.join(dir, entry.name), problem: '' });
    else if (entry.isSymbolicLink()) cohort.push({ student: entry.name, dir: path.join(dir, entry.name), problem: 'the submission is a symbolic link; it was not followed' });
  }
  return cohort.sort((a, b) => (a.student < b.student ? -1 : a.student > b.student ? 1 : 0));
}

export interface ManifestEntry {
  name: string;
  email: string;
}

const FOLDER_COLUMNS = ['folder', 'student', 'id', 'login', 'github', 'username', 'repo', 'directory'];

/**
 * `--manifest students.csv`: maps folders to names and emails. A header row names the columns
 * (folder/student/id/login/github, name, email); without one, the columns are folder, name, email.
 */
export function readManifest(file: string): Map<string, ManifestEntry> {
  // A regular file of bounded size (never a pipe that blocks or a device that never ends).
  const text = readSmallFile(file, { what: 'manifest', maxBytes: 64 * 1024 * 1024 });
  let rows: string[][];
  try {
    rows = parse(text.replace(/^\uFEFF/, ''), { skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch (error) {
    throw new UsageError(`the manifest ${file} is not valid CSV: ${(error as Error).message}`);
  }
  const first = (rows[0] ?? []).map((c) => c.toLowerCase());
  const headed = first.some((c) => FOLDER_COLUMNS.includes(c));
  const folderAt = headed ? first.findIndex((c) => FOLDER_COLUMNS.includes(c)) : 0;
  const nameAt = headed ? first.findIndex((c) => c === 'name' || c === 'full name' || c === 'full_name') : 1;
  const emailAt = headed ? first.findIndex((c) => c === 'email' || c === 'e-mail' || c === 'mail') : 2;
  const manifest = new Map<string, ManifestEntry>();
  for (const row of headed ? rows.slice(1) : rows) {
    const folder = row[folderAt];
    if (!folder) continue;
    manifest.set(folder, { name: nameAt >= 0 ? row[nameAt] ?? '' : '', email: emailAt >= 0 ? row[emailAt] ?? '' : '' });
  }
  return manifest;
}

export interface Shard {
  index: number;
  count: number;
}

/** `2/8` -> the second of eight shards. */
export function parseShard(value: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) throw new UsageError(`--shard must be K/N with 1 <= K <= N (e.g. 2/8), not "${value}"`);
  return { index, count };
}

/**
 * Which shard a student belongs to: a hash of the folder name, so that a student stays in the same
 * shard when others join or leave the cohort (unlike slicing a sorted list).
 */
export function shardOf(student: string, count: number): number {
  return (fnv1a(student) % count) + 1;
}
