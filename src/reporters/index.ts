import type { LintReport } from '../report/model.js';
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
  /** Where the command runs: the human report writes paths from there, so a terminal can open them. */
  cwd?: string;
}

/** Each format's writer; stylish alone needs to know where it writes (for colour). */
const FORMATTERS: Record<FormatName, (report: LintReport, options: FormatOptions) => string> = {
  stylish: (report, options) => formatStylish(report, makeChalk(options.env, options.isTTY), options.cwd),
  json: formatJson,
  github: formatGithub,
  markdown: formatMarkdown,
  sarif: formatSarif,
  junit: formatJunit,
  csv: formatCsv,
  gradescope: formatGradescope,
};

export function formatReport(report: LintReport, format: FormatName, options: FormatOptions = {}): string {
  return FORMATTERS[format](report, options);
}
