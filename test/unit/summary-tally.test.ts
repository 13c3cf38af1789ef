import type { RuleStatus } from '../../src/types.js';
import { ByteArena } from '../../src/grade/byte-arena.js';
import type { GradebookEntry } from '../../src/grade/gradebook.js';
import type { ResultsHeader } from '../../src/grade/record.js';
import { packTally, SummaryBuilder, tallyStatus, type CohortSummary } from '../../src/grade/summary.js';

const STATUSES: RuleStatus[] = ['pass', 'partial', 'fail', 'manual', 'skipped'];
const header = {
  tasks: ['0-basic', '1-distributed', '2-secured'],
  rules: { '0-basic': ['server', 'domain', 'dns-record', 'spof'], '1-distributed': ['load-balancer', 'replica', 'https', 'firewall', 'monitoring'] },
  // 2-secured has no rules of its own in the header: its tasks are counted, none of their rules.
} as unknown as ResultsHeader;

/**
 * The summary as the object form of the tally counted it before the tally was packed: the oracle the
 * packed form is held to (each task looked up by name, each rule by id, in the entry's order).
 */
function objectFormSummary(entries: GradebookEntry[]): CohortSummary {
  const zero = () => Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<RuleStatus, number>;
  const tasks = new Map(header.tasks.map((task) => [task, { percents: [] as number[], passed: 0, pending: 0, rules: new Map((header.rules[task] ?? []).map((id) => [id, zero()])) }]));
  const summary: CohortSummary = { students: 0, errors: [], notSubmitted: [], manualReview: [], tasks: [] };
  for (const entry of entries) {
    summary.students++;
    if (entry.status === 'error') summary.errors.push({ student: entry.student, message: entry.error ?? '' });
    if (entry.status === 'not-submitted') summary.notSubmitted.push({ student: entry.student, message: entry.error ?? '' });
    for (const task of entry.tasks) {
      const totals = tasks.get(task.task);
      if (!totals) continue;
      totals.percents.push(task.maxScore ? (100 * task.score) / task.maxScore : 0);
      if (task.passed) totals.passed++;
      if (task.verdict === 'pending') totals.pending++;
      if (task.manualPoints) summary.manualReview.push({ student: entry.student, task: task.task, points: task.manualPoints });
      for (const [id, rule] of Object.entries(task.rules)) {
        const counts = totals.rules.get(id);
        if (counts) counts[rule.status]++;
      }
    }
  }
  summary.tasks = [...tasks.entries()].map(([task, totals]) => {
    const sorted = [...totals.percents].sort((a, b) => a - b);
    const histogram = new Array<number>(10).fill(0);
    for (const p of sorted) histogram[Math.min(9, Math.floor(p / 10))]!++;
    const mid = sorted.length >> 1;
    const median = sorted.length === 0 ? 0 : sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
    const round1 = (n: number) => Math.round(n * 10) / 10;
    return {
      task, graded: sorted.length, passed: totals.passed, pending: totals.pending,
      meanPercent: round1(sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1)), medianPercent: round1(median), histogram,
      rules: [...totals.rules.entries()].map(([rule, counts]) => {
        const judged = counts.pass + counts.partial + counts.fail;
        return { rule, counts, failureRate: judged ? round1((100 * (counts.fail + counts.partial / 2)) / judged) / 100 : 0 };
      }),
    };
  });
  return summary;
}

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Entries of every kind: statuses of every kind, rules and a task the header lacks, rules missing, manual points, pending verdicts, error and not-submitted students. */
function generatedEntries(n: number, seed: number): GradebookEntry[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const taskNames = [...header.tasks, '9-not-in-header'];
  return Array.from({ length: n }, (_, i) => {
    const status = pick(['graded', 'graded', 'graded', 'error', 'not-submitted'] as const);
    const tasks = taskNames.filter(() => next() < 0.8).sort(() => next() - 0.5).map((task) => {
      const ids = [...(header.rules[task] ?? []), 'not-in-layout'].filter(() => next() < 0.85);
      const maxScore = pick([0, 10, 100, 37.5]);
      return {
        task, path: `${task}.md`, score: Math.round(next() * maxScore * 4) / 4, maxScore, manualPoints: pick([0, 0, 0, 2.5, 5]), threshold: 70,
        passed: next() < 0.5, verdict: pick(['passed', 'failed', 'pending', 'manual']), final: 0,
        rules: Object.fromEntries(ids.map((id) => [id, { status: pick(STATUSES), points: 1, maxPoints: 1, message: '' }])),
      };
    });
    // A graded entry may lack tasks, and others may carry some: the tally counts what the entry holds.
    const error = status === 'graded' ? undefined : pick([undefined, `problem ${i}`]);
    return { student: `student-${i}`, name: `Student ${i}`, email: '', status, ...(error !== undefined ? { error } : {}), tasks } as unknown as GradebookEntry;
  });
}

/** The summary counted from packed tallies, packed one after the other into shared chunks at unaligned offsets (as a worker's batch holds them). */
function packedSummary(entries: GradebookEntry[]): CohortSummary {
  const arena = new ByteArena(1000);
  const builder = new SummaryBuilder(header);
  for (const entry of entries) {
    arena.keep(1);
    builder.add(packTally(entry, header, arena));
  }
  return builder.build();
}

describe('the packed summary tally', () => {
  it('counts exactly as the object form of the tally did, on entries of every kind', () => {
    for (const seed of [1, 2, 3]) {
      const entries = generatedEntries(400, seed);
      const expected = objectFormSummary(entries);
      // The generated entries hold what the test claims they do.
      expect(expected.errors.length).toBeGreaterThan(0);
      expect(expected.notSubmitted.length).toBeGreaterThan(0);
      expect(expected.manualReview.length).toBeGreaterThan(0);
      expect(expected.tasks.every((t) => t.pending > 0 && t.passed > 0)).toBe(true);
      for (const s of STATUSES) expect(expected.tasks[1]!.rules.every((r) => r.counts[s] > 0)).toBe(true);
      expect(JSON.stringify(packedSummary(entries))).toBe(JSON.stringify(expected));
    }
  });

  it('keeps the entry\'s status, and its error only when it has one', () => {
    const [graded, error, notSubmitted] = (['graded', 'error', 'not-submitted'] as const).map((status) => packTally({ student: 's', name: '', email: '', status, ...(status === 'error' ? { error: 'boom' } : {}), tasks: [] } as unknown as GradebookEntry, header));
    expect([graded, error, notSubmitted].map((t) => tallyStatus(t!))).toEqual(['graded', 'error', 'not-submitted']);
    expect(graded).not.toHaveProperty('error');
    expect(error!.error).toBe('boom');
  });

  it('refuses a tally packed for another layout', () => {
    const entry = generatedEntries(1, 4)[0]!;
    const wider = { tasks: header.tasks, rules: { ...header.rules, '2-secured': ['extra'] } };
    const tally = packTally({ ...entry, tasks: [{ ...entry.tasks[0]!, task: '2-secured' }] } as GradebookEntry, wider);
    expect(() => new SummaryBuilder(header).add(tally)).toThrow('another layout');
  });
});
