import { existsSync, lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { parseJsonText, readSmallFile } from '../read/small-file.js';
import { loadRubric, ruleModuleOf, rulesDir, validateRubric, type Curriculum, type Rubric } from './rubric.js';

/** What a configuration file may say (rules/config.schema.json, generated from config-schema.ts). */
export interface InfralintConfig {
  rubric?: string;
  /** The curriculum to grade when no rubric is named (default: detected from the layout). */
  curriculum?: Curriculum;
  /** The tasks to grade when no rubric is named (names or numbers; default: the ones the submission holds). */
  tasks?: string[];
  passThreshold?: number;
  rules?: Record<string, 'on' | 'off' | { enabled?: boolean; weight?: number; options?: Record<string, unknown> }>;
}

export interface LoadedConfig {
  config: InfralintConfig;
  /** The file it came from (for messages and relative paths). */
  source: string;
}

const CONFIG_FILES = ['.infralintrc.json', 'infralint.config.json'];

/**
 * Finds the configuration in `dir` (the directory infralint runs from, not the submission, so a
 * submission cannot turn its own rules off when a mentor grades it): `.infralintrc.json`,
 * `infralint.config.json`, or the `"infralint"` key of package.json.
 */
export async function findConfig(dir: string, explicit?: string, options: { inside?: string } = {}): Promise<LoadedConfig | null> {
  const read = (file: string, what: string) => readJson(file, what, options.inside);
  if (explicit) {
    const file = path.resolve(dir, explicit);
    if (!existsSync(file)) throw new UsageError(`--config: no such file: ${explicit}`);
    return { config: await validateConfig(read(file, 'configuration file'), file), source: file };
  }
  for (const name of CONFIG_FILES) {
    const file = path.join(dir, name);
    if (exists(file)) return { config: await validateConfig(read(file, 'configuration file'), file), source: file };
  }
  const pkg = path.join(dir, 'package.json');
  if (exists(pkg)) {
    const data = read(pkg, 'package.json') as { infralint?: unknown };
    if (data && typeof data === 'object' && data.infralint !== undefined) {
      return { config: await validateConfig(data.infralint, `${pkg} ("infralint" key)`), source: pkg };
    }
  }
  return null;
}

/** A file or a link (even a broken one: reading it says why it is refused). */
function exists(file: string): boolean {
  return existsSync(file) || isLink(file);
}
function isLink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * A settings file's JSON: a regular file of bounded size (see readSmallFile); with `inside`, a file
 * of that folder, never a link. Errors say where the JSON is wrong, never what it holds.
 */
function readJson(file: string, what: string, inside?: string): unknown {
  const text = readSmallFile(file, { what, ...(inside ? { inside } : {}) });
  return parseJsonText(text, what, inside ? path.relative(inside, file) || file : file);
}

type Validator = ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string; params?: Record<string, unknown> }[] | null };
const validators = new Map<string, Validator>();

/** Validates data against one of the published schemas in rules/ (ajv is loaded only when needed). */
export async function validateAgainst(schemaFile: string, data: unknown, source: string): Promise<void> {
  let validate = validators.get(schemaFile);
  if (!validate) {
    const { Ajv } = (await import('ajv')) as unknown as { Ajv: new (o: object) => { compile: (s: unknown) => Validator } };
    const schema = JSON.parse(readFileSync(path.join(rulesDir(), schemaFile), 'utf8'));
    validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    validators.set(schemaFile, validate);
  }
  if (!validate(data)) {
    const problems = (validate.errors ?? []).map((e) => {
      const where = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : '(top level)';
      const extra = e.params && 'allowedValues' in e.params ? ` (${(e.params.allowedValues as string[]).join(', ')})` : e.params && 'additionalProperty' in e.params ? ` ("${e.params.additionalProperty}")` : '';
      return `${where}: ${e.message}${extra}`;
    });
    throw new UsageError(`invalid ${source}: ${[...new Set(problems)].join('; ')}`);
  }
}

async function validateConfig(data: unknown, source: string): Promise<InfralintConfig> {
  await validateAgainst('config.schema.json', data, source);
  return data as InfralintConfig;
}

/** A rubric chosen where infralint runs (`--rubric`, the Action's `task`), which wins over the configuration's. */
export interface RubricChoice {
  rubric?: string;
  /** Where a rubric file named by the choice is resolved from. */
  cwd: string;
  /** A folder that rubric files must lie in, as regular files (the Action's workspace). */
  inside?: string;
}

/**
 * The rubric to grade with: the one chosen where infralint runs, else the configuration's (a file
 * path there is relative to the configuration file), with the configuration's rule settings and
 * threshold applied. Without either, the project's tasks are graded instead (see projectTasks).
 */
export async function rubricFromConfig(loaded: LoadedConfig | null, choice: RubricChoice = { cwd: process.cwd() }): Promise<Rubric> {
  const config = loaded?.config ?? {};
  const name = choice.rubric ?? config.rubric;
  if (!name) throw new UsageError('no rubric chosen: name one (--rubric, the configuration\'s "rubric"), or grade the project\'s tasks');
  const base = choice.rubric || !loaded ? choice.cwd : path.dirname(loaded.source);
  const isFile = name.endsWith('.json');
  const file = isFile ? path.resolve(base, name) : name;
  if (!isFile) return applyConfig(loadRubric(file), config);
  const data = readJson(file, 'rubric', choice.inside);
  await validateAgainst('rubric.schema.json', data, file);
  return applyConfig(validateRubric(data, file), config);
}

/** The rubric with the configuration's rule settings and threshold; `strict`: a configured rule the rubric lacks is an error. */
export function applyConfig(rubric: Rubric, config: InfralintConfig, strict = true): Rubric {
  const rules = rubric.rules.map((rule) => {
    const setting = config.rules?.[rule.id];
    if (setting === undefined) return rule;
    if (setting === 'off') return { ...rule, enabled: false };
    if (setting === 'on') return { ...rule, enabled: true };
    return {
      ...rule,
      ...(setting.enabled !== undefined ? { enabled: setting.enabled } : {}),
      ...(setting.weight !== undefined ? { weight: setting.weight } : {}),
      ...(setting.options ? { options: { ...rule.options, ...setting.options } } : {}),
    };
  });
  for (const id of strict ? Object.keys(config.rules ?? {}) : []) {
    if (!rubric.rules.some((r) => r.id === id)) throw new UsageError(`configuration: rule "${id}" is not in rubric ${rubric.title}`);
  }
  for (const rule of rules) {
    const wrong = ruleModuleOf(rule).meta.validateOptions?.(rule.options ?? {});
    if (wrong) throw new UsageError(`configuration: rule "${rule.id}": ${wrong}`);
  }
  return { ...rubric, rules, ...(config.passThreshold !== undefined ? { passThreshold: config.passThreshold } : {}) };
}
