import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { lintSubmission } from '../../src/api/lint-submission.js';
import path from 'node:path';
import { bundledRubrics, loadRubric } from '../../src/config/rubric.js';
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

  it('every rule of task 3\'s rubric exists, with the spec weights summing to 100', () => {
    const rubric = loadRubric('3-scale_up');
    for (const r of rubric.rules) expect(RULES.has(r.rule ?? r.id)).toBe(true);
    expect(rubric.rules.reduce((n, r) => n + r.weight, 0)).toBe(100);
  });

  it('every rule module grades an entry of a bundled rubric', () => {
    const used = new Set(bundledRubrics().flatMap((b) => loadRubric(b.name).rules.map((r) => r.rule ?? r.id)));
    expect([...RULES.keys()].filter((id) => !used.has(id))).toEqual([]);
  });

  it('the README rule table lists every rule with its weight', () => {
    const readme = readFileSync(path.join(PROJECT, 'README.md'), 'utf8');
    for (const r of loadRubric('3-scale_up').rules) expect(readme).toMatch(new RegExp(`\\| \`${r.id}\` \\| ${r.weight === 0 ? '(gate|0)' : r.weight} `));
  });
});

describe('rule documentation examples give the documented status', () => {
  function example(doc: string, section: 'Passes' | 'Fails'): { file: string; content: string } {
    // The example is the four-backtick markdown block right under the heading (it may hold headings).
    const block = new RegExp(`## ${section}\\n\`\`\`\`markdown\\n([\\s\\S]*?)\\n\`\`\`\``).exec(doc)?.[1];
    if (block === undefined) throw new Error(`no \`\`\`\`markdown example under "## ${section}"`);
    const file = /^<!-- file: (\S+) -->\n/.exec(block)?.[1] ?? '3-scale_up.md';
    return { file, content: block.replace(/^<!-- file: \S+ -->\n/, '') };
  }
  it.each([...RULES.keys()].flatMap((id) => [[id, 'Passes'], [id, 'Fails']] as const))('%s: the "%s" example', async (id, section) => {
    const doc = readFileSync(path.join(PROJECT, 'rules', 'docs', `${id}.md`), 'utf8');
    const { file, content } = example(doc, section);
    const root = mkdtempSync(path.join(os.tmpdir(), 'infralint-doc-'));
    mkdirSync(path.join(root, 'web_infrastructure_design'));
    writeFileSync(path.join(root, 'web_infrastructure_design', file), content);
    // The example's file names its task: graded by that task's rubric, on the entry the rule grades there.
    const rubric = bundledRubrics().find((b) => !b.variantOf && loadRubric(b.name).fileNames.includes(file))?.name ?? '3-scale_up';
    const entry = loadRubric(rubric).rules.find((r) => (r.rule ?? r.id) === id)!;
    const result = (await lintSubmission(root, { rubrics: [rubric] })).results[0]!;
    expect(result.rules.find((r) => r.id === entry.id)?.status).toBe(section === 'Passes' ? 'pass' : 'fail');
  });
});
