import { readdirSync } from 'node:fs';
import path from 'node:path';
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
