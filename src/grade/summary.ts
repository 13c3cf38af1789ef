import type { RuleStatus } from '../types.js';
import type { GradebookEntry } from './gradebook.js';
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
 * What the cohort summary counts of a gradebook entry: the entry without its names, paths and
 * messages (a worker sends it to the thread that writes the outputs, so it is kept small).
 */
export interface SummaryTally {
  student: string;
  status: GradebookEntry['status'];
  error?: string;
  tasks: { task: string; score: number; maxScore: number; manualPoints: number; passed: boolean; verdict: GradebookEntry['tasks'][number]['verdict']; rules: Record<string, RuleStatus> }[];
}

export function summaryTally(entry: GradebookEntry): SummaryTally {
  return {
    student: entry.student,
    status: entry.status,
    ...(entry.error !== undefined ? { error: entry.error } : {}),
    tasks: entry.tasks.map((t) => ({
      task: t.task, score: t.score, maxScore: t.maxScore, manualPoints: t.manualPoints, passed: t.passed, verdict: t.verdict,
      rules: Object.fromEntries(Object.entries(t.rules).map(([id, rule]) => [id, rule.status])),
    })),
  };
}

const STATUSES: RuleStatus[] = ['pass', 'partial', 'fail', 'manual', 'skipped'];

/** Cohort figures gathered one record at a time: memory grows with the cohort only by what the lists keep. */
export class SummaryBuilder {
  private students = 0;
  private errors: CohortSummary['errors'] = [];
  private notSubmitted: CohortSummary['notSubmitted'] = [];
  private manual: CohortSummary['manualReview'] = [];
  private tasks = new Map<string, { percents: number[]; passed: number; pending: number; rules: Map<string, Record<RuleStatus, number>> }>();

  constructor(private readonly header: ResultsHeader) {
    for (const task of header.tasks) {
      this.tasks.set(task, { percents: [], passed: 0, pending: 0, rules: new Map((header.rules[task] ?? []).map((id) => [id, Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<RuleStatus, number>])) });
    }
  }

  /** Adds a student, from the tally of their gradebook entry (see summaryTally). */
  add(entry: SummaryTally): void {
    this.students++;
    if (entry.status === 'error') this.errors.push({ student: entry.student, message: entry.error ?? '' });
    if (entry.status === 'not-submitted') this.notSubmitted.push({ student: entry.student, message: entry.error ?? '' });
    for (const task of entry.tasks) {
      const totals = this.tasks.get(task.task);
      if (!totals) continue;
      totals.percents.push(task.maxScore ? (100 * task.score) / task.maxScore : 0);
      if (task.passed) totals.passed++;
      if (task.verdict === 'pending') totals.pending++;
      if (task.manualPoints) this.manual.push({ student: entry.student, task: task.task, points: task.manualPoints });
      for (const [id, status] of Object.entries(task.rules)) {
        const counts = totals.rules.get(id);
        if (counts) counts[status]++;
      }
    }
  }

  build(): CohortSummary {
    return {
      students: this.students,
      errors: this.errors,
      notSubmitted: this.notSubmitted,
      manualReview: this.manual,
      tasks: [...this.tasks.entries()].map(([task, entry]) => {
        const sorted = [...entry.percents].sort((a, b) => a - b);
        const histogram = new Array<number>(10).fill(0);
        for (const p of sorted) histogram[Math.min(9, Math.floor(p / 10))]!++;
        const mid = sorted.length >> 1;
        const median = sorted.length === 0 ? 0 : sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
        return {
          task,
          graded: sorted.length,
          passed: entry.passed,
          pending: entry.pending,
          meanPercent: round1(sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1)),
          medianPercent: round1(median),
          histogram,
          rules: [...entry.rules.entries()].map(([rule, counts]) => {
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
