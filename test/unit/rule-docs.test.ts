import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { lintSubmission } from '../../src/api/lint-submission.js';
import path from 'node:path';
import { bundledRubrics, loadRubric } from '../../src/config/rubric.js';
import { spawnSync } from 'node:child_process';
import { RULES } from '../../src/rules/registry.js';
import { PROJECT } from '../helpers/paths.js';

/** Every id a user meets: the rule modules, and the ids the bundled rubrics grade them under. */
const RUBRICS = bundledRubrics().map((r) => loadRubric(r.name));
// An entry graded by a generic rule with options (firewalls: component-count) is documented by that rule's page;
// one graded by questions (explain) has a page generated from them.
const DOCUMENTED = [...new Set([...RULES.keys(), ...RUBRICS.flatMap((r) => r.rules.filter((rule) => !rule.rule || rule.rule === 'explain').map((rule) => rule.id))])].sort();

describe('rule documentation', () => {
  it.each(DOCUMENTED)('%s has a doc page with every section', (id) => {
    const file = path.join(PROJECT, 'rules', 'docs', `${id}.md`);
    expect(existsSync(file)).toBe(true);
    const doc = readFileSync(file, 'utf8');
    expect(doc.startsWith(`# ${id}\n`)).toBe(true);
    for (const section of ['## What it checks', '## Why', '## Passes', '## Fails', '## How to fix']) expect(doc).toContain(section);
  });

  it.each(RUBRICS.filter((r) => !r.draft).map((r) => [r.title, r] as const))('%s: the weights sum to 100', (_title, rubric) => {
    expect(rubric.rules.reduce((n, r) => n + r.weight, 0)).toBe(100);
  });

  it('every rule is graded by some bundled rubric', () => {
    const used = new Set(bundledRubrics().flatMap(({ name }) => loadRubric(name).rules.map((r) => r.rule ?? r.id)));
    expect([...RULES.keys()].filter((id) => !used.has(id))).toEqual([]);
  });

  it('the pages generated from the rubrics\' questions are up to date (node scripts/generate-rule-docs.mjs)', () => {
    const run = spawnSync(process.execPath, [path.join(PROJECT, 'scripts', 'generate-rule-docs.mjs'), '--check'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('the README rule table lists every rule with its weight', () => {
    const readme = readFileSync(path.join(PROJECT, 'README.md'), 'utf8');
    for (const r of loadRubric('3-scale_up').rules) expect(readme).toMatch(new RegExp(`\\| \`${r.id}\` \\| ${r.weight === 0 ? '(gate|0)' : r.weight} `));
  });
});

describe('rule documentation examples give the documented status', () => {
  function example(doc: string, section: 'Passes' | 'Fails'): { file: string; check: string | null; content: string } {
    // The example is the four-backtick markdown block right under the heading (it may hold headings).
    const block = new RegExp(`## ${section}\\n\`\`\`\`markdown\\n([\\s\\S]*?)\\n\`\`\`\``).exec(doc)?.[1];
    if (block === undefined) throw new Error(`no \`\`\`\`markdown example under "## ${section}"`);
    const file = /<!-- file: (\S+) -->\n/.exec(block)?.[1] ?? '3-scale_up.md';
    // A generic rule's page names the rubric entry its example is graded under: <!-- check: explain-specifics -->.
    const check = /<!-- check: (\S+) -->\n/.exec(block)?.[1] ?? null;
    return { file, check, content: block.replace(/^(?:<!-- (?:file|check): \S+ -->\n)+/, '') };
  }
  it.each(DOCUMENTED.flatMap((id) => [[id, 'Passes'], [id, 'Fails']] as const))('%s: the "%s" example', async (id, section) => {
    const doc = readFileSync(path.join(PROJECT, 'rules', 'docs', `${id}.md`), 'utf8');
    const { file, check, content } = example(doc, section);
    const root = mkdtempSync(path.join(os.tmpdir(), 'infralint-doc-'));
    mkdirSync(path.join(root, 'web_infrastructure_design'));
    writeFileSync(path.join(root, 'web_infrastructure_design', file), content);
    // Graded by the bundled rubric of the task the example's file belongs to, under the entry it documents
    // (a generic rule's page documents the entries that use it, or names one: <!-- check: id -->).
    const rubric = RUBRICS.find((r) => !r.variantOf && r.fileNames.includes(file)) ?? RUBRICS.find((r) => r.task === '3-scale_up' && !r.variantOf)!;
    const entryId = check ?? rubric.rules.find((r) => r.id === id)?.id ?? rubric.rules.find((r) => (r.rule ?? r.id) === id)?.id ?? id;
    const result = (await lintSubmission(root, { rubrics: [rubric] })).results[0]!;
    expect(result.rules.find((r) => r.id === entryId)?.status).toBe(section === 'Passes' ? 'pass' : 'fail');
  });
});
