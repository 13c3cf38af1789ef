import type { CohortSketches, ShapeBucket } from './cohort-sketches.js';
import { locationOf, SIGNATURE_SIZE } from './sketch.js';
import { UnionFind } from './union-find.js';

export interface SimilarityOptions {
  /** Estimated Jaccard similarity of their own text from which two students are linked. */
  threshold?: number;
}

/** Two members whose own text is most alike, in one task, and where they share it. */
export interface ProseEvidence {
  a: string;
  b: string;
  task: string;
  /** Estimated Jaccard similarity of their own shingles and labels. */
  score: number;
  /** The weakest link that joined the group: a group may chain near-copies of near-copies. */
  weakest: number;
  /** Lines of each one's files where the shared text was read (paragraph starts, diagram labels). */
  shared: { student: string; file: string; lines: number[] }[];
}

/** A graph shape the group's members drew identically (labels dropped), rare and big enough to count. */
export interface GraphEvidence {
  task: string;
  nodes: number;
  edges: number;
  /** Students of the whole cohort who drew this shape: all in the group. */
  drawnBy: number;
}

/** Submissions linked by near-duplicate own text or by the same uncommon graph: one entry, not its pairs. */
export interface SimilarGroup {
  /** 1, 2, ... in the order listed: largest group first. */
  id: number;
  students: string[];
  /** The strongest evidence's similarity: the closest pair's text, or 1 for the same graph alone. */
  score: number;
  prose: ProseEvidence | null;
  graph: GraphEvidence | null;
}

export interface SimilarityResult {
  groups: SimilarGroup[];
  /** Students with enough text of their own to compare (at least MIN_FEATURES). */
  compared: number;
}

/**
 * Estimated Jaccard similarity of own text from which two students are linked: half of their own
 * shingles shared is a near-copy (unrelated answers to one task share a few percent once the base
 * text is dropped); below it, the estimate's noise (0.04 at 128 hashes) would decide.
 */
export const DEFAULT_THRESHOLD = 0.5;
/** Own shingles and labels a submission needs to be compared by text (about 25 words of its own). */
export const MIN_FEATURES = 20;
/**
 * Bands hashed in one pass over the cohort's signatures (each spilled chunk read back once for them
 * all): 42 passes read a 10,000-student cohort's 5 MB back 42 times (~10 us a student); their hashes
 * take 4 bytes a student each meanwhile.
 */
const BANDS_A_PASS = 8;
/** A member of a bucket is compared with at most this many members before it: a bucket of thousands costs linear time. */
const BUCKET_WINDOW = 64;
const SHARED_LINES_LISTED = 10;

/**
 * Groups of near-identical submissions. Candidates come from the signatures by banding
 * (locality-sensitive hashing): students whose signatures agree on a whole band of rows; each
 * candidate pair is then scored by its share of equal minima, and linked when it reaches the
 * threshold. Identical graph shapes link their students when the shape is evidence (see
 * `shapeIsEvidence`). Linked students form groups (connected components): eight copies are one
 * group of eight, however many pairs they make.
 */
export function findSimilar(cohort: CohortSketches, options: SimilarityOptions = {}): SimilarityResult {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const n = cohort.count;
  const sets = new UnionFind(n);
  const links: Link[] = [];
  // Items (a student's task) with text enough; items are compared with items of the same task only.
  const eligible: number[] = [];
  for (let i = 0; i < cohort.itemCount; i++) if (cohort.size(i) >= MIN_FEATURES) eligible.push(i);
  const taskSalt = (i: number) => Math.imul(cohort.taskOf(i) + 1, 0x9e3779b1);
  const link = (a: number, b: number, score: number) => {
    if (sets.union(cohort.studentOf(a), cohort.studentOf(b))) links.push({ a, b, score });
  };
  const linked = (a: number, b: number) => cohort.taskOf(a) !== cohort.taskOf(b) || sets.find(cohort.studentOf(a)) === sets.find(cohort.studentOf(b));

  // Identical signatures first, linked to the first of their kind: a thousand copies are one
  // candidate of the banding below, not a bucket of a million pairs.
  const copies = new Set<number>();
  forEachRun(eligible, (i) => cohort.hashRows(i, 0, SIGNATURE_SIZE) ^ taskSalt(i), (run) => {
    const kinds: number[] = [];
    for (const i of run) {
      const same = kinds.find((k) => cohort.taskOf(k) === cohort.taskOf(i) && cohort.similarity(k, i) === 1);
      if (same === undefined) {
        kinds.push(i);
      } else {
        copies.add(i);
        link(same, i, 1);
      }
    }
  });
  const representatives = copies.size ? eligible.filter((i) => !copies.has(i)) : eligible;

  // Rows a band: a pair of similarity J becomes a candidate with probability 1 - (1 - J^rows)^bands:
  // 0.996 at the default 0.5 (3 rows, 42 bands), 0.988 at 0.6 (4 rows), 0.94 at 0.4, while
  // unrelated answers (J ~0.02) almost never do. Below 0.4, 2 rows: more candidates, all scored.
  const rows = threshold >= 0.6 ? 4 : threshold >= 0.4 ? 3 : 2;
  const bands: number[] = [];
  for (let band = 0; band + rows <= SIGNATURE_SIZE; band += rows) bands.push(band);
  for (let pass = 0; pass < bands.length; pass += BANDS_A_PASS) {
    const froms = bands.slice(pass, pass + BANDS_A_PASS);
    const hashes = cohort.bandHashes(representatives, froms, rows);
    froms.forEach((_band, b) => forEachRun(representatives, (i, k) => hashes[b]![k]! ^ taskSalt(i), (run) => {
      for (let q = 1; q < run.length; q++) {
        for (let p = Math.max(0, q - BUCKET_WINDOW); p < q; p++) {
          const a = run[p]!;
          const b = run[q]!;
          if (linked(a, b)) continue;
          const score = cohort.similarity(a, b);
          if (score >= threshold) link(a, b, score);
        }
      }
    }));
  }

  const shapes: ShapeBucket[] = [];
  for (const bucket of cohort.sharedShapes()) {
    if (!shapeIsEvidence(bucket.nodes, bucket.edges, bucket.members.length, n)) continue;
    shapes.push(bucket);
    for (const member of bucket.members) sets.union(bucket.members[0]!, member);
  }
  return { groups: assembleGroups(cohort, sets, links, shapes), compared: eligible.length };
}

/** Two items (a task of two students) found near-duplicates. */
interface Link {
  a: number;
  b: number;
  score: number;
}

/**
 * Whether students drawing the same shape is evidence that they did not draw it alone. A small
 * shape (the minimal user -> load balancer -> web -> app -> database chain, the classic two-server
 * answer) never is: students arrive at it independently. A bigger one is, unless many drew it: the
 * bigger the shape, the larger the share of the cohort that may share it before it is a common design.
 */
export function shapeIsEvidence(nodes: number, edges: number, drawnBy: number, cohort: number): boolean {
  if (nodes < 8 || edges < 10) return false;
  const share = Math.min(0.25, 0.02 * 2 ** ((edges - 10) / 3));
  return drawnBy <= Math.max(2, Math.floor(share * cohort));
}

/** Calls `run` with each set of at least two `items` of equal key (of an item and its index in `items`), in a fixed order (key, then item). */
function forEachRun(items: readonly number[], key: (item: number, index: number) => number, run: (members: number[]) => void): void {
  if (items.length < 2) return;
  // Key and item packed in one float (32 + up to 21 bits): one native sort, no comparator.
  const largest = items.reduce((m, item) => Math.max(m, item), 0);
  const itemBits = Math.max(1, Math.ceil(Math.log2(largest + 1)));
  const keyScale = 2 ** itemBits;
  const keyMask = itemBits <= 21 ? 0xffffffff : 2 ** (53 - itemBits) - 1;
  const packed = new Float64Array(items.length);
  items.forEach((item, i) => (packed[i] = ((key(item, i) >>> 0) % (keyMask + 1)) * keyScale + item));
  packed.sort();
  let start = 0;
  for (let i = 1; i <= packed.length; i++) {
    if (i < packed.length && Math.floor(packed[i]! / keyScale) === Math.floor(packed[start]! / keyScale)) continue;
    if (i - start > 1) run(Array.from(packed.subarray(start, i), (v) => v % keyScale));
    start = i;
  }
}

function assembleGroups(cohort: CohortSketches, sets: UnionFind, links: Link[], shapes: ShapeBucket[]): SimilarGroup[] {
  const byRoot = new Map<number, { members: number[]; best: Link | null; weakest: number; shape: ShapeBucket | null }>();
  for (let i = 0; i < cohort.count; i++) {
    if (sets.sizeOf(i) < 2) continue;
    const root = sets.find(i);
    const group = byRoot.get(root);
    if (group) group.members.push(i);
    else byRoot.set(root, { members: [i], best: null, weakest: 1, shape: null });
  }
  for (const link of links) {
    const group = byRoot.get(sets.find(cohort.studentOf(link.a)))!;
    if (!group.best || link.score > group.best.score) group.best = link;
    group.weakest = Math.min(group.weakest, link.score);
  }
  for (const shape of shapes) {
    const group = byRoot.get(sets.find(shape.members[0]!))!;
    if (!group.shape || shape.edges > group.shape.edges) group.shape = shape;
  }
  const name = (i: number) => cohort.students[i]!;
  const groups = [...byRoot.values()].map(({ members, best, weakest, shape }): Omit<SimilarGroup, 'id'> => ({
    students: members.map(name).sort(cmp),
    score: best ? round(best.score) : 1,
    prose: best ? { a: name(cohort.studentOf(best.a)), b: name(cohort.studentOf(best.b)), task: cohort.tasks[cohort.taskOf(best.a)]!, score: round(best.score), weakest: round(weakest), shared: sharedLines(cohort, best) } : null,
    graph: shape ? { task: shape.task, nodes: shape.nodes, edges: shape.edges, drawnBy: shape.members.length } : null,
  }));
  groups.sort((x, y) => y.students.length - x.students.length || y.score - x.score || cmp(x.students[0]!, y.students[0]!));
  return groups.map((group, i) => ({ id: i + 1, ...group }));
}

/** Where the pair's equal minima were read: the lines both hold the same shingle or label on. */
function sharedLines(cohort: CohortSketches, link: Link): ProseEvidence['shared'] {
  const x = cohort.signature(link.a);
  const y = cohort.signature(link.b, link.a);
  const lines = [new Map<string, Set<number>>(), new Map<string, Set<number>>()];
  // Read once a side, and copied: a view of `where` is valid until the next one is read.
  const wheres = [cohort.where(link.a).slice(), cohort.where(link.b).slice()];
  for (let k = 0; k < SIGNATURE_SIZE; k++) {
    if (x[k] !== y[k]) continue;
    [link.a, link.b].forEach((item, side) => {
      const where = locationOf(wheres[side]![k]!, cohort.filesOf(item));
      if (!where) return;
      const set = lines[side]!.get(where.file) ?? new Set<number>();
      lines[side]!.set(where.file, set.add(where.line));
    });
  }
  return [link.a, link.b].flatMap((item, side) =>
    [...lines[side]!].map(([file, set]) => ({ student: cohort.students[cohort.studentOf(item)]!, file, lines: [...set].sort((p, q) => p - q).slice(0, SHARED_LINES_LISTED) })),
  );
}

function round(score: number): number {
  return Math.round(score * 100) / 100;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
