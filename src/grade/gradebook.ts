import type { RuleStatus } from '../types.js';
import { stringify } from 'csv-stringify/sync';
import { csvRecord, ruleCell, spreadsheetSafe } from '../reporters/csv.js';
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

/** What the gradebooks' columns depend on: the tasks, and the rule ids of each (the results header's). */
export type GradebookLayout = Pick<ResultsHeader, 'tasks' | 'rules'>;

/** The layout of a run's rubrics, as its results header says it (see resultsHeader). */
export function gradebookLayout(rubrics: readonly { task: string; rules: readonly { id: string }[] }[]): GradebookLayout {
  return { tasks: rubrics.map((r) => r.task), rules: Object.fromEntries(rubrics.map((r) => [r.task, r.rules.map((x) => x.id)])) };
}

/**
 * A CSV row rendered but for its similar_to cell, which waits for the similarity of the whole
 * cohort: the cells before it and the cells after it, each part as csv-stringify writes it (a cell's
 * quoting depends on that cell alone), so that a worker renders what the main thread only joins.
 */
export interface SplitRow {
  /** The cells before similar_to, without a trailing comma. */
  before: string;
  /** The cells after similar_to, with the record's newline. */
  after: string;
}

/** The row of `part` with its similar_to cell (`similarCell`). */
export function joinRow(part: SplitRow, cell: string): string {
  return `${part.before},${cell},${part.after}`;
}

/** A student's similar_to cell, rendered (empty for a student in no group). */
export function similarCell(similar: SimilarTo[] | undefined): string {
  const text = describeSimilar(similar);
  return text ? csvRecord([spreadsheetSafe(text)]) : '';
}

function splitRow(before: unknown[], after: unknown[]): SplitRow {
  return { before: csvRecord(before.map(spreadsheetSafe)), after: `${csvRecord(after.map(spreadsheetSafe))}\n` };
}

/** gradebook.csv: one row per student and task; rule columns hold points, or the status when a rule has none. */
export class GradebookCsv {
  private readonly ruleColumns: string[];

  constructor(private readonly header: GradebookLayout) {
    this.ruleColumns = [...new Set(header.tasks.flatMap((t) => header.rules[t] ?? []))];
  }

  head(): string {
    return stringify([['student', 'name', 'email', 'commit', 'task', 'status', 'score', 'max_score', 'manual_points', 'threshold', 'passed', 'verdict', ...this.ruleColumns, 'similar_to', 'error', 'final']]);
  }

  /**
   * The rows of one student, from their gradebook entry (so the record itself need not be kept).
   * A row not graded (error, not submitted, a task missing from an error row) has no score and no
   * rule cell, is not passed, and says its status as its verdict; a student who handed nothing in
   * scores 0.
   */
  rows(entry: GradebookEntry, similar: SimilarTo[] | undefined): string {
    const cell = similarCell(similar);
    return this.rowParts(entry).map((part) => joinRow(part, cell)).join('');
  }

  /** The rows of one student (one a task) but for their similar_to cell. */
  rowParts(entry: GradebookEntry): SplitRow[] {
    const common = [entry.student, entry.name, entry.email, entry.commit ?? ''];
    const error = entry.error ?? '';
    return this.header.tasks.map((taskName) => {
      const task = entry.tasks.find((t) => t.task === taskName);
      if (!task) {
        const status = entry.status === 'graded' ? 'error' : entry.status;
        return splitRow([...common, taskName, status, status === 'not-submitted' ? 0 : '', '', '', '', 'false', status, ...this.ruleColumns.map(() => '')], [error, '']);
      }
      return splitRow(
        [...common, task.task, entry.status, task.score, task.maxScore, task.manualPoints, task.threshold, String(task.passed), task.verdict, ...this.ruleColumns.map((id) => ruleCell(task.rules[id]))],
        [error, task.final ?? ''],
      );
    });
  }
}

/**
 * project.csv: one row per student, the project as a mentor records it: each task's score and
 * verdict side by side, and the project total (every task counted, a missing one as 0).
 */
export class ProjectCsv {
  constructor(private readonly header: GradebookLayout) {}

  head(): string {
    return stringify([['student', 'name', 'email', 'commit', 'status', ...this.header.tasks.flatMap((t) => [`${t} score`, `${t} verdict`]), 'project_score', 'project_max', 'project_percent', 'tasks_passed', 'manual_points', 'similar_to', 'error', 'final']]);
  }

  row(entry: GradebookEntry, similar: SimilarTo[] | undefined): string {
    return joinRow(this.rowParts(entry), similarCell(similar));
  }

  /** The row of one student but for its similar_to cell. */
  rowParts(entry: GradebookEntry): SplitRow {
    const project = projectTotal(entry, this.header.tasks);
    const cells = this.header.tasks.flatMap((taskName) => {
      const task = entry.tasks.find((t) => t.task === taskName);
      return task ? [String(task.score), task.verdict] : [entry.status === 'not-submitted' ? '0' : '', entry.status === 'graded' ? 'missing' : entry.status];
    });
    // An error row has no score (a person must look); a student who handed nothing in has 0.
    const totals = entry.status === 'error' ? ['', project.maxScore, '', 0, ''] : [project.score, project.maxScore, project.percent, project.passed, project.manualPoints];
    return splitRow([entry.student, entry.name, entry.email, entry.commit ?? '', entry.status, ...cells, ...totals], [entry.error ?? '', projectFinal(entry, this.header.tasks, project.score)]);
  }
}

/**
 * The project's final score: its total once no task awaits a person (a task missing counts 0, as
 * in the total), empty while points await review or the submission could not be graded.
 */
function projectFinal(entry: GradebookEntry, tasks: readonly string[], score: number): number | '' {
  if (entry.status === 'error') return '';
  const awaiting = tasks.some((name) => entry.tasks.find((t) => t.task === name)?.final === null);
  return awaiting ? '' : score;
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

/** A task's final score: its score once no point awaits a person and it was graded whole, else null. */
function finalScore(record: StudentRecord, task: StudentRecord['tasks'][number]): number | null {
  return record.status === 'graded' && task.manualPoints === 0 ? task.score : null;
}

/** A rule's audit trail in the gradebook: who decided it by hand, when, and the note. */
function decidedFields(rule: StudentRecord['tasks'][number]['rules'][number]): Partial<Pick<Required<typeof rule>, 'decidedBy' | 'decidedAt' | 'note'>> {
  return rule.decidedBy === undefined ? {} : { decidedBy: rule.decidedBy, decidedAt: rule.decidedAt ?? '', note: rule.note ?? '' };
}

/**
 * Only a graded student has task results in the gradebooks: the scores of an error row (a task file
 * cut short, a rule that crashed) are not a grade, and are left to the feedback file and the report.
 */
export function gradebookEntry(record: StudentRecord) {
  return {
    student: record.student,
    name: record.name,
    email: record.email,
    status: record.status,
    ...(record.commit ? { commit: record.commit } : {}),
    ...(record.rosterColumns ? { rosterColumns: record.rosterColumns } : {}),
    ...(record.error ? { error: record.error } : {}),
    tasks: (record.status === 'graded' ? record.tasks : []).map((t) => ({
      task: t.task,
      path: t.path,
      score: t.score,
      maxScore: t.maxScore,
      manualPoints: t.manualPoints,
      threshold: t.threshold,
      passed: t.passed,
      verdict: t.verdict,
      final: finalScore(record, t),
      rules: Object.fromEntries(t.rules.map((r) => [r.id, { status: r.status, points: r.points, maxPoints: r.maxPoints, message: r.message, ...decidedFields(r) }])) as Record<string, { status: RuleStatus; points: number; maxPoints: number; message: string; decidedBy?: string; decidedAt?: string; note?: string }>,
    })),
    ...(record.staleDecisions?.length ? { staleDecisions: record.staleDecisions } : {}),
  };
}

/**
 * The order of the rows of every CSV: natural (student2 before student10) and by the locale's
 * letters (é beside e), then by code point so that two runs always agree.
 */
// Made on first use: a `check` never sorts rows, and an ICU collator built at load time is a native
// object that cannot go into the CLI's startup snapshot (bin/build-snapshot.js).
let collator: Intl.Collator | undefined;
export function naturalOrder(a: string, b: string): number {
  collator ??= new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}
