import path from 'node:path';
import { FolderLooks } from '../read/fs-probes.js';
import { resolvePath } from '../read/safe-read.js';
import { locateTask, normaliseName } from './locate-task.js';
import { loadRubric, projectTaskIndex, type BundledTask, type Curriculum, type Rubric } from '../config/rubric.js';
import { UsageError } from '../errors.js';
import { detectCurriculum, explainCurriculumWith } from './detect-curriculum.js';

export interface ProjectChoice {
  /** The curriculum to grade; default: the one the submission's layout follows. */
  curriculum?: Curriculum;
  /** Task names (or their number: "0", "3") to grade, narrowing the project's. */
  tasks?: string[];
  /**
   * Folders whose tasks count together (a cohort's repositories: a gradebook needs the same
   * columns for every student): the tasks any of them holds, of the curriculum most of them
   * follow unless `curriculum` says. Default: the target's own. Each is a real folder, as the
   * cohort's listing showed it (listCohort): it is not probed again.
   */
  members?: string[];
}

/**
 * The rubrics of the tasks a submission answers: every task of its curriculum whose file (or a
 * misnamed one) is there, in task order. A submission that holds none of them is graded on every
 * task, so that each says what is missing. A task file given directly is graded on its own task.
 */
export function projectTasks(target: string, choice: ProjectChoice = {}): Rubric[] {
  // Only the rubrics graded are loaded (and validated): the rest of the project is its index.
  return rubricsOf(chosenTasks(target, choice));
}

function chosenTasks(target: string, choice: ProjectChoice): BundledTask[] {
  if (choice.members) return cohortTasks(choice.members, choice);
  // One look at each folder for the whole choice: detecting the curriculum and locating each task
  // of it look into the same folders.
  const looks = new FolderLooks();
  const curriculum = choice.curriculum ?? explainCurriculumWith(target, looks).curriculum;
  const all = narrow(projectTaskIndex(curriculum), choice.tasks, curriculum);
  if (looks.kind(path.resolve(target)) !== 'dir') {
    const own = tasksNamedBy(target, all);
    return own.length ? own : all;
  }
  const found = all.filter((rubric) => holdsTask(target, rubric, looks));
  return found.length ? found : all;
}

/**
 * A cohort's tasks: those of the curriculum most of its repositories follow (a cohort is one
 * version of the project; a tie goes to the classic one) that any of them holds, or every task when
 * none does. One pass, each repository's folders looked at once for its curriculum and for the tasks
 * of both curricula (repository by repository and task by task, they were listed ~11 times each).
 */
function cohortTasks(members: readonly string[], choice: ProjectChoice): BundledTask[] {
  return cohortTasksFrom([surveyMembers(members, choice)], choice);
}

/**
 * What a part of a cohort's repositories shows of the cohort's curriculum and tasks. Parts add up
 * (counts and sets), so that a large cohort is surveyed in parts, in parallel (see
 * src/grade/survey-pool.ts), and decided by cohortTasksFrom as if in one pass.
 */
export interface CohortSurvey {
  /** Repositories of the part that follow the Mermaid-native curriculum (0 when the choice gives the curriculum). */
  mermaid: number;
  /** Repositories of the part. */
  members: number;
  /** Names of the rubrics a repository of the part holds, in task order. */
  held: string[];
}

/** What a cohort's rubrics are chosen by besides its repositories: the curriculum and the tasks, as given. */
export type CohortChoice = Pick<ProjectChoice, 'curriculum' | 'tasks'>;

/**
 * The tasks a cohort's repositories are looked at for: the given curriculum's, narrowed first (a
 * --task it lacks is refused here, before any folder is looked at), else both curricula's.
 */
export function cohortCandidates(choice: CohortChoice): BundledTask[] {
  return choice.curriculum ? narrow(projectTaskIndex(choice.curriculum), choice.tasks, choice.curriculum) : [...projectTaskIndex('classic'), ...projectTaskIndex('mermaid')];
}

/** The survey of some of a cohort's repositories (`members`, real folders as the cohort's listing showed them). */
export function surveyMembers(members: readonly string[], choice: CohortChoice): CohortSurvey {
  const candidates = cohortCandidates(choice);
  const held = new Set<string>();
  let mermaid = 0;
  for (const member of members) {
    const looks = new FolderLooks();
    looks.knownFolder(resolvePath(member));
    if (!choice.curriculum && explainCurriculumWith(member, looks).curriculum === 'mermaid') mermaid++;
    for (const rubric of candidates) if (!held.has(rubric.name) && holdsTask(member, rubric, looks)) held.add(rubric.name);
  }
  return { mermaid, members: members.length, held: candidates.filter((r) => held.has(r.name)).map((r) => r.name) };
}

/** A cohort's tasks (see cohortTasks) from the surveys of all its repositories, in parts. */
export function cohortTasksFrom(surveys: readonly CohortSurvey[], choice: CohortChoice): BundledTask[] {
  let mermaid = 0;
  let members = 0;
  const held = new Set<string>();
  for (const survey of surveys) {
    mermaid += survey.mermaid;
    members += survey.members;
    for (const name of survey.held) held.add(name);
  }
  const curriculum = choice.curriculum ?? (mermaid > members - mermaid ? 'mermaid' : 'classic');
  const all = narrow(projectTaskIndex(curriculum), choice.tasks, curriculum);
  const found = all.filter((rubric) => held.has(rubric.name));
  return found.length ? found : all;
}

/** The rubrics of `tasks`, loaded (and validated): what projectTasks and a cohort's survey return. */
export function rubricsOf(tasks: readonly BundledTask[]): Rubric[] {
  return tasks.map((task) => loadRubric(task.name));
}

/** The rubrics a file belongs to by its name: `3-scale_up.md`, `3-scale_up.png`, `0-simple_web_stack`. */
export function tasksNamedBy<T extends Pick<Rubric, 'task' | 'fileNames'>>(file: string, rubrics: T[]): T[] {
  const name = normaliseName(path.basename(file));
  return rubrics.filter((r) => r.fileNames.some((f) => normaliseName(f) === name) || name.startsWith(normaliseName(r.task)));
}

/**
 * Several files of one project folder (what a pre-commit hook passes: the files a commit changes):
 * the folder, and the tasks those files belong to, so that a commit is checked on its own tasks and
 * an unfinished other task does not block it. Null when the files name no task.
 */
export function filesTarget(files: string[], curriculum?: Curriculum): { folder: string; tasks: string[] } | null {
  const folders = [...new Set(files.map((f) => path.dirname(path.resolve(f))))];
  if (folders.length > 1) throw new UsageError(`the files given are in ${folders.length} folders: give the files of one project folder, or the folder itself`);
  const rubrics = projectTaskIndex(curriculum ?? detectCurriculum(folders[0]!));
  const tasks = [...new Set(files.flatMap((f) => tasksNamedBy(f, rubrics).map((r) => r.task)))];
  return tasks.length ? { folder: folders[0]!, tasks } : null;
}

/** The folder holds the task's file, or one misnamed for it. */
function holdsTask(folder: string, rubric: BundledTask, looks: FolderLooks): boolean {
  const located = locateTask(folder, rubric, looks);
  return located.taskFile !== null || located.misnamed.length > 0;
}

/** `--task 0`, `--task 0-simple_web_stack`, `--task scale_up`: the rubrics named, or a usage error naming the known tasks. */
function narrow(rubrics: BundledTask[], tasks: string[] | undefined, curriculum: Curriculum): BundledTask[] {
  if (!tasks?.length) return rubrics;
  const named = tasks.map((wanted) => {
    const w = normaliseName(wanted);
    const match = rubrics.find((r) => normaliseName(r.task) === w || String(r.order) === w || normaliseName(r.task).replace(/^\d+/, '') === w);
    if (!match) throw new UsageError(`--task: no task "${wanted}" in the ${curriculum} curriculum (tasks: ${rubrics.map((r) => r.task).join(', ')})`);
    return match;
  });
  return rubrics.filter((r) => named.includes(r));
}
