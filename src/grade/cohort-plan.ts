import { existsSync, statSync } from 'node:fs';
import { hash } from 'node:crypto';
import path from 'node:path';
import { UsageError } from '../errors.js';
import type { TaskLocation } from '../discover/locate-task.js';
import { listCohort, type CohortEntry } from './cohort.js';
import { COLLECT_MANIFEST, readCollectManifest, rosterOfCollect, type CollectedStudent } from './collect-manifest.js';
import { readRoster, type Roster, type RosterEntry } from './roster.js';

/** One student of a run: a folder to grade, or a roster row without one. */
export interface PlannedStudent extends CohortEntry {
  /** Why the student has no submission (no folder, repository missing): a "not submitted" row. Empty otherwise. */
  notSubmitted: string;
  name: string;
  email: string;
  /** The commit collected, when the cohort was collected by `infralint collect`. */
  commit: string;
  /** The roster's columns for this student (exports pick ids and sections from them). */
  rosterColumns: Record<string, string>;
}

export interface CohortPlan {
  students: PlannedStudent[];
  warnings: string[];
  roster: Roster | null;
  /** What identifies the cohort whatever folder it is in: its students, and the roster's digest. */
  identity: { students: number; listing: string; roster: string | null };
}

export interface PlanOptions {
  dir: string;
  out: string;
  /** `--manifest`: else the collect manifest's roster, when the cohort was collected. */
  manifest?: string;
  /** Where the graded tasks are expected: a cohort folder holding these is one repository. */
  locations: TaskLocation[];
}

/** At most this many names in a warning; the rest are counted. */
const NAMED = 10;

function someNames(names: string[]): string {
  return `${names.slice(0, NAMED).join(', ')}${names.length > NAMED ? ` and ${names.length - NAMED} more` : ''}`;
}

/**
 * The students of a run: every folder of the cohort, matched to the roster case-insensitively, and
 * every roster student without a folder as a "not submitted" row, so that every student of the
 * roster is accounted for. Refuses a folder that is one repository rather than a cohort, an empty
 * cohort, and an output folder inside a student's folder; warns about what a mentor should know.
 */
export function planCohort(options: PlanOptions): CohortPlan {
  const { dir } = options;
  const warnings: string[] = [];
  // The cohort folder may be a link (a mentor's shortcut); the student folders in it never are followed.
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`${dir} is not a folder: grade takes a folder holding one folder per student`);
  refuseSingleRepository(dir, options.locations);
  const out = path.resolve(options.out);
  const insideCohort = path.relative(dir, out);
  let skip: string | null = null;
  if (insideCohort === '') throw new UsageError(`--out ${options.out} is the cohort folder itself: write the outputs elsewhere (e.g. --out ${path.join(path.dirname(dir), 'grades')})`);
  if (!insideCohort.startsWith('..') && !path.isAbsolute(insideCohort)) {
    const [top, ...deeper] = insideCohort.split(path.sep);
    // Inside a student's folder, the outputs would be read as part of that student's submission.
    if (deeper.length) throw new UsageError(`--out ${options.out} is inside the student folder ${top}: write the outputs outside the cohort`);
    skip = top!;
    warnings.push(`--out ${options.out} is inside the cohort: the folder ${top} is not graded as a student`);
  }
  const collect = readCollectManifest(dir);
  const roster = options.manifest ? readRoster(options.manifest, 'manifest') : collect ? rosterOfCollect(collect, path.join(dir, COLLECT_MANIFEST)) : null;
  if (roster) warnings.push(...roster.warnings);
  const collected = new Map<string, CollectedStudent>((collect?.students ?? []).map((s) => [s.login.toLowerCase(), s]));

  const folders = listCohort(dir).filter((entry) => entry.student !== skip);
  const students: PlannedStudent[] = [];
  const matched = new Set<string>();
  const unlisted: string[] = [];
  const byKey = new Map<string, string[]>();
  for (const entry of folders) {
    const key = entry.student.toLowerCase();
    byKey.set(key, [...(byKey.get(key) ?? []), entry.student]);
    const listed: RosterEntry | undefined = roster?.entries.get(key);
    if (roster && !listed) unlisted.push(entry.student);
    if (listed) matched.add(key);
    students.push(plannedStudent(entry, '', listed, collected.get(key)?.commit ?? ''));
  }
  for (const [, names] of byKey) if (names.length > 1) warnings.push(`the folders ${names.join(', ')} differ only in letter case: GitHub logins do not, so they are the same student twice`);
  if (unlisted.length) warnings.push(`${unlisted.length} folder${unlisted.length > 1 ? 's are' : ' is'} not in the roster ${roster!.file} (graded without a name): ${someNames(unlisted)}`);
  for (const [key, listed] of roster?.entries ?? []) {
    if (matched.has(key)) continue;
    const c = collected.get(key);
    const why = c && c.status !== 'cloned' && c.status !== 'updated' ? `not submitted: ${c.message || c.status}` : `not submitted: no folder ${listed.login} in the cohort`;
    students.push(plannedStudent({ student: listed.login, dir: path.join(dir, listed.login), problem: '' }, why, listed, ''));
  }
  if (!students.length) throw new UsageError(`${dir} holds no student folder${roster ? ' and its roster lists nobody' : ''}: grade takes a folder holding one folder per student (collect them with \`infralint collect\`)`);
  const missing = students.filter((s) => s.notSubmitted).length;
  if (missing) warnings.push(`${missing} student${missing > 1 ? 's' : ''} of the roster ha${missing > 1 ? 've' : 's'} no submission: ${someNames(students.filter((s) => s.notSubmitted).map((s) => s.student))}`);
  // The order every run and shard writes results in: by code point, as results files are checked.
  students.sort((a, b) => (a.student < b.student ? -1 : a.student > b.student ? 1 : 0));
  const listing = hash('sha1', students.map((s) => s.student).join('\n'), 'hex');
  return { students, warnings, roster, identity: { students: students.length, listing, roster: roster?.digest ?? null } };
}

/**
 * A student of the plan, every field named in one literal: built by spreading the folder's entry and
 * the roster's person into it, each of 10,000 students got a hidden class (a V8 map and its
 * descriptors) of its own, ~3.5 MB of the main thread's heap that grew with the cohort.
 */
function plannedStudent(entry: CohortEntry, notSubmitted: string, listed: RosterEntry | undefined, commit: string): PlannedStudent {
  return {
    student: entry.student, dir: entry.dir, problem: entry.problem, notSubmitted,
    name: listed?.name ?? '', email: listed?.email ?? '', rosterColumns: listed?.columns ?? {}, commit,
  };
}

/**
 * `grade my-repo/` where my-repo is one student's repository: its project folder (or a task file)
 * is right there, and grading its subfolders as students would grade nonsense.
 */
function refuseSingleRepository(dir: string, locations: TaskLocation[]): void {
  const names = new Set(locations.flatMap((l) => [...l.projectDirs, ...l.fileNames.filter((n) => !n.includes('/'))]));
  for (const name of names) {
    if (existsSync(path.join(dir, name))) {
      throw new UsageError(`${dir} looks like one repository (it holds ${name}), not a folder of student repositories: check it with \`infralint check ${dir}\`, or grade the folder that holds it and its classmates`);
    }
  }
}
