import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import os from 'node:os';
import path from 'node:path';
import { loadRubric } from '../../src/config/rubric.js';
import { temporaryName } from '../../src/grade/atomic-file.js';
import { gradeCohort } from '../../src/grade/grade-cohort.js';
import { mergePartials } from '../../src/grade/merge-partials.js';
import { commitTogether, OutFolder } from '../../src/grade/out-folder.js';
import { findSimilar } from '../../src/grade/similarity/find-similar.js';
import { CohortSketches } from '../../src/grade/similarity/cohort-sketches.js';
import { buildBaseText } from '../../src/grade/similarity/base-text.js';
import { packSketch, SketchBuilder } from '../../src/grade/similarity/sketch.js';
import { makeCohort, ownSubmission } from '../helpers/cohort.js';

/**
 * Bulk grading under the faults of issue 18: results files cut, edited or broken, two runs on one
 * folder, a kill during the commit, temporary files left by killed runs, a cohort of copies.
 */
const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'infralint-hostile-bulk-'));
const rubrics = () => [loadRubric('3-scale_up')];

async function gradedRun(): Promise<{ dir: string; out: string; results: string; lines: string[] }> {
  const dir = makeCohort({ ana: ownSubmission('ana explains the load balancer pair'), ben: ownSubmission('ben explains the database replica'), cy: 'complete-flowchart' });
  const out = tmp();
  await gradeCohort({ dir, out, rubrics: rubrics(), jobs: 0, report: false });
  const results = path.join(out, 'results.jsonl');
  return { dir, out, results, lines: readFileSync(results, 'utf8').trimEnd().split('\n') };
}

describe('results.jsonl is trusted only whole and unedited', () => {
  it('ends with a closing line that counts its records', async () => {
    const { lines } = await gradedRun();
    expect(lines).toHaveLength(5);
    expect(JSON.parse(lines[4]!)).toEqual({ infralint: 'grade-results-end', students: 3 });
  });

  const cases: [string, (lines: string[]) => string, RegExp][] = [
    ['cut at a line boundary (a student missing)', (l) => [l[0], l[1], l[2]].join('\n'), /results\.jsonl:3: the file ends without its closing line \(2 records read\)/],
    ['cut inside a line', (l) => `${l.slice(0, 2).join('\n')}\n${l[2]!.slice(0, 40)}`, /results\.jsonl:3: not valid JSON/],
    ['a null line', (l) => [l[0], 'null', ...l.slice(1)].join('\n'), /results\.jsonl:2: not a record infralint wrote/],
    ['a score edited by hand', (l) => l.map((x, k) => (k === 2 ? x.replace(/"score":[\d.]+/, '"score":100') : x)).join('\n'), /results\.jsonl:3: the record of "ben" was changed after infralint wrote it/],
    ['a record removed but the count kept', (l) => [l[0], l[1], l[3], l[4]].join('\n'), /results\.jsonl:4: the closing line counts 3 students, but 2 records precede it/],
    ['records repeated', (l) => [l[0], l[1], l[1], l[2], l[3], l[4]].join('\n'), /results\.jsonl:3: "ana" is out of order or repeated/],
  ];
  for (const [name, edit, message] of cases) {
    it(`--resume and merge refuse a file ${name}, naming the file and the line`, async () => {
      const { dir, out, results, lines } = await gradedRun();
      writeFileSync(results, `${edit(lines)}\n`);
      await expect(gradeCohort({ dir, out, rubrics: rubrics(), jobs: 0, report: false, resume: true })).rejects.toThrow(message);
      await expect(mergePartials({ partials: [results], out: tmp(), report: false })).rejects.toThrow(message);
      // Nothing was replaced: the file is as it was left.
      expect(readFileSync(results, 'utf8')).toBe(`${edit(lines)}\n`);
    });
  }

  it('a record without its probes is refused, not graded as an error', async () => {
    const { dir, out, results, lines } = await gradedRun();
    // Rewritten with a valid seal but no probes: what a foreign tool could write.
    const broken = JSON.parse(lines[1]!) as Record<string, unknown>;
    delete broken.seal;
    broken.inputs = { config: 'x' };
    const { sealedRecordBytes } = await import('../../src/grade/results-file.js');
    writeFileSync(results, [lines[0], Buffer.from(sealedRecordBytes(JSON.stringify(broken))).toString('utf8').trimEnd(), ...lines.slice(2)].join('\n'));
    await expect(gradeCohort({ dir, out, rubrics: rubrics(), jobs: 0, report: false, resume: true })).rejects.toThrow(/results\.jsonl:2: the record of "ana" lacks its inputs/);
  });
});

describe('one run at a time on an output folder', () => {
  it('refuses a second run while the first holds the folder, and takes over from a killed one', async () => {
    const out = tmp();
    const first = OutFolder.acquire(out);
    expect(() => OutFolder.acquire(out)).toThrow(/is being written by another infralint run \(process \d+/);
    first.release();
    // A lock left by a process that is gone (a kill -9) is taken over.
    writeFileSync(path.join(out, '.infralint.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), since: 'then' }));
    const second = OutFolder.acquire(out);
    second.release();
    expect(existsSync(path.join(out, '.infralint.lock'))).toBe(false);
  });

  it('removes the temporary entries of killed runs', async () => {
    const out = tmp();
    mkdirSync(path.join(out, '.feedback.tmp-999999-3'));
    writeFileSync(path.join(out, '.feedback.tmp-999999-3', 'x.md'), 'x');
    writeFileSync(path.join(out, '.gradebook.csv.tmp-999999-4'), 'x');
    writeFileSync(path.join(out, 'gradebook.csv'), 'kept');
    OutFolder.acquire(out).release();
    expect(readdirSync(out).sort()).toEqual(['gradebook.csv']);
  });

  it('completes a commit cut by a kill: never a new gradebook beside an old one, never no feedback folder', () => {
    const out = tmp();
    writeFileSync(path.join(out, 'gradebook.csv'), 'old csv');
    writeFileSync(path.join(out, 'gradebook.json'), 'old json');
    mkdirSync(path.join(out, 'feedback'));
    writeFileSync(path.join(out, 'feedback', 'a.md'), 'old');
    const csv = temporaryName(path.join(out, 'gradebook.csv'));
    const json = temporaryName(path.join(out, 'gradebook.json'));
    const feedback = temporaryName(path.join(out, 'feedback'));
    writeFileSync(csv, 'new csv');
    writeFileSync(json, 'new json');
    mkdirSync(feedback);
    writeFileSync(path.join(feedback, 'a.md'), 'new');
    const entries = [
      { kind: 'folder' as const, temp: feedback, target: path.join(out, 'feedback') },
      { kind: 'file' as const, temp: csv, target: path.join(out, 'gradebook.csv') },
      { kind: 'file' as const, temp: json, target: path.join(out, 'gradebook.json') },
    ];
    // The state a kill leaves after the journal and the first two renames, before the third.
    writeFileSync(path.join(out, '.infralint-commit.json'), JSON.stringify(entries.map((e) => ({ ...e, temp: path.basename(e.temp), target: path.basename(e.target) }))));
    renameSync(path.join(out, 'feedback'), temporaryName(path.join(out, 'feedback')));
    renameSync(feedback, path.join(out, 'feedback'));
    renameSync(csv, path.join(out, 'gradebook.csv'));
    OutFolder.acquire(out).release();
    expect(readFileSync(path.join(out, 'gradebook.csv'), 'utf8')).toBe('new csv');
    expect(readFileSync(path.join(out, 'gradebook.json'), 'utf8')).toBe('new json');
    expect(readFileSync(path.join(out, 'feedback', 'a.md'), 'utf8')).toBe('new');
    expect(readdirSync(out).sort()).toEqual(['feedback', 'gradebook.csv', 'gradebook.json']);
  });

  it('commits several outputs together', () => {
    const out = tmp();
    const a = temporaryName(path.join(out, 'a'));
    writeFileSync(a, 'a');
    commitTogether(out, [{ kind: 'file', temp: a, target: path.join(out, 'a') }]);
    expect(readdirSync(out)).toEqual(['a']);
  });
});

describe('a cohort of copies', () => {
  it('reports 400 copies of one answer as one group (not 79,800 pairs), in time linear in the cohort', () => {
    const text = Array.from({ length: 60 }, (_, i) => `word${i} load balancer reason ${i % 7}`).join(' ');
    const builder = new SketchBuilder(buildBaseText([]), '3-scale_up');
    builder.addProse('3-scale_up.md', 5, text);
    const sketch = packSketch({ tasks: [builder.build()] });
    const cohort = new CohortSketches();
    for (let i = 0; i < 400; i++) cohort.add(`s${String(i).padStart(3, '0')}`, sketch);
    const result = findSimilar(cohort);
    expect(result.groups).toHaveLength(1);
    expect(result.groups[0]!.students).toHaveLength(400);
    expect(result.groups[0]!.prose).toMatchObject({ a: 's000', score: 1 });
  });
});
