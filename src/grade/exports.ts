import { stringify } from 'csv-stringify/sync';
import { UsageError } from '../errors.js';
import { spreadsheetSafe } from '../reporters/csv.js';
import { projectTotal, type GradebookEntry } from './gradebook.js';

/** The gradebooks mentors import into. */
export const EXPORT_FORMATS = ['canvas', 'moodle'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportSettings {
  formats: ExportFormat[];
  /** The grade column's title: the assignment (Canvas) or grade item (Moodle) it fills. */
  title: string;
}

export const DEFAULT_EXPORT_TITLE = 'Web infrastructure design';

/** `--export canvas,moodle`: the formats, each once; an unknown one is a usage error naming the known ones. */
export function parseExportFormats(value: string, previous: ExportFormat[] = []): ExportFormat[] {
  const formats = [...previous];
  for (const name of value.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean)) {
    if (!(EXPORT_FORMATS as readonly string[]).includes(name)) throw new UsageError(`--export: unknown gradebook format "${name}" (known: ${EXPORT_FORMATS.join(', ')})`);
    if (!formats.includes(name as ExportFormat)) formats.push(name as ExportFormat);
  }
  return formats;
}

/** The file each export is written to in the output folder. */
export function exportFileName(format: ExportFormat): string {
  return `${format}.csv`;
}

/**
 * The grade a gradebook receives, in points out of 100: the project's percentage. Blank (no grade
 * imported, the LMS keeps what it has) when a person must still decide: an error row, or a task
 * whose verdict awaits review. A student of the roster without a submission gets 0.
 */
export function exportedGrade(entry: GradebookEntry, tasks: readonly string[]): number | '' {
  if (entry.status === 'not-submitted') return 0;
  if (entry.status !== 'graded') return '';
  if (entry.tasks.some((t) => t.verdict === 'pending')) return '';
  return projectTotal(entry, tasks).percent;
}

/** The first of these roster columns that has a value (roster headers are normalised: lower case, single spaces). */
function column(entry: GradebookEntry, names: string[]): string {
  for (const name of names) {
    const value = entry.rosterColumns?.[name];
    if (value) return value;
  }
  return '';
}

/** A short account of the grade for the LMS's feedback column: each task's score and verdict. */
function gradeNote(entry: GradebookEntry, tasks: readonly string[]): string {
  if (entry.status !== 'graded') return `${entry.status}: ${entry.error ?? ''}`.trim();
  return tasks.map((name) => {
    const task = entry.tasks.find((t) => t.task === name);
    return task ? `${name}: ${task.score}/${task.maxScore} ${task.verdict}` : `${name}: missing`;
  }).join('; ');
}

/**
 * One gradebook format: its header and a row per student. Canvas's gradebook import matches
 * students by Canvas ID, SIS User ID or SIS Login ID (then by name) and reads one column per
 * assignment, with an optional "Points Possible" row; Moodle's CSV grade import maps one identifier
 * column (email address, username or ID number) to its users and a column to a grade item, with an
 * optional feedback column. Ids come from the roster's columns of the same names.
 */
export class GradebookExport {
  constructor(readonly format: ExportFormat, private readonly title: string, private readonly tasks: readonly string[]) {}

  head(): string {
    const rows = this.format === 'canvas'
      ? [['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section', this.title], ['    Points Possible', '', '', '', '', 100]]
      : [['Email address', 'Username', 'ID number', 'Full name', this.title, `${this.title} feedback`]];
    return stringify(rows.map((row) => row.map(spreadsheetSafe)));
  }

  row(entry: GradebookEntry): string {
    const grade = exportedGrade(entry, this.tasks);
    const row = this.format === 'canvas'
      ? [
        entry.name || entry.student,
        column(entry, ['canvas id', 'canvas user id', 'canvas_id']),
        column(entry, ['sis user id', 'sis id', 'student id', 'student number']),
        column(entry, ['sis login id', 'login id']),
        column(entry, ['section', 'cohort', 'group']),
        grade,
      ]
      : [
        entry.email,
        column(entry, ['moodle username', 'lms username']),
        column(entry, ['idnumber', 'id number', 'student id', 'student number', 'sis user id']),
        entry.name || entry.student,
        grade,
        gradeNote(entry, this.tasks),
      ];
    return stringify([row.map(spreadsheetSafe)]);
  }
}
