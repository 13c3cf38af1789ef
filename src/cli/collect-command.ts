import path from 'node:path';
import { printable } from '../chars.js';
import { bundledRubrics, loadRubric } from '../config/rubric.js';
import { collectCohort } from '../grade/collect.js';
import type { CliIO } from './io.js';
import { progressReporter } from './progress.js';

export interface CollectCommandOptions {
  repo: string;
  dir: string;
  path?: string[];
  jobs?: number;
  timeout?: number;
}

/** The project folders of the bundled rubrics: what a sparse checkout takes by default. */
export function defaultProjectDirs(): string[] {
  return [...new Set(bundledRubrics().flatMap((b) => loadRubric(b.name).projectDirs))];
}

/**
 * `infralint collect <roster> --repo <template>`: exit 0 when every repository was collected, 1 when
 * some are missing, private or failed (each listed with why).
 */
export async function runCollect(roster: string, opts: CollectCommandOptions, io: CliIO): Promise<number> {
  const progress = await progressReporter<{ done: number; total: number; missing: number; failed: number }>(io, io.stderrIsTTY ?? false, 'collect', 'collected', (p) => `${p.missing} missing or private, ${p.failed} failed`);
  const paths = (opts.path ?? defaultProjectDirs()).filter((p) => p !== '.');
  let result;
  try {
    result = await collectCohort({
      roster: path.resolve(io.cwd, roster),
      template: opts.repo,
      dir: path.resolve(io.cwd, opts.dir),
      paths: opts.path?.includes('.') ? [] : paths,
      jobs: opts.jobs ?? 8,
      timeoutMs: (opts.timeout ?? 120) * 1000,
      onProgress: progress.update,
      onWarning: (message) => io.stderr(`infralint collect: warning: ${printable(message)}\n`),
    });
  } finally {
    progress.stop();
  }
  const { counts, manifest } = result;
  io.stdout(`Collected ${manifest.students.length} students into ${opts.dir}: ${counts.cloned} cloned, ${counts.updated} updated, ${counts.missing} missing or private, ${counts.failed} failed\n`);
  for (const s of manifest.students) {
    if (s.status === 'missing' || s.status === 'failed') io.stdout(`  ${printable(s.login)}: ${s.status}: ${printable(s.message)}\n`);
    else if (s.message) io.stdout(`  ${printable(s.login)}: ${printable(s.message)}\n`);
  }
  io.stdout(`  wrote ${path.join(opts.dir, path.basename(result.file))}: the commit of each student, read by \`infralint grade ${opts.dir}\`\n`);
  return counts.missing + counts.failed ? 1 : 0;
}
