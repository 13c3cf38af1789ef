import { availableParallelism } from 'node:os';
import { cohortRubrics, cohortTasksFrom, surveyMembers, type CohortSurvey, type ProjectChoice } from '../discover/project-tasks.js';
import type { Rubric } from '../config/rubric.js';
import { workerFile } from './run-pool.js';

/** Repositories a worker surveys at once: a message each way, a few milliseconds of work. */
const SURVEY_PART = 256;
/**
 * From this many repositories a cohort is surveyed by worker threads; below, by the main thread,
 * for which a thousand cost ~60-100 ms of CPU, about what starting two workers costs.
 */
export const SURVEY_IN_POOL_FROM = 1000;

/** What a worker is sent: some of the cohort's repositories, and the choice (its curriculum and tasks) as given. */
export interface SurveyTask {
  members: string[];
  choice: Pick<ProjectChoice, 'curriculum' | 'tasks'>;
}

/**
 * The rubrics of a cohort's tasks (what projectTasks chooses for `members`), the repositories
 * surveyed by as many worker threads as will grade them (`jobs`, default and at most the cores;
 * 0: none). Choosing looks into every repository (two listings
 * each, ~0.06-0.1 ms of CPU): in the main thread, that capped a run on many cores (100,000
 * students: seconds before the first is graded) and was a third of the main thread's CPU of a run.
 * A pool that fails is no loss: the main thread surveys the cohort itself.
 */
export async function chooseCohortRubrics(members: string[], choice: Pick<ProjectChoice, 'curriculum' | 'tasks'>, jobs?: number): Promise<Rubric[]> {
  const threads = Math.min(jobs ?? availableParallelism(), availableParallelism());
  const plain = { ...(choice.curriculum ? { curriculum: choice.curriculum } : {}), ...(choice.tasks ? { tasks: choice.tasks } : {}) };
  // A --task the given curriculum lacks is refused before any worker starts.
  const none = surveyMembers([], plain);
  const surveys = threads > 1 && members.length >= SURVEY_IN_POOL_FROM ? await surveyInPool(members, plain, threads) : null;
  return cohortRubrics(cohortTasksFrom([none, ...(surveys ?? [surveyMembers(members, plain)])], plain));
}

/** The surveys of `members` in parts, by `threads` worker threads; null when the pool failed. */
export async function surveyInPool(members: string[], choice: SurveyTask['choice'], threads: number, partSize = SURVEY_PART): Promise<CohortSurvey[] | null> {
  const parts: string[][] = [];
  for (let at = 0; at < members.length; at += partSize) parts.push(members.slice(at, at + partSize));
  const { Piscina } = await import('piscina');
  const size = Math.min(threads, parts.length);
  let pool;
  try {
    pool = new Piscina({ filename: workerFile(), workerData: null, minThreads: size, maxThreads: size });
    const running = pool;
    return await Promise.all(parts.map((part) => running.run({ members: part, choice } satisfies SurveyTask, { name: 'survey' }) as Promise<CohortSurvey>));
  } catch {
    return null;
  } finally {
    await pool?.destroy().catch(() => undefined);
  }
}
