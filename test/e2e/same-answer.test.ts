import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeCohort } from '../helpers/cohort.js';
import { BIN } from '../helpers/paths.js';

/**
 * Issue 18, item 6: one input, one answer, whatever runs it. Hostile submissions (deep nesting that
 * a thread's stack size could decide, a named pipe, binary and oversized files, a broken
 * percent-encoding) get the same rows from `grade --jobs 0` (the main thread) and `grade --jobs 2`
 * (worker threads), and `check` says the same of each student. A runaway student is stopped by
 * `--timeout` alone, and the run exits by itself with the code of a run with an error row.
 */
const fenced = (diagram: string) => `# 3-scale_up\n\n\`\`\`mermaid\n${diagram}\n\`\`\`\n`;
const task = (text: string | Buffer) => ({ 'web_infrastructure_design/3-scale_up.md': text });

const HOSTILE = {
  'nested-loops': task(fenced(`sequenceDiagram\n${'loop x\n'.repeat(12_000)}A->>B: hi\n${'end\n'.repeat(12_000)}`)),
  'nested-subgraphs': task(fenced(`flowchart TD\n${'subgraph s\n'.repeat(10_000)}A\n${'end\n'.repeat(10_000)}`)),
  'brackets': task(fenced(`flowchart TD\nA["${'['.repeat(100_000)}"]`)),
  'nested-quotes-and-lists': task(`# 3\n\n${'> '.repeat(20_000)}x\n\n${'- '.repeat(20_000)}y\n`),
  'nested-html': task(`# 3\n\n${'<div>'.repeat(20_000)}x${'</div>'.repeat(20_000)}\n`),
  'bare-service': task(fenced('architecture-beta\nservice\n')),
  'broken-percent': task('# 3\n\n[a](https://github.com/a/b/blob/main/%E0%A4.md) [b](%E0%A4.md) ![c](%E0%A4.png)\n'),
  'binary': task(Buffer.from([0, 1, 2, 3, 0, 0])),
  'over-max-bytes': task(`# 3\n\n${'word '.repeat(220_000)}`),
  'pipes': task(`# 3\n\nSee [it](linked.md).\n\n${fenced('flowchart TD\nU --> LB')}`),
  'ordinary': 'complete-flowchart',
};

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 180_000, maxBuffer: 1 << 26 });
  if (r.error) throw r.error;
  return r;
}

interface Row {
  student: string;
  status: string;
  error?: string;
  tasks?: { task: string; score: number | null; verdict: string }[];
}
const rowsOf = (out: string): Row[] => JSON.parse(readFileSync(path.join(out, 'gradebook.json'), 'utf8')).students;
const answer = (row: Row) => JSON.stringify([row.status, row.error ?? null, row.tasks?.map((t) => [t.task, t.score, t.verdict])]);
const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'infralint-same-answer-'));

describe('the same answer from check, grade --jobs 0 and grade --jobs 2 (hostile submissions)', () => {
  const cohort = makeCohort(HOSTILE);
  // Named pipes: the sibling diagram file and the linked file (a pipe opened blocks until a writer comes).
  execFileSync('mkfifo', [path.join(cohort, 'pipes', 'web_infrastructure_design', '3-scale_up.mmd'), path.join(cohort, 'pipes', 'web_infrastructure_design', 'linked.md')]);
  const inThread = tmp();
  const inWorkers = tmp();
  const jobs0 = cli(['grade', cohort, '--out', inThread, '--jobs', '0']);
  const jobs2 = cli(['grade', cohort, '--out', inWorkers, '--jobs', '2']);

  it('grade exits by itself with 1 (rows are errors), never 2 or a signal, in the main thread and in workers', () => {
    expect([jobs0.status, jobs0.signal]).toEqual([1, null]);
    expect([jobs2.status, jobs2.signal]).toEqual([1, null]);
  });

  it('grade --jobs 0 and --jobs 2 give every student the same row', () => {
    const a = rowsOf(inThread);
    const b = rowsOf(inWorkers);
    expect(a.map((r) => r.student)).toEqual(Object.keys(HOSTILE).sort());
    expect(b.map(answer)).toEqual(a.map(answer));
    // What the rows are: binary and oversized files are error rows, the rest graded.
    expect(a.filter((r) => r.status === 'error').map((r) => r.student).sort()).toEqual(['binary', 'over-max-bytes']);
  });

  it('check gives each graded student the score and verdict of grade, and says why of each error row', () => {
    for (const row of rowsOf(inWorkers)) {
      const json = cli(['check', path.join(cohort, row.student), '-f', 'json']);
      expect([row.student, json.signal, json.status === 2]).toEqual([row.student, null, false]);
      const results = JSON.parse(json.stdout).results as { task: string; score: number; verdict: string }[];
      if (row.status === 'graded') {
        expect([row.student, results.map((t) => [t.task, t.score, t.verdict])]).toEqual([row.student, row.tasks!.map((t) => [t.task, t.score, t.verdict])]);
      } else {
        // An error row is what a mentor must look at; check tells the student the same reason, and no pass.
        expect(results.every((t) => t.verdict !== 'passed')).toBe(true);
        const stylish = cli(['check', path.join(cohort, row.student)]).stdout;
        expect(stylish).toContain(row.error!.replace(/^3-scale_up: /, ''));
      }
    }
  }, 180_000);
});

describe('--timeout stops a runaway student, not the run', () => {
  it('the slow student is an error row, the others are graded, and the run exits 1 by itself', () => {
    // Eight files of 1 MB of diagrams: seconds of honest work, over a 2 s timeout.
    const body = `flowchart TD\n${Array.from({ length: 20_000 }, (_, i) => `N${i}["node ${i} (x)"] --> N${i + 1}{"y [z]"}`).join('\n')}`.slice(0, 1_000_000);
    const slow: Record<string, string> = { 'web_infrastructure_design/3-scale_up.md': `# 3\n\n\`\`\`mermaid\n${body}\n\`\`\`\n` };
    for (let k = 0; k < 7; k++) slow[`web_infrastructure_design/3-scale_up_${k}.md`] = `\`\`\`mermaid\n${body}\nX[ -->\n\`\`\`\n`;
    const cohort = makeCohort({ 'a-slow': slow, 'b-ordinary': 'complete-flowchart', 'c-ordinary': 'worked-example' });
    const out = tmp();
    const r = cli(['grade', cohort, '--out', out, '--jobs', '2', '--timeout', '2']);
    expect([r.status, r.signal]).toEqual([1, null]);
    const rows = rowsOf(out);
    expect(rows.map((row) => [row.student, row.status])).toEqual([['a-slow', 'error'], ['b-ordinary', 'graded'], ['c-ordinary', 'graded']]);
    expect(rows[0]!.error).toMatch(/grading took longer than 2 s; stopped/);
  }, 180_000);
});
