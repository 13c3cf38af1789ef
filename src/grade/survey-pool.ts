import { availableParallelism } from 'node:os';
import { cohortCandidates, rubricsOf, cohortTasksFrom, surveyMembers, type CohortChoice, type CohortSurvey } from '../discover/project-tasks.js';
import type { Rubric } from '../config/rubric.js';
import { workerFile } from './run-pool.js';

/** Repositories a worker surveys at once: a message each way, a few milliseconds of work. */
const SURVEY_PART = 256;
/**
 * From this many repositories a cohort is surveyed by worker threads, else by the main thread. The
 * main thread surveys ~0.06-0.1 ms a repository; a pool first starts its workers, each loading the
 * grading bundle (0.3-0.6 s before the first part is done, on a 2-core host), and on 2 cores it
 * was slower by the clock at 1,200 repositories (0.65-1.0 s against 0.13-0.39) and at 10,000 (0.8 s
 * against 0.6) while taking the survey's CPU off the main thread (0.92 s -> 0.1 s at 10,000). On
 * 8 cores and more the pool is the faster from a few thousand repositories.
 */
export const SURVEY_IN_POOL_FROM = 5000;

/** What a worker is sent: some of the cohort's repositories, and the choice as given. */
export interface SurveyTask {
  members: string[];
  choice: CohortChoice;
}

export interface SurveyOptions {
  /** Worker threads, as `grade --jobs`: default and at most the cores; 0 or 1: the main thread surveys. */
  jobs?: number;
  /** Repositories from which the pool surveys (default SURVEY_IN_POOL_FROM). */
  inPoolFrom?: number;
  /** Told when the pool failed and the main thread surveyed the cohort instead. */
  onWarning?: (message: string) => void;
  /** The workers' module (default: the grading worker, which exports `survey`). */
  workerFile?: string;
}

/** A pool that does not stop is not waited for longer than this (ms): a worker may be blocked in a system call. */
const DESTROY_WAIT_MS = 5000;

/**
 * The rubrics of a cohort's tasks (what projectTasks chooses for `members`), a large cohort's
 * repositories surveyed by worker threads in parts whose counts and sets add up to one pass's.
 * Choosing looks into every repository (two listings each): in the main thread, a 100,000-student
 * run on many cores would wait seconds before its first student is graded, and at 10,000 it was a
 * third of the main thread's CPU of a run. A pool that fails costs a warning: the main thread
 * surveys the cohort itself, and any error it meets is the run's.
 */
export async function chooseCohortRubrics(members: string[], choice: CohortChoice, options: SurveyOptions = {}): Promise<Rubric[]> {
  const cores = availableParallelism();
  const threads = Math.min(options.jobs ?? cores, cores);
  const given: CohortChoice = { ...(choice.curriculum ? { curriculum: choice.curriculum } : {}), ...(choice.tasks ? { tasks: choice.tasks } : {}) };
  // A --task the given curriculum lacks is refused before any worker starts.
  cohortCandidates(given);
  let surveys: CohortSurvey[] | null = null;
  if (threads > 1 && members.length >= (options.inPoolFrom ?? SURVEY_IN_POOL_FROM)) {
    try {
      surveys = await surveyInPool(members, given, threads, { ...(options.workerFile ? { workerFile: options.workerFile } : {}) });
    } catch (error) {
      options.onWarning?.(`the repositories could not be surveyed by worker threads (${(error as Error)?.message ?? String(error)}); the main thread surveyed them`);
    }
  }
  return rubricsOf(cohortTasksFrom(surveys ?? [surveyMembers(members, given)], given));
}

/** The surveys of `members` in parts (of `partSize` repositories), by `threads` worker threads. */
export async function surveyInPool(members: string[], choice: CohortChoice, threads: number, { partSize = SURVEY_PART, workerFile: filename = workerFile() }: { partSize?: number; workerFile?: string } = {}): Promise<CohortSurvey[]> {
  const parts: string[][] = [];
  for (let at = 0; at < members.length; at += partSize) parts.push(members.slice(at, at + partSize));
  const { Piscina } = await import('piscina');
  const size = Math.max(1, Math.min(threads, parts.length));
  const pool = new Piscina({ filename, workerData: null, minThreads: size, maxThreads: size });
  try {
    return await Promise.all(parts.map((part) => pool.run({ members: part, choice } satisfies SurveyTask, { name: 'survey' }) as Promise<CohortSurvey>));
  } finally {
    await Promise.race([pool.destroy().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, DESTROY_WAIT_MS).unref())]);
  }
}
