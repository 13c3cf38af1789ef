import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { request } from 'node:http';
import { loadRubric } from '../../src/config/rubric.js';
import { gradeCohort } from '../../src/grade/grade-cohort.js';
import { loadReviewQueue, type ReviewQueue } from '../../src/grade/review/review-queue.js';
import { startReviewServer, type RunningReview } from '../../src/grade/review/review-server.js';
import { reviewPage, STUDENTS_PER_PAGE } from '../../src/grade/review/review-page.js';
import { applyDecisions } from '../../src/grade/review/apply-decisions.js';
import { readSubmissionBytes } from '../../src/read/safe-bytes.js';
import { makeCohort } from '../helpers/cohort.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const HOSTILE = 'eve"><img src=x onerror=alert(1)>';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request: fetch would not let a test send another Host or leave out Origin. */
function send(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('infralint review: the server', () => {
  const secret = path.join(mkdtempSync(path.join(os.tmpdir(), 'infralint-secret-')), 'secret.png');
  writeFileSync(secret, 'SECRET-OUTSIDE-THE-SUBMISSION');
  const task = (body: string) => ({ 'web_infrastructure_design/3-scale_up.md': `# Scale up\n\n${body}\n\n## Why\n\nA second load balancer removes the single point of failure.\n` });
  const cohort = makeCohort({
    carol: { ...task('![design](3-scale_up.png)\n\nAlso ![remote](https://i.imgur.com/d3sign.png)'), 'web_infrastructure_design/3-scale_up.png': PNG },
    [HOSTILE]: task('![design](design.png)'),
    mallory: task('![design](linked.png)'),
  });
  // A link out of the submission, under an image's name: listed, never served.
  symlinkSync(secret, path.join(cohort, 'mallory', 'web_infrastructure_design', 'linked.png'));
  const out = mkdtempSync(path.join(os.tmpdir(), 'infralint-review-'));
  let queue: ReviewQueue;
  let review: RunningReview;
  let origin: string;
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    send(`${review.url}decisions`, { method: 'POST', headers: { Origin: origin, 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

  beforeAll(async () => {
    await gradeCohort({ dir: cohort, out, rubrics: [loadRubric('3-scale_up')], jobs: 0, report: false });
    queue = await loadReviewQueue(out);
    review = await startReviewServer(queue, { reviewer: 'ann', now: () => new Date('2026-12-01T10:00:00Z') });
    origin = review.url.replace(/\/$/, '');
  });
  afterAll(async () => {
    await review?.close();
  });

  it('lists every student with rules awaiting a person, finds the cohort from the results, and escapes student text', async () => {
    expect(queue.cohort).toBe(cohort);
    expect(queue.students.map((s) => s.record.student)).toEqual(['carol', HOSTILE, 'mallory']);
    const page = await send(review.url);
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-[^']+'; script-src 'sha256-[^']+'; img-src 'self'; connect-src 'self'/);
    expect(page.body).not.toContain('<img src=x');
    expect(page.body).toContain('eve&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    // The remote image is a link, never an <img>.
    expect(page.body).toMatch(/<a href="https:\/\/i\.imgur\.com\/d3sign\.png"[^>]*rel="noopener noreferrer">/);
    expect(page.body).not.toMatch(/<img[^>]+imgur/);
    expect(page.body.match(/<img /g)).toHaveLength(1);
    expect(page.body).toContain('<code>web_infrastructure_design/linked.png</code>: not shown, it is a symbolic link');
    expect(page.body).toContain('<code>web_infrastructure_design/design.png</code>: not shown, it is not in the repository');
  });

  it('serves the images of a submission from inside its folder only, by index, with the type of its extension', async () => {
    const carol = queue.students.findIndex((s) => s.record.student === 'carol');
    const image = await send(`${review.url}image/${carol}/0`);
    expect(image.status).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['content-security-policy']).toMatch(/sandbox/);
    expect(image.headers['x-content-type-options']).toBe('nosniff');
    const mallory = queue.students.findIndex((s) => s.record.student === 'mallory');
    const refused = await send(`${review.url}image/${mallory}/0`);
    expect(refused.status).toBe(404);
    expect(refused.body).not.toContain('SECRET');
    for (const probe of ['image/99/0', 'image/0/9', '../etc/passwd', 'image/1/0/../../x', 'results.jsonl', 'decisions.jsonl']) {
      const answer = await send(`${review.url}${probe}`);
      expect({ probe, status: answer.status }).toEqual({ probe, status: 404 });
    }
    expect(readSubmissionBytes(path.join(cohort, 'mallory'), path.join(cohort, 'carol', 'web_infrastructure_design', '3-scale_up.png'))).toEqual({ ok: false, why: 'it lies outside the submission folder' });
  });

  it('refuses requests for another host name and posts from another origin or of another type', async () => {
    const rebound = await send(review.url, { headers: { Host: 'attacker.example:80' } });
    expect(rebound.status).toBe(421);
    const decision = { student: 'carol', task: '3-scale_up', rule: 'diagram-present', status: 'pass', note: '', reviewer: 'ann' };
    expect((await post(decision, { Origin: 'https://attacker.example' })).status).toBe(403);
    expect((await send(`${review.url}decisions`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(decision) })).status).toBe(403);
    expect((await post(decision, { 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await post({ ...decision, status: 'partial' })).body).toMatch(/decide pass or fail/);
    expect((await post({ ...decision, rule: 'task-file' })).status).toBe(404);
    expect((await post({ ...decision, student: 'nobody' })).status).toBe(404);
    expect((await post({ ...decision, reviewer: ' ' })).status).toBe(400);
    expect((await post({ ...decision, note: 'x'.repeat(70 * 1024) })).status).toBe(413);
    await expect(startReviewServer(queue, { host: '0.0.0.0', reviewer: 'ann' })).rejects.toThrow(/this machine only/);
  });

  it('pages a large queue, and lists only the students with a rule undecided when asked', () => {
    const carol = queue.students.find((s) => s.record.student === 'carol')!;
    const manual = carol.record.tasks[0]!.rules.filter((r) => r.status === 'manual');
    const decided = { record: carol.record, decided: applyDecisions(carol.record, manual.map((r) => ({ student: 'carol', task: '3-scale_up', rule: r.id, status: 'pass' as const, note: '', reviewer: 'ann', time: '2026-12-01T10:00:00Z', source: 'x:1' }))) };
    const big = { ...queue, students: Array.from({ length: 2 * STUDENTS_PER_PAGE + 7 }, (_, i) => (i % 2 ? decided : carol)) };
    const sections = (html: string) => html.match(/<section class="student" id="student-(\d+)"/g)!.map((m) => Number(/(\d+)"$/.exec(m)![1]));
    expect(sections(reviewPage(big, 'ann'))).toEqual(Array.from({ length: STUDENTS_PER_PAGE }, (_, i) => i));
    expect(sections(reviewPage(big, 'ann', { page: 3, undecidedOnly: false }))).toHaveLength(7);
    expect(sections(reviewPage(big, 'ann', { page: 99, undecidedOnly: false }))).toHaveLength(7);
    const undecided = sections(reviewPage(big, 'ann', { page: 2, undecidedOnly: true }));
    expect(undecided).toHaveLength(4);
    expect(undecided.every((n) => n % 2 === 0)).toBe(true);
    expect(reviewPage(big, 'ann', { page: 2, undecidedOnly: true })).toContain('<a href="/?page=1&amp;undecided=1">1</a> <strong>2</strong>');
  });

  it('appends a valid decision with the time and the submission digest, and answers with the task\'s new score', async () => {
    const answer = await post({ student: 'carol', task: '3-scale_up', rule: 'diagram-present', status: 'pass', note: 'clear <b>design</b>', reviewer: 'ann' });
    expect(answer.status).toBe(200);
    const body = JSON.parse(answer.body) as { state: string; score: string };
    expect(body.state).toBe('pass (10/10), decided by ann at 2026-12-01T10:00:00.000Z');
    const carol = queue.students.find((s) => s.record.student === 'carol')!;
    expect(body.score).toBe(`${carol.record.tasks[0]!.score + 10}/100, ${carol.record.tasks[0]!.manualPoints - 10} awaiting review, pending review`);
    const lines = readFileSync(path.join(out, 'decisions.jsonl'), 'utf8').trim().split('\n');
    expect(lines.map((l) => JSON.parse(l) as object)).toEqual([{ student: 'carol', task: '3-scale_up', rule: 'diagram-present', status: 'pass', note: 'clear <b>design</b>', reviewer: 'ann', time: '2026-12-01T10:00:00.000Z', digest: carol.record.digest }]);
  });
});
