import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeCohort } from '../helpers/cohort.js';
import { BIN } from '../helpers/paths.js';

function run(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tmp = (what: string) => mkdtempSync(path.join(os.tmpdir(), `infralint-review-e2e-${what}-`));
const read = (dir: string, file: string) => readFileSync(path.join(dir, file), 'utf8');

interface Book {
  students: { student: string; staleDecisions?: unknown[]; tasks: { score: number; verdict: string; final: number | null; manualPoints: number; rules: Record<string, { status: string; points: number; decidedBy?: string; decidedAt?: string; note?: string }> }[] }[];
}
const book = (dir: string) => JSON.parse(read(dir, 'gradebook.json')) as Book;
const student = (dir: string, who: string) => book(dir).students.find((s) => s.student === who)!;

/** Starts `infralint review`, waits for its URL, and stops it with Ctrl-C (SIGINT) when asked. */
async function startReview(args: string[]): Promise<{ url: string; stop: () => Promise<{ code: number | null; stdout: string }> }> {
  const child = spawn(process.execPath, [BIN, 'review', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed: ${stdout}`)), 20000);
    child.stdout.on('data', () => {
      const found = /Open (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`review exited ${code}: ${stdout}`)));
  });
  return {
    url,
    stop: () => new Promise((resolve) => {
      child.on('exit', (code) => resolve({ code, stdout }));
      child.kill('SIGINT');
    }),
  };
}

describe('review decisions across runs (built binary)', () => {
  const cohort = makeCohort({ alice: 'complete-flowchart', carol: 'image-only', dave: 'image-only', ursula: 'url-only' });
  const out = tmp('out');
  const first = run(['grade', cohort, '--out', out, '--jobs', '2']);
  const manualRules = Object.entries(student(out, 'carol').tasks[0]!.rules).filter(([, r]) => r.status === 'manual').map(([id]) => id);

  it('records a decision made on the review page, served on 127.0.0.1 until Ctrl-C', async () => {
    expect(first.code).toBe(0);
    expect(manualRules.length).toBeGreaterThan(3);
    const review = await startReview([out, '--reviewer', 'ann']);
    const origin = review.url.replace(/\/$/, '');
    const page = await fetch(review.url);
    expect(await page.text()).toContain('data-student="dave"');
    const saved = await fetch(`${review.url}decisions`, {
      method: 'POST',
      headers: { Origin: origin, 'Content-Type': 'application/json' },
      body: JSON.stringify({ student: 'dave', task: '3-scale_up', rule: 'diagram-present', status: 'pass', note: 'the PNG shows two LBs', reviewer: 'ann' }),
    });
    expect(saved.status).toBe(200);
    const stopped = await review.stop();
    expect(stopped.code).toBe(0);
    expect(stopped.stdout).toMatch(/infralint review: 3 students, \d+ rules awaiting a person/);
    expect(stopped.stdout).toMatch(/infralint review: stopped/);
    expect(read(out, 'decisions.jsonl')).toMatch(/^\{"student":"dave","task":"3-scale_up","rule":"diagram-present","status":"pass","note":"the PNG shows two LBs","reviewer":"ann","time":"[^"]+","digest":"[^"]+"\}\n$/);
  });

  it('applies decisions on the next grade: the engine\'s scores, an audit trail, a final column, the feedback', () => {
    // carol's are written by hand in a spreadsheet: no digest.
    writeFileSync(path.join(out, 'decisions.csv'), `student,task,rule,status,reviewer,time,note\n${manualRules.map((rule) => `carol,3-scale_up,${rule},pass,bob,2026-12-01T09:00:00Z,"looked, fine"`).join('\n')}\n`);
    const again = run(['grade', cohort, '--out', out, '--jobs', '2']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`${manualRules.length + 1} review decisions applied, 0 stale, 0 set aside`);
    const carol = student(out, 'carol').tasks[0]!;
    expect(carol).toMatchObject({ score: 100, manualPoints: 0, verdict: 'passed', final: 100 });
    expect(carol.rules[manualRules[0]!]).toMatchObject({ status: 'pass', decidedBy: 'bob', decidedAt: '2026-12-01T09:00:00Z', note: 'looked, fine' });
    const dave = student(out, 'dave').tasks[0]!;
    expect(dave.rules['diagram-present']).toMatchObject({ status: 'pass', points: 10, decidedBy: 'ann', note: 'the PNG shows two LBs' });
    expect(dave).toMatchObject({ verdict: 'pending', final: null });
    const csv = read(out, 'gradebook.csv').trim().split('\n');
    expect(csv[0]).toMatch(/,final$/);
    expect(csv.find((l) => l.startsWith('carol,'))).toMatch(/,100$/);
    expect(csv.find((l) => l.startsWith('dave,'))).toMatch(/,$/);
    expect(read(out, 'project.csv').split('\n').find((l) => l.startsWith('carol,'))).toMatch(/,100$/);
    expect(read(out, 'feedback/carol.md')).toMatch(/^## Reviewed by a mentor\n\n\*\*3-scale\\_up: 100\/100 after review, passed\*\*/);
    expect(read(out, 'feedback/dave.md')).toContain('| `diagram-present` | pass | 10/10 | ann, ');
    // results.jsonl keeps what infralint found: the decisions are applied on top, every run.
    expect(read(out, 'results.jsonl')).not.toContain('decidedBy');
  });

  it('keeps them with --resume and in a merge of shards', () => {
    const before = read(out, 'gradebook.csv');
    const resumed = run(['grade', cohort, '--out', out, '--jobs', '2', '--resume']);
    expect(resumed.stdout).toMatch(/4 reused/);
    expect(read(out, 'gradebook.csv')).toBe(before);
    const shards = [tmp('shard1'), tmp('shard2')];
    shards.forEach((dir, k) => expect(run(['grade', cohort, '--out', dir, '--shard', `${k + 1}/2`, '--jobs', '1']).code).toBe(0));
    const merged = run(['merge', ...shards, '--out', out]);
    expect(merged.stdout).toContain(`${manualRules.length + 1} review decisions applied`);
    expect(read(out, 'gradebook.csv')).toBe(before);
  });

  it('keeps them when the cohort is cloned again into another folder (the digest is of content, not paths)', () => {
    const before = read(out, 'gradebook.csv');
    const moved = path.join(tmp('moved'), 'cohort');
    cpSync(cohort, moved, { recursive: true });
    const again = run(['grade', moved, '--out', out, '--jobs', '2']);
    expect(again.stdout).toContain(`${manualRules.length + 1} review decisions applied, 0 stale, 0 set aside`);
    expect(read(out, 'gradebook.csv')).toBe(before);
    // Back to the original folder for what follows.
    expect(run(['grade', cohort, '--out', out, '--jobs', '2']).code).toBe(0);
  });

  it('flags a decision as stale when the submission changed since, and leaves the rule to a person again', () => {
    appendFileSync(path.join(cohort, 'dave', 'web_infrastructure_design', '3-scale_up.png'), Buffer.from([1, 2, 3]));
    const after = run(['grade', cohort, '--out', out, '--jobs', '2', '--resume']);
    expect(after.stdout).toMatch(/3 reused/);
    expect(after.stdout).toContain(`${manualRules.length} review decisions applied, 1 stale, 0 set aside`);
    expect(after.stderr).toMatch(/stale decision \(.*decisions\.jsonl:1\): dave changed their submission since ann decided 3-scale_up diagram-present; it awaits review again/);
    const dave = student(out, 'dave');
    expect(dave.tasks[0]!.rules['diagram-present']!.status).toBe('manual');
    expect(dave.staleDecisions).toEqual([expect.objectContaining({ rule: 'diagram-present', decidedBy: 'ann' })]);
  });

  it('stops on an invalid decisions file with the line to fix, and leaves the outputs as they were', () => {
    const before = read(out, 'gradebook.csv');
    appendFileSync(path.join(out, 'decisions.csv'), 'carol,3-scale_up,lb-pair,maybe,bob,2026-12-01T09:00:00Z,\n');
    const bad = run(['grade', cohort, '--out', out, '--jobs', '1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(new RegExp(`decisions\\.csv:${manualRules.length + 2}: "status" must be one of pass, partial, fail \\(got "maybe"\\)`));
    expect(bad.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(read(out, 'gradebook.csv')).toBe(before);
  });

  it('serves this machine only', () => {
    const r = run(['review', out, '--host', '0.0.0.0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/this machine only: --host must be 127\.0\.0\.1/);
    expect(run(['review', tmp('empty')]).stderr).toMatch(/holds no results\.jsonl: run `infralint grade/);
  });
});
