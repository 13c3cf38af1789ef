import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chooseRubrics } from '../../src/cli/shared-options.js';
import { findConfig } from '../../src/config/config.js';
import { configSchemaText, configurableRuleIds } from '../../src/config/config-schema.js';
import { bundledRubrics, loadRubric } from '../../src/config/rubric.js';
import { RULES } from '../../src/rules/registry.js';
import { FIXTURES, PROJECT } from '../helpers/paths.js';

const SCHEMA_FILE = path.join(PROJECT, 'rules', 'config.schema.json');

function configIn(config: unknown): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'infralint-config-schema-'));
  writeFileSync(path.join(dir, '.infralintrc.json'), JSON.stringify(config));
  return dir;
}

describe('rules/config.schema.json', () => {
  it('is up to date with the rule registry and the bundled rubrics (npm run build:schema)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8') === configSchemaText()).toBe(true);
  });

  it('lets a configuration set every rule module and every id a bundled rubric grades, and nothing else', () => {
    const ids = new Set([...RULES.keys(), ...bundledRubrics().flatMap(({ name }) => loadRubric(name).rules.map((r) => r.id))]);
    const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as { properties: { rules: { propertyNames: { enum: string[] } } } };
    expect(schema.properties.rules.propertyNames.enum).toEqual([...ids].sort());
    expect(configurableRuleIds()).toEqual([...ids].sort());
  });

  it('accepts the curriculum and the tasks to grade, and says what is wrong with them', async () => {
    expect((await findConfig(configIn({ curriculum: 'mermaid', tasks: ['0', 'scale_up'] })))?.config).toEqual({ curriculum: 'mermaid', tasks: ['0', 'scale_up'] });
    await expect(findConfig(configIn({ curriculum: 'modern' }))).rejects.toThrow(/curriculum: must be equal to one of the allowed values \(classic, mermaid\)/);
    await expect(findConfig(configIn({ tasks: '3' }))).rejects.toThrow(/tasks: must be array/);
  });

  it('a configuration\'s tasks and curriculum choose what is graded when no rubric is named; the command line wins', async () => {
    const cwd = configIn({ curriculum: 'classic', tasks: ['0', '3'] });
    const project = { target: path.join(FIXTURES, 'native-complete') };
    expect((await chooseRubrics({}, [], cwd, project)).map((r) => r.task)).toEqual(['0-simple_web_stack', '3-scale_up']);
    expect((await chooseRubrics({}, [], cwd, { ...project, tasks: ['1'] })).map((r) => r.task)).toEqual(['1-distributed_web_infrastructure']);
    expect((await chooseRubrics({}, ['3-scale_up-gunicorn'], cwd, project)).map((r) => r.title)).toEqual([loadRubric('3-scale_up-gunicorn').title]);
  });

  it('a configuration\'s curriculum chooses a cohort\'s too, over the curriculum most of its repositories follow', async () => {
    const members = [path.join(FIXTURES, 'native-complete'), path.join(FIXTURES, 'native-complete')];
    const cohort = { target: members[0]!, members };
    // Left to the repositories, the cohort is native; the configuration says classic, with its tasks.
    expect((await chooseRubrics({}, [], configIn({}), cohort)).every((r) => r.curriculum === 'mermaid')).toBe(true);
    expect((await chooseRubrics({}, [], configIn({ curriculum: 'classic', tasks: ['0', '3'] }), cohort)).map((r) => r.task)).toEqual(['0-simple_web_stack', '3-scale_up']);
    // --curriculum wins over the configuration.
    expect((await chooseRubrics({}, [], configIn({ curriculum: 'classic' }), { ...cohort, curriculum: 'mermaid' })).every((r) => r.curriculum === 'mermaid')).toBe(true);
  });
});
