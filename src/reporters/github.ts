import { printable } from '../chars.js';
import { verdictText } from '../score/score.js';
import type { LintReport } from '../report/model.js';
import type { Finding, Severity } from '../types.js';

/** GitHub shows a limited number of annotations per step: past this many, one notice says how many more. */
export const MAX_ANNOTATIONS = 50;

/**
 * Workflow-command data: `%`, CR and LF are escaped (`%` first, so escapes are not re-read); other
 * control characters (ESC...) are written out, since the log shows them to a terminal or a browser.
 */
export function escapeData(text: string): string {
  return printable(text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** Workflow-command property values also escape `:` and `,`, which delimit the command. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };
const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * GitHub Actions workflow commands: one annotation per finding on the student's file (worst first,
 * so that the ones GitHub shows are the ones that matter), then a notice with the score.
 */
export function formatGithub(report: LintReport): string {
  const lines: string[] = [];
  for (const result of report.results) {
    const findings = result.rules.flatMap((r) => r.findings).sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || a.file.localeCompare(b.file) || a.line - b.line);
    for (const f of findings.slice(0, MAX_ANNOTATIONS)) lines.push(annotation(f));
    if (findings.length > MAX_ANNOTATIONS) {
      lines.push(`::notice title=${escapeProperty('infralint')}::${escapeData(`${findings.length - MAX_ANNOTATIONS} more findings are not shown as annotations; run infralint locally or see the job summary.`)}`);
    }
    const manual = result.manualPoints ? `, ${result.manualPoints} awaiting manual review` : '';
    lines.push(`::notice title=${escapeProperty(`infralint ${result.task}`)}::${escapeData(`${result.score}/${result.maxScore}${manual} — ${verdictText(result.verdict)} (threshold ${result.threshold})`)}`);
  }
  return `${lines.join('\n')}\n`;
}

function annotation(f: Finding): string {
  const props = [
    `file=${escapeProperty(printable(f.file))}`,
    `line=${Math.max(1, f.line)}`,
    `col=${Math.max(1, f.column)}`,
    ...(f.endLine ? [`endLine=${f.endLine}`] : []),
    ...(f.endColumn ? [`endColumn=${f.endColumn}`] : []),
    `title=${escapeProperty(`infralint ${f.ruleId}`)}`,
  ];
  // A line feed in the student's text is written out, so that only ours starts a line.
  const message = f.hint ? `${printable(f.message)}\nFix: ${printable(f.hint)}` : printable(f.message);
  return `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(message)}`;
}
