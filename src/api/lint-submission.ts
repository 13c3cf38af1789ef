import { existsSync } from 'node:fs';
import { loadRubric, type Curriculum, type Rubric } from '../config/rubric.js';
import { projectTasks } from '../discover/project-tasks.js';
import { runRubric, type RunOptions } from '../engine/run-rubric.js';
import { UsageError } from '../errors.js';
import type { LintReport, TaskResult } from '../report/model.js';
import { loadSubmission } from '../submission/load-submission.js';
import { ResolvedPaths } from '../read/safe-read.js';
import { FolderLooks } from '../read/fs-probes.js';
import type { LoadedSubmission } from '../submission/model.js';
import { submissionFromText, type TextPlacement } from '../submission/from-text.js';
import { TOOL } from '../tool.js';
import { rebase, rebaseFixed } from '../report/rebase.js';
import { fixedFiles } from '../fix/apply-fixes.js';
import type { FixType } from '../fix/model.js';
import { proposeDiagramFixes } from '../fix/propose-fixes.js';


export type { FindingFix, FixedFile, FixType, RenameFix, TextFix } from '../fix/model.js';
export type { DiagramSummary, GraphComponentJson, GraphEdgeJson, GraphGroupJson, LintReport, RuleResult, TaskResult } from '../report/model.js';
// Grades an already loaded submission (graph, prose, rules, score): the public name of the engine's run.
export { runRubric as gradeSubmission } from '../engine/run-rubric.js';

export interface LintOptions extends RunOptions {
  /**
   * Rubric names (in rules/) or paths to rubric JSON files. Default: the tasks of the project the
   * submission answers (see projectTasks), narrowed by `tasks`, in the curriculum its layout follows.
   */
  rubrics?: (string | Rubric)[];
  /** Task names or numbers to grade when no rubric is given ("0", "3-scale_up"). */
  tasks?: string[];
  /** The curriculum when no rubric is given; default: detected from the layout. */
  curriculum?: Curriculum;
  /** Bytes read at most from one file. */
  maxBytes?: number;
  /** Called with each task's loaded submission and result (bulk grading reads the prose for similarity). */
  onTask?: (submission: LoadedSubmission, result: TaskResult) => void;
  /**
   * The folder every location is written relative to: the repository's root (the git top level,
   * or the Action's workspace), so that GitHub can attach annotations whatever path was checked.
   * Default: the submission's root. Only names are rewritten: nothing outside the submission is read.
   */
  relativeTo?: string;
  /**
   * Work out the repair of each broken diagram, proven by re-parsing, and put it on its finding
   * (`finding.fix`). Default true (bulk grading too: each student's feedback is what `check` prints them).
   */
  fixes?: boolean;
  /** Return the files as the fixes leave them (`report.fixed`), without writing anything. */
  fix?: boolean;
  /** Which fixes `fix` applies: `mermaid` (default) and `file` (renaming a misnamed task file). */
  fixTypes?: FixType[];
}

/**
 * Lints one submission (a repository, its project folder, or a task file) against each rubric. The
 * CLI, the GitHub Action and bulk grading all call this, so they agree on every result.
 */
export async function lintSubmission(target: string, options: LintOptions = {}): Promise<LintReport> {
  return lintResolving(target, options, new ResolvedPaths());
}

/**
 * lintSubmission, resolving real paths into `resolved` (made for this reading only): bulk grading
 * reads the submission's real root from it afterwards instead of resolving it again.
 */
export async function lintResolving(target: string, options: LintOptions, resolved: ResolvedPaths): Promise<LintReport> {
  if (!existsSync(target)) throw new UsageError(`no such file or directory: ${target}`);
  const rubrics = options.rubrics
    ? options.rubrics.map((r) => (typeof r === 'string' ? loadRubric(r) : r))
    : projectTasks(target, { ...(options.tasks ? { tasks: options.tasks } : {}), ...(options.curriculum ? { curriculum: options.curriculum } : {}) });
  const results: TaskResult[] = [];
  const located: TaskResult[] = [];
  // Every task reads under the same root: its real path (and its folders') resolved once for all,
  // and its folders listed once for all.
  const looks = new FolderLooks(resolved);
  for (const rubric of rubrics) {
    const submission = await loadSubmission(target, rubric, options.maxBytes, resolved, looks);
    if (options.fixes !== false || options.fix) await proposeDiagramFixes(submission);
    const result = runRubric(submission, rubric, options);
    options.onTask?.(submission, result);
    located.push(result);
    results.push(options.relativeTo ? rebase(result, options.relativeTo) : result);
  }
  if (!options.fix) return { tool: { ...TOOL }, results };
  const fixed = fixedFiles(located, options.fixTypes ?? ['mermaid'], options.maxBytes).map((f) => (options.relativeTo ? rebaseFixed(f, options.relativeTo) : f));
  return { tool: { ...TOOL }, results, fixed };
}

export interface LintTextOptions extends RunOptions, TextPlacement {
  /** Put each broken diagram's proven repair on its finding (default true): `applyEdits(text, [finding.fix])` gives the fixed text. */
  fixes?: boolean;
  /** The task the text answers: a rubric name (in rules/), a rubric JSON file, or a rubric. */
  rubric: string | Rubric;
}

/**
 * Lints one task file held in memory (an editor's unsaved buffer, a test case) against a rubric:
 * nothing is read from disk, so local links lead nowhere and a local image is taken as present.
 * The result is the one `lintSubmission` gives a repository holding only that file.
 */
export async function lintText(text: string, options: LintTextOptions): Promise<TaskResult> {
  const rubric = typeof options.rubric === 'string' ? loadRubric(options.rubric) : options.rubric;
  const submission = await submissionFromText(text, rubric, options);
  if (options.fixes !== false) await proposeDiagramFixes(submission);
  return runRubric(submission, rubric, options);
}
