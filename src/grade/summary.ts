import { cachedByObject } from '../bounded-cache.js';
import type { RuleStatus } from '../types.js';
import { ByteArena } from './byte-arena.js';
import type { GradebookEntry, GradebookLayout } from './gradebook.js';
import type { ResultsHeader } from './record.js';

export interface RuleRates {
  rule: string;
  counts: Record<RuleStatus, number>;
  /** Share of graded submissions failing the rule (fail, plus half of partial). */
  failureRate: number;
}

export interface TaskSummary {
  task: string;
  graded: number;
  passed: number;
  /** Below the threshold on the points won, but points awaiting review could lift them above it. */
  pending: number;
  meanPercent: number;
  medianPercent: number;
  /** Submissions per score decile: 0-9%, 10-19%, ..., 90-100%. */
  histogram: number[];
  rules: RuleRates[];
}

export interface CohortSummary {
  students: number;
  errors: { student: string; message: string }[];
  /** Roster students without a submission (no folder, repository missing or private), with why. */
  notSubmitted: { student: string; message: string }[];
  /** Students with points awaiting a person (image-only diagrams...), with how many. */
  manualReview: { student: string; task: string; points: number }[];
  tasks: TaskSummary[];
}

/**
 * What the cohort summary counts of a gradebook entry, packed (see packTally): a worker sends it to
 * the thread that writes the outputs, which on many cores is what caps a run. As bytes it travels in
 * the batch's buffer and is counted with index loops; as an object of ~20 rules a task it was
 * cloned, walked by key and collected, student after student.
 */
export interface SummaryTally {
  student: string;
  /** The entry's error or why it was not submitted (absent when the entry has none). */
  error?: string;
  packed: Uint8Array;
}

/*
 * The packed form, for gradebooks of one layout (the run's tasks and rules, known to both threads):
 * the entry's status (a byte) and number of tasks (u16), then each of its tasks the layout knows, in
 * the entry's order: the task's index in the layout (u16), flags (a byte: passed, pending), score,
 * max score and manual points (float64), and a status byte for each of the layout's rules of the
 * task, in the layout's order (0: the entry has no such rule). Little-endian, unaligned (it sits in a
 * batch's buffer wherever the bytes before it end).
 */
const ENTRY_STATUSES: GradebookEntry['status'][] = ['graded', 'error', 'not-submitted'];
const STATUSES: RuleStatus[] = ['pass', 'partial', 'fail', 'manual', 'skipped'];
/** A rule's status byte: 1 + its index in STATUSES. */
const STATUS_CODE = new Map(STATUSES.map((s, i) => [s, i + 1]));
const PASSED = 1;
const PENDING = 2;
const ENTRY_HEAD = 3;
const TASK_HEAD = 3 + 3 * 8;

/** A layout's tasks by name, and each one's rules in order. */
const tallyLayoutOf = cachedByObject((layout: GradebookLayout) => ({
  index: new Map(layout.tasks.map((task, i) => [task, i])),
  rules: layout.tasks.map((task) => layout.rules[task] ?? []),
}));

/** The tally of `entry` for gradebooks of `layout`; `arena`: where to write it (a worker's batch), by default a buffer of its own. */
export function packTally(entry: GradebookEntry, layout: GradebookLayout, arena: ByteArena = new ByteArena(0)): SummaryTally {
  const { index, rules } = tallyLayoutOf(layout);
  const known = entry.tasks.filter((t) => index.has(t.task));
  let size = ENTRY_HEAD;
  for (const t of known) size += TASK_HEAD + rules[index.get(t.task)!]!.length;
  const room = arena.room(size);
  const view = new DataView(room.buffer, room.byteOffset, size);
  view.setUint8(0, ENTRY_STATUSES.indexOf(entry.status));
  view.setUint16(1, known.length, true);
  let at = ENTRY_HEAD;
  for (const t of known) {
    const i = index.get(t.task)!;
    view.setUint16(at, i, true);
    view.setUint8(at + 2, (t.passed ? PASSED : 0) | (t.verdict === 'pending' ? PENDING : 0));
    view.setFloat64(at + 3, t.score, true);
    view.setFloat64(at + 11, t.maxScore, true);
    view.setFloat64(at + 19, t.manualPoints, true);
    at += TASK_HEAD;
    for (const id of rules[i]!) {
      const status = t.rules[id]?.status;
      const code = status === undefined ? 0 : STATUS_CODE.get(status);
      if (code === undefined) throw new Error(`the rule "${id}" of "${entry.student}" has a status infralint does not know: ${status}`);
      room[at++] = code;
    }
  }
  return { student: entry.student, ...(entry.error !== undefined ? { error: entry.error } : {}), packed: arena.keep(size) };
}

/** The entry's status, from its tally. */
export function tallyStatus(tally: SummaryTally): GradebookEntry['status'] {
  return ENTRY_STATUSES[tally.packed[0]!]!;
}

/** A task's totals: each rule's counts at `rule * STATUSES.length + status code - 1`. */
interface TaskTotals {
  task: string;
  percents: number[];
  passed: number;
  pending: number;
  rules: string[];
  counts: Float64Array;
}

/** Cohort figures gathered one record at a time: memory grows with the cohort only by what the lists keep. */
export class SummaryBuilder {
  private students = 0;
  private errors: CohortSummary['errors'] = [];
  private notSubmitted: CohortSummary['notSubmitted'] = [];
  private manual: CohortSummary['manualReview'] = [];
  /** In the header's order, which is the layout of the tallies added. */
  private tasks: TaskTotals[];

  constructor(header: ResultsHeader) {
    // The layout's rules as packTally orders them: the writer and the reader take them from one place.
    const { rules } = tallyLayoutOf(header);
    this.tasks = header.tasks.map((task, i) => ({ task, percents: [], passed: 0, pending: 0, rules: rules[i]!, counts: new Float64Array(rules[i]!.length * STATUSES.length) }));
  }

  /** Adds a student, from the tally of their gradebook entry for the header's layout (see packTally). */
  add(tally: SummaryTally): void {
    this.students++;
    const status = tallyStatus(tally);
    if (status === 'error') this.errors.push({ student: tally.student, message: tally.error ?? '' });
    if (status === 'not-submitted') this.notSubmitted.push({ student: tally.student, message: tally.error ?? '' });
    const packed = tally.packed;
    const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
    const count = view.getUint16(1, true);
    let at = ENTRY_HEAD;
    for (let k = 0; k < count; k++) {
      const totals = this.tasks[view.getUint16(at, true)];
      if (!totals) throw new Error('a tally packed for another layout');
      const flags = view.getUint8(at + 2);
      const score = view.getFloat64(at + 3, true);
      const maxScore = view.getFloat64(at + 11, true);
      const manualPoints = view.getFloat64(at + 19, true);
      at += TASK_HEAD;
      totals.percents.push(maxScore ? (100 * score) / maxScore : 0);
      if (flags & PASSED) totals.passed++;
      if (flags & PENDING) totals.pending++;
      if (manualPoints) this.manual.push({ student: tally.student, task: totals.task, points: manualPoints });
      const counts = totals.counts;
      for (let r = 0; r < totals.rules.length; r++) {
        const code = packed[at + r]!;
        if (code) counts[r * STATUSES.length + code - 1]!++;
      }
      at += totals.rules.length;
    }
    if (at !== packed.byteLength) throw new Error('a tally packed for another layout');
  }

  build(): CohortSummary {
    return {
      students: this.students,
      errors: this.errors,
      notSubmitted: this.notSubmitted,
      manualReview: this.manual,
      tasks: this.tasks.map((entry) => {
        const sorted = [...entry.percents].sort((a, b) => a - b);
        const histogram = new Array<number>(10).fill(0);
        for (const p of sorted) histogram[Math.min(9, Math.floor(p / 10))]!++;
        const mid = sorted.length >> 1;
        const median = sorted.length === 0 ? 0 : sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
        return {
          task: entry.task,
          graded: sorted.length,
          passed: entry.passed,
          pending: entry.pending,
          meanPercent: round1(sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1)),
          medianPercent: round1(median),
          histogram,
          rules: entry.rules.map((rule, r) => {
            const counts = Object.fromEntries(STATUSES.map((s, code) => [s, entry.counts[r * STATUSES.length + code]!])) as Record<RuleStatus, number>;
            const judged = counts.pass + counts.partial + counts.fail;
            return { rule, counts, failureRate: judged ? round1((100 * (counts.fail + counts.partial / 2)) / judged) / 100 : 0 };
          }),
        };
      }),
    };
  }
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
