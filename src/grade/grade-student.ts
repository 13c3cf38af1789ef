import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { cachedByObject } from '../bounded-cache.js';
import { lintResolving, type LintOptions } from '../api/lint-submission.js';
import type { TaskResult } from '../report/model.js';
import type { LoadedSubmission } from '../submission/model.js';
import { TOOL } from '../tool.js';
import type { Rubric } from '../config/rubric.js';
import { ResolvedPaths } from '../read/safe-read.js';
import { digestSubmissionBytes, portableProbes, portableProbesUnchanged, probesDigest, recordProbes } from '../read/fs-probes.js';
import { ruleModuleOf } from '../config/rubric.js';
import { escapeMarkdown, formatMarkdown } from '../reporters/markdown.js';
import { gradebookLayout, type GradebookLayout } from './gradebook.js';
import { ByteArena } from './byte-arena.js';
import { digestRecord, feedbackFileName, type RecordDigest } from './record-digest.js';
import type { GradeJob, GradedTask, GradingSettingsSummary, ReviewVisual, StudentRecord } from './record.js';
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

/** The settings as the results header keeps them: merge names the one that differs between shards. */
export function settingsSummary(settings: GradeSettings): GradingSettingsSummary {
  return {
    version: TOOL.version,
    rubrics: Object.fromEntries(settings.rubrics.map((r) => [r.task, createHash('sha1').update(JSON.stringify(r)).digest('hex').slice(0, 16)])),
    minScore: settings.lint.minScore ?? null,
    disable: [...(settings.lint.disable ?? [])].sort(),
    maxBytes: settings.lint.maxBytes ?? null,
  };
}

export type GradeOutcome = StudentRecord | { student: string; reused: true };

/**
 * Grades one student with the same library call as `infralint check`. Never throws: whatever goes
 * wrong becomes a record with status `error` and the reason, and the batch goes on.
 */
export async function gradeStudent(job: GradeJob, settings: GradeSettings, key = settingsKey(settings)): Promise<GradeOutcome> {
  // Probes are kept relative to the student's folder: a cohort moved or cloned again is recognised.
  if (job.previous && job.previous.config === key && portableProbesUnchanged(job.previous.probes, job.dir)) return { student: job.student, reused: true };
  const base = { student: job.student, name: job.name, email: job.email, ...extras(job) };
  const baseText = baseTextOf(settings);
  const sketches: TaskSketch[] = [];
  const sketched = new Set<string>();
  const problems: string[] = [];
  const visuals = new Map<string, ReviewVisual[]>();
  const resolved = new ResolvedPaths();
  try {
    const { value: report, probes } = await recordProbes(() =>
      lintResolving(job.dir, {
        ...settings.lint,
        rubrics: settings.rubrics,
        onTask: (submission, result) => {
          sketches.push(sketchTask(baseText, sketched, submission, result));
          problems.push(...unreadable(submission, result));
          visuals.set(result.task, reviewVisuals(job.dir, submission));
        },
      }, resolved),
    );
    const tasks = report.results.map((result) => gradedTask(result, job.dir, settings, visuals.get(result.task) ?? []));
    return {
      ...base,
      status: problems.length ? 'error' : 'graded',
      error: problems.join('; '),
      tasks,
      feedback: formatMarkdown(report),
      features: { tasks: sketches },
      inputs: { config: key, probes: portableProbes(probes, job.dir, realPathOr(resolved, job.dir)) },
      digest: probesDigest(probes),
    };
  } catch (error) {
    return errorRecord(job, `infralint could not grade this submission: ${(error as Error)?.message ?? String(error)}`);
  }
}

/** The real path of a student's folder: the one its reading resolved (no second realpath), else `dir`. */
function realPathOr(resolved: ResolvedPaths, dir: string): string {
  try {
    return resolved.of(path.resolve(dir));
  } catch {
    return dir;
  }
}

/** The gradebooks' layout of a run's settings, made once (a worker renders every student with it). */
const layoutOf = cachedByObject((settings: GradeSettings): GradebookLayout => gradebookLayout(settings.rubrics));

export type CohortOutcome = RecordDigest | { student: string; reused: true };

/**
 * Where this thread writes its students' results lines and gradebook blocks (views of it are sent,
 * copied, to the thread that writes the outputs): never written over, so shared by every call.
 */
const outputBytes = new ByteArena();

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
  return digestRecord(outcome, layoutOf(settings), written, outputBytes);
}

/** What a record carries from the run's plan besides the name: the commit collected and the roster's columns. */
export function extras(job: Pick<GradeJob, 'commit' | 'rosterColumns'>): Pick<StudentRecord, 'commit' | 'rosterColumns'> {
  return { ...(job.commit ? { commit: job.commit } : {}), ...(job.rosterColumns && Object.keys(job.rosterColumns).length ? { rosterColumns: job.rosterColumns } : {}) };
}

/** A roster student without a submission: a row of its own, so that every student is accounted for. */
export function notSubmittedRecord(job: Pick<GradeJob, 'student' | 'name' | 'email' | 'commit' | 'rosterColumns'>, message: string): StudentRecord {
  return { ...errorRecord(job, message), status: 'not-submitted', feedback: `## No submission\n\n${escapeMarkdown(message)}\n` };
}

export function errorRecord(job: Pick<GradeJob, 'student' | 'name' | 'email' | 'commit' | 'rosterColumns'>, message: string): StudentRecord {
  return {
    student: job.student,
    name: job.name,
    email: job.email,
    ...extras(job),
    status: 'error',
    error: message,
    tasks: [],
    feedback: `## infralint could not grade this submission\n\n${escapeMarkdown(message)}\n`,
    features: emptySketch(),
    inputs: null,
  };
}

/**
 * A task's result without machine paths (`base` relative to the student's folder, '.' for the
 * folder itself), with what a reviewer needs for the rules awaiting one.
 */
function gradedTask({ root: _root, rules, ...task }: TaskResult, dir: string, settings: GradeSettings, visuals: ReviewVisual[]): GradedTask {
  const rubric = settings.rubrics.find((r) => r.task === task.task);
  const base = path.relative(dir, task.base);
  return {
    ...task,
    base: base === '' ? '.' : base.startsWith('..') || path.isAbsolute(base) ? '' : base,
    rules: rules.map(({ id, status, points, maxPoints, message, findings, description }) => {
      const entry = rubric?.rules.find((r) => r.id === id);
      // What a reviewer needs, kept only for the rules awaiting one (the records stay small).
      const review = status === 'manual' ? { description, ...(entry && ruleModuleOf(entry).meta.partialCredit ? { partialCredit: true as const } : {}) } : {};
      return { id, status, points, maxPoints, message, findings, ...review };
    }),
    ...(visuals.length ? { visuals } : {}),
  };
}

/**
 * The images and links of a task a person must look at, with each local image's path in the
 * student's folder; each local image is digested (a recorded probe), so that the submission's
 * digest changes with the image and `--resume` regrades it.
 */
function reviewVisuals(studentDir: string, submission: LoadedSubmission): ReviewVisual[] {
  const root = submission.located.root;
  return submission.visuals.map((v) => {
    const visual: ReviewVisual = { kind: v.kind, file: toForward(path.relative(studentDir, path.join(root, v.file))), line: v.line, target: v.target };
    if (v.localPath) {
      digestSubmissionBytes(studentDir, v.localPath);
      visual.path = toForward(path.relative(studentDir, v.localPath));
    }
    return visual;
  });
}

function toForward(p: string): string {
  return p.split(path.sep).join('/');
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
