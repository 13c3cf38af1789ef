import { existsSync, lstatSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { TOOL } from '../tool.js';
import { temporaryName } from './atomic-file.js';
import { COLLECT_MANIFEST, type CollectedStudent, type CollectManifest, type CollectStatus } from './collect-manifest.js';
import { describeGitFailure, runGit } from './git-run.js';
import { readRoster, type RosterEntry } from './roster.js';

export interface CollectOptions {
  roster: string;
  /** The repository URL with `{login}` where the student's login goes. */
  template: string;
  /** The cohort folder: one folder per student, named by login. */
  dir: string;
  /** Folders of the repository to check out (sparse); empty for the whole repository. */
  paths: string[];
  /** Repositories cloned or updated at once. */
  jobs: number;
  /** Each git command is killed after this long. */
  timeoutMs: number;
  onProgress?: (progress: { done: number; total: number; missing: number; failed: number }) => void;
  onWarning?: (message: string) => void;
}

export interface CollectResult {
  manifest: CollectManifest;
  file: string;
  counts: Record<CollectStatus, number>;
}

/** What a GitHub login can be (and what else is safe as a folder name and in a URL). */
const LOGIN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** `https://github.com/{login}/repo`: a template must say where the login goes. */
export function checkTemplate(template: string): void {
  if (!template.includes('{login}')) throw new UsageError(`--repo must contain {login} where each student's login goes (e.g. https://github.com/{login}/alx-system_engineering-devops), not "${template}"`);
}

/**
 * `infralint collect`: clones (shallow, only the project folders) or updates every roster
 * student's repository into the cohort folder, several at once, and writes the collect manifest:
 * the commit of each student (what `grade` grades and the gradebook shows), and the students whose
 * repository is missing, private or could not be had, with why.
 */
export async function collectCohort(options: CollectOptions): Promise<CollectResult> {
  checkTemplate(options.template);
  const roster = readRoster(options.roster);
  for (const warning of roster.warnings) options.onWarning?.(warning);
  mkdirSync(options.dir, { recursive: true });
  const students = [...roster.entries.values()];
  const results: CollectedStudent[] = new Array(students.length);
  const counts: Record<CollectStatus, number> = { cloned: 0, updated: 0, missing: 0, failed: 0 };
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < students.length) {
      const k = next++;
      const result = await collectOne(students[k]!, options);
      results[k] = result;
      counts[result.status]++;
      done++;
      options.onProgress?.({ done, total: students.length, missing: counts.missing, failed: counts.failed });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.jobs, students.length)) }, worker));
  const manifest: CollectManifest = { infralint: 'collect', version: TOOL.version, template: options.template, paths: options.paths, collectedAt: new Date().toISOString(), students: results };
  const file = path.join(options.dir, COLLECT_MANIFEST);
  const temp = temporaryName(file);
  writeFileSync(temp, `${JSON.stringify(manifest, null, 1)}\n`);
  renameSync(temp, file);
  return { manifest, file, counts };
}

async function collectOne(student: RosterEntry, options: CollectOptions): Promise<CollectedStudent> {
  const url = options.template.replaceAll('{login}', student.login);
  const base = { ...student, folder: student.login, url, commit: '', message: '', at: new Date().toISOString() };
  const outcome = (status: CollectStatus, message = '', commit = ''): CollectedStudent => ({ ...base, status, message, commit });
  // A login is a folder name and part of a URL: "../x" or "-x" must never reach either.
  if (!LOGIN.test(student.login)) return outcome('failed', `"${student.login}" is not a GitHub login (letters, digits, -, _ and . only)`);
  const folder = path.join(options.dir, student.login);
  const git = (args: string[]) => runGit(args, { cwd: folder, timeoutMs: options.timeoutMs });
  if (existsSync(folder)) {
    if (!lstatSync(folder).isDirectory() || !existsSync(path.join(folder, '.git'))) return outcome('failed', `${folder} exists and is not a clone: left as it is (move it away to collect this student)`);
    const origin = await git(['remote', 'get-url', 'origin']);
    if (!origin.ok || origin.stdout.trim() !== url) return outcome('failed', `${folder} is a clone of ${origin.stdout.trim() || 'another repository'}, not ${url}: left as it is`);
    const fetched = await git(['fetch', '--quiet', '--depth', '1', '--filter=blob:none', '--no-tags', 'origin', 'HEAD']);
    if (!fetched.ok) {
      // The clone stays as it was (the student's earlier work, graded as such): its commit is recorded.
      const failure = describeGitFailure(fetched, options.timeoutMs);
      const held = await git(['rev-parse', '--verify', '--quiet', 'HEAD']);
      return outcome(failure.kind, `${failure.message}; not updated${held.ok ? `: the folder holds the commit collected before` : ''}`, held.ok ? held.stdout.trim() : '');
    }
    // The checkout becomes the fetched commit exactly: files changed or added by hand are undone.
    for (const step of [['reset', '--quiet', '--hard', 'FETCH_HEAD'], ['clean', '-ffdxq']]) {
      const result = await git(step);
      if (!result.ok) return outcome('failed', describeGitFailure(result, options.timeoutMs).message);
    }
    return finish(folder, git, outcome, 'updated', options);
  }
  const clone = await runGit(['clone', '--quiet', '--depth', '1', '--no-tags', ...(options.paths.length ? ['--filter=blob:none', '--sparse'] : []), '--', url, folder], { timeoutMs: options.timeoutMs });
  if (!clone.ok) {
    rmSync(folder, { recursive: true, force: true });
    const failure = describeGitFailure(clone, options.timeoutMs);
    return outcome(failure.kind, failure.message);
  }
  if (options.paths.length) {
    const sparse = await git(['sparse-checkout', 'set', '--', ...options.paths]);
    if (!sparse.ok) {
      rmSync(folder, { recursive: true, force: true });
      return outcome('failed', describeGitFailure(sparse, options.timeoutMs).message);
    }
  }
  return finish(folder, git, outcome, 'cloned', options);
}

/** The commit checked out; an empty repository is no submission (its folder is removed). */
async function finish(folder: string, git: (args: string[]) => ReturnType<typeof runGit>, outcome: (status: CollectStatus, message?: string, commit?: string) => CollectedStudent, status: CollectStatus, options: CollectOptions): Promise<CollectedStudent> {
  const head = await git(['rev-parse', '--verify', '--quiet', 'HEAD']);
  if (!head.ok) {
    rmSync(folder, { recursive: true, force: true });
    return outcome('missing', 'the repository is empty (no commit)');
  }
  const found = !options.paths.length || options.paths.some((p) => existsSync(path.join(folder, p)));
  return outcome(status, found ? '' : `no ${options.paths.join(' or ')} folder in the repository`, head.stdout.trim());
}
