import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadRubric, type Rubric } from '../../src/config/rubric.js';
import { runRubric } from '../../src/engine/run-rubric.js';
import { RULES } from '../../src/rules/registry.js';
import { loadSubmission } from '../../src/submission/load-submission.js';
import { FIXTURES } from '../helpers/paths.js';

/** The engine's own decisions (src/engine/run-rubric.ts), on fixtures and the task-3 rubric. */
async function run(target: string, rubric: Rubric = loadRubric('3-scale_up'), options = {}) {
  return runRubric(await loadSubmission(target, rubric), rubric, options);
}

describe('runRubric', () => {
  it('a failed gate: every other rule says why it was not graded, and the task scores 0 out of its full maximum', async () => {
    const result = await run(mkdtempSync(path.join(os.tmpdir(), 'infralint-engine-')));
    expect(result.rules[0]).toMatchObject({ id: 'task-file', status: 'fail' });
    for (const r of result.rules.slice(1)) {
      const when = RULES.get(r.id)!.meta.whenTaskMissing;
      expect(r).toMatchObject({ status: when, points: 0, message: when === 'pass' ? 'Nothing to check: the task file is missing.' : 'Not graded: the task file is missing.' });
    }
    expect(result).toMatchObject({ score: 0, maxScore: 100, manualPoints: 0, passed: false, verdict: 'failed' });
  });

  it('diagram-based rules await a person when the diagram is an image, and fail when there is none', async () => {
    const image = await run(path.join(FIXTURES, 'image-only'));
    expect(image.rules.find((r) => r.id === 'lb-pair')).toMatchObject({ status: 'manual', message: expect.stringContaining('a person must check this') });
    const none = await run(path.join(FIXTURES, 'prose-only'));
    expect(none.rules.find((r) => r.id === 'lb-pair')).toMatchObject({ status: 'fail', message: 'No diagram to check.' });
  });

  it('a rule turned off is skipped and leaves the maximum; the threshold can be overridden', async () => {
    const result = await run(path.join(FIXTURES, 'complete-flowchart'), undefined, { disable: ['english'], minScore: 50 });
    const english = loadRubric('3-scale_up').rules.find((r) => r.id === 'english')!;
    expect(result.rules.find((r) => r.id === 'english')).toMatchObject({ status: 'skipped', points: 0 });
    expect(result.maxScore).toBe(100 - english.weight);
    expect(result.threshold).toBe(50);
  });

  it('a rule that throws fails alone, marked as infralint\'s bug', async () => {
    const rubric = loadRubric('3-scale_up');
    rubric.rules.push({ id: 'broken', rule: 'component-present', weight: 0, options: { role: 'no-such-role' } });
    const result = await run(path.join(FIXTURES, 'complete-flowchart'), rubric);
    expect(result.rules.at(-1)).toMatchObject({ id: 'broken', status: 'fail', crashed: true, findings: [{ severity: 'warning', message: 'infralint could not run broken; please report this.' }] });
    expect(result.rules.slice(0, -1).every((r) => !r.crashed)).toBe(true);
  });

  it('problems met while loading are findings of the rule they concern', async () => {
    const result = await run(path.join(FIXTURES, 'outside-link'));
    expect(result.rules.find((r) => r.id === 'task-file')!.findings.some((f) => /outside the submission folder/.test(f.message))).toBe(true);
  });
});
