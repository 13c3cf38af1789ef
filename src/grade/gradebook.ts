import { stringify } from 'csv-stringify/sync';
import type { ResultsHeader, StudentRecord } from './record.js';
import type { SimilarPair } from './similarity/find-similar.js';

/** Who a student resembles, best first, as the gradebook and report show it. */
export interface SimilarTo {
  student: string;
  kind: SimilarPair['kind'];
  score: number;
}

export function similarByStudent(pairs: SimilarPair[]): Map<string, SimilarTo[]> {
  const map = new Map<string, SimilarTo[]>();
  const add = (who: string, other: string, pair: SimilarPair) => {
    const list = map.get(who) ?? [];
    list.push({ student: other, kind: pair.kind, score: pair.score });
    map.set(who, list);
  };
  for (const pair of pairs) {
    add(pair.a, pair.b, pair);
    add(pair.b, pair.a, pair);
  }
  return map;
}

/** `bob (prose 0.82); carol (graph 1)` */
export function describeSimilar(list: SimilarTo[] | undefined): string {
  return (list ?? []).map((s) => `${s.student} (${s.kind} ${s.score})`).join('; ');
}

/** Spreadsheet programs run cells starting with these as formulas: student text must not. */
function cell(value: unknown): unknown {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** gradebook.csv: one row per student and task; rule columns hold points, or the status when a rule has none. */
export class GradebookCsv {
  private readonly ruleColumns: string[];

  constructor(private readonly header: ResultsHeader) {
    this.ruleColumns = [...new Set(header.tasks.flatMap((t) => header.rules[t] ?? []))];
  }

  head(): string {
    return stringify([['student', 'name', 'email', 'task', 'status', 'score', 'max_score', 'manual_points', 'threshold', 'passed', ...this.ruleColumns, 'similar_to', 'error']]);
  }

  rows(record: StudentRecord, similar: SimilarTo[] | undefined): string {
    const common = [record.student, record.name, record.email];
    const tail = [describeSimilar(similar), record.error];
    const rows = this.header.tasks.map((taskName) => {
      const task = record.tasks.find((t) => t.task === taskName);
      if (!task) return [...common, taskName, 'error', '', '', '', '', '', ...this.ruleColumns.map(() => ''), ...tail];
      const byId = new Map(task.rules.map((r) => [r.id, r]));
      return [
        ...common, task.task, record.status, task.score, task.maxScore, task.manualPoints, task.threshold, String(task.passed),
        ...this.ruleColumns.map((id) => {
          const rule = byId.get(id);
          if (!rule) return '';
          return rule.status === 'manual' || rule.status === 'skipped' || rule.maxPoints === 0 ? rule.status : rule.points;
        }),
        ...tail,
      ];
    });
    return stringify(rows.map((row) => row.map(cell)));
  }
}

/** One student's entry of gradebook.json. */
export function gradebookEntry(record: StudentRecord, similar: SimilarTo[] | undefined): unknown {
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
      rules: Object.fromEntries(t.rules.map((r) => [r.id, { status: r.status, points: r.points, maxPoints: r.maxPoints, message: r.message }])),
    })),
    similarTo: similar ?? [],
  };
}
