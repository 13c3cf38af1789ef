import type { RuleStatus } from '../types.js';
import { stringify } from 'csv-stringify/sync';
import { ruleCell, spreadsheetSafe } from '../reporters/csv.js';
import type { ResultsHeader, StudentRecord } from './record.js';
import type { SimilarityResult } from './similarity/find-similar.js';
import { pushTo } from '../multimap.js';

/** The group of similar submissions a student is in, as the student's row says it. */
export interface SimilarTo {
  /** The group's id in `similarity.groups`. */
  group: number;
  /** The other members (the first LISTED_GROUP_MEMBERS of them) and how many there are. */
  students: string[];
  count: number;
  /** The group's similarity figure: its closest pair's text, or 1 for the same graph alone. */
  score: number;
  /** What links the group: near-duplicate own text, the same uncommon graph, or both. */
  evidence: ('text' | 'graph')[];
}

/** Members of a group listed by name in a student's row; the rest are counted. */
const LISTED_GROUP_MEMBERS = 10;

export function similarByStudent(result: SimilarityResult): Map<string, SimilarTo[]> {
  const map = new Map<string, SimilarTo[]>();
  for (const group of result.groups) {
    const evidence: SimilarTo['evidence'] = [...(group.prose ? ['text' as const] : []), ...(group.graph ? ['graph' as const] : [])];
    // The first members but oneself: linear in the group's size (a group may hold thousands of copies).
    const head = group.students.slice(0, LISTED_GROUP_MEMBERS + 1);
    for (const member of group.students) {
      const others = head.filter((s) => s !== member).slice(0, LISTED_GROUP_MEMBERS);
      pushTo(map, member, { group: group.id, students: others, count: group.students.length - 1, score: group.score, evidence });
    }
  }
  return map;
}

/** `group 2 with bob, carol (text 0.97, same graph)` */
export function describeSimilar(list: SimilarTo[] | undefined): string {
  return (list ?? [])
    .map((s) => {
      const more = s.count > s.students.length ? ` and ${s.count - s.students.length} more` : '';
      const why = s.evidence.map((e) => (e === 'text' ? `text ${s.score}` : 'same graph')).join(', ');
      return `group ${s.group} with ${s.students.join(', ')}${more} (${why})`;
    })
    .join('; ');
}

/** gradebook.csv: one row per student and task; rule columns hold points, or the status when a rule has none. */
export class GradebookCsv {
  private readonly ruleColumns: string[];

  constructor(private readonly header: ResultsHeader) {
    this.ruleColumns = [...new Set(header.tasks.flatMap((t) => header.rules[t] ?? []))];
  }

  head(): string {
    return stringify([['student', 'name', 'email', 'task', 'status', 'score', 'max_score', 'manual_points', 'threshold', 'passed', 'verdict', ...this.ruleColumns, 'similar_to', 'error']]);
  }

  /** The rows of one student, from their gradebook entry (so the record itself need not be kept). */
  rows(entry: GradebookEntry, similar: SimilarTo[] | undefined): string {
    const common = [entry.student, entry.name, entry.email];
    const tail = [describeSimilar(similar), entry.error ?? ''];
    const rows = this.header.tasks.map((taskName) => {
      const task = entry.tasks.find((t) => t.task === taskName);
      if (!task) return [...common, taskName, 'error', '', '', '', '', '', '', ...this.ruleColumns.map(() => ''), ...tail];
      return [
        ...common, task.task, entry.status, task.score, task.maxScore, task.manualPoints, task.threshold, String(task.passed), task.verdict,
        ...this.ruleColumns.map((id) => ruleCell(task.rules[id])),
        ...tail,
      ];
    });
    return stringify(rows.map((row) => row.map(spreadsheetSafe)));
  }
}

/**
 * project.csv: one row per student, the project as a mentor records it: each task's score and
 * verdict side by side, and the project total (every task counted, a missing one as 0).
 */
export class ProjectCsv {
  constructor(private readonly header: ResultsHeader) {}

  head(): string {
    return stringify([['student', 'name', 'email', 'status', ...this.header.tasks.flatMap((t) => [`${t} score`, `${t} verdict`]), 'project_score', 'project_max', 'project_percent', 'tasks_passed', 'manual_points', 'similar_to', 'error']]);
  }

  row(entry: GradebookEntry, similar: SimilarTo[] | undefined): string {
    const project = projectTotal(entry, this.header.tasks);
    const cells = this.header.tasks.flatMap((taskName) => {
      const task = entry.tasks.find((t) => t.task === taskName);
      return task ? [String(task.score), task.verdict] : ['', entry.status === 'error' ? 'error' : 'missing'];
    });
    const row = [entry.student, entry.name, entry.email, entry.status, ...cells, project.score, project.maxScore, project.percent, project.passed, project.manualPoints, describeSimilar(similar), entry.error ?? ''];
    return stringify([row.map(spreadsheetSafe)]);
  }
}

/** The project's total over `tasks`: points won, the points of every task, the share, tasks passed. */
export function projectTotal(entry: { tasks: readonly { task: string; score: number; maxScore: number; manualPoints: number; passed: boolean }[] }, tasks: readonly string[]): { score: number; maxScore: number; percent: number; passed: number; manualPoints: number } {
  let score = 0;
  let maxScore = 0;
  let passed = 0;
  let manualPoints = 0;
  for (const name of tasks) {
    const task = entry.tasks.find((t) => t.task === name);
    // A task the student lacks still counts: its points are the rubric's, lost (the usual 100).
    maxScore += task?.maxScore ?? 100;
    if (!task) continue;
    score += task.score;
    manualPoints += task.manualPoints;
    if (task.passed) passed++;
  }
  // Task scores have two decimals: so has their sum (no 332.53000000000003 in a spreadsheet).
  const round = (n: number) => Math.round(100 * n) / 100;
  return { score: round(score), maxScore, percent: maxScore ? Math.round((1000 * score) / maxScore) / 10 : 0, passed, manualPoints: round(manualPoints) };
}

/** A student's gradebook entry: what the gradebooks and the cohort summary keep of a record. */
export type GradebookEntry = ReturnType<typeof gradebookEntry>;

export function gradebookEntry(record: StudentRecord) {
  return {
    student: record.student,
    name: record.name,
    email: record.email,
    status: record.status,
    ...(record.error ? { error: record.error } : {}),
    tasks: record.tasks.map((t) => ({
      task: t.task,
      path: t.path,
      score: t.score,
      maxScore: t.maxScore,
      manualPoints: t.manualPoints,
      threshold: t.threshold,
      passed: t.passed,
      verdict: t.verdict,
      rules: Object.fromEntries(t.rules.map((r) => [r.id, { status: r.status, points: r.points, maxPoints: r.maxPoints, message: r.message }])) as Record<string, { status: RuleStatus; points: number; maxPoints: number; message: string }>,
    })),
  };
}
