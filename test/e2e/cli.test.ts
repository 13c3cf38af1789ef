import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, writeFileSync, readFileSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BIN, FIXTURES } from '../helpers/paths.js';

function run(args: string[], env: Record<string, string> = {}, cwd?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '0', ...env }, cwd, timeout: 30000, maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tmpRepo(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'infralint-e2e-'));
  for (const [p, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
    writeFileSync(path.join(root, p), content);
  }
  return root;
}

describe('infralint CLI (built binary)', () => {
  it('passes a complete submission with exit 0 and a score table', () => {
    const r = run(['check', path.join(FIXTURES, 'complete-flowchart')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/3-scale_up .* 100\/100 +passed/);
    expect(r.stderr).toBe('');
  });

  it('prints the JSON contract', () => {
    const r = run(['check', path.join(FIXTURES, 'worked-example'), '--format', 'json']);
    const json = JSON.parse(r.stdout);
    expect(json.tool).toEqual({ name: 'infralint', version: expect.any(String) });
    const result = json.results[0];
    // Paths are relative to the repository holding the submission (here, infralint's own).
    expect(result).toMatchObject({ task: '3-scale_up', path: 'fixtures/worked-example/web_infrastructure_design/3-scale_up.md', maxScore: 100, manualPoints: 0, passed: true });
    expect(result.rules).toHaveLength(15);
    for (const rule of result.rules) {
      expect(Object.keys(rule)).toEqual(expect.arrayContaining(['id', 'status', 'points', 'maxPoints', 'message', 'findings']));
      for (const f of rule.findings) expect(Object.keys(f)).toEqual(expect.arrayContaining(['message', 'file', 'line', 'column', 'endLine', 'endColumn', 'severity']));
    }
    expect(result.diagrams).toEqual([
      expect.objectContaining({ file: 'fixtures/worked-example/web_infrastructure_design/3-scale_up.md', line: 6, type: 'flowchart', valid: false, error: expect.objectContaining({ line: 13, column: 34 }) }),
      expect.objectContaining({ line: 18, type: 'sequenceDiagram', valid: true, error: null }),
    ]);
    expect(result.graph.components.length).toBeGreaterThan(5);
    expect(result.graph.edges.length).toBeGreaterThan(5);
  });

  it('exits 1 below the threshold, and --min-score moves the threshold', () => {
    expect(run(['check', path.join(FIXTURES, 'prose-only')]).code).toBe(1);
    expect(run(['check', path.join(FIXTURES, 'prose-only'), '--min-score', '10']).code).toBe(0);
    expect(run(['check', path.join(FIXTURES, 'worked-example'), '--min-score', '95']).code).toBe(1);
  });

  it('an image-only submission is pending review: exit 0, or 1 with --fail-on-pending', () => {
    const r = run([path.join(FIXTURES, 'image-only')], { NO_COLOR: '1' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/17\/100, 83 awaiting manual review {2}pending review/);
    expect(run([path.join(FIXTURES, 'image-only'), '--fail-on-pending']).code).toBe(1);
    expect(run([path.join(FIXTURES, 'complete-flowchart'), '--fail-on-pending']).code).toBe(0);
  });

  it('writes locations relative to the repository root in machine formats, and from where it runs in stylish', () => {
    const repo = mkdtempSync(path.join(os.tmpdir(), 'infralint-repo-'));
    cpSync(path.join(FIXTURES, 'worked-example'), repo, { recursive: true });
    mkdirSync(path.join(repo, '.git'));
    const folder = path.join(repo, 'web_infrastructure_design');
    const github = run(['check', folder, '--format', 'github']);
    expect(github.stdout).toMatch(/^::error file=web_infrastructure_design\/3-scale_up\.md,line=13,col=34,/m);
    const sarif = JSON.parse(run(['check', folder, '--format', 'sarif']).stdout);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toMatch(/^web_infrastructure_design\//);
    const stylish = run(['check', 'web_infrastructure_design'], { NO_COLOR: '1' }, repo);
    expect(stylish.stdout).toMatch(/^web_infrastructure_design\/3-scale_up\.md$/m);
    const inside = run(['check', '.'], { NO_COLOR: '1' }, folder);
    expect(inside.stdout).toMatch(/^3-scale_up\.md$/m);
  });

  it('finds the task from the repository root, the project folder or the file itself', () => {
    const base = path.join(FIXTURES, 'md-extension');
    for (const target of [base, path.join(base, 'web_infrastructure_design'), path.join(base, 'web_infrastructure_design/3-scale_up.md')]) {
      const r = run(['check', target, '--format', 'json']);
      expect(JSON.parse(r.stdout).results[0].score).toBe(100);
    }
  });

  it('checks the current directory without an argument', () => {
    const r = run(['--format', 'json'], {}, path.join(FIXTURES, 'complete-flowchart'));
    expect(JSON.parse(r.stdout).results[0].score).toBe(100);
  });

  it('writes several formats in one run', () => {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'infralint-out-')), 'r.json');
    const r = run(['check', path.join(FIXTURES, 'complete-flowchart'), '--format', 'stylish', '--format', `json:${out}`]);
    expect(r.stdout).toContain('passed');
    expect(JSON.parse(readFileSync(out, 'utf8')).results[0].score).toBe(100);
  });

  it('checks several task files of one folder on their own tasks (what a pre-commit hook passes)', () => {
    const repo = tmpRepo({ 'web_infrastructure_design/0-simple_web_stack': '# unfinished\n' });
    const folder = path.join(repo, 'web_infrastructure_design');
    cpSync(path.join(FIXTURES, 'worked-example', 'web_infrastructure_design'), folder, { recursive: true });
    writeFileSync(path.join(folder, 'README.md'), '# Web infrastructure design\n');
    const only3 = run(['check', path.join(folder, '3-scale_up.md'), path.join(folder, 'README.md')], { NO_COLOR: '1' });
    expect([only3.code, only3.stdout]).toEqual([0, expect.stringMatching(/3-scale_up .* passed/)]);
    expect(only3.stdout).not.toContain('0-simple_web_stack');
    const both = run(['check', path.join(folder, '3-scale_up.md'), path.join(folder, '0-simple_web_stack')], { NO_COLOR: '1' });
    expect([both.code, both.stdout]).toEqual([1, expect.stringMatching(/0-simple_web_stack .* failed[\s\S]*3-scale_up .* passed/)]);
    const none = run(['check', path.join(folder, 'README.md'), path.join(folder, 'README.md')]);
    expect([none.code, none.stderr]).toEqual([2, expect.stringContaining("none of the 2 files given is a task's file")]);
    const twoFolders = run(['check', path.join(folder, '3-scale_up.md'), path.join(FIXTURES, 'complete-flowchart', 'web_infrastructure_design', '3-scale_up')]);
    expect([twoFolders.code, twoFolders.stderr]).toEqual([2, expect.stringContaining('the files given are in 2 folders')]);
  });

  it.each([
    [['check', '/no/such/path'], /no such file or directory/],
    [['check', '.', '--format', 'nope'], /unknown format "nope"/],
    [['check', '.', '--min-score', 'abc'], /--min-score must be a number/],
    [['explain', 'no-such-rule'], /unknown rule or error code "no-such-rule"/],
    [['check', '.', '--disable', 'nope'], /unknown rule "nope"/],
    [['check', '.', '--disable', 'lb-clustr'], /unknown rule "lb-clustr" \(did you mean lb-cluster\?\)/],
    [['frobnicate', 'x', 'y'], /./],
  ])('usage errors exit 2 with one clear line, no stack: %j', (args, message) => {
    const r = run(args as string[], {}, FIXTURES);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('colour follows NO_COLOR and FORCE_COLOR', () => {
    const target = path.join(FIXTURES, 'one-lb');
    expect(run(['check', target], { FORCE_COLOR: '1', NO_COLOR: '' }).stdout).toContain('\u001b[');
    expect(run(['check', target], { NO_COLOR: '1', FORCE_COLOR: '' }).stdout).not.toContain('\u001b[');
  });

  it('explain prints the rule doc; --help and --version exit 0', () => {
    const r = run(['explain', 'lb-cluster']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('# lb-cluster');
    expect(run(['--help']).code).toBe(0);
    expect(run(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('says what it found: an empty task file is empty, a URL is no prose, an image is shown not renamed, a full disk is one line', () => {
    const empty = tmpRepo({ 'web_infrastructure_design/3-scale_up': '' });
    expect(run(['check', empty], { NO_COLOR: '1' }).stdout).toContain('Not graded: the task file is empty.');
    const url = tmpRepo({ 'web_infrastructure_design/3-scale_up': 'https://i.imgur.com/abc.png\n' });
    expect(run(['check', url], { NO_COLOR: '1' }).stdout).toMatch(/english +warn +No prose to check\./);
    const pdf = tmpRepo({ 'web_infrastructure_design/3-scale_up.pdf': '%PDF-1.4' });
    expect(run(['check', pdf], { NO_COLOR: '1' }).stdout).toContain('Create web_infrastructure_design/3-scale_up (a text file) that shows it: ![diagram](3-scale_up.pdf)');
    const full = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" check "${path.join(FIXTURES, 'worked-example')}" > /dev/full`], { encoding: 'utf8' });
    expect([full.status, full.stderr]).toEqual([2, 'infralint: cannot write the report: ENOSPC\n']);
  });

  it('explain knows the error codes printed in findings, and suggests the nearest id', () => {
    const code = run(['explain', 'unquoted-parenthesis-in-label']);
    expect(code.code).toBe(0);
    expect(code.stdout).toContain('Fix: Quote the label: `DB["Database (MySQL)"]`, `A -->|"SQL (read)"| B`.');
    const typo = run(['explain', 'lb-clustr']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('did you mean lb-cluster?');
  });

  it('reads a rubric file whatever its name ends with', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'infralint-rubric-'));
    writeFileSync(path.join(dir, 'my-rubric'), readFileSync(path.join(FIXTURES, '..', 'rules', '3-scale_up.json'), 'utf8'));
    expect(run(['check', path.join(FIXTURES, 'worked-example'), '--rubric', path.join(dir, 'my-rubric')]).code).toBe(0);
  });

  it('refuses two reports on stdout or in one file, and takes comma-separated formats', () => {
    const target = path.join(FIXTURES, 'worked-example');
    const both = run(['check', target, '--format', 'json', '--format', 'csv']);
    expect([both.code, both.stderr]).toEqual([2, expect.stringContaining('would both print to stdout')]);
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'infralint-formats-')), 'r');
    expect(run(['check', target, '--format', `json:${out}`, '--format', `csv:${out}`]).stderr).toContain('two formats would write to');
    const comma = run(['check', target, '--format', `json,csv:${out}.csv`]);
    expect(comma.code).toBe(0);
    expect(JSON.parse(comma.stdout).results).toHaveLength(1);
    expect(readFileSync(`${out}.csv`, 'utf8')).toMatch(/^path,task,score/);
  });

  it('parse prints verdicts and oracle-shaped graphs', () => {
    const r = run(['parse', path.join(FIXTURES, 'worked-example/web_infrastructure_design/3-scale_up.md'), '--format', 'json']);
    expect(r.code).toBe(1);
    const blocks = JSON.parse(r.stdout);
    expect(blocks[0]).toMatchObject({ valid: false, diagramType: 'flowchart-v2', error: { line: 13, column: 34 }, graph: null });
    expect(blocks[1]).toMatchObject({ valid: true, diagramType: 'sequence', graph: { participants: expect.any(Array) } });
  });

  it('survives bad input: empty, binary, huge, invalid UTF-8, symlink out, task folder', () => {
    const outside = tmpRepo({ 'secret.md': '# secret' });
    const cases: Record<string, string | Buffer>[] = [
      { 'web_infrastructure_design/3-scale_up': '' },
      { 'web_infrastructure_design/3-scale_up': Buffer.from([0, 1, 2, 3, 0, 255]) },
      { 'web_infrastructure_design/3-scale_up.md': `# x\n${'flowchart LR\n  A --> B\n'.repeat(200000)}` },
      { 'web_infrastructure_design/3-scale_up.md': Buffer.concat([Buffer.from('# Scale up\n'), Buffer.from([0xc3, 0x28, 0xff])]) },
      { 'web_infrastructure_design/3-scale_up/README.md': '# x' },
    ];
    for (const files of cases) {
      const root = tmpRepo(files);
      const r = run(['check', root, '--format', 'json']);
      expect([0, 1]).toContain(r.code);
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout).results).toHaveLength(1);
    }
    const root = tmpRepo({});
    mkdirSync(path.join(root, 'web_infrastructure_design'));
    symlinkSync(path.join(outside, 'secret.md'), path.join(root, 'web_infrastructure_design', '3-scale_up.md'));
    const r = run(['check', root, '--format', 'json']);
    const json = JSON.parse(r.stdout);
    expect(JSON.stringify(json)).toContain('outside the submission folder');
    expect(JSON.stringify(json)).not.toContain('# secret');
  });
});

describe('infralint CLI report formats', () => {
  it('writes GitHub annotations to stdout and a Markdown summary to a file in one run', () => {
    const summary = path.join(mkdtempSync(path.join(os.tmpdir(), 'infralint-summary-')), 'summary.md');
    const r = run(['check', path.join(FIXTURES, 'one-lb'), '--format', 'github', '--format', `markdown:${summary}`]);
    expect(r.stdout.split('\n').filter(Boolean).every((l) => l.startsWith('::'))).toBe(true);
    expect(r.stdout).toMatch(/::error file=fixtures\/one-lb\/web_infrastructure_design\/3-scale_up\.md,line=\d+,col=\d+,title=infralint lb-pair::/);
    expect(readFileSync(summary, 'utf8')).toMatch(/^## infralint: 3-scale\\_up — /);
  });
});
