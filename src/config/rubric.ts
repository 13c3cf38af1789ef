import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TaskLocation } from '../discover/locate-task.js';
import { RULES } from '../rules/registry.js';
import { didYouMean } from '../edit-distance.js';

export interface RubricRule {
  id: string;
  weight: number;
  /** A gate: when it fails, the task scores 0 and the other rules are not graded. */
  gate?: boolean;
  /** `warning` rules never make a submission fail. */
  severity?: 'error' | 'warning';
  options?: Record<string, unknown>;
  enabled?: boolean;
}

/** A task's rubric: where its file lives, the rules, their weights and the pass threshold. */
export interface Rubric extends TaskLocation {
  title: string;
  project?: string;
  passThreshold: number;
  rules: RubricRule[];
}

/** Raised for a rubric or option the user got wrong: reported as a usage error (exit 2). */
export class UsageError extends Error {}

/** The folder holding the bundled rubrics and rule docs (`rules/` at the package root). */
let foundRulesDir: string | null = null;

export function rulesDir(): string {
  foundRulesDir ??= findRulesDir();
  return foundRulesDir;
}

function findRulesDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of [path.resolve(here, '../../rules'), path.resolve(here, '../rules'), path.resolve(here, 'rules')]) {
    if (existsSync(path.join(candidate, '3-scale_up.json'))) return candidate;
  }
  return path.resolve(here, '../../rules');
}

/** Bundled rubrics' text, read once per process: a library caller may lint thousands of submissions. */
const bundledText = new Map<string, string>();

export function loadRubric(nameOrPath = '3-scale_up'): Rubric {
  // A bundled rubric is a bare name ("3-scale_up"); anything with a folder or an extension, or a file that exists, is a path.
  const bundled = !nameOrPath.endsWith('.json') && !/[\\/]/.test(nameOrPath) && !existsSync(nameOrPath);
  const file = bundled ? path.join(rulesDir(), `${nameOrPath}.json`) : path.resolve(nameOrPath);
  let data: unknown;
  try {
    let text = bundled ? bundledText.get(nameOrPath) : undefined;
    if (text === undefined) {
      text = readFileSync(file, 'utf8');
      if (bundled) bundledText.set(nameOrPath, text);
    }
    // Parsed each time: every caller gets its own rubric object to adjust.
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`cannot read rubric ${file}: ${(error as Error).message}`);
  }
  return validateRubric(data, file);
}

export function validateRubric(data: unknown, source: string): Rubric {
  const fail = (what: string): never => {
    throw new UsageError(`invalid rubric ${source}: ${what}`);
  };
  if (!data || typeof data !== 'object') fail('not a JSON object');
  const r = data as Partial<Rubric>;
  if (typeof r.task !== 'string' || !r.task) fail('"task" must be a non-empty string');
  if (!Array.isArray(r.fileNames) || !r.fileNames.every((n) => typeof n === 'string')) fail('"fileNames" must be an array of strings');
  if (!Array.isArray(r.projectDirs)) fail('"projectDirs" must be an array of strings');
  if (typeof r.passThreshold !== 'number' || r.passThreshold < 0 || r.passThreshold > 100) fail('"passThreshold" must be a number from 0 to 100');
  if (!Array.isArray(r.rules) || r.rules.length === 0) fail('"rules" must be a non-empty array');
  for (const [i, rule] of r.rules!.entries()) {
    if (!rule || typeof rule.id !== 'string') fail(`rules[${i}].id must be a string`);
    if (!RULES.has(rule.id)) fail(`rules[${i}]: unknown rule "${rule.id}"${didYouMean(rule.id, [...RULES.keys()])} (known: ${[...RULES.keys()].join(', ')})`);
    if (typeof rule.weight !== 'number' || rule.weight < 0) fail(`rules[${i}] (${rule.id}): "weight" must be a number >= 0`);
  }
  return { title: r.task!, ...r } as Rubric;
}
