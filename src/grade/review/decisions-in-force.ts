import { digestRecord, type RecordDigest } from '../record-digest.js';
import type { StudentRecord } from '../record.js';
import type { GradebookLayout } from '../gradebook.js';
import { applyDecisions, type SetAside } from './apply-decisions.js';
import { latestByStudent, readDecisions, type SourcedDecision } from './decisions.js';

/** What became of the decisions of an output folder in one run (printed by `grade` and `merge`). */
export interface ReviewOutcome {
  applied: number;
  stale: { student: string; decision: SourcedDecision }[];
  setAside: (SetAside & { student: string })[];
}

/**
 * The reviewers' decisions of an output folder, applied to each record as the cohort's outputs are
 * written (by `grade`, `grade --resume` and `merge` alike): the gradebooks, the feedback and the
 * report show the decided rules, while results.jsonl keeps what infralint found on its own (so that
 * a decision withdrawn or gone stale leaves the tool's result, and `--resume` reuses it).
 */
export class DecisionsInForce {
  private readonly outcome: ReviewOutcome = { applied: 0, stale: [], setAside: [] };
  /** Students with decisions and no record yet: never more than the decisions name, however large the cohort. */
  private readonly awaited: Set<string>;

  private constructor(private readonly byStudent: Map<string, SourcedDecision[]>) {
    this.awaited = new Set(byStudent.keys());
  }

  /** Reads and checks the decisions files of `outDir` (an invalid entry is a UsageError naming its line). */
  static load(outDir: string): DecisionsInForce {
    return new DecisionsInForce(latestByStudent(readDecisions(outDir)));
  }

  get count(): number {
    let n = 0;
    for (const list of this.byStudent.values()) n += list.length;
    return n;
  }

  /** The digest of a record with its decisions applied (the results line stays the tool's). */
  decideDigest(digest: RecordDigest, layout: GradebookLayout): RecordDigest {
    this.awaited.delete(digest.student);
    const decisions = this.byStudent.get(digest.student);
    if (!decisions) return digest;
    const decided = this.decide(recordOfLine(digest.line), decisions, true);
    return { ...digestRecord(decided, layout), line: digest.line };
  }

  /** The records of a stream with their decisions applied (for report.html, which reads them again). */
  decideRecords(records: () => AsyncGenerator<StudentRecord>): () => AsyncGenerator<StudentRecord> {
    const self = this;
    return async function* reviewed() {
      for await (const record of records()) {
        const decisions = self.byStudent.get(record.student);
        yield decisions ? self.decide(record, decisions, false) : record;
      }
    };
  }

  /** What was applied, stale and set aside; decisions about students of no record are set aside too. */
  result(): ReviewOutcome {
    const missing = [...this.byStudent.entries()]
      .filter(([student]) => this.awaited.has(student))
      .flatMap(([student, list]) => list.map((decision) => ({ student, decision, why: 'no such student in this run' })));
    return { ...this.outcome, setAside: [...this.outcome.setAside, ...missing] };
  }

  private decide(record: StudentRecord, decisions: SourcedDecision[], count: boolean): StudentRecord {
    const { record: decided, applied, stale, setAside } = applyDecisions(record, decisions);
    if (count) {
      this.outcome.applied += applied.length;
      for (const decision of stale) this.outcome.stale.push({ student: record.student, decision });
      for (const aside of setAside) this.outcome.setAside.push({ student: record.student, ...aside });
    }
    return decided;
  }
}

/** The record of a results line (sealed by the run that wrote it moments ago: see sealedRecordBytes). */
function recordOfLine(line: Uint8Array): StudentRecord {
  const record = JSON.parse(Buffer.from(line.buffer, line.byteOffset, line.byteLength).toString('utf8')) as StudentRecord & { seal?: string };
  delete record.seal;
  return record;
}
