import { ByteArena } from './byte-arena.js';
import { gradebookEntry, type GradebookLayout } from './gradebook.js';
import { gradebookBlock } from './gradebook-block.js';
import type { StudentRecord } from './record.js';
import { sealedRecordBytes } from './results-file.js';
import { packSketch, type PackedSketch } from './similarity/sketch.js';
import { packTally, type SummaryTally } from './summary.js';

/**
 * What the cohort's outputs take from one record, made where the record is made: in the worker that
 * graded the student. The thread that writes the outputs receives bytes to append and a few small
 * values, and has nothing to serialise or encode: on many cores that thread is what caps a run,
 * so everything a worker can do for it is done in the worker.
 */
export interface RecordDigest {
  student: string;
  /** The record's line of the results file, UTF-8, with its newline. */
  line: Uint8Array;
  /** The student's part of the gradebooks, rendered but for the similar_to cells (see gradebookBlock). */
  entry: Uint8Array;
  /** What the cohort summary counts of the record, packed for `layout`. */
  tally: SummaryTally;
  /** What near-duplicate detection keeps of the student (fixed size), its minima as bytes. */
  sketch: PackedSketch;
  /** The feedback file's text, or null when the worker has written the file already. */
  feedback: string | null;
}

/**
 * The digest of a record, for gradebooks of `layout` (the run's tasks and rules). `arena`: where a
 * worker writes its students' bytes (else each digest's bytes are buffers of their own).
 */
export function digestRecord(record: StudentRecord, layout: GradebookLayout, feedbackWritten = false, arena: ByteArena = new ByteArena(0)): RecordDigest {
  const entry = gradebookEntry(record);
  return {
    student: record.student,
    line: sealedRecordBytes(JSON.stringify(record), arena),
    entry: gradebookBlock(entry, layout, arena),
    tally: packTally(entry, layout, arena),
    sketch: packSketch(record.features, arena),
    feedback: feedbackWritten ? null : record.feedback,
  };
}

/** Where a student's feedback file goes in a feedback folder. */
export function feedbackFileName(student: string): string {
  return `${student}.md`;
}
