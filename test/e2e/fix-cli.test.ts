import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BIN } from '../helpers/paths.js';
import { tempRepo } from '../helpers/cohort.js';

function run(args: string[], cwd?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' }, cwd, timeout: 30000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const BROKEN = '# 3-scale_up\r\n\r\nThe load balancer (HAProxy) -> servers.\r\n\r\n```mmd\r\nflowchart LR\r\n    U[User] -> LB[Load balancer (HAProxy)]\r\n    LB --> end\r\n```\r\n';
const FIXED = BROKEN.replace('```mmd', '```mermaid').replace('U[User] -> LB[Load balancer (HAProxy)]', 'U[User] --> LB["Load balancer (HAProxy)"]').replace('LB --> end', 'LB --> End');

const repo = (files: Record<string, string>) => tempRepo(files, 'infralint-fix-e2e-');

describe('infralint check --fix (built binary)', () => {
  it('marks fixable findings and counts them', () => {
    const root = repo({ 'web_infrastructure_design/3-scale_up.md': BROKEN });
    const r = run(['check', root, '--task', '3']);
    expect(r.stdout).toMatch(/\[single-dash-arrow\] \(fixable with --fix\)/);
    expect(r.stdout).toMatch(/1 problem fixable with --fix/);
  });

  it('--fix-dry-run prints a unified diff that git apply reads, and writes nothing', () => {
    const root = repo({ 'web_infrastructure_design/3-scale_up.md': BROKEN });
    const r = run(['check', '.', '--task', '3', '--fix-dry-run'], root);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('--- a/web_infrastructure_design/3-scale_up.md\n+++ b/web_infrastructure_design/3-scale_up.md\n');
    expect(r.stdout).toContain('-    U[User] -> LB[Load balancer (HAProxy)]\r\n-    LB --> end\r\n+    U[User] --> LB["Load balancer (HAProxy)"]\r\n+    LB --> End\r\n');
    expect(r.stdout).not.toContain('The load balancer (HAProxy) -> servers.\r\n+');
    expect(readFileSync(path.join(root, 'web_infrastructure_design/3-scale_up.md'), 'utf8')).toBe(BROKEN);
    const patch = path.join(root, 'fix.patch');
    writeFileSync(patch, r.stdout);
    const git = spawnSync('git', ['apply', '--check', '--unsafe-paths', patch], { cwd: root, encoding: 'utf8' });
    expect(git.stderr).toBe('');
    expect(git.status).toBe(0);
  });

  it('--fix writes the repair (CRLF kept), says what changed, and a second --fix changes nothing', () => {
    const root = repo({ 'web_infrastructure_design/3-scale_up.md': BROKEN });
    const file = path.join(root, 'web_infrastructure_design/3-scale_up.md');
    const r = run(['check', '.', '--task', '3', '--fix'], root);
    expect(r.stdout).toContain('fixed web_infrastructure_design/3-scale_up.md:7: wrote `->` as `-->`');
    expect(r.stdout).toContain('fixed web_infrastructure_design/3-scale_up.md:5: wrote the fence language `mmd` as `mermaid`');
    expect(readFileSync(file, 'utf8')).toBe(FIXED);
    // The report is of the fixed file: the diagram renders now.
    expect(r.stdout).not.toMatch(/diagram-renders\n/);
    expect(r.stdout).not.toContain('fixable with --fix');
    const again = run(['check', '.', '--task', '3', '--fix'], root);
    expect(again.stdout).not.toContain('fixed ');
    expect(readFileSync(file, 'utf8')).toBe(FIXED);
    expect(again.code).toBe(r.code);
  });

  it('writes what changed to stderr when stdout carries JSON, and JSON findings carry fix: { range, text }', () => {
    const root = repo({ 'web_infrastructure_design/3-scale_up.md': BROKEN });
    const before = JSON.parse(run(['check', root, '--task', '3', '--format', 'json']).stdout);
    const finding = before.results[0].rules.flatMap((x: { findings: unknown[] }) => x.findings).find((f: { fix?: unknown }) => f.fix);
    expect(finding.fix).toMatchObject({ kind: 'mermaid', range: [expect.any(Number), expect.any(Number)], text: expect.any(String) });
    const r = run(['check', root, '--task', '3', '--fix', '--format', 'json']);
    expect(() => JSON.parse(r.stdout)).not.toThrow();
    expect(r.stderr).toContain('wrote `->` as `-->`');
  });

  it('renames a misnamed task file only with --fix-type file', () => {
    const root = repo({ 'web_infrastructure_design/3-scale-up.md': '# 3-scale_up\n\n```mermaid\nflowchart LR\n  A --> B\n```\n' });
    run(['check', root, '--task', '3', '--fix']);
    expect(existsSync(path.join(root, 'web_infrastructure_design/3-scale-up.md'))).toBe(true);
    const r = run(['check', root, '--task', '3', '--fix', '--fix-type', 'file']);
    expect(r.stdout).toMatch(/3-scale-up\.md: renamed to .*3-scale_up\.md/);
    expect(existsSync(path.join(root, 'web_infrastructure_design/3-scale_up.md'))).toBe(true);
    expect(existsSync(path.join(root, 'web_infrastructure_design/3-scale-up.md'))).toBe(false);
  });

  it('never writes through a symbolic link out of the submission', () => {
    const outside = repo({ 'elsewhere.md': BROKEN });
    const root = repo({});
    mkdirSync(path.join(root, 'web_infrastructure_design'));
    symlinkSync(path.join(outside, 'elsewhere.md'), path.join(root, 'web_infrastructure_design/3-scale_up.md'));
    run(['check', root, '--task', '3', '--fix']);
    expect(readFileSync(path.join(outside, 'elsewhere.md'), 'utf8')).toBe(BROKEN);
  });

  it('refuses bad usage with exit 2', () => {
    const root = repo({ 'web_infrastructure_design/3-scale_up.md': BROKEN });
    expect(run(['check', root, '--fix', '--fix-dry-run']).code).toBe(2);
    const r = run(['check', root, '--fix', '--fix-type', 'prose']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown type "prose"');
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});
