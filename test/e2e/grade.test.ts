import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeCohort, ownSubmission } from '../helpers/cohort.js';
import { BIN, PROJECT } from '../helpers/paths.js';

function run(args: string[], cwd?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, cwd, timeout: 120000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'infralint-grade-e2e-'));
const read = (dir: string, file: string) => readFileSync(path.join(dir, file), 'utf8');

/** Every output file of a run, by relative path (results.jsonl too: it holds no machine path). */
function outputs(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of ['gradebook.csv', 'gradebook.json', 'report.html', 'results.jsonl']) files[name] = read(dir, name);
  for (const name of readdirSync(path.join(dir, 'feedback'))) files[`feedback/${name}`] = read(dir, `feedback/${name}`);
  return files;
}

const COHORT = {
  alice: 'complete-flowchart',
  bob: 'worked-example',
  carol: 'image-only',
  dave: 'one-lb',
  erin: 'sequence-only',
  frank: 'misnamed',
  grace: ownSubmission('The second load balancer is added so that traffic keeps flowing if the first one fails.'),
  heidi: { 'web_infrastructure_design/3-scale_up': Buffer.from([0, 1, 2, 3, 0, 0]) },
};

describe('infralint grade (built binary, worker threads)', () => {
  const cohort = makeCohort(COHORT);
  const out = tmp();
  const first = run(['grade', cohort, '--out', out, '--jobs', '2']);

  it('grades every student, reports the broken one as an error row, and says where it wrote', () => {
    expect(first.stderr).toMatch(/infralint grade: 8\/8 graded/);
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(/^Graded 8 students in [\d.]+ s \(\d+\/s\), 1 errors, 0 reused$/m);
    expect(first.stdout).toMatch(/wrote .*gradebook\.csv/);
    const csv = read(out, 'gradebook.csv').trim().split('\n');
    expect(csv).toHaveLength(9);
    expect(csv.find((l) => l.startsWith('heidi,'))).toMatch(/,error,.*binary file/);
    expect(csv.find((l) => l.startsWith('alice,'))).toMatch(/^alice,,,,3-scale_up,graded,100,100,0,70,true,passed,pass,10,5,/);
  });

  it('gives each student the feedback `infralint check` gives them', () => {
    for (const student of ['alice', 'bob', 'carol', 'frank']) {
      const check = run(['check', path.join(cohort, student), '--format', 'markdown']);
      expect(read(out, `feedback/${student}.md`)).toBe(check.stdout);
    }
  });

  it('reuses unchanged students with --resume and regrades a changed one', () => {
    const before = outputs(out);
    const again = run(['grade', cohort, '--out', out, '--jobs', '2', '--resume']);
    // The binary file did not change either: its error row is reused too.
    expect(again.stdout).toMatch(/, 1 errors, 8 reused$/m);
    expect(outputs(out)).toEqual(before);
    writeFileSync(path.join(cohort, 'grace', 'web_infrastructure_design', '3-scale_up.md'), '# nothing here\n');
    const changed = run(['grade', cohort, '--out', out, '--jobs', '1', '--resume']);
    expect(changed.stdout).toMatch(/, 1 errors, 7 reused$/m);
    expect(JSON.parse(read(out, 'gradebook.json')).students.find((s: { student: string }) => s.student === 'grace').tasks[0].rules['explain-additions'].status).toBe('fail');
    // A different rubric setting changes every result: nothing is reused.
    const stricter = run(['grade', cohort, '--out', out, '--resume', '--min-score', '90']);
    expect(stricter.stdout).toMatch(/, 0 reused$/m);
  });

  it('builds with --shard and merge exactly the outputs of one run', () => {
    const whole = tmp();
    run(['grade', cohort, '--out', whole]);
    const shards = [1, 2, 3].map((k) => {
      const dir = tmp();
      const r = run(['grade', cohort, '--out', dir, '--shard', `${k}/3`, '--jobs', '1']);
      expect(r.stdout).toMatch(new RegExp(`shard ${k}/3`));
      expect(readdirSync(dir)).toEqual(['results.jsonl']);
      return dir;
    });
    const merged = tmp();
    const m = run(['merge', ...shards, '--out', merged]);
    expect(m.stdout).toMatch(/Merged 8 submissions from 3 results files/);
    expect(outputs(merged)).toEqual(outputs(whole));

    const missing = run(['merge', shards[0]!, shards[2]!, '--out', tmp()]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/shard 2\/3 missing/);
    const twice = run(['merge', shards[0]!, shards[0]!, '--out', tmp()]);
    expect(twice.stderr).toMatch(/given twice/);
  });

  it('runs the README\'s CI matrix example as written', async () => {
    const { load } = await import('js-yaml');
    const readme = readFileSync(path.join(PROJECT, 'README.md'), 'utf8');
    const snippet = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => load(m[1]!) as { jobs?: Record<string, { strategy?: { matrix: { shard: number[] } }; steps: { run?: string }[] }> }).find((y) => y.jobs?.grade?.strategy);
    const { grade, merge } = snippet!.jobs!;
    const cwd = tmp();
    symlinkSync(cohort, path.join(cwd, 'submissions'));
    const shell = (line: string) => {
      const args = line.replace(/^npx infralint /, '').split(/\s+/);
      const r = run(args, cwd);
      expect(r.code === 0 || r.code === 1).toBe(true);
    };
    for (const shard of grade!.strategy!.matrix.shard) {
      for (const step of grade!.steps) if (step.run) shell(step.run.replace(/\$\{\{ matrix\.shard \}\}/g, String(shard)));
    }
    for (const step of merge!.steps) if (step.run) shell(step.run);
    const whole = tmp();
    run(['grade', cohort, '--out', whole]);
    expect(outputs(path.join(cwd, 'grades'))).toEqual(outputs(whole));
  });

  it('turns bad usage into exit 2 with a message, never a stack trace', () => {
    for (const args of [['grade', path.join(cohort, 'nope')], ['grade', cohort, '--shard', '4/3'], ['grade', cohort, '--jobs', 'x'], ['merge', path.join(cohort, 'alice')], ['grade', cohort, '--base-text', path.join(cohort, 'no-such-template.md')]]) {
      const r = run(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^infralint: /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('groups the students who handed in the same text, and no more once that text is named with --base-text', () => {
    const twins = makeCohort({ ana: ownSubmission(TEMPLATE), ben: ownSubmission(TEMPLATE), cid: ownSubmission('A text of my own about the two load balancers.') });
    const grouped = run(['grade', twins, '--out', tmp(), '--jobs', '0', '--no-report']);
    expect(grouped.stdout).toMatch(/, 1 groups of similar submissions \(2 submissions\)$/m);
    const template = path.join(tmp(), 'template.md');
    writeFileSync(template, TEMPLATE);
    const out = tmp();
    const named = run(['grade', twins, '--out', out, '--jobs', '0', '--no-report', '--base-text', template]);
    expect(named.stdout).toMatch(/, 0 groups of similar submissions \(0 submissions\)$/m);
    expect(JSON.parse(read(out, 'gradebook.json')).similarity.groups).toEqual([]);
  });
});

/** A handout every student fills in: long enough to be compared. */
const TEMPLATE = 'Our design keeps two load balancers in a cluster so that either one can take over the traffic of the other, ' +
  'three web servers behind them answer the requests, the application servers run the code on their own machines, ' +
  'and the database primary copies every write to its replica, which answers the reads of the application servers.';
