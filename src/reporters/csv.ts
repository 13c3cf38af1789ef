import { stringify } from 'csv-stringify/sync';
import type { LintReport } from '../api/lint-submission.js';

/** One row per task: where, score, pass/fail, then each rule's points (or its status when it has none). */
export function formatCsv(report: LintReport): string {
  const ruleIds = [...new Set(report.results.flatMap((r) => r.rules.map((x) => x.id)))];
  const header = ['path', 'task', 'score', 'max_score', 'manual_points', 'threshold', 'passed', ...ruleIds];
  const rows = report.results.map((r) => [
    r.path, r.task, r.score, r.maxScore, r.manualPoints, r.threshold, r.passed,
    ...ruleIds.map((id) => {
      const rule = r.rules.find((x) => x.id === id);
      if (!rule) return '';
      return rule.status === 'manual' || rule.status === 'skipped' || rule.maxPoints === 0 ? rule.status : rule.points;
    }),
  ]);
  // Student-controlled text (paths) must not become a spreadsheet formula.
  const safe = (v: unknown) => (typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
  return stringify([header, ...rows.map((row) => row.map(safe))], { cast: { boolean: (v) => String(v) } });
}
