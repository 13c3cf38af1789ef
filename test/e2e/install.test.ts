import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
    const caches = readdirSync(path.join(PROJECT, 'dist')).filter((f) => /^infralint\..*\.cache$/.test(f));
    for (const f of ['infralint.cjs', ...caches, 'grade-worker.mjs', 'flowchart-tables.json', 'sequence-tables.json']) copyFileSync(path.join(PROJECT, 'dist', f), path.join(clone, 'dist', f));
    execFileSync(process.execPath, ['scripts/release.mjs', '9.9.9', '--no-build'], { cwd: clone, env, stdio: 'ignore' });
  }, 60000);

  it('tags the release and its moving major tag, and leaves the branch without lib/', () => {
    const tags = execFileSync('git', ['tag'], { cwd: clone, encoding: 'utf8' }).split('\n');
    expect(tags).toEqual(expect.arrayContaining(['v9', 'v9.9.9']));
    expect(execFileSync('git', ['show', '--stat', '--format=%s', 'v9.9.9'], { cwd: clone, encoding: 'utf8' })).toContain('lib/infralint.cjs');
    expect(spawnSync('git', ['ls-files', 'lib'], { cwd: clone, encoding: 'utf8' }).stdout).toBe('');
  });

  it('installs from a git URL into a project, and runs', () => {
    const project = path.join(work, 'project');
    mkdirSync(project);
    writeFileSync(path.join(project, 'package.json'), '{ "name": "student", "version": "1.0.0" }\n');
    const install = npm(['install', `git+file://${clone}#v9.9.9`], project);
    expect(install.status).toBe(0);
    const r = spawnSync(path.join(project, 'node_modules', '.bin', 'infralint'), ['check', path.join(FIXTURES, 'worked-example')], { encoding: 'utf8' });
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
});
