import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { lintSubmission, type LintOptions } from '../api/lint-submission.js';
import type { TaskResult } from '../report/model.js';
import type { LoadedSubmission } from '../submission/model.js';
import { TOOL } from '../tool.js';
import type { Rubric } from '../config/rubric.js';
import { probesUnchanged, recordProbes } from '../read/fs-probes.js';
import { escapeMarkdown, formatMarkdown } from '../reporters/markdown.js';
import { digestRecord, feedbackFileName, type RecordDigest } from './record-digest.js';
import type { GradeJob, GradedTask, StudentRecord } from './record.js';
import { baseTextOf } from './similarity/base-text.js';
import { fingerprintOf } from './similarity/graph-identity.js';
import { emptySketch, SketchBuilder, type TaskSketch } from './similarity/sketch.js';
import type { BaseText } from './similarity/base-text.js';

/** What every student of a run is graded with (sent once to each worker). */
export interface GradeSettings {
  rubrics: Rubric[];
  lint: Pick<LintOptions, 'minScore' | 'disable' | 'maxBytes'>;
  /** Texts students were given besides the task statement (a README template): base text for similarity. */
  baseText?: string[];
}

/** A digest of everything besides the submission that a result depends on. */
export function settingsKey(settings: GradeSettings): string {
  return createHash('sha1').update(JSON.stringify({ version: TOOL.version, ...settings })).digest('hex');
}

export type GradeOutcome = StudentRecord | { student: string; reused: true };

/**
 * Grades one student with the same library call as `infralint check`. Never throws: whatever goes
 * wrong becomes a record with status `error` and the reason, and the batch goes on.
 */
export async function gradeStudent(job: GradeJob, settings: GradeSettings, key = settingsKey(settings)): Promise<GradeOutcome> {
  if (job.previous && job.previous.config === key && probesUnchanged(job.previous.probes)) return { student: job.student, reused: true };
  const base = { student: job.student, name: job.name, email: job.email };
  const baseText = baseTextOf(settings);
  const sketches: TaskSketch[] = [];
  const sketched = new Set<string>();
  const problems: string[] = [];
  try {
    const { value: report, probes } = await recordProbes(() =>
      lintSubmission(job.dir, {
        ...settings.lint,
        rubrics: settings.rubrics,
        onTask: (submission, result) => {
          sketches.push(sketchTask(baseText, sketched, submission, result));
          problems.push(...unreadable(submission, result));
        },
      }),
    );
    const tasks = report.results.map(gradedTask);
    return {
      ...base,
      status: problems.length ? 'error' : 'graded',
      error: problems.join('; '),
      tasks,
      feedback: formatMarkdown(report),
      features: { tasks: sketches },
      inputs: { config: key, probes },
    };
  } catch (error) {
    return errorRecord(job, `infralint could not grade this submission: ${(error as Error)?.message ?? String(error)}`);
  }
}

export type CohortOutcome = RecordDigest | { student: string; reused: true };

/**
 * Grades one student of a cohort and does, where the grading ran (a worker), the per-student part
 * of the outputs: the feedback file when the run has a feedback folder, the results line, the
 * gradebook entry and the similarity inputs.
 */
export async function gradeForCohort(job: GradeJob, settings: GradeSettings, key: string): Promise<CohortOutcome> {
  const outcome = await gradeStudent(job, settings, key);
  if ('reused' in outcome) return outcome;
  let written = false;
  if (job.feedbackFolder) {
    try {
      writeFileSync(path.join(job.feedbackFolder, feedbackFileName(outcome.student)), outcome.feedback);
      written = true;
    } catch {
      // Left to the thread that writes the outputs, which reports what goes wrong.
    }
  }
  return digestRecord(outcome, written);
}

export function errorRecord(job: Pick<GradeJob, 'student' | 'name' | 'email'>, message: string): StudentRecord {
  return {
    student: job.student,
    name: job.name,
    email: job.email,
    status: 'error',
    error: message,
    tasks: [],
    feedback: `## infralint could not grade this submission\n\n${escapeMarkdown(message)}\n`,
    features: emptySketch(),
    inputs: null,
  };
}

function gradedTask({ root: _root, rules, ...task }: TaskResult): GradedTask {
  return { ...task, rules: rules.map(({ id, status, points, maxPoints, message, findings }) => ({ id, status, points, maxPoints, message, findings })) };
}

/**
 * What near-duplicate detection compares of a task: its files' prose (headings left out: they echo
 * the statement), its diagram's labels and its graph's shape. A file several tasks read (the README
 * of the Mermaid-native curriculum) is read once.
 */
function sketchTask(base: BaseText, sketched: Set<string>, submission: LoadedSubmission, result: TaskResult): TaskSketch {
  const sketch = new SketchBuilder(base, result.task);
  for (const file of submission.files) {
    if (!file.markdown || sketched.has(file.relPath)) continue;
    sketched.add(file.relPath);
    for (const block of file.markdown.prose) if (block.kind !== 'heading') sketch.addProse(file.relPath, block.line, block.text);
  }
  const { components, edges, groups } = result.graph;
  for (const c of components) sketch.addLabel(c.file, c.line, c.label);
  for (const e of edges) if (e.label) sketch.addLabel(e.file, e.line, e.label);
  const fileOf = new Map(components.map((c) => [c.key, c.file]));
  for (const g of groups) sketch.addLabel(fileOf.get(g.members[0] ?? '') ?? result.path, g.line, g.title);
  sketch.setGraph(fingerprintOf(result.task, result.graph));
  return sketch.build();
}

/** Why a person must look at this result: the task file could not be read whole, or a rule crashed. */
function unreadable(submission: LoadedSubmission, result: TaskResult): string[] {
  const problems: string[] = [];
  const task = submission.task;
  if (submission.located.taskFile && !submission.taskFile) {
    const why = submission.notices.find((n) => n.severity === 'error')?.message ?? 'it could not be read';
    problems.push(`${task}: ${why}`);
  }
  const read = submission.taskFile?.read;
  if (read && (read.truncated || read.invalidUtf8)) {
    for (const notice of submission.notices) if (notice.file === read.relPath) problems.push(`${task}: ${notice.message}`);
  }
  for (const rule of result.rules) if (rule.crashed) problems.push(`${task}: ${rule.message}`);
  return problems;
}
