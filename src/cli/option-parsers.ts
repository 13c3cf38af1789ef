import { UsageError } from '../config/rubric.js';
import { RULES } from '../rules/registry.js';

// Option values shared by the commands: a bad value is a usage error (exit 2) with the option's name.

export function parseScore(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 100) throw new UsageError(`--min-score must be a number from 0 to 100, not "${value}"`);
  return n;
}

export function parseList(value: string, previous?: string[]): string[] {
  return [...(previous ?? []), ...value.split(',').map((s) => s.trim()).filter(Boolean)];
}

export function positiveInteger(option: string, min = 1): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new UsageError(`${option} must be an integer of at least ${min}, not "${value}"`);
    return n;
  };
}

export function checkRuleIds(ids: string[] | undefined): void {
  for (const id of ids ?? []) if (!RULES.has(id)) throw new UsageError(`--disable: unknown rule "${id}"`);
}

export function parseShare(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 1) throw new UsageError(`--similarity must be a number above 0 and at most 1, not "${value}"`);
  return n;
}
