import { parse } from 'csv-parse/sync';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadRubric } from '../../src/config/rubric.js';
import { Interrupted } from '../../src/errors.js';
import { gradeCohort, type GradeCohortOptions } from '../../src/grade/grade-cohort.js';
import { mergePartials } from '../../src/grade/merge-partials.js';
import { INTERRUPTED_FILE, RESULTS_FILE } from '../../src/grade/results-file.js';
import { makeCohort, ownSubmission } from '../helpers/cohort.js';
import { FIXTURES } from '../helpers/paths.js';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'infralint-runs-'));
const rubrics = [loadRubric('3-scale_up')];
const grade = (dir: string, out: string, more: Partial<GradeCohortOptions> = {}) => gradeCohort({ dir, out, rubrics, jobs: 0, report: false, ...more });
/** A CSV's rows as cells (no cell of these tests holds a comma or a quote). */
const csv = (file: string) => parse(readFileSync(file, 'utf8'), { bom: true }) as string[][];
const essay = (n: number) => `Student ${n} explains that the second load balancer takes over when the first fails, and that the database replica serves reads while the primary writes, number ${n}.`;

describe('results keyed to the cohort folder', () => {
  it('reuses the unchanged students of a cohort cloned again into another folder, and regrades the changed one', async () => {
    const first = makeCohort({ alice: ownSubmission(essay(1)), bob: ownSubmission(essay(2)), carol: 'complete-flowchart' });
    const out = tmp();
    await grade(first, out);
    const results = readFileSync(path.join(out, RESULTS_FILE), 'utf8');
    expect(results).not.toContain(first);

    const moved = tmp();
    cpSync(first, moved, { recursive: true });
    writeFileSync(path.join(moved, 'bob', 'web_infrastructure_design/3-scale_up.md'), '# Scale up\n\nnothing left\n');
    const roster = path.join(tmp(), 'roster.csv');
    writeFileSync(roster, 'login,name,email\nalice,Alice Renamed,alice@x.io\n');
    const again = await grade(moved, out, { resume: true, manifest: roster });
    expect(again.reused).toBe(2);
    const rows = csv(path.join(out, 'gradebook.csv'));
    // A reused result takes this run's roster.
    expect(rows.find((r) => r[0] === 'alice')!.slice(1, 3)).toEqual(['Alice Renamed', 'alice@x.io']);
    const scoreAt = rows[0]!.indexOf('score');
    expect(rows.find((r) => r[0] === 'carol')![scoreAt]).toBe('100');
    expect(Number(rows.find((r) => r[0] === 'bob')![scoreAt])).toBeLessThan(20);
  });

  it('refuses to merge shards of two cohorts, or graded with another threshold, naming what differs', async () => {
    const one = makeCohort({ alice: ownSubmission(essay(1)), bob: ownSubmission(essay(2)), dan: ownSubmission(essay(4)) });
    const other = makeCohort({ alice: ownSubmission(essay(1)), bob: ownSubmission(essay(2)), erin: ownSubmission(essay(5)) });
    const [a, b, c] = [tmp(), tmp(), tmp()];
    await grade(one, a, { shard: { index: 1, count: 2 } });
    await grade(other, b, { shard: { index: 2, count: 2 } });
    await grade(one, c, { shard: { index: 2, count: 2 }, lint: { minScore: 80 } });
    await expect(mergePartials({ partials: [a, b], out: tmp(), report: false })).rejects.toThrow(/are shards of different cohorts \(3 and 3 students, not of the same names\)/);
    await expect(mergePartials({ partials: [a, c], out: tmp(), report: false })).rejects.toThrow(new RegExp(`--min-score: \\(none\\) in ${a}/results.jsonl, 80 in ${c}/results.jsonl`));
  });

  it('names the file and the line of a results file cut short when resuming', async () => {
    const dir = makeCohort({ alice: ownSubmission(essay(1)), bob: ownSubmission(essay(2)) });
    const out = tmp();
    await grade(dir, out);
    const file = path.join(out, RESULTS_FILE);
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.slice(0, text.indexOf('\n', text.indexOf('\n') + 1) + 40));
    await expect(grade(dir, out, { resume: true })).rejects.toThrow(new RegExp(`^${file}:3: not valid JSON \\(the file was cut or edited\\)`));
  });
});

describe('an interrupted run', () => {
  it('removes its temporary files, leaves the previous outputs, and keeps what it graded for --resume', async () => {
    const dir = makeCohort(Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`s${i}`, ownSubmission(essay(i))])));
    const out = tmp();
    await grade(dir, out);
    const before = readFileSync(path.join(out, 'gradebook.csv'), 'utf8');
    writeFileSync(path.join(dir, 's5', 'web_infrastructure_design/3-scale_up.md'), '# changed\n');
    const controller = new AbortController();
    const stopped = grade(dir, out, { signal: controller.signal, onProgress: (p) => p.done === 2 && controller.abort('SIGINT') });
    await expect(stopped).rejects.toBeInstanceOf(Interrupted);
    await expect(stopped).rejects.toMatchObject({ kept: 2, signal: 'SIGINT' });
    expect(readdirSync(out).filter((f) => f.startsWith('.')).sort()).toEqual([]);
    expect(readFileSync(path.join(out, 'gradebook.csv'), 'utf8')).toBe(before);
    expect(existsSync(path.join(out, INTERRUPTED_FILE))).toBe(true);

    // The kept students are reused even though results.jsonl is gone (the interrupted run's own file counts).
    const { rmSync } = await import('node:fs');
    rmSync(path.join(out, RESULTS_FILE));
    const resumed = await grade(dir, out, { resume: true });
    expect(resumed.reused).toBe(2);
    expect(existsSync(path.join(out, INTERRUPTED_FILE))).toBe(false);
  });

  it('stopped while writing the outputs, keeps every student', async () => {
    const dir = makeCohort({ a: ownSubmission(essay(1)), b: ownSubmission(essay(2)) });
    const out = tmp();
    const controller = new AbortController();
    const stopped = grade(dir, out, { signal: controller.signal, onProgress: (p) => p.done === p.total && controller.abort('SIGTERM') });
    await expect(stopped).rejects.toMatchObject({ kept: 2, signal: 'SIGTERM' });
    expect(readdirSync(out)).toEqual([INTERRUPTED_FILE]);
    expect((await grade(dir, out, { resume: true })).reused).toBe(2);
  });
});

describe('gradebook rows', () => {
  const dir = makeCohort({
    student10: ownSubmission(essay(10)),
    student2: ownSubmission(essay(2)),
    Émile: ownSubmission(essay(3)),
    alice: 'complete-flowchart',
    // A full-marks submission with undecodable bytes: an error row (a person must look), which used to say 100 and passed.
    broken: { 'web_infrastructure_design/3-scale_up': Buffer.concat([readFileSync(path.join(FIXTURES, 'complete-flowchart/web_infrastructure_design/3-scale_up')), Buffer.from([0xff, 0xfe, 0x0a])]) },
    zoe: 'image-only',
  });
  const roster = path.join(tmp(), 'roster.csv');
  writeFileSync(roster, 'login;name;email;SIS User ID;Section;idnumber\nalice;Alice A;a@x.io;S1;Cohort 12;M-1\nzoe;Zoe Z;z@x.io;S2;Cohort 12;M-2\nnobody;No Body;n@x.io;S3;Cohort 13;M-3\n');
  const out = tmp();
  const run = grade(dir, out, { manifest: roster, exports: { formats: ['canvas', 'moodle'], title: 'Web infrastructure' } });

  it('lists students in natural order, begins with a byte order mark, and gives an error row no score', async () => {
    await run;
    const text = readFileSync(path.join(out, 'gradebook.csv'), 'utf8');
    expect(text.startsWith('\uFEFFstudent,')).toBe(true);
    const rows = csv(path.join(out, 'gradebook.csv'));
    expect(rows.slice(1).map((r) => r[0])).toEqual(['alice', 'broken', 'Émile', 'nobody', 'student2', 'student10', 'zoe']);
    const head = rows[0]!;
    const broken = rows.find((r) => r[0] === 'broken')!;
    const cell = (name: string) => broken[head.indexOf(name)];
    expect([cell('status'), cell('score'), cell('passed'), cell('verdict')]).toEqual(['error', '', 'false', 'error']);
    expect(cell('error')).toMatch(/not valid UTF-8/);
    expect(head.slice(head.indexOf('task-file'), head.indexOf('similar_to')).map((id) => cell(id))).toEqual(head.slice(head.indexOf('task-file'), head.indexOf('similar_to')).map(() => ''));
    const project = csv(path.join(out, 'project.csv'));
    const p = project.find((r) => r[0] === 'broken')!;
    expect([p[project[0]!.indexOf('project_score')], p[project[0]!.indexOf('project_percent')]]).toEqual(['', '']);
  });

  it('exports Canvas and Moodle imports: ids from the roster, no grade where a person must decide, 0 for no submission', async () => {
    await run;
    const canvas = csv(path.join(out, 'canvas.csv'));
    expect(canvas.slice(0, 2)).toEqual([['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section', 'Web infrastructure'], ['    Points Possible', '', '', '', '', '100']]);
    expect(canvas.find((r) => r[0] === 'Alice A')).toEqual(['Alice A', '', 'S1', '', 'Cohort 12', '100']);
    // An image awaits review: no grade is imported; an error row neither; nothing handed in is 0.
    expect(canvas.find((r) => r[0] === 'Zoe Z')!.at(-1)).toBe('');
    expect(canvas.find((r) => r[0] === 'broken')!.at(-1)).toBe('');
    expect(canvas.find((r) => r[0] === 'No Body')!.at(-1)).toBe('0');
    const moodle = csv(path.join(out, 'moodle.csv'));
    expect(moodle[0]).toEqual(['Email address', 'Username', 'ID number', 'Full name', 'Web infrastructure', 'Web infrastructure feedback']);
    expect(moodle.find((r) => r[0] === 'a@x.io')).toEqual(['a@x.io', '', 'M-1', 'Alice A', '100', '3-scale_up: 100/100 passed']);
    expect(moodle.find((r) => r[0] === 'z@x.io')!.slice(4)).toEqual(['', expect.stringMatching(/^3-scale_up: \d+\/100 pending$/)]);
  });
});
