import { printable } from '../chars.js';
import { verdictText } from '../score/score.js';
import type { LintReport, TaskResult } from '../report/model.js';
import { ruleDocsUrl } from '../tool.js';
import type { RuleStatus } from '../types.js';

const ICON: Record<RuleStatus, string> = { pass: '✅', fail: '❌', partial: '🟡', manual: '👀', skipped: '⏭️' };

/**
 * Student text in Markdown: HTML is neutralised (a job summary renders HTML) and the characters
 * that would break a table cell or start markup are escaped.
 */
export function escapeMarkdown(text: string): string {
  return printable(text.replace(/\r\n?|\n/g, ' '))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|#])/g, '\\$1');
}

/**
 * Student text in a code span: on one line (a file name holding a line feed and `## 100/100` must
 * not start a heading of its own), without backticks, controls written out.
 */
export function codeSpan(text: string): string {
  return `\`${printable(text).replace(/`/g, "'")}\``;
}

/** A report for $GITHUB_STEP_SUMMARY and for per-student feedback files. */
export function formatMarkdown(report: LintReport): string {
  return report.results.map(formatTask).join('\n');
}

function formatTask(result: TaskResult): string {
  const out: string[] = [];
  const verdict = `**${verdictText(result.verdict)}**`;
  const manual = result.manualPoints ? `, ${result.manualPoints} awaiting manual review` : '';
  out.push(`## infralint: ${escapeMarkdown(result.task)} — ${result.score}/${result.maxScore}${manual}, ${verdict} (threshold ${result.threshold})`);
  out.push('');
  out.push(`File: ${codeSpan(result.path)}`);
  out.push('');
  out.push('| rule | status | points | |');
  out.push('|---|---|---:|---|');
  for (const r of result.rules) {
    const points = r.status === 'manual' ? `?/${r.maxPoints}` : r.status === 'skipped' ? `–/${r.maxPoints}` : `${r.points}/${r.maxPoints}`;
    out.push(`| [\`${r.id}\`](${ruleDocsUrl(r.id)}) | ${ICON[r.status]} ${r.status} | ${points} | ${escapeMarkdown(r.message)} |`);
  }
  const findings = result.rules.flatMap((r) => r.findings).filter((f) => f.severity !== 'info');
  if (findings.length) {
    out.push('');
    out.push('### What to fix');
    out.push('');
    for (const f of findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line)) {
      out.push(`- ${codeSpan(`${f.file}:${f.line}:${f.column}`)} ${escapeMarkdown(f.message)} (${codeSpan(f.ruleId)})${f.hint ? `<br>Fix: ${escapeMarkdown(f.hint)}` : ''}`);
    }
  }
  out.push('');
  return out.join('\n');
}
