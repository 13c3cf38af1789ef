// The thread collecting a cohort keeps where each minimum was read on disk (issue 17 item 2: its
// memory flat in the cohort): what findSimilar reads back must be what it would have kept in memory.
import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildBaseText } from '../../src/grade/similarity/base-text.js';
import { CohortSketches } from '../../src/grade/similarity/cohort-sketches.js';
import { findSimilar } from '../../src/grade/similarity/find-similar.js';
import { SketchBuilder, type StudentSketch } from '../../src/grade/similarity/sketch.js';
import { seededRandom } from '../helpers/similar-cohort.js';

const noBase = buildBaseText([]);
const vocabulary = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon phi chi psi omega'.split(' ');

function text(seed: number): string {
  const random = seededRandom(seed);
  return Array.from({ length: 80 }, () => vocabulary[Math.floor(random() * vocabulary.length)]).join(' ');
}

/** Student s's sketch: two paragraphs in one of three files, at lines of their own; every 100th from 1,500 on copies the student 1,500 before. */
function sketchOf(s: number): StudentSketch {
  const source = s >= 1500 && s % 100 === 0 ? s - 1500 : s;
  const builder = new SketchBuilder(noBase, 't');
  builder.addProse(`part-${s % 3}.md`, 1 + (s % 40), text(source));
  builder.addProse(`part-${(s + 1) % 3}.md`, 50 + (s % 17), text(source + 100_000));
  return { tasks: [builder.build()] };
}

function cohorts(students: number) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'infralint-spill-'));
  const inMemory = new CohortSketches();
  const spilled = new CohortSketches(path.join(dir, 'where.bin'));
  for (let s = 0; s < students; s++) {
    const sketch = sketchOf(s);
    inMemory.add(`student-${s}`, sketch);
    spilled.add(`student-${s}`, sketch);
  }
  return { dir, inMemory, spilled };
}

describe('where each minimum was read, spilled to a file', () => {
  it('reads back what memory would have held, for every item and for the groups\' evidence, and removes the file', () => {
    // 2,600 items: two chunks of 1,024 in the file, the third being filled in memory; copies across chunks.
    const { dir, inMemory, spilled } = cohorts(2600);
    expect(readdirSync(dir)).toEqual(['where.bin']);
    for (let i = 0; i < spilled.itemCount; i++) expect(spilled.where(i)).toEqual(inMemory.where(i));
    const found = findSimilar(spilled);
    expect(found.groups.length).toBe(11);
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
