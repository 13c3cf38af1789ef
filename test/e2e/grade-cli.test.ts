import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeCohort, ownSubmission } from '../helpers/cohort.js';
import { BIN, FIXTURES } from '../helpers/paths.js';

function run(args: string[], cwd?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, cwd, timeout: 120000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'infralint-grade-cli-'));
const essay = (n: number) => `Student ${n} says the second load balancer takes over when the first one fails, and the replica serves reads, case ${n}.`;

describe('infralint grade: options checked before anything is graded', () => {
  const cohort = makeCohort({ alice: ownSubmission(essay(1)), bob: ownSubmission(essay(2)) });

  it('refuses a --timeout out of range (Node\'s timers overflow), and --timeout with --jobs 0', () => {
    const huge = run(['grade', cohort, '--out', tmp(), '--timeout', '3000000']);
    expect(huge.code).toBe(2);
    expect(huge.stderr).toMatch(/--timeout must be a whole number of seconds from 1 to 86400, not "3000000"/);
    const inThread = run(['grade', cohort, '--out', tmp(), '--jobs', '0', '--timeout', '5']);
    expect(inThread.code).toBe(2);
    expect(inThread.stderr).toMatch(/--timeout needs worker threads/);
  });

  it('caps --jobs at the cores available, and says so', () => {
    const r = run(['grade', cohort, '--out', tmp(), '--jobs', '64', '--no-report']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`--jobs 64 capped at ${os.availableParallelism()}, the cores available`);
  });

  it('refuses one repository given as a cohort, an empty folder, and an unknown export', () => {
    const repo = run(['grade', path.join(FIXTURES, 'complete-flowchart'), '--out', tmp()]);
    expect(repo.code).toBe(2);
    expect(repo.stderr).toMatch(/looks like one repository .*infralint check/);
    const empty = run(['grade', tmp(), '--out', tmp()]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/holds no student folder/);
    const format = run(['grade', cohort, '--out', tmp(), '--export', 'canvas,blackboard']);
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/unknown gradebook format "blackboard" \(known: canvas, moodle\)/);
  });
});

describe('infralint grade interrupted by Ctrl-C', () => {
  it('exits 130 without temporary files, and --resume reuses the students it graded', async () => {
    const cohort = makeCohort(Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`s${i}`, ownSubmission(essay(i))])));
    const out = tmp();
    const child = spawn(process.execPath, [BIN, 'grade', cohort, '--out', out, '--jobs', '1', '--no-report'], { env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    let signalled = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      // After the first progress line (10% graded), as a mentor would press Ctrl-C.
      if (!signalled && /\d+\/60 graded/.test(stderr)) {
        signalled = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(130);
    expect(stderr).toMatch(/interrupted; the previous outputs are untouched; \d+ students kept in .*results\.interrupted\.jsonl: run again with --resume to reuse them/);
    expect(readdirSync(out).sort()).toEqual(['results.interrupted.jsonl']);
    const kept = Number(/(\d+) students kept/.exec(stderr)![1]);
    const resumed = run(['grade', cohort, '--out', out, '--resume', '--no-report']);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(new RegExp(`Graded 60 students in .*, 0 errors, ${kept} reused`));
    expect(existsSync(path.join(out, 'results.interrupted.jsonl'))).toBe(false);
  });
});

describe('infralint collect then grade (local repositories)', () => {
  it('collects, lists who is missing, and grade carries the commits into the gradebook and the exports', () => {
    const root = tmp();
    const work = path.join(root, 'work');
    mkdirSync(path.join(work, 'web_infrastructure_design'), { recursive: true });
    writeFileSync(path.join(work, 'web_infrastructure_design', '3-scale_up.md'), `# Scale up\n\n${essay(1)}\n`);
    const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', ...args], { cwd, encoding: 'utf8' }).trim();
    git(work, 'init', '-q', '-b', 'main');
    git(work, 'add', '-A');
    git(work, 'commit', '-q', '-m', 'task');
    git(root, 'clone', '-q', '--bare', work, 'alice.git');
    writeFileSync(path.join(root, 'roster.csv'), 'github,name,email\nalice,Alice A,a@x.io\nghost,Ghost G,g@x.io\n');

    const noLogin = run(['collect', 'roster.csv', '--repo', `file://${root}/repo.git`], root);
    expect(noLogin.code).toBe(2);
    expect(noLogin.stderr).toMatch(/--repo must contain \{login\}/);

    const collected = run(['collect', 'roster.csv', '--repo', `file://${root}/{login}.git`, '--dir', 'cohort'], root);
    expect(collected.code).toBe(1);
    expect(collected.stdout).toMatch(/Collected 2 students into cohort: 1 cloned, 0 updated, 1 missing or private, 0 failed/);
    expect(collected.stdout).toMatch(/ghost: missing: the repository does not exist or is private/);

    const graded = run(['grade', 'cohort', '--out', 'grades', '--export', 'moodle', '--no-report'], root);
    expect(graded.code).toBe(0);
    expect(graded.stderr).toMatch(/1 student of the roster has no submission: ghost/);
    const gradebook = readFileSync(path.join(root, 'grades', 'gradebook.csv'), 'utf8');
    expect(gradebook).toContain(`alice,Alice A,a@x.io,${git(path.join(root, 'alice.git'), 'rev-parse', 'HEAD')},3-scale_up,graded,`);
    expect(gradebook).toMatch(/\nghost,Ghost G,g@x\.io,,3-scale_up,not-submitted,0,/);
    expect(readFileSync(path.join(root, 'grades', 'moodle.csv'), 'utf8')).toMatch(/\ng@x\.io,,,Ghost G,0,not-submitted: /);
  });
});
