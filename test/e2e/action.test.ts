import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { FIXTURES, PROJECT } from '../helpers/paths.js';

const BUNDLE = path.join(PROJECT, 'action', 'dist', 'index.mjs');

/** Runs the committed Action bundle as the runner does: inputs in INPUT_*, files in GITHUB_*. */
function runAction(fixture: string, inputs: Record<string, string>) {
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'infralint-action-'));
  cpSync(path.join(FIXTURES, fixture), workspace, { recursive: true });
  const output = path.join(workspace, 'github_output');
  const summary = path.join(workspace, 'step_summary.md');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, GITHUB_WORKSPACE: workspace, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  const r = spawnSync(process.execPath, [BUNDLE], { env, encoding: 'utf8', cwd: workspace, timeout: 60000 });
  const outputs = Object.fromEntries(readFileSync(output, 'utf8').trim().split('\n').filter(Boolean).map((l) => l.split('=') as [string, string]));
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, outputs, summary: readFileSync(summary, 'utf8'), workspace };
}

describe('GitHub Action (bundled, as the runner runs it)', () => {
  it('grades, annotates, writes the job summary and the outputs', () => {
    const r = runAction('worked-example', { path: '.' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^::error file=web_infrastructure_design\/3-scale_up\.md,line=13,col=34,/m);
    expect(r.summary).toMatch(/^## infralint: 3-scale\\_up — 88\.33\/100, \*\*passed\*\*/);
    expect(r.outputs).toEqual({
      score: '88.33', 'max-score': '100', 'manual-points': '0', passed: 'true', verdict: 'passed',
      tasks: JSON.stringify([{ task: '3-scale_up', score: 88.33, maxScore: 100, manualPoints: 0, passed: true, verdict: 'passed' }]),
    });
  });

  it('an image-only submission is pending review, not passed: passed=false, verdict=pending, and fails the step only with fail-on: pending', () => {
    const r = runAction('image-only', {});
    expect(r.outputs).toMatchObject({ score: '17', passed: 'false', verdict: 'pending' });
    expect(r.code).toBe(0);
    expect(r.summary).toMatch(/\*\*pending review\*\*/);
    expect(r.stdout).toMatch(/::notice title=infralint 3-scale_up::17\/100, 83 awaiting manual review — pending review/);
    expect(runAction('image-only', { 'fail-on': 'pending' }).code).toBe(1);
  });

  it('creates the folders of its output files, checks every input before grading, and says in one line why the step failed', () => {
    const r = runAction('worked-example', { 'sarif-file': 'out/deep/infralint.sarif', format: 'junit:reports/junit.xml' });
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(r.workspace, 'out/deep/infralint.sarif'), 'utf8')).version).toBe('2.1.0');
    expect(readFileSync(path.join(r.workspace, 'reports/junit.xml'), 'utf8')).toContain('<testsuites');
    const bad = runAction('worked-example', { format: 'yaml:x.yml' });
    expect(bad.code).toBe(2);
    expect(bad.stdout).toMatch(/^::error title=infralint::format entries are NAME:FILE/m);
    expect(bad.stdout).not.toMatch(/::notice/);
    const errors = runAction('worked-example', { 'fail-on': 'error' });
    expect(errors.code).toBe(1);
    expect(errors.stdout).toMatch(/^::error title=infralint::\d+ error findings? \(fail-on: error\), though the verdict is passed\./m);
    expect(runAction('prose-only', {}).stdout).toMatch(/^::error title=infralint::failed: [\d.]+\/100 is below the threshold of 70%25\./m);
  });

  it('annotates paths relative to the workspace when path is the project folder', () => {
    const r = runAction('worked-example', { path: 'web_infrastructure_design' });
    expect(r.stdout).toMatch(/^::error file=web_infrastructure_design\/3-scale_up\.md,line=13,col=34,/m);
  });

  it('fails the step below the threshold, or on any error with fail-on: error, and never with never', () => {
    expect(runAction('prose-only', {}).code).toBe(1);
    expect(runAction('prose-only', { 'fail-on': 'never' }).code).toBe(0);
    expect(runAction('worked-example', { 'fail-on': 'error' }).code).toBe(1);
    expect(runAction('worked-example', { 'min-score': '95' }).code).toBe(1);
  });

  it('writes SARIF and extra formats into the workspace', () => {
    const r = runAction('one-lb', { 'sarif-file': 'infralint.sarif', format: 'junit:report.xml csv:grades.csv' });
    expect(JSON.parse(readFileSync(path.join(r.workspace, 'infralint.sarif'), 'utf8')).version).toBe('2.1.0');
    expect(readFileSync(path.join(r.workspace, 'report.xml'), 'utf8')).toContain('<testsuites');
    expect(readFileSync(path.join(r.workspace, 'grades.csv'), 'utf8')).toMatch(/^path,task,score/);
  });

  it('reports a bad input as one error annotation and exit 2', () => {
    const r = runAction('one-lb', { 'fail-on': 'sometimes' });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^::error title=infralint::fail-on must be/m);
  });

  it('the committed bundle is up to date with src/ (run `npm run build:action` after changing src/)', async () => {
    const { ACTION_BUILD, asciiOnly } = (await import(path.join(PROJECT, 'scripts', 'bundle-options.mjs'))) as { ACTION_BUILD: Record<string, unknown>; asciiOnly: (text: string) => string };
    const result = await build({ ...ACTION_BUILD, absWorkingDir: PROJECT, write: false, outfile: BUNDLE });
    const fresh = asciiOnly(result.outputFiles!.find((f) => f.path.endsWith('index.mjs'))!.text);
    expect(fresh === readFileSync(BUNDLE, 'utf8')).toBe(true);
  });
});

describe('infralint init and pre-commit', () => {
  const BIN = path.join(PROJECT, 'bin', 'infralint.js');
  it('writes the workflow shown in the README, refuses to overwrite without --force', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'infralint-init-'));
    const run = (...args: string[]) => spawnSync(process.execPath, [BIN, 'init', ...args], { cwd: dir, encoding: 'utf8' });
    expect(run().status).toBe(0);
    const workflow = readFileSync(path.join(dir, '.github', 'workflows', 'infralint.yml'), 'utf8');
    expect(workflow).toContain('uses: infralint/infralint@v1');
    expect(readFileSync(path.join(PROJECT, 'README.md'), 'utf8')).toContain(workflow.trim());
    const again = run();
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/already exists; use --force/);
    expect(run('--force').status).toBe(0);
  });

  it('writes the workflow at the repository root from inside the project folder, and it runs only when the task changes', () => {
    const repo = mkdtempSync(path.join(os.tmpdir(), 'infralint-init-repo-'));
    mkdirSync(path.join(repo, '.git'));
    mkdirSync(path.join(repo, 'web_infrastructure_design'));
    const r = spawnSync(process.execPath, [BIN, 'init'], { cwd: path.join(repo, 'web_infrastructure_design'), encoding: 'utf8' });
    expect(r.status).toBe(0);
    const workflow = readFileSync(path.join(repo, '.github', 'workflows', 'infralint.yml'), 'utf8');
    expect(workflow).toContain("paths: ['web_infrastructure_design/**', '0x09-web_infrastructure_design/**'");
  });

  it('ships a pre-commit hook that checks the task files a commit changes', async () => {
    const { load } = await import('js-yaml');
    const hooks = load(readFileSync(path.join(PROJECT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string; files: string; pass_filenames: boolean }[];
    expect(hooks[0]).toMatchObject({ id: 'infralint', entry: 'infralint check', language: 'node', pass_filenames: true });
    // Every task's own files, classic and Mermaid-native; not the README or other files of the folder.
    const files = new RegExp(hooks[0]!.files);
    for (const f of ['web_infrastructure_design/3-scale_up', 'web_infrastructure_design/3-scale_up.md', '0x09-web_infrastructure_design/3-scale_up.mmd', 'web_infrastructure_design/3-scale_up.png', 'web_infrastructure_design/0-simple_web_stack', 'web_infrastructure_design/2-secured_and_monitored_web_infrastructure.md', 'web_infrastructure_design/separated_tiers.mmd']) expect([f, files.test(f)]).toEqual([f, true]);
    for (const f of ['web_infrastructure_design/README.md', 'web_infrastructure_design/images/diagram.png', 'other/3-scale_up.md', 'web_infrastructure_design/notes.md']) expect([f, files.test(f)]).toEqual([f, false]);
  });

  it('action.yml declares the inputs and outputs the Action reads and writes', async () => {
    const { load } = await import('js-yaml');
    const action = load(readFileSync(path.join(PROJECT, 'action.yml'), 'utf8')) as { inputs: object; outputs: object; runs: { main: string } };
    expect(Object.keys(action.inputs).sort()).toEqual(['curriculum', 'fail-on', 'format', 'min-score', 'path', 'sarif-file', 'task']);
    expect(Object.keys(action.outputs).sort()).toEqual(['manual-points', 'max-score', 'passed', 'score', 'tasks', 'verdict']);
    expect(action.runs.main).toBe('action/dist/index.mjs');
  });
});

describe('README integration snippets', () => {
  it('every YAML snippet uses only inputs the Action has, and hooks the repository ships', async () => {
    const { load } = await import('js-yaml');
    const readme = readFileSync(path.join(PROJECT, 'README.md'), 'utf8');
    const action = load(readFileSync(path.join(PROJECT, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown> };
    const hooks = (load(readFileSync(path.join(PROJECT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string }[]).map((h) => h.id);
    const snippets = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => load(m[1]!) as Record<string, unknown>);
    let checked = 0;
    for (const snippet of snippets) {
      const text = JSON.stringify(snippet);
      for (const m of text.matchAll(/"uses":"infralint\/infralint@v1"(?:,"with":(\{[^}]*\}))?/g)) {
        checked++;
        for (const key of Object.keys(m[1] ? JSON.parse(m[1]) : {})) expect(Object.keys(action.inputs)).toContain(key);
      }
      for (const m of text.matchAll(/"id":"([^"]+)"/g)) {
        checked++;
        expect(hooks).toContain(m[1]);
      }
    }
    expect(checked).toBeGreaterThanOrEqual(3);
  });

  it('the shell snippets run: several formats in one run', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'infralint-readme-'));
    const r = spawnSync(process.execPath, [path.join(PROJECT, 'bin', 'infralint.js'), 'check', path.join(FIXTURES, 'complete-flowchart'), '--format', 'stylish', '--format', 'junit:infralint.xml', '--format', 'csv:grades.csv', '--format', 'gradescope:results.json'], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(readFileSync(path.join(dir, 'infralint.xml'), 'utf8')).toContain('<testsuites');
    expect(readFileSync(path.join(dir, 'grades.csv'), 'utf8')).toMatch(/^path,/);
    expect(JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8')).score).toBe(100);
  });
});
