import type { LintReport } from '../report/model.js';
import { printable } from '../chars.js';
import { escapeXml } from './escape-xml.js';

/** JUnit XML: a test suite per task, a test case per rule; fail and partial are failures. */
export function formatJunit(report: LintReport): string {
  const suites = report.results.map((result) => {
    const failures = result.rules.filter((r) => r.status === 'fail' || r.status === 'partial').length;
    const skipped = result.rules.filter((r) => r.status === 'skipped' || r.status === 'manual').length;
    const cases = result.rules.map((rule) => {
      const head = `    <testcase classname="infralint.${escapeXml(result.task)}" name="${escapeXml(rule.id)}" time="0">`;
      // One line per finding: a line feed in a file name or a message is written out.
      const details = rule.findings.map((f) => `${printable(f.file)}:${f.line}:${f.column} ${printable(f.message)}${f.hint ? ` (fix: ${printable(f.hint)})` : ''}`).join('\n');
      if (rule.status === 'fail' || rule.status === 'partial') {
        return `${head}\n      <failure message="${escapeXml(`${rule.status}: ${rule.points}/${rule.maxPoints} — ${rule.message}`)}" type="${rule.status}">${escapeXml(details || rule.message)}</failure>\n    </testcase>`;
      }
      if (rule.status === 'manual') return `${head}\n      <skipped message="${escapeXml(`awaiting manual review: ${rule.message}`)}"/>\n    </testcase>`;
      if (rule.status === 'skipped') return `${head}\n      <skipped message="turned off by configuration"/>\n    </testcase>`;
      return `${head}</testcase>`;
    });
    return `  <testsuite name="infralint ${escapeXml(result.task)} (${escapeXml(result.path)})" tests="${result.rules.length}" failures="${failures}" errors="0" skipped="${skipped}" time="0">\n    <properties>\n      <property name="score" value="${result.score}"/>\n      <property name="maxScore" value="${result.maxScore}"/>\n      <property name="passed" value="${result.passed}"/>\n    </properties>\n${cases.join('\n')}\n  </testsuite>`;
  });
  const tests = report.results.reduce((n, r) => n + r.rules.length, 0);
  const failures = report.results.reduce((n, r) => n + r.rules.filter((x) => x.status === 'fail' || x.status === 'partial').length, 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="infralint" tests="${tests}" failures="${failures}" errors="0">\n${suites.join('\n')}\n</testsuites>\n`;
}
