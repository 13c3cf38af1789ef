import { availableParallelism } from 'node:os';
import path from 'node:path';
import { parseShard } from '../grade/cohort.js';
import { gradeCohort, type GradeCohortResult } from '../grade/grade-cohort.js';
import { growHeapsSlowly } from '../grade/heap-growth.js';
import type { GradeSettings } from '../grade/grade-student.js';
import { mergePartials } from '../grade/merge-partials.js';
import type { OutputResult } from '../grade/write-outputs.js';
import type { CliIO } from './io.js';
import { progressReporter } from './progress.js';
import { printable } from '../chars.js';
import { Interrupted, UsageError } from '../errors.js';
import type { CohortPlan } from '../grade/cohort-plan.js';
import { DEFAULT_EXPORT_TITLE, type ExportFormat, type ExportSettings } from '../grade/exports.js';
import { INTERRUPTED_FILE } from '../grade/results-file.js';
import type { GradingOptionValues } from './shared-options.js';

type GradeProgress = { done: number; total: number; reused: number; errors: number };

export interface GradeCommandOptions extends GradingOptionValues {
  out: string;
  jobs?: number;
  manifest?: string;
  shard?: string;
  resume?: boolean;
  report: boolean;
  rubric?: string[];
  timeout?: number;
  similarity?: number;
  export?: ExportFormat[];
  exportTitle?: string;
  bom: boolean;
  baseText?: string[];
}

export interface MergeCommandOptions {
  out: string;
  report: boolean;
  similarity?: number;
  export?: ExportFormat[];
  exportTitle?: string;
  bom: boolean;
}

/** The export settings of the options, when any format is asked for. */
function exportsOf(opts: { export?: ExportFormat[]; exportTitle?: string }): { exports: ExportSettings } | Record<string, never> {
  return opts.export?.length ? { exports: { formats: opts.export, title: opts.exportTitle ?? DEFAULT_EXPORT_TITLE } } : {};
}

/**
 * Worker threads: the cores there are at most (more threads than cores only share them, and each
 * costs its memory and warm-up), said when a larger number is capped. --timeout needs threads:
 * a student graded in this thread cannot be stopped.
 */
function workerThreads(opts: GradeCommandOptions, io: CliIO): number {
  const cores = availableParallelism();
  if (opts.jobs === 0 && opts.timeout !== undefined) throw new UsageError('--timeout needs worker threads: with --jobs 0 each student is graded in the main thread, where it cannot be stopped (drop --jobs 0, or --timeout)');
  if (opts.jobs === undefined) return cores;
  if (opts.jobs > cores) {
    io.stderr(`infralint grade: --jobs ${opts.jobs} capped at ${cores}, the cores available\n`);
    return cores;
  }
  return opts.jobs;
}

/**
 * Ctrl-C or SIGTERM stops the run: what was graded is kept for --resume, temporary files are
 * removed. A second Ctrl-C quits at once (the handler is gone after the first).
 */
function stopOnSignals(io: CliIO): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((name) => {
    const handler = () => {
      io.stderr(`\ninfralint grade: ${name}: stopping and keeping the students graded so far (press Ctrl-C again to quit at once)\n`);
      dispose();
      controller.abort(name);
    };
    process.once(name, handler);
    return [name, handler] as const;
  });
  const dispose = () => {
    for (const [name, handler] of handlers) process.removeListener(name, handler);
  };
  return { signal: controller.signal, dispose };
}

/** Relative to where infralint runs when inside it, absolute otherwise. */
function shortPath(file: string, io: CliIO): string {
  const rel = path.relative(io.cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

function describeOutputs(outputs: OutputResult, io: CliIO): void {
  for (const task of outputs.summary.tasks) {
    io.stdout(`${task.task}: ${task.passed}/${task.graded} passed, ${task.pending} pending review, mean ${task.meanPercent}%, median ${task.medianPercent}%\n`);
  }
  const { groups } = outputs.similarity;
  const grouped = groups.reduce((n, g) => n + g.students.length, 0);
  io.stdout(`${outputs.summary.manualReview.length} awaiting manual review, ${outputs.summary.errors.length} errors, ${outputs.summary.notSubmitted.length} not submitted, ${groups.length} groups of similar submissions (${grouped} submissions)\n`);
  describeReview(outputs, io);
  for (const file of outputs.files) io.stdout(`  wrote ${shortPath(file, io)}\n`);
}

/** The reviewers' decisions: how many were applied, and each one not applied with why (on stderr). */
function describeReview({ review }: OutputResult, io: CliIO): void {
  if (!review.applied && !review.stale.length && !review.setAside.length) return;
  io.stdout(`${review.applied} review decisions applied, ${review.stale.length} stale, ${review.setAside.length} set aside\n`);
  for (const { student, decision } of review.stale) {
    io.stderr(`infralint: stale decision (${printable(decision.source)}): ${printable(student)} changed their submission since ${printable(decision.reviewer)} decided ${printable(decision.task)} ${printable(decision.rule)}; it awaits review again\n`);
  }
  for (const { student, decision, why } of review.setAside) {
    io.stderr(`infralint: decision not applied (${printable(decision.source)}): ${printable(student)} ${printable(decision.task)} ${printable(decision.rule)}: ${why}\n`);
  }
}

/** `infralint grade <dir>`: exit 0 when every submission was graded, 1 when some became error rows. */
export async function runGrade(dir: string, opts: GradeCommandOptions, settings: GradeSettings, io: CliIO, stderrIsTTY: boolean, plan?: CohortPlan): Promise<number> {
  const jobs = workerThreads(opts, io);
  // Before the pool starts: the peak memory of a long run (see heap-growth.ts).
  growHeapsSlowly();
  for (const warning of plan?.warnings ?? []) io.stderr(`infralint grade: warning: ${printable(warning)}\n`);
  const progress = await progressReporter<GradeProgress>(io, stderrIsTTY, 'grade', 'graded', (p) => `${p.errors} errors, ${p.reused} reused`);
  const stop = stopOnSignals(io);
  let result: GradeCohortResult;
  try {
    result = await gradeCohort({
      dir: path.resolve(io.cwd, dir),
      out: path.resolve(io.cwd, opts.out),
      rubrics: settings.rubrics,
      lint: settings.lint,
      ...(plan ? { plan } : {}),
      signal: stop.signal,
      onWarning: (message) => io.stderr(`infralint grade: warning: ${printable(message)}\n`),
      ...exportsOf(opts),
      bom: opts.bom,
      ...(settings.baseText ? { baseText: settings.baseText } : {}),
      jobs,
      ...(opts.manifest ? { manifest: path.resolve(io.cwd, opts.manifest) } : {}),
      ...(opts.shard ? { shard: parseShard(opts.shard) } : {}),
      resume: Boolean(opts.resume),
      report: opts.report,
      ...(opts.timeout ? { timeoutMs: opts.timeout * 1000 } : {}),
      ...(opts.similarity !== undefined ? { similarity: { threshold: opts.similarity } } : {}),
      onProgress: progress.update,
    });
  } catch (error) {
    if (!(error instanceof Interrupted)) throw error;
    progress.stop();
    const kept = error.kept ? `${error.kept} students kept in ${shortPath(path.join(path.resolve(io.cwd, opts.out), INTERRUPTED_FILE), io)}: run again with --resume to reuse them` : 'no student was graded yet';
    io.stderr(`infralint grade: interrupted; the previous outputs are untouched; ${kept}\n`);
    return error.signal === 'SIGTERM' ? 143 : 130;
  } finally {
    progress.stop();
    stop.dispose();
  }
  const seconds = result.timings.grade / 1000;
  const shard = result.header.shard;
  io.stdout(`Graded ${result.students} students${shard.count > 1 ? ` (shard ${shard.index}/${shard.count})` : ''} in ${seconds.toFixed(1)} s (${Math.round(result.students / Math.max(seconds, 0.001))}/s), ${result.errors} errors, ${result.reused} reused${result.notSubmitted ? `, ${result.notSubmitted} not submitted` : ''}\n`);
  if (result.outputs) describeOutputs(result.outputs, io);
  else io.stdout(`  wrote ${shortPath(result.resultsFile, io)}: run \`infralint merge\` on every shard's results to build the gradebook\n`);
  return result.errors ? 1 : 0;
}

export async function runMerge(partials: string[], opts: MergeCommandOptions, io: CliIO): Promise<number> {
  const { outputs } = await mergePartials({
    partials: partials.map((p) => path.resolve(io.cwd, p)),
    out: path.resolve(io.cwd, opts.out),
    report: opts.report,
    bom: opts.bom,
    ...exportsOf(opts),
    ...(opts.similarity !== undefined ? { similarity: { threshold: opts.similarity } } : {}),
  });
  io.stdout(`Merged ${outputs.summary.students} submissions from ${partials.length} results files\n`);
  describeOutputs(outputs, io);
  return outputs.summary.errors.length ? 1 : 0;
}
