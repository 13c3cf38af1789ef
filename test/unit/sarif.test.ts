import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import * as ajvDraft04 from 'ajv-draft-04';
import * as ajvFormats from 'ajv-formats';
import { lintSubmission } from '../../src/api/lint-submission.js';
import { formatSarif } from '../../src/reporters/sarif.js';
import { FIXTURES, PROJECT } from '../helpers/paths.js';

const schema = JSON.parse(readFileSync(path.join(PROJECT, 'test', 'data', 'sarif-2.1.0-rtm.5.json'), 'utf8'));
// The schema's language-tag pattern is not valid with the `u` flag; compile patterns without it.
type Validator = ((data: unknown) => boolean) & { errors?: unknown };
interface AjvLike {
  compile: (schema: unknown) => Validator;
}
// Both packages are CommonJS with a `default` export; unwrap it whichever way the loader hands it over.
const unwrap = <T>(m: unknown): T => ((m as { default?: T }).default ?? m) as T;
const Ajv04 = unwrap<new (options: object) => AjvLike>(ajvDraft04);
const addFormats = unwrap<(ajv: AjvLike) => void>(ajvFormats);
const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);
const fixtures = readdirSync(FIXTURES).filter((d) => existsSync(path.join(FIXTURES, d, 'expected.json')));

describe('SARIF output', () => {
  it.each(fixtures)('%s: valid against the official SARIF 2.1.0 schema', async (name) => {
    const sarif = JSON.parse(formatSarif(await lintSubmission(path.join(FIXTURES, name))));
    const ok = validate(sarif);
    expect(ok ? [] : validate.errors).toEqual([]);
  });

  it('describes every rule with its doc and places every finding', async () => {
    const report = await lintSubmission(path.join(FIXTURES, 'worked-example'));
    const run = JSON.parse(formatSarif(report)).runs[0];
    expect(run.tool.driver.rules).toHaveLength(15);
    expect(run.tool.driver.rules[0].helpUri).toMatch(/rules\/docs\/task-file\.md$/);
    const renders = run.results.find((r: { ruleId: string }) => r.ruleId === 'diagram-renders');
    expect(renders.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'web_infrastructure_design/3-scale_up.md' }, region: expect.objectContaining({ startLine: 13, startColumn: 34 }) });
    expect(run.properties).toMatchObject({ score: 88.33, maxScore: 100, passed: true });
  });
});
