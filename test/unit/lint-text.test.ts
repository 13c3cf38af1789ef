import { mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'js-yaml';
import { lintSubmission, lintText } from '../../src/api/lint-submission.js';
import { PROJECT } from '../helpers/paths.js';

// lintText grades a task file held in memory (what the RuleTester and an editor use): it must give
// exactly what lintSubmission gives a repository holding only that file, for every task.
const BANK = path.join(PROJECT, 'test', 'paraphrase-bank');
const cases = readdirSync(BANK)
  .filter((f) => f.endsWith('.yaml'))
  .flatMap((f) => (yaml.load(readFileSync(path.join(BANK, f), 'utf8')) as { name: string; task?: string; markdown: string }[]).map((c) => ({ file: f, ...c })))
  // Every task's cases, one in five: enough layouts without making the suite slow.
  .filter((_c, i) => i % 5 === 0);

describe('lintText (in memory) and lintSubmission (on disk) agree', () => {
  it.each(cases.map((c) => [`${c.file} ${c.name}`, c] as const))('%s', async (_name, c) => {
    const task = c.task ?? '3-scale_up';
    const root = mkdtempSync(path.join(os.tmpdir(), 'infralint-text-'));
    mkdirSync(path.join(root, 'web_infrastructure_design'));
    writeFileSync(path.join(root, 'web_infrastructure_design', `${task}.md`), c.markdown);
    const onDisk = (await lintSubmission(root, { rubrics: [task] })).results[0]!;
    const inMemory = await lintText(c.markdown, { rubric: task });
    expect(inMemory.rules).toEqual(onDisk.rules);
    expect({ score: inMemory.score, verdict: inMemory.verdict, diagrams: inMemory.diagrams, graph: inMemory.graph }).toEqual({ score: onDisk.score, verdict: onDisk.verdict, diagrams: onDisk.diagrams, graph: onDisk.graph });
  });

  it('reads a BOM and CRLF line endings as the file reader does', async () => {
    const text = '\uFEFF# 0-simple_web_stack\r\n\r\n```mermaid\r\nflowchart LR\r\n  U[User] --> W[Nginx(web]\r\n```\r\n';
    const root = mkdtempSync(path.join(os.tmpdir(), 'infralint-text-'));
    mkdirSync(path.join(root, 'web_infrastructure_design'));
    writeFileSync(path.join(root, 'web_infrastructure_design', '0-simple_web_stack.md'), text);
    const onDisk = (await lintSubmission(root, { rubrics: ['0-simple_web_stack'] })).results[0]!;
    const inMemory = await lintText(text, { rubric: '0-simple_web_stack' });
    expect(inMemory.diagrams).toEqual(onDisk.diagrams);
    expect(inMemory.diagrams[0]).toMatchObject({ line: 4, valid: false, error: { line: 5 } });
    expect(inMemory.rules).toEqual(onDisk.rules);
  });
});
