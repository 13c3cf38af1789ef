import type { RuleStatus } from '../../types.js';
import type { Verdict } from '../../score/score.js';
import { projectTotal, type SimilarTo } from '../gradebook.js';
import type { ResultsHeader, StudentRecord } from '../record.js';

/** One task of one student, as the students table shows it. */
export interface RowTask {
  score: number;
  maxScore: number;
  manualPoints: number;
  verdict: Verdict;
  /** One status per rule of the task, in the header's rule order (null: the rule did not run). */
  statuses: (RuleStatus | null)[];
}

/** One student, as the students table and the drill-down lists need them: a few hundred bytes. */
export interface StudentRow {
  student: string;
  name: string;
  status: StudentRecord['status'];
  /** One per task of the header, null when the task was not handed in. */
  tasks: (RowTask | null)[];
  project: { score: number; maxScore: number; percent: number } | null;
  similar: string;
}

/** The students who failed a rule, half-met it, or wait for a person on it: indexes of rows. */
export interface RuleDrill {
  fail: number[];
  partial: number[];
  manual: number[];
}

/**
 * What the report's cohort-wide parts need of every student, gathered in one read of the records
 * before anything is written (the drill-down lists come before the table in the page). The
 * student's position in the records is their anchor: `#s<index>`.
 */
export class CohortIndex {
  readonly rows: StudentRow[] = [];
  /** By task index, then rule index (the header's order). */
  readonly drill: RuleDrill[][];
  private readonly byStudent = new Map<string, number>();

  constructor(private readonly header: ResultsHeader) {
    this.drill = header.tasks.map((task) => (header.rules[task] ?? []).map(() => ({ fail: [], partial: [], manual: [] })));
  }

  add(record: StudentRecord, similar: SimilarTo[] | undefined): void {
    const index = this.rows.length;
    const tasks = this.header.tasks.map((taskId, t): RowTask | null => {
      const task = record.tasks.find((x) => x.task === taskId);
      if (!task) return null;
      const statuses = (this.header.rules[taskId] ?? []).map((ruleId, k) => {
        const status = task.rules.find((r) => r.id === ruleId)?.status ?? null;
        if (status === 'fail' || status === 'partial' || status === 'manual') this.drill[t]![k]![status].push(index);
        return status;
      });
      return { score: task.score, maxScore: task.maxScore, manualPoints: task.manualPoints, verdict: task.verdict, statuses };
    });
    const multi = this.header.tasks.length > 1;
    this.rows.push({
      student: record.student,
      name: record.name,
      status: record.status,
      tasks,
      project: multi ? projectTotal(record, this.header.tasks) : null,
      similar: similarCell(similar),
    });
    if (!this.byStudent.has(record.student)) this.byStudent.set(record.student, index);
  }

  /** The row of a student id (similarity and review lists name students by id). */
  indexOf(student: string): number | undefined {
    return this.byStudent.get(student);
  }
}

/**
 * The students table's cell: each group by its number and size (the section below names its
 * members; a table cell listing thirty names would make every row of the group match a search).
 */
function similarCell(list: SimilarTo[] | undefined): string {
  return (list ?? []).map((s) => `group ${s.group} (${s.count + 1} submissions)`).join('; ');
}
