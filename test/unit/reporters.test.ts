import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { lintSubmission, type LintReport } from '../../src/api/lint-submission.js';
import { escapeData, escapeProperty, formatGithub, MAX_ANNOTATIONS } from '../../src/reporters/github.js';
import { escapeMarkdown, formatMarkdown } from '../../src/reporters/markdown.js';
import { formatJunit } from '../../src/reporters/junit.js';
import { formatCsv } from '../../src/reporters/csv.js';
import { formatGradescope } from '../../src/reporters/gradescope.js';
import { FIXTURES } from '../helpers/paths.js';

function reportWith(findings: number, message = 'x'): LintReport {
  return {
    tool: { name: 'infralint', version: '0' },
    results: [{
      task: '3-scale_up', path: 'a.md', root: '/', score: 10, maxScore: 100, manualPoints: 0, threshold: 70, passed: false, verdict: 'failed', base: '/', diagrams: [],
      graph: { components: [], edges: [], groups: [] },
      rules: [{ id: 'lb-pair', description: 'Two load balancers.', status: 'fail', points: 0, maxPoints: 10, message, severity: 'error', findings: Array.from({ length: findings }, (_, i) => ({ ruleId: 'lb-pair', message, severity: 'error' as const, file: 'a.md', line: i + 1, column: 1 })) }],
    }],
  };
}

describe('github reporter', () => {
  it('escapes data and properties as GitHub requires', () => {
    expect(escapeData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(escapeProperty('dir/a: b, c.md')).toBe('dir/a%3A b%2C c.md');
  });

  it('writes one annotation per finding with position and rule, then the score', async () => {
    const report = await lintSubmission(path.join(FIXTURES, 'worked-example'));
    const lines = formatGithub(report).trim().split('\n');
    expect(lines.some((l) => /^::error file=web_infrastructure_design\/3-scale_up\.md,line=13,col=34,.*title=infralint diagram-renders::.*%0AFix: /.test(l))).toBe(true);
    expect(lines[lines.length - 1]).toMatch(/^::notice title=infralint 3-scale_up::88\.33\/100 — passed/);
  });

  it('caps the annotations and says how many were left out', () => {
    const lines = formatGithub(reportWith(MAX_ANNOTATIONS + 7)).trim().split('\n');
    expect(lines.filter((l) => l.startsWith('::error'))).toHaveLength(MAX_ANNOTATIONS);
    expect(lines.some((l) => l.includes('7 more findings'))).toBe(true);
  });

  it('keeps student text from forging a second command', () => {
    const out = formatGithub(reportWith(1, 'label\n::error::forged'));
    expect(out.split('\n').filter((l) => l.startsWith('::error'))).toHaveLength(1);
  });
});

describe('markdown reporter', () => {
  it('neutralises HTML and table-breaking characters from student text', () => {
    expect(escapeMarkdown('<script>alert(1)</script> a|b')).toBe('&lt;script&gt;alert(1)&lt;/script&gt; a\\|b');
    const md = formatMarkdown(reportWith(1, '<img src=x onerror=alert(1)> | pipe'));
    expect(md).not.toContain('<img');
    expect(md).toContain('&lt;img');
  });

  it('has the score, a row per rule and what to fix', async () => {
    const md = formatMarkdown(await lintSubmission(path.join(FIXTURES, 'worked-example')));
    expect(md).toMatch(/^## infralint: 3-scale\\_up — 88\.33\/100, \*\*passed\*\*/);
    expect(md.match(/^\| \[`[a-z-]+`\]/gm)).toHaveLength(15);
    expect(md).toContain('### What to fix');
  });
});

describe('junit, csv and gradescope reporters', () => {
  it('junit is well-formed XML with a failing test case per failed rule, and escapes student text', async () => {
    const xml = formatJunit(reportWith(2, 'a <b> & "c" \u0001'));
    // An XML parser outside jest's module system (jsdom is ESM-only inside jest): count parse errors and failures.
    const parsed = spawnSync(process.execPath, ['--input-type=module', '-e', `
      import { JSDOM } from 'jsdom';
      let xml = ''; for await (const c of process.stdin) xml += c;
      const doc = new (new JSDOM('').window.DOMParser)().parseFromString(xml, 'application/xml');
      console.log(JSON.stringify([doc.getElementsByTagName('parsererror').length, doc.getElementsByTagName('failure').length]));
    `], { input: xml, encoding: 'utf8', cwd: process.cwd() });
    expect(JSON.parse(parsed.stdout)).toEqual([0, 1]);
    const worked = formatJunit(await lintSubmission(path.join(FIXTURES, 'worked-example')));
    expect(worked).toContain('<testsuites name="infralint" tests="15" failures="3"');
  });

  it('csv has one row per task with the points of each rule, and defuses formulas', async () => {
    const rows = formatCsv(await lintSubmission(path.join(FIXTURES, 'worked-example'))).trim().split('\n');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.split(',')).toHaveLength(8 + 15);
    expect(rows[1]).toMatch(/^web_infrastructure_design\/3-scale_up\.md,3-scale_up,88\.33,100,0,70,true,passed,/);
    const evil = reportWith(0);
    evil.results[0]!.path = '=HYPERLINK("x")';
    expect(formatCsv(evil)).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it('gradescope results give each rule score and max_score, manual rules without a status', async () => {
    const data = JSON.parse(formatGradescope(await lintSubmission(path.join(FIXTURES, 'image-only'))));
    expect(data.score).toBe(17);
    expect(data.tests.reduce((n: number, t: { max_score: number }) => n + t.max_score, 0)).toBe(100);
    const manual = data.tests.find((t: { name: string }) => t.name.endsWith('lb-pair'));
    expect(manual).toMatchObject({ score: 0, max_score: 10, visibility: 'visible' });
    expect(manual.status).toBeUndefined();
  });
});
