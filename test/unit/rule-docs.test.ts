import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadRubric } from '../../src/config/rubric.js';
import { RULES } from '../../src/rules/registry.js';
import { PROJECT } from '../helpers/paths.js';

describe('rule documentation', () => {
  it.each([...RULES.keys()])('%s has a doc page with every section', (id) => {
    const file = path.join(PROJECT, 'rules', 'docs', `${id}.md`);
    expect(existsSync(file)).toBe(true);
    const doc = readFileSync(file, 'utf8');
    expect(doc.startsWith(`# ${id}\n`)).toBe(true);
    for (const section of ['## What it checks', '## Why', '## Passes', '## Fails', '## How to fix']) expect(doc).toContain(section);
  });

  it('every rule of the bundled rubric exists, with the spec weights summing to 100', () => {
    const rubric = loadRubric('3-scale_up');
    expect(rubric.rules.map((r) => r.id).sort()).toEqual([...RULES.keys()].sort());
    expect(rubric.rules.reduce((n, r) => n + r.weight, 0)).toBe(100);
  });

  it('the README rule table lists every rule with its weight', () => {
    const readme = readFileSync(path.join(PROJECT, 'README.md'), 'utf8');
    for (const r of loadRubric('3-scale_up').rules) expect(readme).toMatch(new RegExp(`\\| \`${r.id}\` \\| ${r.weight === 0 ? '(gate|0)' : r.weight} `));
  });
});
