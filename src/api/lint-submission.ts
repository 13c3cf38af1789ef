import path from 'node:path';
import { existsSync } from 'node:fs';
import { loadRubric, ruleModuleOf, UsageError, type Curriculum, type Rubric } from '../config/rubric.js';
import { projectTasks } from '../discover/project-tasks.js';
import { buildDiagramGraph } from '../graph/build-graph.js';
import type { DiagramGraph } from '../graph/model.js';
import { identifyComponents, identityKeys, type Identity } from '../graph/identify-components.js';
import { analyseProse } from '../prose/analyze-prose.js';
import type { RuleContext, RuleOutcome } from '../rules/rule.js';
import { pointsFor, totalScore, type Verdict } from '../score/score.js';
import type { Finding, RuleStatus } from '../types.js';
import { loadSubmission, type LoadedSubmission } from './load-submission.js';
import { TOOL } from './tool.js';

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
  error: { message: string; line: number; column: number; code: string } | null;
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

export interface LintReport {
  tool: { name: string; version: string };
  results: TaskResult[];
}

export interface LintOptions {
  /**
   * Rubric names (in rules/) or paths to rubric JSON files. Default: the tasks of the project the
   * submission answers (see projectTasks), narrowed by `tasks`, in the curriculum its layout follows.
   */
  rubrics?: (string | Rubric)[];
  /** Task names or numbers to grade when no rubric is given ("0", "3-scale_up"). */
  tasks?: string[];
  /** The curriculum when no rubric is given; default: detected from the layout. */
  curriculum?: Curriculum;
  /** Pass threshold in percent, overriding the rubric's. */
  minScore?: number;
  /** Rule ids to turn off (reported as `skipped`). */
  disable?: string[];
  /** Bytes read at most from one file. */
  maxBytes?: number;
  /** Called with each task's loaded submission and result (bulk grading reads the prose for similarity). */
  onTask?: (submission: LoadedSubmission, result: TaskResult) => void;
  /**
   * The folder every location is written relative to: the repository's root (the git top level,
   * or the Action's workspace), so that GitHub can attach annotations whatever path was checked.
   * Default: the submission's root. Only names are rewritten: nothing outside the submission is read.
   */
  relativeTo?: string;
}

/**
 * Lints one submission (a repository, its project folder, or a task file) against each rubric. The
 * CLI, the GitHub Action and bulk grading all call this, so they agree on every result.
 */
export async function lintSubmission(target: string, options: LintOptions = {}): Promise<LintReport> {
  if (!existsSync(target)) throw new UsageError(`no such file or directory: ${target}`);
  const rubrics = options.rubrics
    ? options.rubrics.map((r) => (typeof r === 'string' ? loadRubric(r) : r))
    : projectTasks(target, { ...(options.tasks ? { tasks: options.tasks } : {}), ...(options.curriculum ? { curriculum: options.curriculum } : {}) });
  const results: TaskResult[] = [];
  for (const rubric of rubrics) {
    const submission = await loadSubmission(target, rubric, options.maxBytes);
    const result = gradeSubmission(submission, rubric, options);
    options.onTask?.(submission, result);
    results.push(options.relativeTo ? rebase(result, options.relativeTo) : result);
  }
  return { tool: { ...TOOL }, results };
}

/**
 * The result with every location relative to `base` instead of the submission's root
 * (`3-scale_up.md` checked as `web_infrastructure_design/` becomes `web_infrastructure_design/3-scale_up.md`).
 * A base that does not contain the root changes nothing.
 */
export function rebase(result: TaskResult, base: string): TaskResult {
  const prefix = path.relative(path.resolve(base), result.root).split(path.sep).join('/');
  if (prefix.startsWith('..') || path.isAbsolute(prefix)) return result;
  const at = (file: string) => (prefix ? `${prefix}/${file}` : file);
  return {
    ...result,
    base: path.resolve(base),
    path: at(result.path),
    rules: result.rules.map((r) => ({ ...r, findings: r.findings.map((f) => ({ ...f, file: at(f.file) })) })),
    diagrams: result.diagrams.map((d) => ({ ...d, file: at(d.file) })),
    graph: {
      components: result.graph.components.map((c) => ({ ...c, file: at(c.file), ...(c.sameAs ? { sameAs: c.sameAs.map((x) => ({ ...x, file: at(x.file) })) } : {}) })),
      edges: result.graph.edges.map((e) => ({ ...e, file: at(e.file) })),
      groups: result.graph.groups,
    },
  };
}

/** Grades an already loaded submission: graph, prose, rules, score. */
export function gradeSubmission(submission: LoadedSubmission, rubric: Rubric, options: LintOptions = {}): TaskResult {
  const graphs: DiagramGraph[] = [];
  for (const d of submission.diagrams) {
    if (d.parse.ast) graphs.push(buildDiagramGraph(d.parse.ast, { index: d.index, file: d.file, line: d.line, indent: d.indent }));
  }
  const identities = identifyComponents(graphs);
  const prose = analyseProse(submission.files.filter((f) => f.markdown).map((f) => ({ file: f.relPath, blocks: f.markdown!.prose })));
  const hasVisual = submission.visuals.length > 0 || submission.diagrams.some((d) => d.parse.kind === 'unsupported');
  const defaultAt = { file: submission.taskFile?.relPath ?? submission.located.expectedRelPath, line: 1, column: 1 };
  const disabled = new Set(options.disable ?? []);

  const rules: RuleResult[] = [];
  let gateFailed = false;
  for (const entry of rubric.rules) {
    const rule = ruleModuleOf(entry);
    const severity = entry.severity ?? 'error';
    let outcome: Omit<RuleOutcome, 'status'> & { status: RuleStatus };
    let crashed = false;
    if (disabled.has(entry.id) || entry.enabled === false) {
      outcome = { status: 'skipped', message: 'Turned off by configuration.' };
    } else if (gateFailed && !entry.gate) {
      // An empty task file is there but says nothing: the message must not call it missing.
      const why = submission.taskFile ? 'the task file is empty' : 'the task file is missing';
      outcome = { status: rule.meta.whenTaskMissing, message: rule.meta.whenTaskMissing === 'pass' ? `Nothing to check: ${why}.` : `Not graded: ${why}.` };
    } else if (rule.meta.diagramBased && graphs.length === 0 && !(rule.meta.judgesText && submission.diagrams.length > 0)) {
      outcome = hasVisual
        ? { status: 'manual', message: 'The diagram is an image or a format infralint does not read: a person must check this.' }
        : { status: rule.meta.whenNoDiagram ?? 'fail', message: rule.meta.whenNoDiagram === 'pass' ? 'No diagram to contradict.' : 'No diagram to check.' };
    } else {
      const context: RuleContext = { submission, graphs, identities, prose, options: entry.options ?? {} };
      try {
        outcome = rule.check(context);
      } catch (error) {
        // A rule bug must not cost the student the whole report.
        crashed = true;
        outcome = { status: 'fail', message: `internal error in rule ${entry.id}: ${(error as Error).message}`, findings: [{ message: `infralint could not run ${entry.id}; please report this.`, severity: 'warning' }] };
      }
    }
    if (entry.gate && outcome.status === 'fail') gateFailed = true;
    const findings: Finding[] = (outcome.findings ?? []).map((f) => ({
      ruleId: entry.id,
      message: f.message,
      severity: f.severity ?? (outcome.status === 'pass' ? 'info' : severity),
      ...(f.at ?? defaultAt),
      ...(f.hint ? { hint: f.hint } : {}),
    }));
    rules.push({ id: entry.id, description: entry.description ?? rule.meta.description, status: outcome.status, points: pointsFor({ status: outcome.status, weight: entry.weight, ...(outcome.fraction !== undefined ? { fraction: outcome.fraction } : {}) }), maxPoints: entry.weight, message: outcome.message, severity, findings, ...(outcome.parts ? { parts: outcome.parts } : {}), ...(crashed ? { crashed: true as const } : {}) });
  }
  // Problems met while reading (refused links, bad encoding) are findings of the rule they concern.
  for (const notice of submission.notices) {
    const target = rules.find((r) => r.id === (notice.ruleId ?? 'task-file')) ?? rules[0];
    target?.findings.push({ ...notice, ruleId: target.id });
  }

  const totals = totalScore(
    rules.map((r, i) => ({ status: r.status, weight: rubric.rules[i]!.weight, fraction: r.maxPoints ? r.points / r.maxPoints : 0 })),
    options.minScore ?? rubric.passThreshold,
  );
  // The gate: without the task file the task scores 0, whatever the other rules say.
  if (gateFailed) for (const r of rules) r.points = 0;
  return {
    task: rubric.task,
    path: submission.taskFile?.relPath ?? submission.located.expectedRelPath,
    root: submission.located.root,
    base: submission.located.root,
    score: gateFailed ? 0 : totals.score,
    maxScore: totals.maxScore,
    manualPoints: gateFailed ? 0 : totals.manualPoints,
    threshold: options.minScore ?? rubric.passThreshold,
    passed: gateFailed ? false : totals.passed,
    verdict: gateFailed ? 'failed' : totals.verdict,
    rules,
    diagrams: submission.diagrams.map((d) => {
      const e = d.parse.errors[0];
      return {
        file: d.file,
        line: d.line,
        type: d.parse.typeWord,
        origin: d.origin,
        valid: d.parse.valid,
        error: e ? { message: e.message, line: d.line + e.line - 1, column: e.column + d.indent, code: e.code } : null,
      };
    }),
    graph: graphJson(graphs, identities),
  };
}

/** One graph of the whole submission: the diagrams' components merged by identity. */
function graphJson(graphs: DiagramGraph[], identities: Identity[]): TaskResult['graph'] {
  const keyOf = identityKeys(identities);
  const as = (key: string) => keyOf.get(key) ?? key;
  const components = identities.map(({ members: [first, ...others] }): GraphComponentJson => ({
    key: first!.key, id: first!.id, label: first!.label, roles: first!.roles, host: as(first!.host), multiplicity: first!.multiplicity,
    file: first!.source.file, line: first!.source.line, column: first!.source.column,
    ...(others.length ? { sameAs: others.map((c) => ({ key: c.key, file: c.source.file, line: c.source.line, column: c.source.column })) } : {}),
  }));
  // The same link drawn in two diagrams is one link.
  const edges = new Map<string, GraphEdgeJson>();
  for (const g of graphs) {
    for (const e of g.edges) {
      const from = as(e.from);
      const to = as(e.to);
      const id = e.directed ? `${from}\u0000${to}` : [from, to].sort().join('\u0000');
      if (!edges.has(id)) edges.set(id, { from, to, label: e.label, directed: e.directed, kind: e.kind, file: e.source.file, line: e.source.line });
    }
  }
  const groups = graphs.flatMap((g) => g.groups.map((gr) => ({ key: gr.key, title: gr.title, kind: gr.kind, members: [...new Set(gr.members.map(as))], line: gr.source.line })));
  return { components, edges: [...edges.values()], groups };
}
