import { ruleModuleOf, type Rubric, type RubricRule } from '../config/rubric.js';
import type { RuleResult, TaskResult } from '../report/model.js';
import { diagramSummaries, graphJson } from '../report/summaries.js';
import type { RuleModule, RuleOutcome } from '../rules/rule.js';
import { failGate, pointsFor, totalPoints } from '../score/score.js';
import type { LoadedSubmission } from '../submission/model.js';
import type { Finding, Notice, RuleStatus, SourcePosition } from '../types.js';
import { analyseSubmission, type Analysis } from './analyse.js';

/** How a run departs from the rubric. */
export interface RunOptions {
  /** Pass threshold in percent, overriding the rubric's. */
  minScore?: number;
  /** Rule ids to turn off (reported as `skipped`). */
  disable?: string[];
}

/** A rule's outcome as the engine records it: a rule never says `skipped`, the engine may. */
type Outcome = Omit<RuleOutcome, 'status'> & { status: RuleStatus };

const TURNED_OFF: Outcome = { status: 'skipped', message: 'Turned off by configuration.' };

/**
 * Grades a loaded submission against a rubric: each entry's rule runs on the analysed submission
 * (graphs, identities, prose) unless the engine decides for it, in this order:
 * - turned off (by the rubric or `disable`): `skipped`;
 * - after a failed gate (the task file missing or empty): the rule's `whenTaskMissing`;
 * - a diagram-based rule with no graph: `manual` when the diagram is an image or a format infralint
 *   does not read, else the rule's `whenNoDiagram` (`fail` by default); a rule that `judgesText`
 *   still runs on Mermaid text that builds no graph;
 * - a rule that throws fails alone, marked `crashed` (an infralint bug, not the student's).
 * Problems met while loading become findings of the rule they concern; then the task is scored (a
 * failed gate scores 0).
 */
export function runRubric(submission: LoadedSubmission, rubric: Rubric, options: RunOptions = {}): TaskResult {
  const analysis = analyseSubmission(submission);
  const defaultAt = { file: submission.taskFile?.relPath ?? submission.located.expectedRelPath, line: 1, column: 1 };
  const disabled = new Set(options.disable ?? []);

  const rules: RuleResult[] = [];
  let gateFailed = false;
  for (const entry of rubric.rules) {
    const rule = ruleModuleOf(entry);
    const off = disabled.has(entry.id) || entry.enabled === false;
    const decided = off ? TURNED_OFF : engineOutcome(rule, analysis, gateFailed && !entry.gate);
    const { outcome, crashed } = decided ? { outcome: decided, crashed: false } : checkIsolated(rule, entry, analysis);
    if (entry.gate && outcome.status === 'fail') gateFailed = true;
    rules.push(ruleResult(entry, rule, outcome, crashed, defaultAt));
  }
  attachNotices(rules, submission.notices);

  const threshold = options.minScore ?? rubric.passThreshold;
  // The gate: without the task file the task scores 0, whatever the other rules say.
  if (gateFailed) for (const r of rules) r.points = 0;
  const totals = totalPoints(rules.map((r) => ({ status: r.status, weight: r.maxPoints, points: r.points })), threshold);
  const score = gateFailed ? failGate(totals) : totals;
  return {
    task: rubric.task,
    path: submission.taskFile?.relPath ?? submission.located.expectedRelPath,
    root: submission.located.root,
    base: submission.located.root,
    score: score.score,
    maxScore: score.maxScore,
    manualPoints: score.manualPoints,
    threshold,
    passed: score.passed,
    verdict: score.verdict,
    rules,
    diagrams: diagramSummaries(submission.diagrams),
    graph: graphJson(analysis.graphs, analysis.identities),
  };
}

/** The outcome the engine decides without running the rule (see runRubric), or null when the rule must run. */
function engineOutcome(rule: RuleModule, { submission, graphs }: Analysis, afterFailedGate: boolean): Outcome | null {
  if (afterFailedGate) {
    // An empty task file is there but says nothing: the message must not call it missing.
    const why = submission.taskFile ? 'the task file is empty' : 'the task file is missing';
    return { status: rule.meta.whenTaskMissing, message: rule.meta.whenTaskMissing === 'pass' ? `Nothing to check: ${why}.` : `Not graded: ${why}.` };
  }
  if (rule.meta.diagramBased && graphs.length === 0 && !(rule.meta.judgesText && submission.diagrams.length > 0)) {
    const hasVisual = submission.visuals.length > 0 || submission.diagrams.some((d) => d.parse.kind === 'unsupported');
    return hasVisual
      ? { status: 'manual', message: 'The diagram is an image or a format infralint does not read: a person must check this.' }
      : { status: rule.meta.whenNoDiagram ?? 'fail', message: rule.meta.whenNoDiagram === 'pass' ? 'No diagram to contradict.' : 'No diagram to check.' };
  }
  return null;
}

/** Runs one rule; a rule that throws fails with a warning to report the bug: it must not cost the student the whole report. */
function checkIsolated(rule: RuleModule, entry: RubricRule, analysis: Analysis): { outcome: Outcome; crashed: boolean } {
  try {
    return { outcome: rule.check({ ...analysis, options: entry.options ?? {} }), crashed: false };
  } catch (error) {
    return {
      outcome: { status: 'fail', message: `internal error in rule ${entry.id}: ${(error as Error).message}`, findings: [{ message: `infralint could not run ${entry.id}; please report this.`, severity: 'warning' }] },
      crashed: true,
    };
  }
}

/** The entry's result: its findings placed (the task file's first line by default), its points won. */
function ruleResult(entry: RubricRule, rule: RuleModule, outcome: Outcome, crashed: boolean, defaultAt: SourcePosition): RuleResult {
  const severity = entry.severity ?? 'error';
  const findings: Finding[] = (outcome.findings ?? []).map((f) => ({
    ruleId: entry.id,
    message: f.message,
    severity: f.severity ?? (outcome.status === 'pass' ? 'info' : severity),
    ...(f.at ?? defaultAt),
    ...(f.hint ? { hint: f.hint } : {}),
    ...(f.fix ? { fix: f.fix } : {}),
  }));
  return {
    id: entry.id,
    description: entry.description ?? rule.meta.description,
    status: outcome.status,
    points: pointsFor({ status: outcome.status, weight: entry.weight, ...(outcome.fraction !== undefined ? { fraction: outcome.fraction } : {}) }),
    maxPoints: entry.weight,
    message: outcome.message,
    severity,
    findings,
    ...(outcome.parts ? { parts: outcome.parts } : {}),
    ...(crashed ? { crashed: true as const } : {}),
  };
}

/** Problems met while reading (refused links, bad encoding) are findings of the rule they concern (task-file by default, else the first). */
function attachNotices(rules: RuleResult[], notices: readonly Notice[]): void {
  for (const notice of notices) {
    const target = rules.find((r) => r.id === (notice.ruleId ?? 'task-file')) ?? rules[0];
    target?.findings.push({ ...notice, ruleId: target.id });
  }
}
