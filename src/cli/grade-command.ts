import { availableParallelism } from 'node:os';
import path from 'node:path';
import { parseShard } from '../grade/cohort.js';
import { gradeCohort, type GradeCohortResult } from '../grade/grade-cohort.js';
import type { GradeSettings } from '../grade/grade-student.js';
import { mergePartials } from '../grade/merge-partials.js';
import type { OutputResult } from '../grade/write-outputs.js';
import type { CliIO } from './io.js';
import type { GradingOptionValues } from './shared-options.js';

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
  baseText?: string[];
}

/** Progress on stderr: a bar on a terminal, a line every 10% (or 5 s) otherwise, for CI logs. */
async function progressReporter(io: CliIO, stderrIsTTY: boolean): Promise<{ update: (p: { done: number; total: number; reused: number; errors: number }) => void; stop: () => void }> {
  const started = Date.now();
  if (stderrIsTTY) {
    const { SingleBar, Presets } = await import('cli-progress');
    const bar = new SingleBar({ format: 'grading [{bar}] {value}/{total} | {rate}/s | ETA {eta_formatted} | {errors} errors, {reused} reused', hideCursor: true, etaBuffer: 200, fps: 10 }, Presets.shades_classic);
    let startedBar = false;
    return {
      update: (p) => {
        if (!startedBar) {
          bar.start(p.total, 0, { rate: 0, errors: 0, reused: 0 });
          startedBar = true;
        }
        bar.update(p.done, { rate: Math.round(p.done / Math.max(0.001, (Date.now() - started) / 1000)), errors: p.errors, reused: p.reused });
      },
      stop: () => bar.stop(),
    };
  }
  let nextShare = 0.1;
  let lastAt = started;
  return {
    update: (p) => {
      const now = Date.now();
      if (p.done / p.total < nextShare && now - lastAt < 5000 && p.done !== p.total) return;
      while (nextShare <= p.done / p.total) nextShare += 0.1;
      lastAt = now;
      const rate = Math.round(p.done / Math.max(0.001, (now - started) / 1000));
      io.stderr(`infralint grade: ${p.done}/${p.total} graded (${rate}/s, ${p.errors} errors, ${p.reused} reused)\n`);
    },
    stop: () => undefined,
  };
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
  io.stdout(`${outputs.summary.manualReview.length} awaiting manual review, ${outputs.summary.errors.length} errors, ${groups.length} groups of similar submissions (${grouped} submissions)\n`);
  for (const file of outputs.files) io.stdout(`  wrote ${shortPath(file, io)}\n`);
}

/** `infralint grade <dir>`: exit 0 when every submission was graded, 1 when some became error rows. */
export async function runGrade(dir: string, opts: GradeCommandOptions, settings: GradeSettings, io: CliIO, stderrIsTTY: boolean): Promise<number> {
  const progress = await progressReporter(io, stderrIsTTY);
  let result: GradeCohortResult;
  try {
    result = await gradeCohort({
      dir: path.resolve(io.cwd, dir),
      out: path.resolve(io.cwd, opts.out),
      rubrics: settings.rubrics,
      lint: settings.lint,
      ...(settings.baseText ? { baseText: settings.baseText } : {}),
      jobs: opts.jobs ?? availableParallelism(),
      ...(opts.manifest ? { manifest: path.resolve(io.cwd, opts.manifest) } : {}),
      ...(opts.shard ? { shard: parseShard(opts.shard) } : {}),
      resume: Boolean(opts.resume),
      report: opts.report,
      ...(opts.timeout ? { timeoutMs: opts.timeout * 1000 } : {}),
      ...(opts.similarity !== undefined ? { similarity: { threshold: opts.similarity } } : {}),
      onProgress: progress.update,
    });
  } finally {
    progress.stop();
  }
  const seconds = result.timings.grade / 1000;
  const shard = result.header.shard;
  io.stdout(`Graded ${result.students} submissions${shard.count > 1 ? ` (shard ${shard.index}/${shard.count})` : ''} in ${seconds.toFixed(1)} s (${Math.round(result.students / Math.max(seconds, 0.001))}/s), ${result.errors} errors, ${result.reused} reused\n`);
  if (result.outputs) describeOutputs(result.outputs, io);
  else io.stdout(`  wrote ${shortPath(result.resultsFile, io)}: run \`infralint merge\` on every shard's results to build the gradebook\n`);
  return result.errors ? 1 : 0;
}

export async function runMerge(partials: string[], opts: { out: string; report: boolean; similarity?: number }, io: CliIO): Promise<number> {
  const { outputs } = await mergePartials({
    partials: partials.map((p) => path.resolve(io.cwd, p)),
    out: path.resolve(io.cwd, opts.out),
    report: opts.report,
    ...(opts.similarity !== undefined ? { similarity: { threshold: opts.similarity } } : {}),
  });
  io.stdout(`Merged ${outputs.summary.students} submissions from ${partials.length} results files\n`);
  describeOutputs(outputs, io);
  return outputs.summary.errors.length ? 1 : 0;
}
