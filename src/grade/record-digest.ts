import { gradebookEntry, type GradebookEntry } from './gradebook.js';
import type { StudentRecord } from './record.js';
import { sealRecordLine } from './results-file.js';
import type { StudentSketch } from './similarity/sketch.js';

/**
 * What the cohort's outputs take from one record, made where the record is made: in the worker that
 * graded the student. The thread that writes the outputs then receives a string and a few small
 * values instead of the whole record (a structured clone of ~13 KB of objects) and has nothing to
 * serialise: on two cores, that thread's time is the workers' time.
 */
export interface RecordDigest {
  student: string;
  /** The record as its line of the results file. */
  line: string;
  entry: GradebookEntry;
  /** What near-duplicate detection keeps of the student (fixed size). */
  sketch: StudentSketch;
  /** The feedback file's text, or null when the worker has written the file already. */
  feedback: string | null;
}

export function digestRecord(record: StudentRecord, feedbackWritten = false): RecordDigest {
  return {
    student: record.student,
    line: sealRecordLine(JSON.stringify(record)),
    entry: gradebookEntry(record),
    sketch: record.features,
    feedback: feedbackWritten ? null : record.feedback,
  };
}

/** Where a student's feedback file goes in a feedback folder. */
export function feedbackFileName(student: string): string {
  return `${student}.md`;
}
