import { RULES } from '../rules/registry.js';
import type { InfralintConfig } from './config.js';
import { bundledRubrics, CURRICULA, loadRubric } from './rubric.js';

/*
 * rules/config.schema.json, the published schema of a configuration file, is generated from here
 * (npm run build:schema; a test fails when it is stale): the rule ids a configuration may set come
 * from the rule registry and the bundled rubrics' entries, and every key of InfralintConfig must
 * have its schema (the type of `properties` says so).
 */

type JsonSchema = Record<string, unknown>;

/** Every id a configuration's `rules` may name: the rule modules and the ids the bundled rubrics grade them under, sorted. */
export function configurableRuleIds(): string[] {
  const ids = new Set<string>(RULES.keys());
  for (const { name } of bundledRubrics()) for (const entry of loadRubric(name).rules) ids.add(entry.id);
  return [...ids].sort();
}

export function configSchema(): JsonSchema {
  const rubrics = CURRICULA.map((c) => `${c}: ${bundledRubrics().filter((r) => r.curriculum === c).map((r) => `"${r.name}"`).join(', ')}`);
  const properties: { [K in keyof Required<InfralintConfig>]: JsonSchema } = {
    rubric: {
      description: `A bundled rubric (${rubrics.join('; ')}) or the path of a rubric JSON file, relative to the configuration file. Without it, the tasks of the project the submission holds are graded (see tasks and curriculum).`,
      type: 'string',
      minLength: 1,
    },
    curriculum: {
      description: 'The version of the project to grade when no rubric is named: classic (task files with image or Mermaid diagrams) or mermaid (one .mmd file per task and a README). Default: the one the submission\'s layout follows. --curriculum (the Action\'s curriculum input) wins.',
      enum: [...CURRICULA],
    },
    tasks: {
      description: 'The tasks to grade when no rubric is named, by name or number ("3-scale_up", "scale_up", "3"). Default: every task the submission holds. --task (the Action\'s task input) wins.',
      type: 'array',
      items: { type: 'string', minLength: 1 },
    },
    passThreshold: { description: 'Percentage of the maximum score needed to pass.', type: 'number', minimum: 0, maximum: 100 },
    rules: {
      description: 'Per-rule settings: "off", "on", or an object with weight and options. A setting applies to every graded task that has the rule.',
      type: 'object',
      propertyNames: { enum: configurableRuleIds() },
      additionalProperties: {
        oneOf: [
          { type: 'string', enum: ['off', 'on'] },
          {
            type: 'object',
            additionalProperties: false,
            properties: {
              enabled: { type: 'boolean' },
              weight: { type: 'number', minimum: 0 },
              options: { type: 'object' },
            },
          },
        ],
      },
    },
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/infralint/infralint/blob/main/rules/config.schema.json',
    title: 'infralint configuration',
    description: 'Read from .infralintrc.json, infralint.config.json or the "infralint" key of package.json in the directory infralint runs from, or from --config FILE.',
    type: 'object',
    additionalProperties: false,
    properties: { $schema: { type: 'string' }, ...properties },
  };
}

/** The text of rules/config.schema.json: a value on one line when it fits in 100 columns, else one entry a line. */
export function configSchemaText(): string {
  return `${formatJson(configSchema(), '', 0)}\n`;
}

function formatJson(value: unknown, indent: string, taken: number): string {
  const line = oneLine(value);
  if (value === null || typeof value !== 'object' || indent.length + taken + line.length <= 100) return line;
  const inner = `${indent}  `;
  if (Array.isArray(value)) return `[\n${value.map((v) => inner + formatJson(v, inner, 0)).join(',\n')}\n${indent}]`;
  const entries = Object.entries(value).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${formatJson(v, inner, JSON.stringify(k).length + 2)}`);
  return `{\n${entries.join(',\n')}\n${indent}}`;
}

function oneLine(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(oneLine).join(', ')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const entries = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${oneLine(v)}`);
  return entries.length ? `{ ${entries.join(', ')} }` : '{}';
}
