import type { FindingFix } from '../fix/model.js';
import type { LoadedSubmission } from '../submission/model.js';
import type { DiagramGraph } from '../graph/model.js';
import type { ProseAnalysis } from '../prose/analyze-prose.js';
import type { Severity, SourcePosition } from '../types.js';
import type { Identity } from '../graph/identify-components.js';
import { ROLES, type Role } from '../graph/roles.js';

export interface RuleMeta {
  id: string;
  /** One line: what passes. */
  description: string;
  /**
   * Reads the diagram: `manual` when the only diagram is an image (a person must look), `fail` when
   * there is no diagram at all. The engine applies this, so no rule repeats it.
   */
  diagramBased: boolean;
  /** Status when the task file is missing (the gate): `fail` for most, `pass` for rules that cannot be contradicted. */
  whenTaskMissing: 'fail' | 'pass';
  /** Status when there is no diagram of any kind (diagram-based rules only). */
  whenNoDiagram?: 'fail' | 'pass';
  /** What is wrong with a rubric's options for this rule (null when they are right): a rubric that gets them wrong is a usage error. */
  validateOptions?(options: Readonly<Record<string, unknown>>): string | null;
  /**
   * Judges the diagrams' text rather than their graph: graded whenever there is Mermaid text (a
   * fence, or a `.mmd` file), even text that builds no graph, instead of awaiting a person.
   */
  judgesText?: boolean;
  /** The rule grants part of its points (some of what it checks is there): a reviewer may award `partial`. */
  partialCredit?: boolean;
}

export interface RuleFinding {
  message: string;
  severity?: Severity;
  /** Where; the task file's first line when omitted. */
  at?: SourcePosition | null;
  hint?: string;
  fix?: FindingFix;
}

export interface RuleOutcome {
  status: 'pass' | 'fail' | 'partial' | 'manual';
  /** Share of the points for `partial` (0..1). */
  fraction?: number;
  message: string;
  findings?: RuleFinding[];
  /** For a rule graded in parts: which parts were found (`{ "lb-cluster": true, "split": false }`). */
  parts?: Record<string, boolean>;
}

export interface RuleContext {
  submission: LoadedSubmission;
  /** One graph per readable (flowchart, sequence, architecture) diagram. */
  graphs: DiagramGraph[];
  /** The components of all diagrams grouped by identity (the same box drawn in several diagrams). */
  identities: Identity[];
  prose: ProseAnalysis;
  /** The rule's options from the rubric data (e.g. `{ "min": 2 }`). */
  options: Readonly<Record<string, unknown>>;
}

/** A rule: metadata plus a check over the submission (in the manner of ESLint's meta + create). */
export interface RuleModule {
  meta: RuleMeta;
  check(context: RuleContext): RuleOutcome;
}

export function numberOption(context: RuleContext, name: string, fallback: number): number {
  const value = context.options[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** A role named by an option (`{ "role": "web-server" }`): the rubric's mistake is reported, not guessed. */
export function roleOption(context: RuleContext, name: string, fallback?: Role): Role {
  const value = context.options[name] ?? fallback;
  if (typeof value === 'string' && (ROLES as readonly string[]).includes(value)) return value as Role;
  throw new Error(`option "${name}" must be one of ${ROLES.join(', ')} (got ${JSON.stringify(value)})`);
}

/** A list of roles named by an option (`{ "steps": ["web-server", "database"] }`). */
export function rolesOption(context: RuleContext, name: string, fallback: readonly Role[]): Role[] {
  const value = context.options[name];
  if (value === undefined) return [...fallback];
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string' && (ROLES as readonly string[]).includes(v))) return value as Role[];
  throw new Error(`option "${name}" must be a non-empty list of roles (${ROLES.join(', ')}), got ${JSON.stringify(value)}`);
}

/** A text option the rubric must give (the task's domain name, its IP). */
export function textOption(context: RuleContext, name: string): string {
  const value = context.options[name];
  if (typeof value === 'string' && value.trim()) return value.trim();
  throw new Error(`option "${name}" must be a non-empty string (got ${JSON.stringify(value)})`);
}

/** What is wrong with text options, for validateOptions: `required` ones must be there, every one given must be non-empty text. */
export function textOptionsProblem(options: Readonly<Record<string, unknown>>, optional: readonly string[], required: readonly string[] = []): string | null {
  for (const name of [...required, ...optional]) {
    const value = options[name];
    if (value === undefined && !required.includes(name)) continue;
    if (typeof value !== 'string' || !value.trim()) return `option "${name}" must be a non-empty string`;
  }
  return null;
}

/** Counts from a fraction: all = pass, none = fail, some = partial. */
export function outcomeFromShare(found: number, total: number, message: string, findings: RuleFinding[] = []): RuleOutcome {
  if (found >= total) return { status: 'pass', message, findings };
  if (found <= 0) return { status: 'fail', message, findings };
  return { status: 'partial', fraction: found / total, message, findings };
}
