import { printable } from '../chars.js';
import { verdictText } from '../score/score.js';
import type { LintReport, TaskResult } from '../report/model.js';
import { ruleDocsUrl } from '../tool.js';
import type { RuleStatus } from '../types.js';
import type { PatchHunk } from '../fix/model.js';

const ICON: Record<RuleStatus, string> = { pass: '✅', fail: '❌', partial: '🟡', manual: '👀', skipped: '⏭️' };

/**
 * Student text in Markdown: HTML is neutralised (a job summary renders HTML) and the characters
 * that would break a table cell or start markup are escaped.
 */
export function escapeMarkdown(text: string): string {
  // One pass instead of four (every message of every feedback file comes here): what a
  // replacement writes is never replaced again, as with the four.
  return printable(text.replace(/\r\n?|\n/g, ' ')).replace(MARKUP, (ch) => ENTITY[ch] ?? `\\${ch}`);
}
const MARKUP = /[&<>\\`*_[\]|#]/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

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
  out.push(...suggestedPatch(result));
  out.push('');
  return out.join('\n');
}

/**
 * The findings' Mermaid fixes as one patch (`git apply --unidiff-zero` reads it), and the renames:
 * what `infralint check --fix` would change, for a job summary or a feedback file.
 */
function suggestedPatch(result: TaskResult): string[] {
  const findings = result.rules.flatMap((r) => r.findings);
  const byFile = new Map<string, PatchHunk[]>();
  for (const f of findings) if (f.fix?.kind === 'mermaid') byFile.set(f.file, [...(byFile.get(f.file) ?? []), ...f.fix.hunks]);
  const renames = findings.flatMap((f) => (f.fix?.kind === 'file' ? [f.fix.rename] : []));
  if (!byFile.size && !renames.length) return [];
  const lines: string[] = [];
  for (const [file, hunks] of byFile) {
    lines.push(`--- a/${printable(file)}`, `+++ b/${printable(file)}`);
    let delta = 0;
    for (const h of [...hunks].sort((a, b) => a.line - b.line)) {
      const oldStart = h.before.length ? h.line : h.line - 1;
      const newStart = (h.after.length ? h.line : h.line - 1) + delta;
      lines.push(`@@ -${oldStart},${h.before.length} +${newStart},${h.after.length} @@`);
      lines.push(...h.before.map((l) => `-${printable(l)}`), ...h.after.map((l) => `+${printable(l)}`));
      delta += h.after.length - h.before.length;
    }
  }
  // A fence longer than any run of backticks in the patch: student text cannot close it.
  const longest = Math.max(2, ...lines.map((l) => Math.max(0, ...(l.match(/`+/g) ?? []).map((run) => run.length))));
  const fence = '`'.repeat(longest + 1);
  const out = ['', '### Suggested patch', ''];
  if (byFile.size) out.push('`infralint check --fix` makes these changes (each one checked: the diagram then parses and keeps every component and edge):', '', `${fence}diff`, ...lines, fence);
  for (const r of renames) out.push('', `Rename ${codeSpan(r.from)} to ${codeSpan(r.to)}: \`infralint check --fix --fix-type file\`, or ${codeSpan(`git mv ${r.from} ${r.to}`)}.`);
  return out;
}
