import { existsSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { readSmallFile } from '../read/small-file.js';
import type { Roster, RosterEntry } from './roster.js';
import { hash } from 'node:crypto';

/** Written by `collect` in the cohort folder; hidden, so that it is never taken for a student. */
export const COLLECT_MANIFEST = '.infralint-collect.json';

/** What collecting one student's repository came to. */
export type CollectStatus = 'cloned' | 'updated' | 'missing' | 'failed';

export interface CollectedStudent extends RosterEntry {
  /** The folder in the cohort (the login). */
  folder: string;
  url: string;
  status: CollectStatus;
  /** The commit checked out (the one graded), or '' when none was. */
  commit: string;
  /** Why the repository could not be had (missing, private, timed out...). */
  message: string;
  at: string;
}

export interface CollectManifest {
  infralint: 'collect';
  version: string;
  template: string;
  /** The project folders checked out (sparse); empty when the whole repository was. */
  paths: string[];
  collectedAt: string;
  students: CollectedStudent[];
}

/** The collect manifest of a cohort folder, or null when the cohort was not collected by infralint. */
export function readCollectManifest(cohortDir: string): CollectManifest | null {
  const file = path.join(cohortDir, COLLECT_MANIFEST);
  if (!existsSync(file)) return null;
  const text = readSmallFile(file, { what: 'collect manifest', maxBytes: 64 * 1024 * 1024 });
  let manifest: CollectManifest;
  try {
    manifest = JSON.parse(text) as CollectManifest;
  } catch {
    throw new UsageError(`${file} is not valid JSON: collect again, or remove it`);
  }
  if (manifest?.infralint !== 'collect' || !Array.isArray(manifest.students)) throw new UsageError(`${file} is not a collect manifest of infralint: collect again, or remove it`);
  return manifest;
}

/** The students of a collect manifest as a roster (grade's names and emails when no --manifest is given). */
export function rosterOfCollect(manifest: CollectManifest, file: string): Roster {
  const entries = new Map<string, RosterEntry>();
  for (const s of manifest.students) {
    if (typeof s?.login === 'string' && s.login) entries.set(s.login.toLowerCase(), { login: s.login, name: String(s.name ?? ''), email: String(s.email ?? ''), columns: s.columns ?? {} });
  }
  return { file, entries, warnings: [], digest: hash('sha1', [...entries.keys()].sort().join('\n'), 'hex') };
}
