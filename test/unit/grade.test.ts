import { randomStrings } from '../helpers/random-strings.js';
import { existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadRubric } from '../../src/config/rubric.js';
import { AtomicFile } from '../../src/grade/atomic-file.js';
import { jsonLines, openResults } from '../../src/grade/results-file.js';
import { listCohort, parseShard, shardOf } from '../../src/grade/cohort.js';
import { readRoster } from '../../src/grade/roster.js';
import { gradeCohort } from '../../src/grade/grade-cohort.js';
import { fnv1a, normalisedWords, shingleHashes, wordHashes, wordHashesReused } from '../../src/grade/similarity/features.js';
import { makeCohort, ownSubmission } from '../helpers/cohort.js';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'infralint-grade-'));

/** Deterministic filler text: every seed gives a different essay. */
function essay(seed: number, words = 120): string {
  const vocabulary = 'load balancer server traffic because web application database replica cluster request user static dynamic content failover monitoring firewall certificate nginx gunicorn mysql haproxy keepalived split tier capacity availability point failure machine design reason spread queries'.split(' ');
  let x = seed * 2654435761 + 1;
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    out.push(vocabulary[x % vocabulary.length]!);
  }
  return out.join(' ');
}

describe('cohort discovery', () => {
  it('lists student folders sorted, skips hidden ones and files, and flags symlinks', () => {
    const dir = makeCohort({ bob: { 'a.md': 'x' }, alice: { 'a.md': 'x' }, '.git': { HEAD: 'x' } });
    writeFileSync(path.join(dir, 'notes.txt'), 'not a student');
    symlinkSync('/etc', path.join(dir, 'mallory'));
    const cohort = listCohort(dir);
    expect(cohort.map((c) => c.student)).toEqual(['alice', 'bob', 'mallory']);
    expect(cohort[2]!.problem).toMatch(/symbolic link/);
    expect(cohort[0]!.problem).toBe('');
  });

  it('reads a manifest with or without a header', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'a.csv'), 'Email,GitHub,Name\nal@x.io,alice,"Alice, A."\n');
    writeFileSync(path.join(dir, 'b.csv'), 'bob,Bob B,bob@x.io\n');
    expect(readRoster(path.join(dir, 'a.csv')).entries.get('alice')).toMatchObject({ login: 'alice', name: 'Alice, A.', email: 'al@x.io' });
    expect(readRoster(path.join(dir, 'b.csv')).entries.get('bob')).toMatchObject({ login: 'bob', name: 'Bob B', email: 'bob@x.io' });
    expect(() => readRoster(path.join(dir, 'missing.csv'), 'manifest')).toThrow(/cannot read the manifest/);
  });

  it('parses shards and spreads students over them deterministically', () => {
    expect(parseShard('2/8')).toEqual({ index: 2, count: 8 });
    for (const bad of ['0/3', '4/3', '1-3', 'a/b', '1/0']) expect(() => parseShard(bad)).toThrow(/--shard/);
    const students = Array.from({ length: 400 }, (_, i) => `student-${i}`);
    const sizes = [1, 2, 3, 4].map((k) => students.filter((s) => shardOf(s, 4) === k).length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(400);
    for (const size of sizes) expect(size).toBeGreaterThan(60);
    expect(students.map((s) => shardOf(s, 4))).toEqual(students.map((s) => shardOf(s, 4)));
  });
});

describe('similarity', () => {
  it('normalises case, punctuation and accents before shingling', () => {
    expect(normalisedWords('The Load-Balancer, **café** (HAProxy)!')).toEqual(['the', 'load', 'balancer', 'cafe', 'haproxy']);
    // The ASCII fast path splits as \p{L}\p{N} would; other scripts keep their letters.
    const unicodeSplit = (t: string) => t.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    for (const t of ['web_server x2 -> DB (MySQL); 100%', 'Ønske om 東京 Ⅻ tjeneste', 'plain words only']) expect(normalisedWords(t)).toEqual(unicodeSplit(t.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')));
    expect(shingleHashes(wordHashes('one two three four five six'))).toHaveLength(2);
  });

  it('hashes words as they are read, equal to hashing the normalised words', () => {
    const samples = ['', 'The Load-Balancer, **café** (HAProxy)!', 'web_server x2 -> DB (MySQL); 100%', 'Ønske om 東京 Ⅻ tjeneste', 'trailing word', '  lead', 'A'];
    samples.push(...randomStrings('aZ9 _-.,\n\t(){}é東xyzQ0', 2000, 30, 11));
    for (const s of samples) expect([s, [...wordHashes(s)]]).toEqual([s, normalisedWords(s).map(fnv1a)]);
    // The reused buffer gives the same hashes, longest text first and after it (the buffer grown, then
    // reused), and a text past the most it grows to gets a buffer of its own.
    for (const s of [...samples, 'word '.repeat(5000), ...samples, 'word '.repeat(40_000), ...samples]) expect([s.slice(0, 40), [...wordHashesReused(s)]]).toEqual([s.slice(0, 40), [...wordHashes(s)]]);
    // Shingles are distinct and sorted, whatever repeats in the text.
    const repeated = shingleHashes(wordHashes('a b c d e a b c d e a b c d e'));
    expect([...repeated]).toEqual([...new Set(repeated)].sort((x, y) => x - y));
    expect(repeated).toHaveLength(5);
  });
});

describe('atomic outputs', () => {
  it('leaves the previous file whole until commit, and nothing when discarded', () => {
    const dir = tmp();
    const target = path.join(dir, 'gradebook.csv');
    writeFileSync(target, 'old\n');
    const file = new AtomicFile(target);
    file.write('new\n');
    file.close();
    expect(readFileSync(target, 'utf8')).toBe('old\n');
    file.commit();
    expect(readFileSync(target, 'utf8')).toBe('new\n');
    const dropped = new AtomicFile(target);
    dropped.write('half');
    dropped.discard();
    expect(readFileSync(target, 'utf8')).toBe('new\n');
    expect(readdirSync(dir)).toEqual(['gradebook.csv']);
  });

  it('writes text and bytes in order, small and larger than what it gathers before a write', () => {
    const target = path.join(tmp(), 'results.jsonl');
    const file = new AtomicFile(target);
    const parts: (string | Uint8Array)[] = [];
    // Multi-byte text across the 64 KiB gathered, bytes of a larger buffer (a view), parts over 64 KiB of each kind.
    for (let i = 0; i < 3000; i++) parts.push(i % 3 ? `élève ${i} → ✓\n` : new TextEncoder().encode(`bytes ${i}\n`));
    const big = Buffer.from(`${'x'.repeat(70_000)}\n`);
    parts.push('é'.repeat(40_000), Buffer.concat([Buffer.from('skip'), big]).subarray(4), 'tail\n');
    for (const part of parts) file.write(part);
    file.commit();
    const expected = Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));
    expect(readFileSync(target).equals(expected)).toBe(true);
  });
});

describe('results file', () => {
  const header = { infralint: 'grade-results', tasks: ['3-scale_up'] };

  it('reads the header line without the records, whatever the line ending', async () => {
    const dir = tmp();
    const file = path.join(dir, 'results.jsonl');
    // A header longer than one read chunk, then records that are not JSON: opening must not touch them.
    const long = { ...header, padding: 'x'.repeat(40_000) };
    writeFileSync(file, `${JSON.stringify(long)}\r\nnot json\n`);
    const reader = await openResults(file);
    expect(reader.header.infralint).toBe('grade-results');
    // A line that is not a record is refused with the file and the line.
    await expect(reader.records().next()).rejects.toThrow(/results\.jsonl:2: not valid JSON/);
  });

  it('splits lines at LF only: U+2028 and U+2029 inside a JSON string, and characters cut between read chunks, stay in their line', async () => {
    const dir = tmp();
    const file = path.join(dir, 'lines.jsonl');
    const lines = [JSON.stringify({ label: 'A\u2028B\u2029C' }), JSON.stringify({ label: `${'x'.repeat(65_535)}é€😀` }), JSON.stringify({ label: 'last, no newline' })];
    writeFileSync(file, `${lines[0]}\r\n\n${lines[1]}\n${lines[2]}`);
    const read: string[] = [];
    for await (const line of jsonLines(file)) read.push(line);
    expect(read).toEqual(lines);
  });

  it('accepts a header with no newline and refuses files infralint did not write', async () => {
    const dir = tmp();
    const only = path.join(dir, 'only.jsonl');
    writeFileSync(only, JSON.stringify(header));
    // A header alone is a file cut short: its closing line (the count of records) is missing.
    await expect((await openResults(only)).records().next()).rejects.toThrow(/only\.jsonl:1: the file ends without its closing line/);
    writeFileSync(only, `${JSON.stringify(header)}\n{"infralint":"grade-results-end","students":0}`);
    expect((await (await openResults(only)).records().next()).done).toBe(true);
    for (const [name, text] of [['empty', ''], ['other', '{"a":1}\n'], ['broken', '{\n']] as const) {
      const file = path.join(dir, `${name}.jsonl`);
      writeFileSync(file, text);
      await expect(openResults(file)).rejects.toThrow(/is not a results file/);
    }
    await expect(openResults(path.join(dir, 'missing.jsonl'))).rejects.toThrow(/cannot read .*ENOENT/);
  });
});

describe('gradeCohort (in-process)', () => {
  it('grades every student, keeps going past broken ones, and writes every output', async () => {
    const dir = makeCohort({
      good: 'complete-flowchart',
      imageonly: 'image-only',
      binary: { 'web_infrastructure_design/3-scale_up': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]) },
      huge: { 'web_infrastructure_design/3-scale_up.md': `# Scale up\n\n${'load balancer '.repeat(100_000)}\n` },
      empty: {},
    });
    const out = tmp();
    const result = await gradeCohort({ dir, out, rubrics: [loadRubric('3-scale_up')], jobs: 0, lint: { maxBytes: 256 * 1024 } });
    expect(result.students).toBe(5);
    expect(result.errors).toBe(2);
    const book = JSON.parse(readFileSync(path.join(out, 'gradebook.json'), 'utf8'));
    const byStudent = new Map(book.students.map((s: { student: string }) => [s.student, s]));
    expect(byStudent.get('good')).toMatchObject({ status: 'graded', tasks: [{ score: 100, passed: true }] });
    expect(byStudent.get('binary')).toMatchObject({ status: 'error', error: expect.stringMatching(/binary file/) });
    expect(byStudent.get('huge')).toMatchObject({ status: 'error', error: expect.stringMatching(/only its first 256 KiB were read/) });
    expect(byStudent.get('empty')).toMatchObject({ status: 'graded', tasks: [{ score: 0, passed: false }] });
    expect(book.summary.manualReview).toEqual([{ student: 'imageonly', task: '3-scale_up', points: expect.any(Number) }]);
    expect(readdirSync(path.join(out, 'feedback')).sort()).toEqual(['binary.md', 'empty.md', 'good.md', 'huge.md', 'imageonly.md']);
    const csv = readFileSync(path.join(out, 'gradebook.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(6);
    expect(csv[0]).toMatch(/^student,name,email,commit,task,status,score,max_score,manual_points,threshold,passed,verdict,task-file,/);
    expect(existsSync(path.join(out, 'report.html'))).toBe(true);
    expect(readdirSync(out).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('grades a cohort on every task its students hold, with one project row per student, and --no-report removes an earlier report', async () => {
    const dir = makeCohort({
      zero: { 'web_infrastructure_design/0-simple_web_stack.md': '# 0-simple_web_stack\n\nA server is a computer.\n' },
      both: { 'web_infrastructure_design/0-simple_web_stack.md': '# 0\n', 'web_infrastructure_design/3-scale_up.md': '# 3\n' },
    });
    const out = tmp();
    const { listCohort: list } = await import('../../src/grade/cohort.js');
    const { projectTasks } = await import('../../src/discover/project-tasks.js');
    const rubrics = projectTasks(dir, { members: list(dir).map((e) => e.dir) });
    expect(rubrics.map((r) => r.task)).toEqual(['0-simple_web_stack', '3-scale_up']);
    await gradeCohort({ dir, out, rubrics, jobs: 0 });
    expect(existsSync(path.join(out, 'report.html'))).toBe(true);
    const rows = readFileSync(path.join(out, 'project.csv'), 'utf8').trim().split('\n');
    expect(rows[0]).toMatch(/^student,name,email,commit,status,0-simple_web_stack score,0-simple_web_stack verdict,3-scale_up score,3-scale_up verdict,project_score,project_max,/);
    expect(rows.find((r) => r.startsWith('zero,'))).toMatch(/^zero,,,,graded,[\d.]+,failed,0,failed,[\d.]+,200,/);
    await gradeCohort({ dir, out, rubrics, jobs: 0, report: false });
    expect(existsSync(path.join(out, 'report.html'))).toBe(false);
  });

  it('flags students who copied each other, in the gradebook and the report', async () => {
    const shared = essay(7, 150);
    const students: Record<string, Record<string, string>> = { ana: ownSubmission(shared), ben: ownSubmission(shared.replace(/\bserver\b/g, 'machine')) };
    for (let i = 0; i < 6; i++) students[`s${i}`] = ownSubmission(essay(100 + i, 150));
    const out = tmp();
    await gradeCohort({ dir: makeCohort(students), out, rubrics: [loadRubric('3-scale_up')], jobs: 0, report: false });
    const book = JSON.parse(readFileSync(path.join(out, 'gradebook.json'), 'utf8'));
    expect(book.similarity.groups).toEqual([expect.objectContaining({ id: 1, students: ['ana', 'ben'], graph: null })]);
    const ana = book.students.find((s: { student: string }) => s.student === 'ana');
    expect(ana.similarTo).toEqual([{ group: 1, students: ['ben'], count: 1, score: expect.any(Number), evidence: ['text'] }]);
    expect(readFileSync(path.join(out, 'gradebook.csv'), 'utf8')).toMatch(/^ana,.*,group 1 with ben \(text 0\.\d+\),,5$/m);
    expect(existsSync(path.join(out, 'report.html'))).toBe(false);
  });
});
