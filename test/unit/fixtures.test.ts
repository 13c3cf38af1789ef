import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { lintSubmission } from '../../src/api/lint-submission.js';
import { FIXTURES } from '../helpers/paths.js';

const fixtures = readdirSync(FIXTURES).filter((d) => existsSync(path.join(FIXTURES, d, 'expected.json')));

describe('fixture submissions give their expected statuses', () => {
  it('has at least 12 fixtures', () => expect(fixtures.length).toBeGreaterThanOrEqual(12));

  it.each(fixtures)('%s', async (name) => {
    const expected = JSON.parse(readFileSync(path.join(FIXTURES, name, 'expected.json'), 'utf8')) as { rules: Record<string, string> };
    const report = await lintSubmission(path.join(FIXTURES, name));
    const got = Object.fromEntries(report.results[0]!.rules.map((r) => [r.id, r.status]));
    expect(got).toEqual(expected.rules);
  });

  it('the worked example points at the `(` of `DB[Database (MySQL)]`', async () => {
    const report = await lintSubmission(path.join(FIXTURES, 'worked-example'));
    const renders = report.results[0]!.rules.find((r) => r.id === 'diagram-renders')!;
    const text = readFileSync(path.join(FIXTURES, 'worked-example/web_infrastructure_design/3-scale_up.md'), 'utf8').split('\n');
    const f = renders.findings[0]!;
    expect(text[f.line - 1]![f.column - 1]).toBe('(');
    expect(f.hint).toContain('"Database (MySQL)"');
  });

  it('refuses links outside the submission with a finding and never reads them', async () => {
    const report = await lintSubmission(path.join(FIXTURES, 'outside-link'));
    const findings = report.results[0]!.rules.find((r) => r.id === 'task-file')!.findings;
    expect(findings.filter((f) => /outside the submission/.test(f.message))).toHaveLength(2);
  });
});
