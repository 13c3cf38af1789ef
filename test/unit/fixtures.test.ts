import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { lintSubmission } from '../../src/api/lint-submission.js';
import { FIXTURES } from '../helpers/paths.js';
import { tempRepo } from '../helpers/cohort.js';

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

describe('links to files the repository lacks', () => {
  const repo = (files: Record<string, string>) => tempRepo(files, 'infralint-missing-');
  const findingsOf = async (root: string) => (await lintSubmission(root)).results[0]!.rules.flatMap((r) => r.findings);

  it('an image not committed is an error at the line the student wrote, the diagram still awaits a person', async () => {
    const root = repo({ 'web_infrastructure_design/3-scale_up.md': '# Scale up\n\n![diagram](images/3-scale_up.png)\n' });
    const result = (await lintSubmission(root)).results[0]!;
    const finding = result.rules.flatMap((r) => r.findings).find((f) => /not in the repository/.test(f.message))!;
    expect(finding).toMatchObject({ ruleId: 'diagram-present', severity: 'error', line: 3, file: 'web_infrastructure_design/3-scale_up.md' });
    expect(finding.message).toContain('`images/3-scale_up.png`');
    expect(result.rules.find((r) => r.id === 'diagram-present')!.status).toBe('manual');
  });

  it('an image in another folder or case is a warning naming the file that exists and the link to write', async () => {
    const root = repo({ 'web_infrastructure_design/3-scale_up.md': '# Scale up\n\n![diagram](images/3-Scale_Up.PNG)\n', 'web_infrastructure_design/3-scale_up.png': 'x' });
    const finding = (await findingsOf(root)).find((f) => /not where the link says/.test(f.message))!;
    expect(finding).toMatchObject({ severity: 'warning', line: 3 });
    expect(finding.message).toContain('`web_infrastructure_design/3-scale_up.png`');
    expect(finding.hint).toContain('`3-scale_up.png`');
  });

  it('a linked Mermaid file with a typo in its name is found and read, with a warning', async () => {
    const root = repo({
      'web_infrastructure_design/3-scale_up.md': '# Scale up\n\nSee [the diagram](diagrams/3-scale_up.mmd).\n',
      'web_infrastructure_design/3-scale_up.mmd': 'flowchart LR\n  LB1[HAProxy 1] <--> LB2[HAProxy 2]\n',
    });
    const result = (await lintSubmission(root)).results[0]!;
    expect(result.rules.flatMap((r) => r.findings).some((f) => /`diagrams\/3-scale_up.mmd` is not where the link says/.test(f.message))).toBe(true);
    expect(result.rules.find((r) => r.id === 'lb-pair')!.status).toBe('pass');
  });
});
