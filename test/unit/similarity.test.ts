import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadRubric } from '../../src/config/rubric.js';
import { gradeCohort } from '../../src/grade/grade-cohort.js';
import { mergePartials } from '../../src/grade/merge-partials.js';
import { baseTextOf, buildBaseText } from '../../src/grade/similarity/base-text.js';
import { CohortSketches } from '../../src/grade/similarity/cohort-sketches.js';
import { shingleHashes, wordHashes } from '../../src/grade/similarity/features.js';
import { findSimilar, shapeIsEvidence, type SimilarityResult } from '../../src/grade/similarity/find-similar.js';
import { fingerprintOf } from '../../src/grade/similarity/graph-identity.js';
import { EMPTY_SLOT, packSketch, SIGNATURE_SIZE, SketchBuilder, type StudentSketch } from '../../src/grade/similarity/sketch.js';
import { ByteArena } from '../../src/grade/byte-arena.js';
import { makeCohort } from '../helpers/cohort.js';
import { plantedCohort, seededRandom } from '../helpers/similar-cohort.js';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'infralint-similar-'));
const noBase = buildBaseText([]);

/** Random text of `words` words from a small vocabulary, seeded. */
function text(seed: number, words = 120): string {
  const random = seededRandom(seed);
  const vocabulary = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon phi chi psi omega'.split(' ');
  return Array.from({ length: words }, () => vocabulary[Math.floor(random() * vocabulary.length)]).join(' ');
}

function sketchOf(prose: string, base = noBase): StudentSketch {
  const builder = new SketchBuilder(base, 't');
  builder.addProse('a.md', 3, prose);
  return { tasks: [builder.build()] };
}

function cohortOf(sketches: [string, StudentSketch][]): CohortSketches {
  const cohort = new CohortSketches();
  for (const [student, sketch] of sketches) cohort.add(student, packSketch(sketch));
  return cohort;
}

describe('sketches', () => {
  it('estimate the Jaccard similarity of the shingles within the standard error of 128 hashes', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const a = text(seed, 200);
      const words = a.split(' ');
      // Every k-th word replaced: a share of the shingles changes.
      const b = words.map((w, i) => (i % (3 + (seed % 20)) === 0 ? `changed${i}` : w)).join(' ');
      const exact = jaccardOf(shingleHashes(wordHashes(a)), shingleHashes(wordHashes(b)));
      const estimated = cohortOf([['a', sketchOf(a)], ['b', sketchOf(b)]]).similarity(0, 1);
      expect(Math.abs(estimated - exact)).toBeLessThan(4 * Math.sqrt((exact * (1 - exact)) / 128) + 0.02);
    }
  });

  it('add up as their records keep them (base64), whether packed into a worker\'s shared arena or into buffers of their own', () => {
    const sketches: [string, StudentSketch][] = Array.from({ length: 12 }, (_, k) => [`s${k}`, sketchOf(text(k % 4, 150 + k))]);
    // A sketch that does not decode (cut, or longer than a signature) compares as nothing of one's own, either way.
    const broken = sketchOf(text(9));
    sketches.push(['cut', { tasks: [{ ...broken.tasks[0]!, minhash: broken.tasks[0]!.minhash.slice(0, 40) }] }]);
    const longer = Buffer.concat([Buffer.from(broken.tasks[0]!.where, 'base64'), Buffer.alloc(4)]).toString('base64');
    sketches.push(['long', { tasks: [{ ...broken.tasks[0]!, where: longer }] }]);
    const arena = new ByteArena(4096);
    const packed = new CohortSketches();
    for (const [student, sketch] of sketches) packed.add(student, packSketch(sketch, arena));
    const plain = cohortOf(sketches);
    // What the record's base64 says, read the plain way: the SIGNATURE_SIZE values, or none when it is not a signature.
    const valuesOf = (base64: string) => {
      const bytes = Buffer.from(base64, 'base64');
      return bytes.length === 4 * SIGNATURE_SIZE ? Array.from({ length: SIGNATURE_SIZE }, (_, k) => bytes.readUInt32LE(4 * k)) : null;
    };
    for (let a = 0; a < sketches.length; a++) {
      const { minhash, where } = sketches[a]![1].tasks[0]!;
      const both = valuesOf(minhash) && valuesOf(where) ? [valuesOf(minhash), valuesOf(where)] : [new Array(SIGNATURE_SIZE).fill(EMPTY_SLOT), new Array(SIGNATURE_SIZE).fill(EMPTY_SLOT)];
      expect([[...plain.signature(a)], [...plain.where(a)]]).toEqual(both);
      expect([...packed.signature(a)]).toEqual([...plain.signature(a)]);
      expect([...packed.where(a)]).toEqual([...plain.where(a)]);
      expect(packed.size(a)).toBe(plain.size(a));
    }
    expect(packed.size(sketches.length - 1)).toBe(0);
    expect(packed.size(sketches.length - 2)).toBe(0);
    expect(findSimilar(packed)).toEqual(findSimilar(plain));
  });

  it('are the same size for a line and for a book, and the same in every run', () => {
    const short = sketchOf(text(1, 30));
    const long = sketchOf(text(2, 20_000));
    expect(long.tasks[0]!.minhash.length).toBe(short.tasks[0]!.minhash.length);
    expect(long.tasks[0]!.where.length).toBe(short.tasks[0]!.where.length);
    expect(sketchOf(text(2, 20_000))).toEqual(long);
  });

  it('leave out the base text and the labels made of its words, and keep what is one\'s own', () => {
    const statement = 'You must be able to explain some specifics about this infrastructure: for every additional element, why you are adding it';
    const base = buildBaseText([statement]);
    const echo = new SketchBuilder(base, 't');
    echo.addProse('a.md', 1, statement);
    for (const label of ['Load Balancer 2', 'Web Server', 'MySQL Primary', 'DB', 'additional element']) echo.addLabel('a.md', 2, label);
    expect(echo.build().size).toBe(0);
    const own = new SketchBuilder(base, 't');
    own.addLabel('a.md', 4, 'Zorgon cache tier');
    own.addLabel('a.md', 5, 'Databse');
    own.addProse('a.md', 7, `${statement} because my own sentence says something`);
    // Two labels, and the shingles from "it because my own ..." on.
    expect(own.build().size).toBe(2 + 6);
  });

  it('take the base text from the rubric: its statement, rule descriptions, questions and hints', () => {
    const base = baseTextOf({ rubrics: [loadRubric('1-distributed_web_infrastructure')] });
    const echo = new SketchBuilder(base, 't');
    echo.addProse('a.md', 1, 'Is your load-balancer enabling an Active-Active or Active-Passive setup, explain the difference between both');
    echo.addProse('a.md', 2, 'Names the load balancer\'s distribution algorithm and says how it picks a server.');
    echo.addProse('a.md', 3, 'HAProxy is configured with round robin.');
    echo.addProse('a.md', 4, 'For every additional element, why you are adding it');
    expect(echo.build().size).toBe(0);
  });
});

describe('graph evidence', () => {
  const graph = (roles: string[][], edges: [number, number][], names = roles.map((_, i) => `n${i}`)) => ({
    components: roles.map((r, i) => ({ key: `0:${names[i]}`, id: names[i]!, label: names[i]!, roles: r, host: `0:${names[i]}`, multiplicity: 1, file: 'f', line: i + 1, column: 1 })),
    edges: edges.map(([a, b]) => ({ from: `0:${names[a]}`, to: `0:${names[b]}`, label: '', directed: true, kind: 'arrow', file: 'f', line: 1 })),
    groups: [],
  });
  const chainRoles = [['client'], ['load-balancer'], ['load-balancer'], ['web-server'], ['app-server'], ['database']];
  const chain: [number, number][] = [[0, 1], [0, 2], [1, 3], [2, 3], [3, 4], [4, 5]];

  it('fingerprints graphs up to renaming, and tells rewired ones apart', () => {
    const a = fingerprintOf('t', graph(chainRoles, chain));
    const renamed = fingerprintOf('t', graph([chainRoles[0]!, chainRoles[2]!, chainRoles[1]!, ...chainRoles.slice(3)], [[0, 2], [0, 1], [2, 3], [1, 3], [3, 4], [4, 5]], ['u', 'b', 'a', 'w', 'x', 'd']));
    const rewired = fingerprintOf('t', graph(chainRoles, [[0, 1], [0, 2], [1, 3], [2, 4], [3, 4], [4, 5]]));
    expect(renamed).toEqual(a);
    expect(rewired!.hash).not.toBe(a!.hash);
    // A long path and a path with a branch far from its ends differ only past a few refinement rounds.
    const path12 = Array.from({ length: 11 }, (_, i): [number, number] => [i, i + 1]);
    const roles12 = Array.from({ length: 12 }, () => ['web-server']);
    expect(fingerprintOf('t', graph(roles12, path12))!.hash).not.toBe(fingerprintOf('t', graph(roles12, [...path12.slice(0, 10), [5, 11]]))!.hash);
    expect(fingerprintOf('t', graph([['client'], ['load-balancer']], [[0, 1]]))).toBeNull();
  });

  it('weighs a shape by its size and by how many students drew it', () => {
    // The minimal chain (6 nodes, 6 edges): never evidence, even drawn by two of 150.
    expect(shapeIsEvidence(6, 6, 2, 150)).toBe(false);
    // The classic two-server answer (8 nodes, 8 edges): never.
    expect(shapeIsEvidence(8, 8, 2, 150)).toBe(false);
    // A big shape: evidence for a few students, not when a third of the cohort drew it.
    expect(shapeIsEvidence(15, 16, 2, 150)).toBe(true);
    expect(shapeIsEvidence(15, 16, 8, 150)).toBe(true);
    expect(shapeIsEvidence(15, 16, 50, 150)).toBe(false);
    // A medium shape: two students yes, eight of 151 no (8% of a cohort drawing it is a common design).
    expect(shapeIsEvidence(10, 11, 2, 151)).toBe(true);
    expect(shapeIsEvidence(10, 11, 8, 151)).toBe(false);
  });
});

describe('groups', () => {
  it('reports identical copies as one group, however many, in time linear in the cohort', () => {
    const copy = sketchOf(text(5, 300));
    const sketches: [string, StudentSketch][] = Array.from({ length: 2000 }, (_, i) => [`s${String(i).padStart(4, '0')}`, i % 5 === 0 ? copy : sketchOf(text(1000 + i, 150))]);
    const started = performance.now();
    const { groups } = findSimilar(cohortOf(sketches));
    expect(performance.now() - started).toBeLessThan(5000);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.students).toHaveLength(400);
    expect(groups[0]).toMatchObject({ id: 1, score: 1, graph: null, prose: { score: 1, weakest: 1 } });
    expect(groups[0]!.prose!.shared[0]).toEqual({ student: groups[0]!.prose!.a, file: 'a.md', lines: [3] });
  });

  it('compares task by task: one task copied of four is found, not diluted by the three of one\'s own', () => {
    const project = (seed: number, copied: string) => {
      const tasks = ['0-simple_web_stack', '1-distributed_web_infrastructure', '2-secured_and_monitored_web_infrastructure', '3-scale_up'].map((task, k) => {
        const builder = new SketchBuilder(noBase, task);
        builder.addProse(`${task}.md`, 5, k === 0 ? copied : text(seed * 10 + k, 400));
        return builder.build();
      });
      return { tasks };
    };
    const shared = text(77, 150);
    const { groups } = findSimilar(cohortOf([['ana', project(1, shared)], ['ben', project(2, shared)], ['cid', project(3, text(78, 150))]]));
    expect(groups).toEqual([expect.objectContaining({ students: ['ana', 'ben'], score: 1, prose: expect.objectContaining({ task: '0-simple_web_stack' }) })]);
    expect(groups[0]!.prose!.shared.map((s) => s.file)).toEqual(['0-simple_web_stack.md', '0-simple_web_stack.md']);
  });

  it('chains near-copies of near-copies into one group and says its weakest link', () => {
    const words = text(9, 300).split(' ');
    const edit = (every: number, offset: number) => words.map((w, i) => (i % every === offset ? `x${i}` : w)).join(' ');
    const cohort = cohortOf([['a', sketchOf(words.join(' '))], ['b', sketchOf(edit(25, 3))], ['c', sketchOf(edit(25, 11))], ['d', sketchOf(text(10, 300))]]);
    const { groups } = findSimilar(cohort);
    expect(groups.map((g) => g.students)).toEqual([['a', 'b', 'c']]);
    expect(groups[0]!.prose!.weakest).toBeLessThanOrEqual(groups[0]!.prose!.score);
    expect(groups[0]!.score).toBeGreaterThan(0.6);
  });
});

describe('a planted cohort graded end to end', () => {
  const rubric = loadRubric('3-scale_up');
  const planted = plantedCohort(151, rubric.statement!);
  const dir = makeCohort(planted.students);
  let single: SimilarityResult;

  const similarityOf = (out: string): SimilarityResult => JSON.parse(readFileSync(path.join(out, 'gradebook.json'), 'utf8')).similarity;

  beforeAll(async () => {
    const out = tmp();
    await gradeCohort({ dir, out, rubrics: [loadRubric('3-scale_up')], jobs: 0, report: false });
    single = similarityOf(out);
  }, 60_000);

  it('finds every planted group, each once and whole, and flags no trap', () => {
    const found = single.groups.map((g) => g.students);
    expect(found).toEqual(expect.arrayContaining(planted.planted));
    const flagged = found.flat();
    expect(flagged.filter((s) => planted.traps.includes(s))).toEqual([]);
    // Nothing but the planted groups: precision 1 on this cohort.
    expect(found).toHaveLength(planted.planted.length);
    const [copies, near, sameGraph] = planted.planted.map((g) => single.groups.find((x) => x.students[0] === g[0])!);
    expect(copies).toMatchObject({ id: 1, score: 1, prose: { score: 1 } });
    expect(near!.prose!.score).toBeGreaterThanOrEqual(0.6);
    expect(sameGraph).toMatchObject({ prose: null, graph: { task: '3-scale_up', drawnBy: 2 } });
  });

  it('gives the same groups from shards merged as from one run', async () => {
    const shards = [tmp(), tmp()];
    for (const [k, out] of shards.entries()) await gradeCohort({ dir, out, rubrics: [loadRubric('3-scale_up')], jobs: 0, shard: { index: k + 1, count: 2 } });
    const merged = tmp();
    await mergePartials({ partials: shards, out: merged, report: false });
    expect(similarityOf(merged)).toEqual(single);
  }, 60_000);

  it('writes each student\'s group in the gradebooks', () => {
    const out = tmp();
    return gradeCohort({ dir, out, rubrics: [loadRubric('3-scale_up')], jobs: 0, report: false }).then(() => {
      const copies = planted.planted[0]!;
      const book = JSON.parse(readFileSync(path.join(out, 'gradebook.json'), 'utf8'));
      const first = book.students.find((s: { student: string }) => s.student === copies[0]);
      expect(first.similarTo).toEqual([{ group: 1, students: copies.slice(1), count: 7, score: 1, evidence: ['text'] }]);
      const csv = readFileSync(path.join(out, 'gradebook.csv'), 'utf8');
      expect(csv).toContain(`group 1 with ${copies.slice(1).join(', ')} (text 1)`);
      expect(book.similarity).toEqual(single);
    });
  }, 60_000);
});

describe('a template the mentor gave out', () => {
  it('is evidence until it is named as base text, and then no more', async () => {
    const template = Array.from({ length: 6 }, (_, i) => text(500 + i, 40)).join('\n\n');
    const students: Record<string, Record<string, string>> = {};
    // Ten students fill in the template with a few words of their own each.
    for (let i = 0; i < 10; i++) students[`s${i}`] = { 'web_infrastructure_design/3-scale_up.md': `# 3. Scale up\n\n${template}\n\n${text(600 + i, 30)}\n` };
    const dir = makeCohort(students);
    const groupsWith = async (baseText?: string[]) => {
      const out = tmp();
      await gradeCohort({ dir, out, rubrics: [loadRubric('3-scale_up')], jobs: 0, report: false, ...(baseText ? { baseText } : {}) });
      return (JSON.parse(readFileSync(path.join(out, 'gradebook.json'), 'utf8')).similarity as SimilarityResult).groups;
    };
    expect((await groupsWith()).map((g) => g.students.length)).toEqual([10]);
    expect(await groupsWith([template])).toEqual([]);
  }, 60_000);
});

describe('the report', () => {
  it('lists each group once with its evidence, student names escaped', async () => {
    const rubric = loadRubric('3-scale_up');
    const planted = plantedCohort(90, rubric.statement!, 3);
    // A folder name is the student's choice: a copy under a name that is markup.
    const students = { ...planted.students, '<i>mallory&co': planted.students[planted.planted[1]![0]!]! };
    const out = tmp();
    await gradeCohort({ dir: makeCohort(students), out, rubrics: [rubric], jobs: 0 });
    const html = readFileSync(path.join(out, 'report.html'), 'utf8');
    const section = html.slice(html.indexOf('<h2>Similar submissions</h2>'), html.indexOf('<h2 id="students">'));
    expect(section).toContain('Groups of similar submissions (3, 14 submissions)');
    expect(section.match(/<tr><td class="num">\d+<\/td>/g)).toHaveLength(3);
    expect(section).toContain('&lt;i&gt;mallory&amp;co');
    expect(section).not.toContain('<i>mallory');
    expect(section).toMatch(/text 1 in 3-scale_up \([^)]*web_infrastructure_design\/3-scale_up\.md lines? \d/);
    expect(section).toMatch(/same graph in 3-scale_up \(\d+ nodes, \d+ edges, drawn by 2\)/);
  }, 60_000);
});

function jaccardOf(a: Uint32Array, b: Uint32Array): number {
  const set = new Set(a);
  const shared = [...b].filter((x) => set.has(x)).length;
  return shared / (a.length + b.length - shared);
}
