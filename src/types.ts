import type { FindingFix } from './fix/model.js';

/**
 * Types shared by every stage of the pipeline. Each stage also has its own local types; only what
 * crosses a stage boundary lives here.
 */

/** A place in a file: 1-based line and column, as editors and SARIF count them. */
export interface SourcePosition {
  /** Path relative to the submission root, with forward slashes. */
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  ruleId: string;
  message: string;
  severity: Severity;
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** How to fix it, in one sentence. */
  hint?: string;
  /** The repair `--fix` makes, when infralint knows it (see fix/model.ts). */
  fix?: FindingFix;
}

export type RuleStatus = 'pass' | 'fail' | 'partial' | 'manual' | 'skipped';

/** A problem met while reading the submission (not a rubric result); reported under a rule id too. */
export type Notice = Omit<Finding, 'ruleId'> & { ruleId?: string };
