import { gradebookEntry, type GradebookEntry } from './gradebook.js';
import type { GraphShape, StudentRecord } from './record.js';
import { sealRecordLine } from './results-file.js';
import { graphShape } from './similarity/features.js';

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
  /** Similarity inputs: the prose's shingles (base64) and the graph's shape. */
  shingles: string;
  shape: GraphShape | null;
  /** The feedback file's text, or null when the worker has written the file already. */
  feedback: string | null;
}

export function digestRecord(record: StudentRecord, feedbackWritten = false): RecordDigest {
  const graph = record.tasks[0]?.graph;
  return {
    student: record.student,
    line: sealRecordLine(JSON.stringify(record)),
    entry: gradebookEntry(record),
    shingles: record.features.shingles,
    shape: graph ? graphShape(graph) : null,
    feedback: feedbackWritten ? null : record.feedback,
  };
}

/** Where a student's feedback file goes in a feedback folder. */
export function feedbackFileName(student: string): string {
  return `${student}.md`;
}
