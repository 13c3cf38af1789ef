import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lintSubmission, lintText, type TaskResult } from '../../src/api/lint-submission.js';
import { loadRubric, type Rubric } from '../../src/config/rubric.js';
import type { RuleStatus } from '../../src/types.js';

/** Writes `markdown` as a student's web_infrastructure_design/<task>.md and lints it against the task's bundled rubric. */
export async function lintMarkdown(markdown: string, task = '3-scale_up'): Promise<TaskResult> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'infralint-rule-'));
  mkdirSync(path.join(root, 'web_infrastructure_design'));
  writeFileSync(path.join(root, 'web_infrastructure_design', `${task}.md`), markdown);
  const report = await lintSubmission(root, { rubrics: [task] });
  return report.results[0]!;
}

export interface RuleCase {
  name: string;
  markdown: string;
  status: RuleStatus;
  /** A fragment the rule's message must contain. */
  message?: string;
  /** Options for the rule, in place of the rubric's (ESLint's `options`). */
  options?: Record<string, unknown>;
  /** Findings the rule must report, each at its line (and column, when given), with a fragment of its message. */
  findings?: { line: number; column?: number; message?: string }[];
}

/** The task's bundled rubric, with `options` for one of its rules. */
function rubricWith(task: string, ruleId: string, options: Record<string, unknown> | undefined): Rubric {
  const rubric = loadRubric(task);
  if (!options) return rubric;
  return { ...rubric, rules: rubric.rules.map((r) => (r.id === ruleId ? { ...r, options: { ...r.options, ...options } } : r)) };
}

/**
 * RuleTester in the manner of ESLint: each case is a task file graded in memory (lintText: nothing
 * written to disk) by the task's rubric (default 3-scale_up), and must give the rule the stated
 * status, message fragment and findings at their positions.
 */
export function ruleTester(ruleId: string, cases: RuleCase[], task = '3-scale_up'): void {
  describe(task === '3-scale_up' ? ruleId : `${task} ${ruleId}`, () => {
    it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      const result = await lintText(c.markdown, { rubric: rubricWith(task, ruleId, c.options) });
      const rule = result.rules.find((r) => r.id === ruleId)!;
      expect({ status: rule.status, message: rule.message }).toEqual({ status: c.status, message: c.message ? expect.stringContaining(c.message) : expect.any(String) });
      for (const want of c.findings ?? []) {
        expect(rule.findings).toContainEqual(expect.objectContaining({ line: want.line, ...(want.column ? { column: want.column } : {}), ...(want.message ? { message: expect.stringContaining(want.message) } : {}) }));
      }
    });
  });
}

export const mermaid = (body: string) => `# Scale up\n\n\`\`\`mermaid\n${body}\n\`\`\`\n`;
