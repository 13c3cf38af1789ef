import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lintSubmission, type TaskResult } from '../../src/api/lint-submission.js';
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
}

/** RuleTester in the manner of ESLint: each case must give the rule the stated status (in the task's rubric, default 3-scale_up). */
export function ruleTester(ruleId: string, cases: RuleCase[], task = '3-scale_up'): void {
  describe(task === '3-scale_up' ? ruleId : `${task} ${ruleId}`, () => {
    it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      const result = await lintMarkdown(c.markdown, task);
      const rule = result.rules.find((r) => r.id === ruleId)!;
      expect({ status: rule.status, message: rule.message }).toEqual({ status: c.status, message: c.message ? expect.stringContaining(c.message) : expect.any(String) });
    });
  });
}

export const mermaid = (body: string) => `# Scale up\n\n\`\`\`mermaid\n${body}\n\`\`\`\n`;
