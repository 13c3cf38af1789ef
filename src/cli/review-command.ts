import { userInfo } from 'node:os';
import path from 'node:path';
import { printable } from '../chars.js';
import { UsageError } from '../errors.js';
import { loadReviewQueue } from '../grade/review/review-queue.js';
import { checkLoopback, startReviewServer } from '../grade/review/review-server.js';
import type { CliIO } from './io.js';

export interface ReviewCommandOptions {
  cohort?: string;
  host: string;
  port?: number;
  reviewer?: string;
}

/** Who reviews, when not said: the login of the account running the server. */
function defaultReviewer(io: CliIO): string {
  try {
    return io.env.INFRALINT_REVIEWER ?? userInfo().username;
  } catch {
    return '';
  }
}

/**
 * `infralint review <grades>`: serves the review page on this machine until Ctrl-C (or SIGTERM),
 * then exits 0. `stop` (tests) replaces the signals.
 */
export async function runReview(grades: string, opts: ReviewCommandOptions, io: CliIO, stop?: Promise<void>): Promise<number> {
  checkLoopback(opts.host);
  if (opts.port !== undefined && opts.port > 65535) throw new UsageError(`--port must be at most 65535, not ${opts.port}`);
  const queue = await loadReviewQueue(path.resolve(io.cwd, grades), opts.cohort ? path.resolve(io.cwd, opts.cohort) : undefined);
  const review = await startReviewServer(queue, { host: opts.host, ...(opts.port !== undefined ? { port: opts.port } : {}), reviewer: opts.reviewer ?? defaultReviewer(io) });
  const rules = queue.students.reduce((n, s) => n + s.record.tasks.reduce((m, t) => m + t.rules.filter((r) => r.status === 'manual').length, 0), 0);
  io.stdout(`infralint review: ${queue.students.length} students, ${rules} rules awaiting a person (submissions in ${printable(queue.cohort)})\n`);
  io.stdout(`Open ${review.url} (decisions go to ${printable(path.join(queue.grades, 'decisions.jsonl'))}); Ctrl-C to stop\n`);
  await (stop ?? new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  }));
  await review.close();
  io.stdout('infralint review: stopped\n');
  return 0;
}
