// The thread collecting a cohort keeps the signatures and where each minimum was read on disk (issue
// 17 item 2: its memory flat in the cohort): what findSimilar reads back must be what it would have
// kept in memory, and it must find the same groups.
import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildBaseText } from '../../src/grade/similarity/base-text.js';
import { CohortSketches } from '../../src/grade/similarity/cohort-sketches.js';
import { findSimilar } from '../../src/grade/similarity/find-similar.js';
import { packSketch, SketchBuilder, type StudentSketch } from '../../src/grade/similarity/sketch.js';
import { CHUNK, SpilledRows } from '../../src/grade/similarity/spilled-rows.js';
import { seededRandom } from '../helpers/similar-cohort.js';

const noBase = buildBaseText([]);
const vocabulary = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon phi chi psi omega'.split(' ');

/** 80 words drawn from the seed; `changed` of them (every 8th from the first) drawn from another. */
function text(seed: number, changed = 0): string {
  const random = seededRandom(seed);
  const other = seededRandom(seed + 7);
  return Array.from({ length: 80 }, (_, k) => {
    const word = vocabulary[Math.floor(random() * vocabulary.length)];
    return k % 8 === 0 && k / 8 < changed ? `${vocabulary[Math.floor(other() * vocabulary.length)]}x` : word;
  }).join(' ');
}

/**
 * Student s's sketch: two paragraphs in one of three files, at lines of their own. Every 100th from
 * 1,500 on copies the student 1,500 before; every 100th from 1,550 on does with a few words changed
 * (a near-copy: found by banding, scored by reading both signatures back).
 */
function sketchOf(s: number): StudentSketch {
  const copies = s >= 1500 && s % 50 === 0;
  const source = copies ? s - 1500 : s;
  const changed = copies && s % 100 === 50 ? 2 : 0;
  const builder = new SketchBuilder(noBase, 't');
  builder.addProse(`part-${s % 3}.md`, 1 + (s % 40), text(source, changed));
  builder.addProse(`part-${(s + 1) % 3}.md`, 50 + (s % 17), text(source + 100_000));
  return { tasks: [builder.build()] };
}

function cohorts(students: number) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'infralint-spill-'));
  const inMemory = new CohortSketches();
  const spilled = new CohortSketches({ signatures: path.join(dir, 'signatures.bin'), where: path.join(dir, 'where.bin') });
  for (let s = 0; s < students; s++) {
    const sketch = packSketch(sketchOf(s));
    inMemory.add(`student-${s}`, sketch);
    spilled.add(`student-${s}`, sketch);
  }
  return { dir, inMemory, spilled };
}

describe('the signatures and where each minimum was read, spilled to files', () => {
  it('reads back what memory would have held, for every item and for the groups\' evidence, and removes the files', () => {
    // 2,600 items: two chunks of 1,024 in the files, the third being filled in memory; copies across chunks.
    const { dir, inMemory, spilled } = cohorts(2600);
    expect(readdirSync(dir).sort()).toEqual(['signatures.bin', 'where.bin']);
    for (let i = 0; i < spilled.itemCount; i++) {
      expect(spilled.where(i)).toEqual(inMemory.where(i));
      expect(spilled.signature(i)).toEqual(inMemory.signature(i));
    }
    const found = findSimilar(spilled);
    // 11 exact copies and 11 near-copies, each a group of two.
    expect(found.groups.length).toBe(22);
    expect(found.groups.filter((g) => g.score < 1).length).toBe(11);
    // Each copy names the lines of both students' files: `where` read back from the file and from memory.
    for (const group of found.groups) expect(new Set(group.prose?.shared.map((s) => s.student))).toEqual(new Set(group.students));
    expect(found).toEqual(findSimilar(inMemory));
    spilled.discard();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('writes nothing while the cohort fits in one chunk', () => {
    const { dir, inMemory, spilled } = cohorts(1000);
    expect(readdirSync(dir)).toEqual([]);
    expect(findSimilar(spilled)).toEqual(findSimilar(inMemory));
    spilled.discard();
  });
});

describe('rows spilled to a file', () => {
  /** A store of `rows` rows of 4 values, row i holding i * 10 + k, with a file, and the same in memory. */
  function stores(rows: number) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'infralint-rows-'));
    const spilled = new SpilledRows(4, path.join(dir, 'rows.bin'));
    const inMemory = new SpilledRows(4);
    for (let i = 0; i < rows; i++) {
      for (const store of [spilled, inMemory]) {
        const { values, offset } = store.append();
        for (let k = 0; k < 4; k++) values[offset + k] = i * 10 + k;
      }
    }
    return { dir, spilled, inMemory };
  }
  const rowOf = (i: number) => [0, 1, 2, 3].map((k) => i * 10 + k);

  it('reads rows back in order and one at a time, two rows of one cache slot at once, and removes its file', () => {
    const { dir, spilled, inMemory } = stores(3 * CHUNK + 5);
    expect(readdirSync(dir)).toEqual(['rows.bin']);
    for (let i = 0; i < spilled.count; i++) expect([...spilled.inOrder(i)]).toEqual(rowOf(i));
    for (const i of [5, CHUNK + 7, 3 * CHUNK + 2, 2 * CHUNK - 1, 7]) expect([...spilled.row(i)]).toEqual(rowOf(i));
    // Rows 1,024 apart share a slot of the cache (the chunk read last by the pass is the third): the pair compared keeps both.
    const a = spilled.row(1);
    const b = spilled.row(CHUNK + 1, 1);
    expect([[...a], [...b]]).toEqual([rowOf(1), rowOf(CHUNK + 1)]);
    expect([[...spilled.row(CHUNK + 1)], [...spilled.row(1, CHUNK + 1)]]).toEqual([rowOf(CHUNK + 1), rowOf(1)]);
    // A row of the chunk a pass in order read last comes from it.
    spilled.inOrder(2 * CHUNK + 3);
    const c = spilled.row(CHUNK + 1);
    expect([[...spilled.row(2 * CHUNK + 9, CHUNK + 1)], [...c]]).toEqual([rowOf(2 * CHUNK + 9), rowOf(CHUNK + 1)]);
    for (let i = 0; i < inMemory.count; i += 97) expect([...inMemory.row(i)]).toEqual(rowOf(i));
    spilled.discard();
    spilled.discard();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('writes nothing while its rows fit in one chunk', () => {
    const { dir, spilled } = stores(CHUNK);
    expect(readdirSync(dir)).toEqual([]);
    expect([...spilled.row(CHUNK - 1)]).toEqual(rowOf(CHUNK - 1));
    spilled.discard();
  });
});
