import type { RuleResult, TaskResult } from '../report/model.js';
import type { Probe } from '../read/fs-probes.js';
import type { StudentSketch } from './similarity/sketch.js';

/** One rule of one task, as the gradebook keeps it. */
export type GradedRule = Pick<RuleResult, 'id' | 'status' | 'points' | 'maxPoints' | 'message'> & { findings: RuleResult['findings'] };

/** One task of one student: the library's result without machine-specific paths. */
export type GradedTask = Omit<TaskResult, 'root' | 'rules'> & { rules: GradedRule[] };

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
  /** `graded`, or `error` when a person must look (unreadable, enormous or binary task file, a crash). */
  status: 'graded' | 'error';
  /** Why the status is `error`. */
  error: string;
  tasks: GradedTask[];
  /** The Markdown the student would see from `infralint check`. */
  feedback: string;
  /** What near-duplicate detection keeps of the submission: a fixed-size sketch of its own text and its graphs' fingerprints. */
  features: StudentSketch;
  /** What the result depends on, to reuse it when nothing changed (`--resume`). */
  inputs: { config: string; probes: Probe[] } | null;
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
}

/** One unit of work: a student's folder. */
export interface GradeJob {
  student: string;
  dir: string;
  name: string;
  email: string;
  /** The previous run's inputs for this student, when resuming. */
  previous: { config: string; probes: Probe[] } | null;
  /** The (temporary) feedback folder of the run, when the worker is to write the student's feedback file. */
  feedbackFolder?: string;
}
