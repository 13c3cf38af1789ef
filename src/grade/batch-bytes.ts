// What a grading worker sends the main thread for a batch of students, and how the main thread reads it.
import type { CohortOutcome } from './grade-student.js';
import type { RecordDigest } from './record-digest.js';
import type { OutputSlot } from './worker.js';

/**
 * A digest as a batch's message carries it: its small values (tally, sketch, feedback) as JSON in the
 * batch's buffer beside its bytes, made objects again by `unpackDigest` when the main thread takes
 * the student. Sent as objects, every outcome of the batches waiting for an earlier one was a few KB
 * of the main thread's heap that lived through its collections, and was promoted to its old
 * generation to die there (~1 MB a scavenge at 10,000 students: the old generation climbed from 12
 * to 20 MB before its next full collection, where a 1,000-student run ended at 12).
 */
export interface PackedDigest {
  student: string;
  line: Uint8Array;
  entry: Uint8Array;
  /** JSON of { tally, sketch, feedback }, UTF-8. */
  packed: Uint8Array;
}

export type PackedOutcome = PackedDigest | Exclude<CohortOutcome, RecordDigest>;

/** The digest `packBytes` packed, whole again. */
export function unpackDigest(outcome: PackedOutcome | CohortOutcome): CohortOutcome {
  if (!('packed' in outcome)) return outcome;
  const { packed } = outcome;
  const { tally, sketch, feedback } = JSON.parse(Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength).toString('utf8')) as Pick<RecordDigest, 'tally' | 'sketch' | 'feedback'>;
  return { student: outcome.student, line: outcome.line, entry: outcome.entry, tally, sketch, feedback };
}

/**
 * The batch's results lines, gradebook entries and packed values (see PackedDigest) copied into one
 * buffer, each digest keeping views of its parts: the message to the main thread then holds one
 * buffer instead of several a student (the structured clone copies a buffer once, whatever number
 * of views point into it). When they fit, into the slot the pool lent: the main thread then receives
 * views of memory it reuses, and allocates nothing a batch (a buffer a batch waited for V8 to
 * collect it, and the main thread's memory grew with the length of the run).
 */
export function packBytes(outcomes: CohortOutcome[], slot: OutputSlot | undefined): PackedOutcome[] {
  const values = outcomes.map((o) => ('reused' in o ? null : Buffer.from(JSON.stringify({ tally: o.tally, sketch: o.sketch, feedback: o.feedback }))));
  let total = 0;
  outcomes.forEach((o, k) => {
    if (!('reused' in o)) total += o.line.byteLength + o.entry.byteLength + values[k]!.byteLength;
  });
  const bytes = slot && total <= slot.length ? new Uint8Array(slot.buffer, slot.offset, total) : new Uint8Array(total);
  let at = 0;
  const place = (part: Uint8Array) => {
    bytes.set(part, at);
    at += part.byteLength;
    return bytes.subarray(at - part.byteLength, at);
  };
  return outcomes.map((o, k) => ('reused' in o ? o : { student: o.student, line: place(o.line), entry: place(o.entry), packed: place(values[k]!) }));
}
