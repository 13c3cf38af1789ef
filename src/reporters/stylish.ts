import path from 'node:path';
import type { ChalkInstance } from 'chalk';
import type { LintReport, RuleResult, TaskResult } from '../report/model.js';
import { printable as p } from '../chars.js';
import { ruleDocsUrl } from '../tool.js';
import type { Finding, RuleStatus } from '../types.js';

const MARKS: Record<RuleStatus, string> = { pass: '✔', fail: '✖', partial: '◐', manual: '?', skipped: '-' };

function statusColour(c: ChalkInstance, status: RuleStatus): (s: string) => string {
  return status === 'pass' ? c.green : status === 'fail' ? c.red : status === 'partial' ? c.yellow : status === 'manual' ? c.cyan : c.gray;
}

function severityText(c: ChalkInstance, f: Finding): string {
  const word = f.severity.padEnd(7);
  return f.severity === 'error' ? c.red(word) : f.severity === 'warning' ? c.yellow(word) : c.blue(word);
}

/** The default human report: findings grouped by file (ESLint style), then a score table. */
export function formatStylish(report: LintReport, c: ChalkInstance, cwd?: string): string {
  return report.results.map((r) => formatTask(r, c, cwd)).join('\n');
}

function formatTask(result: TaskResult, c: ChalkInstance, cwd?: string): string {
  const out: string[] = [];
  // Paths from where the command runs, so that a terminal or an editor opens them.
  // Student text (file names, labels, links quoted in messages) is printed with its control
  // characters written out (p): an ESC from a label must not clear the screen or write the clipboard.
  const shown = (file: string) => p(cwd ? path.relative(cwd, path.join(result.base, file)).split(path.sep).join('/') || file : file);
  const findings = result.rules.flatMap((r) => r.findings);
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) byFile.set(shown(f.file), [...(byFile.get(shown(f.file)) ?? []), f]);
  for (const [file, list] of [...byFile.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    out.push(c.underline(file));
    list.sort((a, b) => a.line - b.line || a.column - b.column);
    const width = Math.max(...list.map((f) => `${f.line}:${f.column}`.length));
    for (const f of list) {
      const fixable = f.fix ? c.dim(f.fix.kind === 'file' ? ' (fixable with --fix --fix-type file)' : ' (fixable with --fix)') : '';
      out.push(`  ${c.dim(`${f.line}:${f.column}`.padEnd(width))}  ${severityText(c, f)}  ${p(f.message)}${fixable}  ${c.dim(p(f.ruleId))}`);
      if (f.hint) out.push(`  ${' '.repeat(width)}  ${' '.repeat(7)}  ${c.dim('↳')} ${c.italic(p(f.hint))}`);
    }
    out.push('');
  }

  const verdict = result.verdict === 'passed' ? c.green.bold('passed') : result.verdict === 'pending' ? c.yellow.bold('pending review') : c.red.bold('failed');
  const manual = result.manualPoints ? c.cyan(`, ${fmt(result.manualPoints)} awaiting manual review`) : '';
  out.push(`${c.bold(p(result.task))} ${c.dim(shown(result.path))}  ${c.bold(`${fmt(result.score)}/${fmt(result.maxScore)}`)}${manual}  ${verdict} ${c.dim(`(threshold ${result.threshold})`)}`);
  const idWidth = Math.max(...result.rules.map((r) => r.id.length));
  for (const rule of result.rules) out.push(formatRuleLine(rule, idWidth, c));
  const fixable = findings.filter((f) => f.fix?.kind === 'mermaid').length;
  const renames = findings.filter((f) => f.fix?.kind === 'file').length;
  if (fixable || renames) {
    out.push('');
    // As ESLint's summary: what a student can have repaired for them.
    if (fixable) out.push(c.yellow(`${fixable} problem${fixable === 1 ? '' : 's'} fixable with --fix (see the changes first with --fix-dry-run).`));
    if (renames) out.push(c.yellow(`${renames} file${renames === 1 ? '' : 's'} to rename with --fix --fix-type file.`));
  }
  const failing = result.rules.filter((r) => r.status === 'fail' || r.status === 'partial');
  if (failing.length) {
    out.push('');
    out.push(c.dim(`Why and how to fix: infralint explain <rule-id>, or ${ruleDocsUrl('<rule-id>')}`));
  }
  out.push('');
  return out.join('\n');
}

function formatRuleLine(rule: RuleResult, idWidth: number, c: ChalkInstance): string {
  const colour = statusColour(c, rule.status);
  const points = rule.status === 'manual' ? `?/${fmt(rule.maxPoints)}` : rule.status === 'skipped' ? `-/${fmt(rule.maxPoints)}` : `${fmt(rule.points)}/${fmt(rule.maxPoints)}`;
  const label = rule.maxPoints === 0 ? (rule.severity === 'warning' ? 'warn' : 'gate') : points;
  return `  ${colour(MARKS[rule.status])} ${p(rule.id).padEnd(idWidth)}  ${colour(label.padStart(6))}  ${c.dim(p(rule.message))}`;
}

function fmt(n: number): string {
  // The same figure as every other format (scores are kept to two decimals).
  return String(Math.round(n * 100) / 100);
}
