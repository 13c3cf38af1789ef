import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { lintSubmission, type TaskResult } from '../api/lint-submission.js';
import { verdictText } from '../score/score.js';
import { findConfig, rubricFromConfig } from '../config/config.js';
import { UsageError } from '../config/rubric.js';
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
    const loaded = await findConfig(workspace);
    const rubric = await rubricFromConfig(loaded, { ...(task ? { rubric: task } : {}), cwd: workspace });
    const report = await lintSubmission(target, { rubrics: [rubric], relativeTo: workspace, ...(minScore !== undefined ? { minScore } : {}) });

    write(formatReport(report, 'github'));
    if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, formatReport(report, 'markdown'));
    const sarifFile = input(env, 'sarif-file');
    if (sarifFile) writeOutput(workspace, sarifFile, formatReport(report, 'sarif'));
    for (const { name, file } of formats) writeOutput(workspace, file, formatReport(report, name));

    const result = report.results[0]!;
    setOutput(env, 'score', String(result.score));
    setOutput(env, 'max-score', String(result.maxScore));
    setOutput(env, 'manual-points', String(result.manualPoints));
    setOutput(env, 'passed', String(result.passed));
    setOutput(env, 'verdict', result.verdict);

    const errors = result.rules.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'error').length, 0);
    const why = failOn === 'never' ? null : whyFailed(result, failOn, errors);
    if (!why) return 0;
    // One line that says why the step failed, beside the score notice.
    write(`::error title=infralint::${escapeData(why)}\n`);
    return 1;
  } catch (error) {
    const message = error instanceof UsageError ? error.message : `internal error: ${(error as Error)?.message ?? error}`;
    write(`::error title=infralint::${escapeData(message)}\n`);
    return 2;
  }
}
