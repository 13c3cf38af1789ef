import { printable } from '../chars.js';
import { stringify } from 'csv-stringify/sync';
import type { LintReport } from '../report/model.js';

/**
 * Spreadsheet programs run cells starting with these as formulas: student text must not. Control
 * characters are written out (a CSV printed to a terminal must not act on it).
 */
export function spreadsheetSafe(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${printable(value)}` : printable(value);
}

/** A field csv-stringify (default options) writes quoted: one holding the quote, the delimiter or a line feed. */
const NEEDS_QUOTES = /[",\n]/;

/**
 * One record as `stringify([cells])` writes it with the default options, without its line feed:
 * a string or number field as it is, quoted (its quotes doubled) when it holds `"`, `,` or `\n`;
 * null, undefined and '' as nothing. Bulk grading renders rows for every student: building a
 * stringifier (options normalised, a stream set up) per row cost more than the rows themselves.
 * Any other type of field is left to csv-stringify.
 */
export function csvRecord(cells: readonly unknown[]): string {
  let out = '';
  for (let i = 0; i < cells.length; i++) {
    if (i) out += ',';
    const cell = cells[i];
    if (cell === null || cell === undefined || cell === '') continue;
    if (typeof cell !== 'string' && typeof cell !== 'number') {
      out += stringify([[cell]]).slice(0, -1);
      continue;
    }
    const text = typeof cell === 'string' ? cell : `${cell}`;
    out += NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  }
  return out;
}

/** A rule's cell: its points, or its status when points say nothing (manual, skipped, no weight). */
export function ruleCell(rule: { status: string; points: number; maxPoints: number } | undefined): string | number {
  if (!rule) return '';
  return rule.status === 'manual' || rule.status === 'skipped' || rule.maxPoints === 0 ? rule.status : rule.points;
}

/** One row per task: where, score, pass/fail, then each rule's points (or its status when it has none). */
export function formatCsv(report: LintReport): string {
  const ruleIds = [...new Set(report.results.flatMap((r) => r.rules.map((x) => x.id)))];
  const header = ['path', 'task', 'score', 'max_score', 'manual_points', 'threshold', 'passed', 'verdict', ...ruleIds];
  const rows = report.results.map((r) => [
    r.path, r.task, r.score, r.maxScore, r.manualPoints, r.threshold, r.passed, r.verdict,
    ...ruleIds.map((id) => ruleCell(r.rules.find((x) => x.id === id))),
  ]);
  return stringify([header, ...rows.map((row) => row.map(spreadsheetSafe))], { cast: { boolean: (v) => String(v) } });
}
