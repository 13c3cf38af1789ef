import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { parseJsonText, readSmallFile } from '../read/small-file.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TaskLocation } from '../discover/locate-task.js';
import { RULES } from '../rules/registry.js';
import type { RuleModule } from '../rules/rule.js';
import { didYouMean } from '../edit-distance.js';
import { UsageError } from '../errors.js';

export interface RubricRule {
  /** The id reported for this entry (a column of the gradebook, a doc page). */
  id: string;
  /**
   * The rule module that grades it, when it is not `id`: a generic rule used with this task's
   * options (`{ "id": "explain-specifics", "rule": "explain", "options": { "questions": [...] } }`).
   */
  rule?: string;
  /** What passes, for this task (default: the rule module's description). */
  description?: string;
  weight: number;
  /** A gate: when it fails, the task scores 0 and the other rules are not graded. */
  gate?: boolean;
  /** `warning` rules never make a submission fail. */
  severity?: 'error' | 'warning';
  options?: Record<string, unknown>;
  enabled?: boolean;
}

/** The two versions of the project: image-or-Mermaid task files, or one `.mmd` file per task with a README. */
export type Curriculum = 'classic' | 'mermaid';
export const CURRICULA: readonly Curriculum[] = ['classic', 'mermaid'];

/** A task's rubric: where its file lives, the rules, their weights and the pass threshold. */
export interface Rubric extends TaskLocation {
  title: string;
  description?: string;
  project?: string;
  /** Which version of the project the task belongs to (default classic). */
  curriculum?: Curriculum;
  /** Where the task comes in its project (0, 1, 2, 3): the order results are reported in. */
  order?: number;
  /** A variant of another rubric of the same task (an older curriculum): never chosen by default. */
  variantOf?: string;
  /** Set while the rubric lacks some of its task's rules: what is missing (its weights need not sum to 100). */
  draft?: string;
  /**
   * The task's statement as students receive it, a paragraph an entry: base text for similarity
   * (students echo it; sharing it is no evidence of copying).
   */
  statement?: string[];
  passThreshold: number;
  rules: RubricRule[];
}

export { UsageError } from '../errors.js';

/** The folder holding the bundled rubrics and rule docs (`rules/` at the package root). */
let foundRulesDir: string | null = null;

export function rulesDir(): string {
  foundRulesDir ??= findRulesDir();
  return foundRulesDir;
}

function findRulesDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of [path.resolve(here, '../../rules'), path.resolve(here, '../rules'), path.resolve(here, 'rules')]) {
    if (existsSync(path.join(candidate, 'rubric.schema.json'))) return candidate;
  }
  return path.resolve(here, '../../rules');
}

/** Bundled rubrics' text, read once per process: a library caller may lint thousands of submissions. */
const bundledText = new Map<string, string>();
/** Bundled rubrics already validated in this process: their text is read once, so once is enough. */
const bundledValid = new Set<string>();

export function loadRubric(nameOrPath: string): Rubric {
  // A bundled rubric is a bare name ("3-scale_up"); anything with a folder or an extension, or a file that exists, is a path.
  const bundled = isBundledName(nameOrPath);
  const file = bundled ? path.join(rulesDir(), `${nameOrPath}.json`) : path.resolve(nameOrPath);
  // Parsed each time: every caller gets its own rubric object to adjust.
  const data = readRubricJson(nameOrPath, bundled, file);
  if (bundled && bundledValid.has(nameOrPath)) return shaped(data as Rubric);
  const rubric = validateRubric(data, file);
  if (bundled) bundledValid.add(nameOrPath);
  return rubric;
}

function isBundledName(nameOrPath: string): boolean {
  return !nameOrPath.endsWith('.json') && !/[\\/]/.test(nameOrPath) && !existsSync(nameOrPath);
}

function readRubricJson(nameOrPath: string, bundled: boolean, file: string): unknown {
  try {
    let text = bundled ? bundledText.get(nameOrPath) : undefined;
    if (text === undefined) {
      // A rubric file is read as a regular file of bounded size: never a pipe or a device.
      text = bundled ? readFileSync(file, 'utf8') : readSmallFile(file, { what: 'rubric' });
      if (bundled) bundledText.set(nameOrPath, text);
    }
    return parseJsonText(text, 'rubric', file);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read rubric ${file}: ${(error as Error).message}`);
  }
}

/** A valid rubric's data as the Rubric callers get (the title defaults to the task). */
function shaped(r: Omit<Rubric, 'title'> & { title?: string }): Rubric {
  return { title: r.task, ...r };
}

export function validateRubric(data: unknown, source: string): Rubric {
  const fail = (what: string): never => {
    throw new UsageError(`invalid rubric ${source}: ${what}`);
  };
  if (!data || typeof data !== 'object') fail('not a JSON object');
  const r = data as Partial<Rubric>;
  if (typeof r.task !== 'string' || !r.task) fail('"task" must be a non-empty string');
  if (!Array.isArray(r.fileNames) || !r.fileNames.every((n) => typeof n === 'string')) fail('"fileNames" must be an array of strings');
  if (!Array.isArray(r.projectDirs)) fail('"projectDirs" must be an array of strings');
  if (typeof r.passThreshold !== 'number' || r.passThreshold < 0 || r.passThreshold > 100) fail('"passThreshold" must be a number from 0 to 100');
  if (!Array.isArray(r.rules) || r.rules.length === 0) fail('"rules" must be a non-empty array');
  if (r.statement !== undefined && (!Array.isArray(r.statement) || !r.statement.every((p) => typeof p === 'string'))) fail('"statement" must be an array of strings (one paragraph each)');
  for (const [i, rule] of r.rules!.entries()) {
    if (!rule || typeof rule.id !== 'string') fail(`rules[${i}].id must be a string`);
    const module = rule.rule ?? rule.id;
    if (!RULES.has(module)) fail(`rules[${i}]: unknown rule "${module}"${didYouMean(module, [...RULES.keys()])} (known: ${[...RULES.keys()].join(', ')})`);
    if (typeof rule.weight !== 'number' || rule.weight < 0) fail(`rules[${i}] (${rule.id}): "weight" must be a number >= 0`);
    const wrong = RULES.get(module)!.meta.validateOptions?.(rule.options ?? {});
    if (wrong) fail(`rules[${i}] (${rule.id}): ${wrong}`);
  }
  const ids = r.rules!.map((rule) => rule.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) fail(`rule "${twice}" is listed twice`);
  return shaped(r as Rubric);
}

/** The rule module that grades a rubric entry. */
export function ruleModuleOf(entry: RubricRule): RuleModule {
  return RULES.get(entry.rule ?? entry.id)!;
}

/** The rubrics bundled in rules/, read once per process (names and metadata only; each load parses anew). */
let bundledIndex: BundledTask[] | null = null;

export interface BundledRubric {
  name: string;
  task: string;
  curriculum: Curriculum;
  order: number;
  variantOf?: string;
  draft?: string;
}

/**
 * A bundled rubric's task: its name and where its file lives, what finding a project's tasks (and
 * its curriculum) needs. Read from the rubric's JSON without validating its rules: a cold `check`
 * validates only the rubrics it grades (validating every question of every bundled task cost more
 * than grading one); the bundled rubrics themselves are validated by the tests.
 */
export interface BundledTask extends BundledRubric, TaskLocation {
  title: string;
}

function bundledTasks(): BundledTask[] {
  bundledIndex ??= readdirSync(rulesDir())
    .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'))
    .map((f) => {
      const name = f.slice(0, -'.json'.length);
      const file = path.join(rulesDir(), f);
      const r = readRubricJson(name, true, file) as Rubric;
      // A malformed bundled rubric: validating it throws the error that says what is wrong.
      if (typeof r.task !== 'string' || !Array.isArray(r.fileNames) || !Array.isArray(r.projectDirs)) validateRubric(r, file);
      return {
        name, task: r.task, curriculum: r.curriculum ?? 'classic', order: r.order ?? 0, ...(r.variantOf ? { variantOf: r.variantOf } : {}), ...(r.draft ? { draft: r.draft } : {}),
        title: r.title ?? r.task, fileNames: r.fileNames, projectDirs: r.projectDirs, ...(r.answerSection ? { answerSection: r.answerSection } : {}),
      };
    })
    // Names compared as code units: the first localeCompare of a process loads ICU's collator (~7 ms
    // CPU), and rubric names are ASCII file names.
    .sort((a, b) => a.order - b.order || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return bundledIndex;
}

export function bundledRubrics(): BundledRubric[] {
  return bundledTasks().map(({ name, task, curriculum, order, variantOf, draft }) => ({ name, task, curriculum, order, ...(variantOf ? { variantOf } : {}), ...(draft ? { draft } : {}) }));
}

/** The tasks of a curriculum's project, in task order (variants left out), without loading their rubrics. */
export function projectTaskIndex(curriculum: Curriculum): BundledTask[] {
  return bundledTasks().filter((r) => r.curriculum === curriculum && !r.variantOf);
}

/** The rubrics of a curriculum's project, in task order (variants left out). */
export function projectRubrics(curriculum: Curriculum): Rubric[] {
  return projectTaskIndex(curriculum).map((r) => loadRubric(r.name));
}
