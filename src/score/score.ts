import type { RuleStatus } from '../types.js';

export interface Scored {
  status: RuleStatus;
  weight: number;
  fraction?: number;
}

/**
 * `pending` when the points awaiting a person could still change the outcome: the points won are
 * below the threshold, but with those awaiting review they would reach it.
 */
export type Verdict = 'passed' | 'failed' | 'pending';

export interface Score {
  score: number;
  maxScore: number;
  manualPoints: number;
  /** Score as a percentage of maxScore (what the threshold is compared with). */
  percent: number;
  /** Passed on the points won: points awaiting review are not points. */
  passed: boolean;
  verdict: Verdict;
}

export function pointsFor(rule: Scored): number {
  if (rule.status === 'pass') return rule.weight;
  if (rule.status === 'partial') return round(rule.weight * Math.min(1, Math.max(0, rule.fraction ?? 0.5)));
  return 0;
}

/** A rule once graded: its status, its weight and the points it won (see pointsFor). */
export interface Graded {
  status: RuleStatus;
  weight: number;
  points: number;
}

/**
 * Totals a task. Skipped rules leave the maximum. A task passes on the points it won; it fails when
 * even the points awaiting review could not lift it to the threshold; in between, it awaits a person.
 */
export function totalScore(rules: Scored[], threshold: number): Score {
  return totalPoints(rules.map((r) => ({ status: r.status, weight: r.weight, points: pointsFor(r) })), threshold);
}

/** `totalScore` of rules whose points are already known (each rule's points are worked out once). */
export function totalPoints(rules: Graded[], threshold: number): Score {
  const counted = rules.filter((r) => r.status !== 'skipped');
  const maxScore = round(counted.reduce((n, r) => n + r.weight, 0));
  const score = round(counted.reduce((n, r) => n + r.points, 0));
  const manualPoints = round(counted.filter((r) => r.status === 'manual').reduce((n, r) => n + r.weight, 0));
  const percent = maxScore ? round((100 * score) / maxScore) : 100;
  const reachable = maxScore ? (100 * (score + manualPoints)) / maxScore : 100;
  const verdict: Verdict = percent >= threshold ? 'passed' : reachable >= threshold ? 'pending' : 'failed';
  return { score, maxScore, manualPoints, percent, passed: verdict === 'passed', verdict };
}

/** A task whose gate failed (its file is missing or empty): no points and failed, whatever the other rules say; the maximum stays. */
export function failGate(score: Score): Score {
  return { ...score, score: 0, manualPoints: 0, percent: 0, passed: false, verdict: 'failed' };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** The verdict as users read it. */
export function verdictText(verdict: Verdict): string {
  return verdict === 'pending' ? 'pending review' : verdict;
}
