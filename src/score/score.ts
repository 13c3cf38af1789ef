import type { RuleStatus } from '../types.js';

export interface Scored {
  status: RuleStatus;
  weight: number;
  fraction?: number;
}

export interface Score {
  score: number;
  maxScore: number;
  manualPoints: number;
  /** Score as a percentage of maxScore (what the threshold is compared with). */
  percent: number;
  passed: boolean;
}

export function pointsFor(rule: Scored): number {
  if (rule.status === 'pass') return rule.weight;
  if (rule.status === 'partial') return round(rule.weight * Math.min(1, Math.max(0, rule.fraction ?? 0.5)));
  return 0;
}

/**
 * Totals a task. Skipped rules leave the maximum; `manual` points are neither won nor lost, so a
 * submission passes when what it won plus what awaits review reaches the threshold.
 */
export function totalScore(rules: Scored[], threshold: number): Score {
  const counted = rules.filter((r) => r.status !== 'skipped');
  const maxScore = round(counted.reduce((n, r) => n + r.weight, 0));
  const score = round(counted.reduce((n, r) => n + pointsFor(r), 0));
  const manualPoints = round(counted.filter((r) => r.status === 'manual').reduce((n, r) => n + r.weight, 0));
  const percent = maxScore ? round((100 * score) / maxScore) : 100;
  const reachable = maxScore ? (100 * (score + manualPoints)) / maxScore : 100;
  return { score, maxScore, manualPoints, percent, passed: reachable >= threshold };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
