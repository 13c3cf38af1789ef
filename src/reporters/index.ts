import type { LintReport } from '../api/lint-submission.js';
import { makeChalk } from './colour.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatMarkdown } from './markdown.js';
import { formatSarif } from './sarif.js';
import { formatJunit } from './junit.js';
import { formatCsv } from './csv.js';
import { formatGradescope } from './gradescope.js';
import { formatStylish } from './stylish.js';

export const FORMATS = ['stylish', 'json', 'github', 'markdown', 'sarif', 'junit', 'csv', 'gradescope'] as const;
export type FormatName = (typeof FORMATS)[number];

export function isFormat(name: string): name is FormatName {
  return (FORMATS as readonly string[]).includes(name);
}

export interface FormatOptions {
  env?: NodeJS.ProcessEnv;
  /** Whether the destination is a terminal (colour by default). */
  isTTY?: boolean;
}

export function formatReport(report: LintReport, format: FormatName, options: FormatOptions = {}): string {
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'github':
      return formatGithub(report);
    case 'markdown':
      return formatMarkdown(report);
    case 'sarif':
      return formatSarif(report);
    case 'junit':
      return formatJunit(report);
    case 'csv':
      return formatCsv(report);
    case 'gradescope':
      return formatGradescope(report);
    case 'stylish':
      return formatStylish(report, makeChalk(options.env, options.isTTY));
  }
}
