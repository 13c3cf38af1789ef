import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { lintSubmission } from '../api/lint-submission.js';
import type { TaskResult } from '../report/model.js';
import { verdictText } from '../score/score.js';
import { applyConfig, findConfig, rubricFromConfig } from '../config/config.js';
import { bundledRubrics, CURRICULA, type Curriculum, type Rubric } from '../config/rubric.js';
import { UsageError } from '../errors.js';
import { projectTasks } from '../discover/project-tasks.js';
import { escapeData } from '../reporters/github.js';
import { formatReport, isFormat } from '../reporters/index.js';

/** What the Action receives from GitHub: inputs as INPUT_<NAME> variables, files to write to. */
export interface ActionEnv {
  [name: string]: string | undefined;
}

function input(env: ActionEnv, name: string): string {
  return (env[`INPUT_${name.toUpperCase().replace(/ /g, '_')}`] ?? '').trim();
}

/** Why the step fails under `fail-on`, or null when it passes. */
function whyFailed(result: TaskResult, failOn: string, errors: number): string | null {
  const score = `${result.score}/${result.maxScore}`;
  if (result.verdict === 'failed') return `failed: ${score} is below the threshold of ${result.threshold}%${result.manualPoints ? `, even with the ${result.manualPoints} points awaiting review` : ''}.`;
  if (failOn === 'pending' && result.verdict === 'pending') return `pending review: ${score}, ${result.manualPoints} points await a person and could lift it over ${result.threshold}% (fail-on: pending).`;
  if (failOn === 'error' && errors) return `${errors} error finding${errors === 1 ? '' : 's'} (fail-on: error), though the verdict is ${verdictText(result.verdict)}.`;
  return null;
}

/**
 * The rubrics the Action grades: `task` may name a rubric (bundled, or a JSON file) as before, or
 * tasks of the project ("0,3", "scale_up"); empty: the configuration's rubric, else every task the
 * repository holds.
 */
async function actionRubrics(task: string, curriculum: Curriculum | '', target: string, workspace: string, loaded: Awaited<ReturnType<typeof findConfig>>): Promise<Rubric[]> {
  const isRubric = task.endsWith('.json') || bundledRubrics().some((r) => r.name === task);
  if (isRubric || (!task && loaded?.config.rubric)) return [await rubricFromConfig(loaded, { ...(task ? { rubric: task } : {}), cwd: workspace, inside: workspace })];
  const config = loaded?.config ?? {};
  const tasks = task ? task.split(/[\s,]+/).filter(Boolean) : config.tasks;
  const chosen = curriculum || config.curriculum;
  return projectTasks(target, { ...(tasks ? { tasks } : {}), ...(chosen ? { curriculum: chosen } : {}) }).map((rubric) => applyConfig(rubric, config, false));
}

/** Writes an output file, creating its folder. */
function writeOutput(workspace: string, file: string, text: string): void {
  const target = path.resolve(workspace, file);
  try {
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
  } catch (error) {
    throw new UsageError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** When the step fails: below the threshold (default), also while points await review, also on any error finding, never. */
const FAIL_ON = ['below-threshold', 'pending', 'error', 'never'];

/** GITHUB_OUTPUT lines; a value with a newline uses the heredoc form GitHub documents. */
function setOutput(env: ActionEnv, name: string, value: string): void {
  const file = env.GITHUB_OUTPUT;
  if (!file) return;
  const delimiter = `infralint_${Math.random().toString(36).slice(2)}`;
  appendFileSync(file, value.includes('\n') ? `${name}<<${delimiter}\n${value}\n${delimiter}\n` : `${name}=${value}\n`);
}

/**
 * The GitHub Action: grade the repository (or `path`), annotate the student's files, write the
 * job summary and the outputs, optionally SARIF and other formats, and fail the step according to
 * `fail-on`. Returns the exit code; never throws for a user mistake.
 */
export async function runAction(env: ActionEnv, write: (text: string) => void): Promise<number> {
  try {
    const workspace = env.GITHUB_WORKSPACE || process.cwd();
    const target = path.resolve(workspace, input(env, 'path') || '.');
    const failOn = input(env, 'fail-on') || 'below-threshold';
    if (!FAIL_ON.includes(failOn)) throw new UsageError(`fail-on must be ${FAIL_ON.join(', ')}, not "${failOn}"`);
    const minScoreText = input(env, 'min-score');
    const minScore = minScoreText ? Number(minScoreText) : undefined;
    if (minScore !== undefined && !(minScore >= 0 && minScore <= 100)) throw new UsageError(`min-score must be a number from 0 to 100, not "${minScoreText}"`);
    // Every input is checked before grading: a mistake costs no run.
    const formats = input(env, 'format').split(/[\s,]+/).filter(Boolean).map((spec) => {
      const [name, file] = spec.split(':');
      if (!name || !isFormat(name) || !file) throw new UsageError(`format entries are NAME:FILE (e.g. junit:infralint.xml), not "${spec}"`);
      return { name, file };
    });
    const task = input(env, 'task');
    // The workspace is the repository being graded: its settings are read as regular files inside
    // it, bounded in size, never through a link (a link could show another file in an annotation).
    const loaded = await findConfig(workspace, undefined, { inside: workspace });
    const curriculum = input(env, 'curriculum');
    if (curriculum && !(CURRICULA as readonly string[]).includes(curriculum)) throw new UsageError(`curriculum must be one of ${CURRICULA.join(', ')}, not "${curriculum}"`);
    const rubrics = await actionRubrics(task, curriculum as Curriculum | '', target, workspace, loaded);
    const report = await lintSubmission(target, { rubrics, relativeTo: workspace, ...(minScore !== undefined ? { minScore } : {}) });

    write(formatReport(report, 'github'));
    if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, formatReport(report, 'markdown'));
    const sarifFile = input(env, 'sarif-file');
    if (sarifFile) writeOutput(workspace, sarifFile, formatReport(report, 'sarif'));
    for (const { name, file } of formats) writeOutput(workspace, file, formatReport(report, name));

    // The outputs are the project's: points summed over the tasks graded, passed when every task passed,
    // the worst verdict; `tasks` holds each task's figures.
    const results = report.results;
    const sum = (pick: (r: TaskResult) => number) => Math.round(100 * results.reduce((n, r) => n + pick(r), 0)) / 100;
    setOutput(env, 'score', String(sum((r) => r.score)));
    setOutput(env, 'max-score', String(sum((r) => r.maxScore)));
    setOutput(env, 'manual-points', String(sum((r) => r.manualPoints)));
    setOutput(env, 'passed', String(results.every((r) => r.passed)));
    setOutput(env, 'verdict', results.some((r) => r.verdict === 'failed') ? 'failed' : results.some((r) => r.verdict === 'pending') ? 'pending' : 'passed');
    setOutput(env, 'tasks', JSON.stringify(results.map((r) => ({ task: r.task, score: r.score, maxScore: r.maxScore, manualPoints: r.manualPoints, passed: r.passed, verdict: r.verdict }))));

    const whys = failOn === 'never' ? [] : results.flatMap((result) => {
      const errors = result.rules.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'error').length, 0);
      const why = whyFailed(result, failOn, errors);
      return why ? [results.length > 1 ? `${result.task} ${why}` : why] : [];
    });
    // One line per task that says why the step failed, beside the score notices.
    for (const why of whys) write(`::error title=infralint::${escapeData(why)}\n`);
    return whys.length ? 1 : 0;
  } catch (error) {
    const message = error instanceof UsageError ? error.message : `internal error: ${(error as Error)?.message ?? error}`;
    write(`::error title=infralint::${escapeData(message)}\n`);
    return 2;
  }
}
