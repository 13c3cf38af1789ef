import { jsonSafe } from '../chars.js';
import type { LintReport } from '../report/model.js';

/** The JSON contract: stable keys, paths relative to the submission, no machine-specific data. */
export function formatJson(report: LintReport): string {
  return `${jsonSafe(JSON.stringify(
    {
      tool: report.tool,
      results: report.results.map(({ root: _root, ...result }) => ({
        ...result,
        rules: result.rules.map((r) => ({
          ...r,
          findings: r.findings.map((f) => ({
            ruleId: f.ruleId,
            message: f.message,
            file: f.file,
            line: f.line,
            column: f.column,
            endLine: f.endLine ?? f.line,
            endColumn: f.endColumn ?? f.column,
            severity: f.severity,
            ...(f.hint ? { hint: f.hint } : {}),
            // ESLint's shape, `fix: { range, text }`, with each edit's line and column (see fix/model.ts).
            ...(f.fix ? { fix: f.fix } : {}),
          })),
        })),
      })),
    },
    null,
    2,
  ))}\n`;
}
