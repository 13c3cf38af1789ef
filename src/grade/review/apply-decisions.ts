import { escapeMarkdown } from '../../reporters/markdown.js';
import { pointsFor, totalPoints, verdictText } from '../../score/score.js';
import type { GradedTask, StudentRecord } from '../record.js';
import type { SourcedDecision } from './decisions.js';

/** A decision not applied, and why (shown by `grade`, `merge` and the review page). */
export interface SetAside {
  decision: SourcedDecision;
  why: string;
}

/** A decision made on another content of the submission than the one graded now. */
export interface StaleDecision {
  task: string;
  rule: string;
  status: string;
  decidedBy: string;
  decidedAt: string;
}

export interface DecidedRecord {
  record: StudentRecord;
  applied: SourcedDecision[];
  /** Made on a submission that changed since: not applied, the rule awaits a person again. */
  stale: SourcedDecision[];
  /** About a task or rule the record lacks, or a rule no longer awaiting a person. */
  setAside: SetAside[];
}

/**
 * A student's record with the reviewers' decisions applied: each decided rule takes the decided
 * status and the points the engine's scoring gives it, each task's totals and verdict are worked
 * out again by the engine's scoring, and the feedback says which points a mentor awarded. Only
 * rules awaiting a person are decided (a rule the tool grades is not overridden), and a decision
 * made on other content (its digest differs) is stale: flagged, not applied. The record given is
 * not changed (results.jsonl keeps what the tool found).
 */
export function applyDecisions(record: StudentRecord, decisions: readonly SourcedDecision[]): DecidedRecord {
  const applied: SourcedDecision[] = [];
  const stale: SourcedDecision[] = [];
  const setAside: SetAside[] = [];
  const tasks: GradedTask[] = record.tasks.map((task) => ({ ...task, rules: task.rules.map((rule) => ({ ...rule })) }));
  for (const decision of decisions) {
    const task = tasks.find((t) => t.task === decision.task);
    const rule = task?.rules.find((r) => r.id === decision.rule);
    if (!task || !rule) {
      setAside.push({ decision, why: record.status === 'error' && !record.tasks.length ? 'the submission could not be graded' : `no rule ${decision.rule} in task ${decision.task} of this run` });
    } else if (rule.status !== 'manual') {
      setAside.push({ decision, why: `the rule no longer awaits a person (infralint graded it: ${rule.status})` });
    } else if (decision.digest && record.digest !== undefined && decision.digest !== record.digest) {
      stale.push(decision);
    } else if (decision.status === 'partial' && !rule.partialCredit) {
      setAside.push({ decision, why: 'the rubric grants no partial credit for this rule (decide pass or fail)' });
    } else {
      rule.status = decision.status;
      rule.points = pointsFor({ status: decision.status, weight: rule.maxPoints });
      rule.decidedBy = decision.reviewer;
      rule.decidedAt = decision.time;
      rule.note = decision.note;
      applied.push(decision);
    }
  }
  for (const task of tasks) {
    if (!task.rules.some((r) => r.decidedBy !== undefined)) continue;
    const score = totalPoints(task.rules.map((r) => ({ status: r.status, weight: r.maxPoints, points: r.points })), task.threshold);
    Object.assign(task, { score: score.score, maxScore: score.maxScore, manualPoints: score.manualPoints, passed: score.passed, verdict: score.verdict });
  }
  const decided: StudentRecord = {
    ...record,
    tasks,
    feedback: applied.length ? `${reviewSection(tasks)}\n${record.feedback}` : record.feedback,
    ...(stale.length ? { staleDecisions: stale.map(staleEntry) } : {}),
  };
  return { record: decided, applied, stale, setAside };
}

function staleEntry(d: SourcedDecision): StaleDecision {
  return { task: d.task, rule: d.rule, status: d.status, decidedBy: d.reviewer, decidedAt: d.time };
}

/** The feedback's opening: the points a mentor awarded, and each reviewed task's result now. */
function reviewSection(tasks: readonly GradedTask[]): string {
  const out = ['## Reviewed by a mentor', ''];
  for (const task of tasks) {
    const decided = task.rules.filter((r) => r.decidedBy !== undefined);
    if (!decided.length) continue;
    const waiting = task.manualPoints ? `, ${task.manualPoints} still awaiting review` : '';
    out.push(`**${escapeMarkdown(task.task)}: ${task.score}/${task.maxScore} after review${waiting}, ${verdictText(task.verdict)}** (threshold ${task.threshold})`, '');
    out.push('| Rule | Decision | Points awarded | Reviewer | Note |', '|---|---|---|---|---|');
    for (const r of decided) {
      out.push(`| \`${r.id}\` | ${r.status} | ${r.points}/${r.maxPoints} | ${escapeMarkdown(r.decidedBy ?? '')}, ${escapeMarkdown((r.decidedAt ?? '').slice(0, 10))} | ${escapeMarkdown(r.note ?? '')} |`);
    }
    out.push('');
  }
  out.push('The report below is what infralint found on its own: the points it left for a person are decided above.', '');
  return out.join('\n');
}
