import type { RuleResult, TaskResult } from '../report/model.js';
import type { Probe } from '../read/fs-probes.js';
import type { StudentSketch } from './similarity/sketch.js';

/** One rule of one task, as the gradebook keeps it. */
export type GradedRule = Pick<RuleResult, 'id' | 'status' | 'points' | 'maxPoints' | 'message'> & {
  findings: RuleResult['findings'];
  /** For a rule awaiting a person: what passes (the reviewer's checklist item). */
  description?: string;
  /** A reviewer may award part of the points (the rule grants partial credit). */
  partialCredit?: true;
} & Partial<Decided>;

/** Who decided a rule by hand, when, and why (set on the outputs' copy of a record, never in results.jsonl). */
export interface Decided {
  decidedBy: string;
  decidedAt: string;
  note: string;
}

/** An image or a link a person must look at, as a reviewer is shown it. */
export interface ReviewVisual {
  kind: 'image' | 'image-url' | 'image-file' | 'drawing-link' | 'ascii-art';
  /** Where the submission shows it (file relative to the student's folder, line). */
  file: string;
  line: number;
  /** What the submission wrote (a link's target, a file name). */
  target: string;
  /** For an image in the repository: its path relative to the student's folder (forward slashes). */
  path?: string;
}

/** One task of one student: the library's result without machine-specific paths. */
export type GradedTask = Omit<TaskResult, 'root' | 'rules'> & { rules: GradedRule[]; visuals?: ReviewVisual[] };

/**
 * Everything bulk grading keeps about one student: enough to write every output (gradebook,
 * feedback, report, similarity) without reading the submission again, so that the outputs of a
 * sharded run merged together are those of one run.
 */
export interface StudentRecord {
  /** The folder's name: the student id. */
  student: string;
  name: string;
  email: string;
  /**
   * `graded`; `error` when a person must look (unreadable, enormous or binary task file, a crash);
   * `not-submitted` for a roster student without a folder (or whose repository could not be collected).
   */
  status: StudentStatus;
  /** Why the status is `error` or `not-submitted`. */
  error: string;
  /** The commit graded, when the cohort was collected by `infralint collect` (absent otherwise). */
  commit?: string;
  /** The roster's columns for this student (ids and sections the gradebook exports need). */
  rosterColumns?: Record<string, string>;
  tasks: GradedTask[];
  /** The Markdown the student would see from `infralint check`. */
  feedback: string;
  /** What near-duplicate detection keeps of the submission: a fixed-size sketch of its own text and its graphs' fingerprints. */
  features: StudentSketch;
  /** What the result depends on, to reuse it when nothing changed (`--resume`). */
  inputs: { config: string; probes: Probe[] } | null;
  /**
   * A digest of the submission's content (its files and images, not where they lie): a reviewer's
   * decision records it, and one made on another content is stale. Absent from older records.
   */
  digest?: string;
  /** Reviewers' decisions made on another content of the submission (outputs' copy only: see applyDecisions). */
  staleDecisions?: { task: string; rule: string; status: string; decidedBy: string; decidedAt: string }[];
}

/** The first line of a results file: what produced it, so that `merge` refuses mixed partials. */
export interface ResultsHeader {
  infralint: 'grade-results';
  version: string;
  /** Digest of the rubrics and options: partials graded differently cannot be merged. */
  config: string;
  shard: { index: number; count: number };
  tasks: string[];
  /** The rule ids of each task, in rubric order (the gradebook's columns). */
  rules: Record<string, string[]>;
  /** The settings behind `config`, so that merge can say which one differs. */
  settings?: GradingSettingsSummary;
  /** The cohort graded (whatever folder it is in): merge refuses shards of different cohorts. */
  cohort?: CohortIdentity;
}

export interface GradingSettingsSummary {
  version: string;
  /** A digest of each task's rubric (with the configuration applied). */
  rubrics: Record<string, string>;
  minScore: number | null;
  disable: string[];
  maxBytes: number | null;
}

export interface CohortIdentity {
  /** Students of the whole cohort (every shard), and a digest of their names. */
  students: number;
  listing: string;
  /** A digest of the roster's logins, or null without a roster. */
  roster: string | null;
}

export type StudentStatus = 'graded' | 'error' | 'not-submitted';

/** One unit of work: a student's folder. */
export interface GradeJob {
  student: string;
  dir: string;
  name: string;
  email: string;
  /** The previous run's inputs for this student, when resuming. */
  previous: { config: string; probes: Probe[] } | null;
  /** The commit collected, and the roster's columns: carried into the record. */
  commit?: string;
  rosterColumns?: Record<string, string>;
  /** The (temporary) feedback folder of the run, when the worker is to write the student's feedback file. */
  feedbackFolder?: string;
}
