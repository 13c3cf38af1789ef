import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyConfig, findConfig, rubricFromConfig } from '../../src/config/config.js';
import { loadRubric } from '../../src/config/rubric.js';
import { lintMarkdown } from '../helpers/rule-tester.js';
import { lintSubmission } from '../../src/api/lint-submission.js';
import { mkdirSync } from 'node:fs';

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'infralint-config-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  return dir;
}

describe('configuration', () => {
  it('reads .infralintrc.json, infralint.config.json and the package.json key, in that order', async () => {
    expect((await findConfig(dirWith({ '.infralintrc.json': '{"passThreshold": 50}' })))?.config).toEqual({ passThreshold: 50 });
    expect((await findConfig(dirWith({ 'infralint.config.json': '{"rules": {"english": "off"}}' })))?.config).toEqual({ rules: { english: 'off' } });
    expect((await findConfig(dirWith({ 'package.json': '{"name": "x", "infralint": {"rubric": "3-scale_up-gunicorn"}}' })))?.config).toEqual({ rubric: '3-scale_up-gunicorn' });
    expect(await findConfig(dirWith({ 'package.json': '{"name": "x"}' }))).toBeNull();
  });

  it('rejects invalid configurations with messages that say where and why', async () => {
    await expect(findConfig(dirWith({ '.infralintrc.json': '{"passThreshold": 150}' }))).rejects.toThrow(/passThreshold: must be <= 100/);
    await expect(findConfig(dirWith({ '.infralintrc.json': '{"rules": {"lb-cluster": "maybe"}}' }))).rejects.toThrow(/rules\.lb-cluster/);
    await expect(findConfig(dirWith({ '.infralintrc.json': '{"colour": true}' }))).rejects.toThrow(/"colour"/);
    await expect(findConfig(dirWith({ '.infralintrc.json': '{ not json' }))).rejects.toThrow(/cannot read/);
  });

  it('turns rules off, changes weights, options and the threshold', () => {
    const rubric = applyConfig(loadRubric('3-scale_up'), { passThreshold: 80, rules: { english: 'off', 'lb-pair': { weight: 20, options: { min: 3 } } } });
    expect(rubric.passThreshold).toBe(80);
    expect(rubric.rules.find((r) => r.id === 'english')?.enabled).toBe(false);
    expect(rubric.rules.find((r) => r.id === 'lb-pair')).toMatchObject({ weight: 20, options: { min: 3 } });
  });

  it('a rule turned off is reported as skipped and leaves the maximum', async () => {
    const root = dirWith({});
    mkdirSync(path.join(root, 'web_infrastructure_design'));
    writeFileSync(path.join(root, 'web_infrastructure_design', '3-scale_up.md'), '# x\n');
    const rubric = await rubricFromConfig({ config: { rules: { 'carried-over': 'off' } }, source: path.join(root, '.infralintrc.json') }, { rubric: '3-scale_up', cwd: root });
    const result = (await lintSubmission(root, { rubrics: [rubric] })).results[0]!;
    expect(result.rules.find((r) => r.id === 'carried-over')?.status).toBe('skipped');
    expect(result.maxScore).toBe(95);
  });

  it('ships the older curriculum (2 web application servers) as a rubric', async () => {
    const md = '# Scale up\n```mermaid\nflowchart LR\n  U[User] --> LB1[HAProxy 1] <--> LB2[HAProxy 2]\n  LB1 --> S1[Server 1: Nginx + Gunicorn] & S2[Server 2: Nginx + Gunicorn]\n  S1 & S2 --> DB[(MySQL)]\n```\n';
    const root = dirWith({});
    mkdirSync(path.join(root, 'web_infrastructure_design'));
    writeFileSync(path.join(root, 'web_infrastructure_design', '3-scale_up.md'), md);
    const older = (await lintSubmission(root, { rubrics: ['3-scale_up-gunicorn'] })).results[0]!;
    expect(older.rules.find((r) => r.id === 'server-added')?.status).toBe('pass');
    expect(older.rules.map((r) => r.id)).not.toContain('web-tier');
    const current = await lintMarkdown(md);
    expect(current.rules.find((r) => r.id === 'web-tier')?.status).toBe('fail');
  });

  it('a rubric chosen on the command line (or as the Action input) wins over the configuration', async () => {
    const loaded = { config: { rubric: '3-scale_up-gunicorn' }, source: path.join(os.tmpdir(), '.infralintrc.json') };
    expect((await rubricFromConfig(loaded, { cwd: os.tmpdir() })).rules.map((r) => r.id)).not.toContain('web-tier');
    expect((await rubricFromConfig(loaded, { rubric: '3-scale_up', cwd: os.tmpdir() })).rules.map((r) => r.id)).toContain('web-tier');
  });

  it('every bundled rubric is valid against the published rubric schema', async () => {
    for (const name of ['3-scale_up', '3-scale_up-gunicorn']) {
      await expect(rubricFromConfig({ config: { rubric: path.join(process.cwd(), 'rules', `${name}.json`) }, source: path.join(process.cwd(), 'x') }, { cwd: process.cwd() })).resolves.toBeTruthy();
    }
  });
});
