import { jsonSafe } from '../chars.js';
import { verdictText } from '../score/score.js';
import type { LintReport } from '../report/model.js';

/**
 * Gradescope autograder results.json: a test per rule with score and max_score, the rule's message
 * and findings as output, all visible to the student; manual rules score 0 and say they await review.
 */
export function formatGradescope(report: LintReport): string {
  const tests = report.results.flatMap((result) =>
    result.rules
      .filter((r) => r.maxPoints > 0 || r.status === 'fail')
      .map((rule) => ({
        name: `${result.task}: ${rule.id}`,
        score: rule.points,
        max_score: rule.maxPoints,
        // Gradescope knows passed and failed only: a rule awaiting review has no status yet.
        ...(rule.status === 'manual' ? {} : { status: rule.status === 'pass' ? 'passed' : 'failed' }),
        output: [
          rule.status === 'manual' ? `Awaiting manual review: ${rule.message}` : rule.message,
          ...rule.findings.map((f) => `- ${f.file}:${f.line}:${f.column} ${f.message}${f.hint ? `\n  Fix: ${f.hint}` : ''}`),
        ].join('\n'),
        visibility: 'visible',
        tags: [rule.status],
      })),
  );
  const score = report.results.reduce((n, r) => n + r.score, 0);
  const output = report.results.map((r) => `${r.task}: ${r.score}/${r.maxScore}${r.manualPoints ? ` (${r.manualPoints} points await manual review)` : ''}, ${verdictText(r.verdict)}`).join('\n');
  return `${jsonSafe(JSON.stringify({ score, output, visibility: 'visible', stdout_visibility: 'hidden', tests }, null, 2))}\n`;
}
