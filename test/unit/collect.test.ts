import { parse } from 'csv-parse/sync';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadRubric } from '../../src/config/rubric.js';
import { collectCohort, type CollectOptions } from '../../src/grade/collect.js';
import { COLLECT_MANIFEST, readCollectManifest } from '../../src/grade/collect-manifest.js';
import { gradeCohort } from '../../src/grade/grade-cohort.js';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'infralint-collect-'));
const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd, encoding: 'utf8' }).trim();

/** A bare repository `<login>.git` under `root` holding `files`, served with partial clone allowed (as GitHub does). */
function studentRepo(root: string, login: string, files: Record<string, string>): void {
  const work = path.join(root, `work-${login}`);
  mkdirSync(work, { recursive: true });
  git(work, 'init', '-q', '-b', 'main');
  commitFiles(work, files, 'first');
  git(root, 'clone', '-q', '--bare', work, `${login}.git`);
  git(path.join(root, `${login}.git`), 'config', 'uploadpack.allowFilter', 'true');
}

function commitFiles(work: string, files: Record<string, string>, message: string): void {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(work, file)), { recursive: true });
    writeFileSync(path.join(work, file), text);
  }
  git(work, 'add', '-A');
  git(work, 'commit', '-q', '-m', message);
}

const TASK = 'web_infrastructure_design/3-scale_up.md';
const options = (root: string, dir: string, roster: string, more: Partial<CollectOptions> = {}): CollectOptions => ({
  roster, template: `file://${root}/{login}.git`, dir, paths: ['web_infrastructure_design'], jobs: 3, timeoutMs: 20_000, ...more,
});

describe('infralint collect (local repositories)', () => {
  const root = tmp();
  studentRepo(root, 'alice', { [TASK]: '# Scale up\n\nAlice\n', 'big/other-project.txt': 'not the project', 'README.md': 'alice' });
  studentRepo(root, 'Bob', { [TASK]: '# Scale up\n\nBob\n' });
  git(root, 'init', '-q', '--bare', 'empty.git');
  const roster = path.join(root, 'roster.csv');
  writeFileSync(roster, 'login,name,email\nalice,Alice A,a@x.io\nBob,Bob B,b@x.io\nghost,Ghost,g@x.io\nempty,Empty,e@x.io\n-rf,Option,x@x.io\n../evil,Evil,x@x.io\n');
  const dir = path.join(root, 'cohort');

  it('clones only the project folder, records each commit, and says who is missing and why', async () => {
    const progress: number[] = [];
    const warnings: string[] = [];
    const { counts, manifest } = await collectCohort(options(root, dir, roster, { onProgress: (p) => progress.push(p.done), onWarning: (w) => warnings.push(w) }));
    expect(warnings).toEqual([`${roster}:7: "../evil" cannot be a folder name (a path, a hidden name or a control character); the row was skipped`]);
    expect(counts).toEqual({ cloned: 2, updated: 0, missing: 2, failed: 1 });
    expect(progress.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
    const by = Object.fromEntries(manifest.students.map((s) => [s.login, s]));
    expect(by.alice!.commit).toBe(git(path.join(root, 'alice.git'), 'rev-parse', 'HEAD'));
    expect(by.Bob!.status).toBe('cloned');
    expect(by.ghost).toMatchObject({ status: 'missing', message: expect.stringMatching(/does not exist or is private/) });
    expect(by.empty).toMatchObject({ status: 'missing', message: 'the repository is empty (no commit)' });
    expect(by['-rf']).toMatchObject({ status: 'failed', message: expect.stringMatching(/not a GitHub login/) });
    // Sparse and partial: the project folder and the top-level files, nothing else.
    expect(readFileSync(path.join(dir, 'alice', TASK), 'utf8')).toMatch(/Alice/);
    expect(existsSync(path.join(dir, 'alice', 'big'))).toBe(false);
    expect(git(path.join(dir, 'alice'), 'config', 'remote.origin.partialclonefilter')).toBe('blob:none');
    expect(git(path.join(dir, 'alice'), 'rev-list', '--count', 'HEAD')).toBe('1');
    expect(readdirSync(dir).sort()).toEqual([COLLECT_MANIFEST, 'Bob', 'alice']);
    expect(existsSync(path.join(root, 'evil'))).toBe(false);
    expect(readCollectManifest(dir)!.students).toHaveLength(5);
  });

  it('updates a clone to the new commit, undoing local changes, and leaves a folder that is not its clone alone', async () => {
    commitFiles(path.join(root, 'work-alice'), { [TASK]: '# Scale up\n\nAlice, second try\n' }, 'second');
    git(path.join(root, 'work-alice'), 'push', '-q', path.join(root, 'alice.git'), 'main');
    writeFileSync(path.join(dir, 'alice', 'web_infrastructure_design', 'stray.md'), 'left by hand');
    mkdirSync(path.join(dir, 'ghost'));
    const { manifest } = await collectCohort(options(root, dir, roster));
    const by = Object.fromEntries(manifest.students.map((s) => [s.login, s]));
    expect(by.alice).toMatchObject({ status: 'updated', commit: git(path.join(root, 'alice.git'), 'rev-parse', 'HEAD') });
    expect(readFileSync(path.join(dir, 'alice', TASK), 'utf8')).toMatch(/second try/);
    expect(existsSync(path.join(dir, 'alice', 'web_infrastructure_design', 'stray.md'))).toBe(false);
    expect(by.ghost).toMatchObject({ status: 'failed', message: expect.stringMatching(/exists and is not a clone: left as it is/) });

    // A repository gone private (or deleted) after it was collected: the clone is kept, with its commit.
    const { renameSync } = await import('node:fs');
    renameSync(path.join(root, 'Bob.git'), path.join(root, 'Bob-private.git'));
    const later = await collectCohort(options(root, dir, roster));
    expect(later.manifest.students.find((s) => s.login === 'Bob')).toMatchObject({ status: 'missing', commit: by.Bob!.commit, message: expect.stringMatching(/private.*; not updated: the folder holds the commit collected before$/) });
    renameSync(path.join(root, 'Bob-private.git'), path.join(root, 'Bob.git'));
  });

  it('is read by grade: the commit in the gradebook, and a row for each student without a repository', async () => {
    const cohort = tmp();
    await collectCohort(options(root, cohort, roster));
    const out = tmp();
    const result = await gradeCohort({ dir: cohort, out, rubrics: [loadRubric('3-scale_up')], jobs: 0, report: false });
    expect(result.notSubmitted).toBe(3);
    expect(readdirSync(path.join(out, 'feedback')).sort()).toEqual(['-rf.md', 'Bob.md', 'alice.md', 'empty.md', 'ghost.md']);
    const rows = parse(readFileSync(path.join(out, 'gradebook.csv'), 'utf8'), { bom: true }) as string[][];
    const errorColumn = rows[0]!.indexOf('error');
    const commit = git(path.join(root, 'alice.git'), 'rev-parse', 'HEAD');
    expect(rows.find((r) => r[0] === 'alice')!.slice(0, 6)).toEqual(['alice', 'Alice A', 'a@x.io', commit, '3-scale_up', 'graded']);
    expect(rows.find((r) => r[0] === 'ghost')!.slice(5, 12)).toEqual(['not-submitted', '0', '', '', '', 'false', 'not-submitted']);
    expect(rows.find((r) => r[0] === 'empty')![errorColumn]).toBe('not submitted: the repository is empty (no commit)');
  });
});

describe('collect never waits for a person', () => {
  let server: Server;
  let silent: Server;
  const roster = path.join(tmp(), 'roster.csv');
  writeFileSync(roster, 'login\nprivate-one\n');
  beforeAll(async () => {
    // What GitHub answers for a private (or missing) repository over HTTPS: credentials, please.
    server = createServer((_, res) => {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="GitHub"' });
      res.end();
    });
    silent = createServer(() => undefined);
    await Promise.all([server, silent].map((s) => new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))));
  });
  afterAll(() => {
    server.close();
    silent.closeAllConnections();
    silent.close();
  });

  it('reports a repository that asks for credentials as missing or private, at once', async () => {
    const { port } = server.address() as AddressInfo;
    const started = Date.now();
    const { manifest } = await collectCohort({ roster, template: `http://127.0.0.1:${port}/{login}/repo.git`, dir: tmp(), paths: [], jobs: 1, timeoutMs: 20_000 });
    expect(manifest.students[0]).toMatchObject({ status: 'missing', message: 'the repository does not exist or is private (no access without credentials)' });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('stops git after the timeout when the host never answers', async () => {
    const { port } = silent.address() as AddressInfo;
    const { manifest } = await collectCohort({ roster, template: `http://127.0.0.1:${port}/{login}/repo.git`, dir: tmp(), paths: [], jobs: 1, timeoutMs: 1500 });
    expect(manifest.students[0]).toMatchObject({ status: 'failed', message: 'git took longer than 2 s and was stopped' });
  });
});
