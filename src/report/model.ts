import type { FixedFile } from '../fix/model.js';
import type { Verdict } from '../score/score.js';
import type { Finding, RuleStatus } from '../types.js';

/*
 * The report: what a lint run returns and every reporter, the Action and bulk grading read. Its
 * shape is public (the JSON format prints it as is): change it with care.
 */

export interface LintReport {
  tool: { name: string; version: string };
  results: TaskResult[];
  /** With `fix: true`: the files as the fixes leave them (nothing written). */
  fixed?: FixedFile[];
}

export interface TaskResult {
  task: string;
  /** Task file relative to the submission root (or where it was expected). */
  path: string;
  /** The submission folder, absolute. */
  root: string;
  /** The folder `path` and every `file` are relative to, absolute (the repository's root when known). */
  base: string;
  score: number;
  maxScore: number;
  manualPoints: number;
  threshold: number;
  /** Passed on the points won (points awaiting review are not points). */
  passed: boolean;
  /** `pending` when points awaiting a person could still change the outcome. */
  verdict: Verdict;
  rules: RuleResult[];
  diagrams: DiagramSummary[];
  graph: { components: GraphComponentJson[]; edges: GraphEdgeJson[]; groups: GraphGroupJson[] };
}

export interface RuleResult {
  id: string;
  /** What passes (the rubric's words for this task, else the rule's). */
  description: string;
  status: RuleStatus;
  points: number;
  maxPoints: number;
  message: string;
  severity: 'error' | 'warning';
  findings: Finding[];
  /** For a rule graded in parts (explain-additions): which parts were found. */
  parts?: Record<string, boolean>;
  /** Set when the rule itself threw: a bug of infralint, not the student's fault. */
  crashed?: true;
}

export interface DiagramSummary {
  file: string;
  line: number;
  type: string | null;
  origin: string;
  valid: boolean;
  /** `cause`: where the mistake is, when Mermaid reports the error later (at the end of the diagram). */
  error: { message: string; line: number; column: number; code: string; cause?: { line: number; column: number } } | null;
}

export interface GraphComponentJson {
  key: string;
  id: string;
  label: string;
  roles: string[];
  host: string;
  multiplicity: number;
  file: string;
  line: number;
  column: number;
  /** The same component drawn in other diagrams (merged by identity: see identify-components). */
  sameAs?: { key: string; file: string; line: number; column: number }[];
}
export interface GraphEdgeJson {
  from: string;
  to: string;
  label: string;
  directed: boolean;
  kind: string;
  file: string;
  line: number;
}
export interface GraphGroupJson {
  key: string;
  title: string;
  kind: string;
  members: string[];
  line: number;
}
