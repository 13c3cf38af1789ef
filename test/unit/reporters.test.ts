import path from 'node:path';
import { lintSubmission, type LintReport } from '../../src/api/lint-submission.js';
import { escapeData, escapeProperty, formatGithub, MAX_ANNOTATIONS } from '../../src/reporters/github.js';
import { escapeMarkdown, formatMarkdown } from '../../src/reporters/markdown.js';
import { FIXTURES } from '../helpers/paths.js';

function reportWith(findings: number, message = 'x'): LintReport {
  return {
    tool: { name: 'infralint', version: '0' },
    results: [{
      task: '3-scale_up', path: 'a.md', root: '/', score: 10, maxScore: 100, manualPoints: 0, threshold: 70, passed: false, diagrams: [],
      graph: { components: [], edges: [], groups: [] },
      rules: [{ id: 'lb-pair', status: 'fail', points: 0, maxPoints: 10, message, severity: 'error', findings: Array.from({ length: findings }, (_, i) => ({ ruleId: 'lb-pair', message, severity: 'error' as const, file: 'a.md', line: i + 1, column: 1 })) }],
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
