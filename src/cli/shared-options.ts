import type { Command } from 'commander';
import type { LintOptions } from '../api/lint-submission.js';
import { applyConfig, findConfig, rubricFromConfig } from '../config/config.js';
import { CURRICULA, type Curriculum, type Rubric } from '../config/rubric.js';
import { UsageError } from '../errors.js';
import { projectTasks, type CohortChoice } from '../discover/project-tasks.js';
import { RULES } from '../rules/registry.js';
import { didYouMean } from '../edit-distance.js';
import { DEFAULT_EXPORT_TITLE, EXPORT_FORMATS, parseExportFormats, type ExportFormat } from '../grade/exports.js';

// Options `check` and `grade` share, and their value parsers: a bad value is a usage error (exit 2)
// with the option's name.

export function parseScore(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 100) throw new UsageError(`--min-score must be a number from 0 to 100, not "${value}"`);
  return n;
}

export function parseList(value: string, previous?: string[]): string[] {
  return [...(previous ?? []), ...value.split(',').map((s) => s.trim()).filter(Boolean)];
}

export function positiveInteger(option: string, min = 1): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new UsageError(`${option} must be an integer of at least ${min}, not "${value}"`);
    return n;
  };
}

/** Longer than a day is a typo (or milliseconds): and Node's timers overflow past 24.8 days. */
export const MAX_TIMEOUT_SECONDS = 86_400;

/** A number of seconds from 1 to `max`: outside that range, a usage error rather than a timer that fires at once. */
export function secondsUpTo(option: string, max: number): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`${option} must be a whole number of seconds from 1 to ${max}, not "${value}"`);
    return n;
  };
}

/** The options of the commands that write gradebooks (grade, merge): exports and the byte order mark. */
export function addGradebookOptions(command: Command): Command {
  return command
    .option('--export <formats>', `also write gradebook imports, comma-separated: ${EXPORT_FORMATS.join(', ')} (canvas.csv, moodle.csv)`, (v: string, prev?: ExportFormat[]) => parseExportFormats(v, prev))
    .option('--export-title <title>', `the assignment (Canvas) or grade item (Moodle) the exports fill (default "${DEFAULT_EXPORT_TITLE}")`)
    .option('--no-bom', 'write the CSV files without a UTF-8 byte order mark (by default they begin with one, so that Excel reads names as UTF-8)');
}

export function checkRuleIds(ids: string[] | undefined): void {
  for (const id of ids ?? []) if (!RULES.has(id)) throw new UsageError(`--disable: unknown rule "${id}"${didYouMean(id, [...RULES.keys()])}`);
}

export function parseCurriculum(value: string): Curriculum {
  if (!(CURRICULA as readonly string[]).includes(value)) throw new UsageError(`--curriculum must be one of ${CURRICULA.join(', ')}, not "${value}"`);
  return value as Curriculum;
}

export function parseShare(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 1) throw new UsageError(`--similarity must be a number above 0 and at most 1, not "${value}"`);
  return n;
}

/** What the shared grading options hold once parsed. */
export interface GradingOptionValues {
  config?: string | boolean;
  task?: string[];
  curriculum?: Curriculum;
  minScore?: number;
  disable?: string[];
  maxBytes?: number;
}

/** Configuration, threshold, rules turned off and read cap: the same for one submission or a cohort. */
export function addGradingOptions(command: Command): Command {
  return command
    .option('-c, --config <file>', 'configuration file (default: .infralintrc.json, infralint.config.json or package.json "infralint" in the current directory)')
    .option('--no-config', 'ignore configuration files')
    .option('--min-score <n>', 'pass threshold in percent (default: the rubric\'s, 70)', parseScore)
    .option('--disable <rule-ids>', 'comma-separated rules to turn off', parseList)
    .option('--max-bytes <n>', 'read at most this many bytes of any file', positiveInteger('--max-bytes'))
    .option('-t, --task <names>', 'grade only these tasks (names or numbers, comma-separated or repeated: --task 0,3)', parseList)
    .option('--curriculum <name>', `the project's version, when its layout does not say (${CURRICULA.join(', ')})`, parseCurriculum);
}

export function lintOptionsFrom(opts: GradingOptionValues): Pick<LintOptions, 'minScore' | 'disable' | 'maxBytes'> {
  checkRuleIds(opts.disable);
  return {
    ...(opts.minScore !== undefined ? { minScore: opts.minScore } : {}),
    ...(opts.disable ? { disable: opts.disable } : {}),
    ...(opts.maxBytes ? { maxBytes: opts.maxBytes } : {}),
  };
}

/** Where the project's tasks are looked for when no rubric is named. */
export interface ProjectTarget {
  /** The submission (check) or one that stands for the cohort (grade). */
  target: string;
  tasks?: string[];
  curriculum?: Curriculum;
  /** The folders whose tasks count together (a cohort's repositories). */
  members?: string[];
  /** How a cohort's rubrics are chosen among `members` (default: projectTasks, in this thread). */
  chooseCohort?: (members: string[], choice: CohortChoice) => Promise<Rubric[]>;
}

/**
 * The rubrics named on the command line, else the configuration's, else the tasks of the project
 * (see projectTasks), with the configuration applied. Two rubrics of one task would collide in a gradebook.
 */
export async function chooseRubrics(opts: GradingOptionValues, names: string[], cwd: string, project: ProjectTarget): Promise<Rubric[]> {
  const loaded = opts.config === false ? null : await findConfig(cwd, typeof opts.config === 'string' ? opts.config : undefined);
  const config = loaded?.config ?? {};
  const rubrics: Rubric[] = [];
  if (!names.length && !config.rubric) {
    const tasks = project.tasks ?? config.tasks;
    // Unless the command line or the configuration says, a submission's layout decides, and a
    // cohort's curriculum is the one most of its repositories follow (projectTasks).
    const curriculum = project.curriculum ?? config.curriculum;
    const choice = { ...(tasks ? { tasks } : {}), ...(curriculum ? { curriculum } : {}) };
    const found = project.members && project.chooseCohort ? await project.chooseCohort(project.members, choice) : projectTasks(project.target, { ...choice, ...(project.members ? { members: project.members } : {}) });
    // A rule setting applies to every task that has the rule, and must name a rule of one of them.
    for (const id of Object.keys(config.rules ?? {})) {
      if (!found.some((r) => r.rules.some((rule) => rule.id === id))) throw new UsageError(`configuration: rule "${id}" is in none of the rubrics graded (${found.map((r) => r.task).join(', ')})`);
    }
    return found.map((rubric) => applyConfig(rubric, config, false));
  }
  for (const name of names.length ? names : [undefined]) rubrics.push(await rubricFromConfig(loaded, { ...(name ? { rubric: name } : {}), cwd }));
  const tasks = rubrics.map((r) => r.task);
  const twice = tasks.find((t, i) => tasks.indexOf(t) !== i);
  if (twice) throw new UsageError(`two rubrics grade the same task "${twice}": choose one`);
  return rubrics;
}
