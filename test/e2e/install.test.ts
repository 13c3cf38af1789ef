import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { releaseFiles } from '../../scripts/release-files.mjs';
import { FIXTURES, PROJECT } from '../helpers/paths.js';

// Installing as a user does, on a machine without TypeScript: from a release commit (scripts/release.mjs
// puts the bundled CLI in lib/), by git URL into a project and by the release's archive globally.
// Needs the npm registry for infralint's dependencies; the build must have run (npm test does).
describe('installing a release', () => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'infralint-install-'));
  const clone = path.join(work, 'clone');
  const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
  const npm = (args: string[], cwd: string) => spawnSync('npm', [...args, '--no-audit', '--no-fund'], { cwd, env, encoding: 'utf8', timeout: 240000 });

  beforeAll(() => {
    execFileSync('git', ['clone', '-q', '--no-hardlinks', PROJECT, clone], { env });
    // The release script copies the bundles a build left in dist/: these tests use the ones `npm test` just built.
    mkdirSync(path.join(clone, 'dist'));
    for (const f of releaseFiles(path.join(PROJECT, 'dist'))) copyFileSync(path.join(PROJECT, 'dist', f), path.join(clone, 'dist', f));
    execFileSync(process.execPath, ['scripts/release.mjs', '9.9.9', '--no-build'], { cwd: clone, env, stdio: 'ignore' });
  }, 60000);

  it('tags the release and its moving major tag, and leaves the branch without lib/', () => {
    const tags = execFileSync('git', ['tag'], { cwd: clone, encoding: 'utf8' }).split('\n');
    expect(tags).toEqual(expect.arrayContaining(['v9', 'v9.9.9']));
    expect(execFileSync('git', ['show', '--stat', '--format=%s', 'v9.9.9'], { cwd: clone, encoding: 'utf8' })).toContain('lib/infralint.cjs');
    expect(spawnSync('git', ['ls-files', 'lib'], { cwd: clone, encoding: 'utf8' }).stdout).toBe('');
  });

  it("links a Node script as the command, which npm's Windows shims start with node", async () => {
    const release = path.join(work, 'release-tree');
    mkdirSync(release);
    execFileSync('sh', ['-c', `git archive v9.9.9 | tar -x -C "${release}"`], { cwd: clone });
    const command = readFileSync(path.join(release, 'bin', 'infralint'), 'utf8');
    expect(command.split('\n')[0]).toBe('#!/usr/bin/env node');
    expect(readFileSync(path.join(release, 'bin', 'infralint.sh'), 'utf8')).toBe(readFileSync(path.join(PROJECT, 'bin', 'infralint'), 'utf8'));
    // The .cmd shim npm would write for it on Windows (npm's own cmd-shim, which reads the shebang).
    const npmRoot = path.resolve(realpathSync(execFileSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim()), '..', '..');
    const { default: cmdShim } = await import(createRequire(path.join(npmRoot, 'package.json')).resolve('cmd-shim'));
    await cmdShim(path.join(release, 'bin', 'infralint'), path.join(work, 'shims', 'infralint'));
    expect(readFileSync(path.join(work, 'shims', 'infralint.cmd'), 'utf8')).toMatch(/SET "_prog=node"/);
    // What that shim runs, `node <release>/bin/infralint`, without any install step having run.
    const r = spawnSync(process.execPath, [path.join(release, 'bin', 'infralint'), 'check', path.join(FIXTURES, 'worked-example')], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect([r.status, r.stdout]).toEqual([0, expect.stringMatching(/88\.33\/100 {2}passed/)]);
  }, 60000);

  it('installs from a git URL into a project, and runs', () => {
    const project = path.join(work, 'project');
    mkdirSync(project);
    writeFileSync(path.join(project, 'package.json'), '{ "name": "student", "version": "1.0.0" }\n');
    const install = npm(['install', `git+file://${clone}#v9.9.9`], project);
    expect(install.status).toBe(0);
    const r = spawnSync(path.join(project, 'node_modules', '.bin', 'infralint'), ['check', path.join(FIXTURES, 'worked-example')], { encoding: 'utf8', env: { ...process.env, INFRALINT_DEBUG_LAUNCH: '1' } });
    expect([r.status, r.stdout]).toEqual([0, expect.stringMatching(/88\.33\/100 {2}passed/)]);
    // `postinstall` built the startup snapshot for this Node beside the release's bundle, and the launcher used it.
    const blob = path.join(realpathSync(path.join(project, 'node_modules', 'infralint')), 'lib', `infralint.snapshot-${process.version}.blob`);
    expect(existsSync(blob)).toBe(true);
    expect(r.stderr).toContain(`infralint launcher: from the snapshot ${blob}`);
    // The bulk commands' script, read from lib/ when one runs (its usage error is the CLI's own).
    const grade = spawnSync(path.join(project, 'node_modules', '.bin', 'infralint'), ['grade', path.join(FIXTURES, 'worked-example')], { encoding: 'utf8' });
    expect([grade.status, grade.stderr]).toEqual([2, expect.stringMatching(/^infralint: .* looks like one repository .*\n$/)]);
    // js-yaml, required from the install's node_modules on first use: an `@{ ... }` block read, and an invalid one found so by js-yaml.
    const atBlocks = path.join(work, 'at-blocks', 'web_infrastructure_design');
    mkdirSync(atBlocks, { recursive: true });
    writeFileSync(path.join(atBlocks, '3-scale_up.md'), '# Scale up\n\n```mermaid\nflowchart LR\n  A@{ shape: rect, label: "Web server" } --> B\n```\n\n```mermaid\nflowchart LR\n  C@{ shape: [ } --> D\n```\n');
    const yaml = spawnSync(path.join(project, 'node_modules', '.bin', 'infralint'), ['check', path.dirname(atBlocks)], { encoding: 'utf8' });
    expect([yaml.status, yaml.stderr]).toEqual([1, '']);
    expect(yaml.stdout).toContain('`A` ("Web server") is a web server');
    expect(yaml.stdout).toContain('The @{ ... } block is not valid YAML: missed comma');
    // `postinstall` put the sh launcher in place of the Node script, once the snapshot was there.
    expect(existsSync(path.join(path.dirname(path.dirname(blob)), 'bin', 'infralint.sh'))).toBe(false);
  }, 300000);

  it('runs with npx from a git URL, as the README says a student can', () => {
    const r = spawnSync('npx', ['-y', `git+file://${clone}#v9.9.9`, 'check', path.join(FIXTURES, 'worked-example')], { cwd: work, env: { ...env, NO_COLOR: '1' }, encoding: 'utf8', timeout: 240000 });
    expect([r.status, r.stdout]).toEqual([0, expect.stringMatching(/88\.33\/100 {2}passed/)]);
  }, 300000);

  it('installs globally from the release archive, and runs', () => {
    const archive = path.join(work, 'infralint-9.9.9.tar.gz');
    execFileSync('git', ['archive', '--format=tar.gz', '--prefix=infralint-9.9.9/', '-o', archive, 'v9.9.9'], { cwd: clone });
    const prefix = path.join(work, 'prefix');
    expect(npm(['install', '-g', '--prefix', prefix, archive], work).status).toBe(0);
    const r = spawnSync(path.join(prefix, 'bin', 'infralint'), ['check', path.join(FIXTURES, 'worked-example')], { encoding: 'utf8' });
    expect([r.status, r.stdout]).toEqual([0, expect.stringMatching(/88\.33\/100 {2}passed/)]);
  }, 300000);

  // pre-commit itself (Debian's package; .ci/run installs it and sets INFRALINT_REQUIRE_PRECOMMIT so
  // that CI cannot skip this): it clones the tag, installs it with npm and runs the hook on a commit.
  const preCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;
  if (!preCommit && process.env.INFRALINT_REQUIRE_PRECOMMIT) throw new Error('pre-commit is not installed, and INFRALINT_REQUIRE_PRECOMMIT is set');
  (preCommit ? it : it.skip)('runs as a pre-commit hook, on the tasks a commit changes', () => {
    const student = path.join(work, 'student');
    const folder = path.join(student, 'web_infrastructure_design');
    mkdirSync(folder, { recursive: true });
    execFileSync('git', ['init', '-q'], { cwd: student, env });
    copyFileSync(path.join(FIXTURES, 'worked-example', 'web_infrastructure_design', '3-scale_up.md'), path.join(folder, '3-scale_up.md'));
    writeFileSync(path.join(folder, '0-simple_web_stack'), '# not started yet\n');
    writeFileSync(path.join(student, '.pre-commit-config.yaml'), `repos:\n  - repo: file://${clone}\n    rev: v9.9.9\n    hooks:\n      - id: infralint\n`);
    execFileSync('git', ['add', '-A'], { cwd: student, env });
    const hookEnv = { ...env, PRE_COMMIT_HOME: path.join(work, 'pre-commit-home'), NO_COLOR: '1' };
    const hook = (files: string[]) => spawnSync('pre-commit', ['run', '--files', ...files], { cwd: student, env: hookEnv, encoding: 'utf8', timeout: 280000 });
    // Task 3's file changed: task 3 is checked (and passes); the unfinished task 0 does not block it.
    const task3 = hook(['web_infrastructure_design/3-scale_up.md']);
    expect([task3.status, task3.stdout]).toEqual([0, expect.stringMatching(/infralint\.+Passed/)]);
    // Task 0's file changed: task 0 is checked, and fails the commit with its findings.
    const task0 = hook(['web_infrastructure_design/0-simple_web_stack']);
    expect([task0.status, task0.stdout]).toEqual([1, expect.stringMatching(/0-simple_web_stack .*failed/)]);
    expect(task0.stdout).not.toContain('3-scale_up.md');
    // Nothing of the project's tasks changed: the hook does not run.
    expect(hook(['.pre-commit-config.yaml']).stdout).toMatch(/infralint\.+\(no files to check\)Skipped/);
  }, 300000);
});
