import { readFileSync } from 'node:fs';
import path from 'node:path';
import { lintSubmission } from '../../src/api/lint-submission.js';
import { loadRubric } from '../../src/config/rubric.js';
import { HAS_SHARED, SHARED } from '../helpers/paths.js';

interface ManifestEntry {
  id: string;
  has_scale_up: boolean;
}

const corpus = path.join(SHARED, 'corpus', 'real');
/** The classic project's tasks, each labelled by a careful reviewer (labels.json is task 3's). */
const TASKS = ['0-simple_web_stack', '1-distributed_web_infrastructure', '2-secured_and_monitored_web_infrastructure', '3-scale_up'];
const describeCorpus = HAS_SHARED ? describe : describe.skip;

describeCorpus('real student submissions (shared/corpus/real)', () => {
  const manifest: ManifestEntry[] = HAS_SHARED ? JSON.parse(readFileSync(path.join(corpus, 'manifest.json'), 'utf8')) : [];

  // What each submission got on its first reading, before any cache of the prose stage held its strings.
  const firstReading = new Map<string, string>();

  it('grades every task of every submission without crashing, quickly', async () => {
    expect(manifest.length).toBeGreaterThan(100);
    for (const entry of manifest) {
      const started = performance.now();
      const report = await lintSubmission(path.join(corpus, entry.id), { rubrics: TASKS });
      firstReading.set(entry.id, JSON.stringify(report));
      expect(report.results.map((r) => r.task)).toEqual(TASKS);
      const scaleUp = report.results[3]!;
      expect(scaleUp.rules).toHaveLength(15);
      if (!entry.has_scale_up) expect(scaleUp.rules[0]!.status).toBe('fail');
      // Generous bound: a hang or a catastrophic regex would blow far past it.
      expect(performance.now() - started).toBeLessThan(5000);
    }
  });

  it.each(TASKS)('agrees with the reviewer labels of %s: 95% of (submission, rule) pairs, 90% per rule, no fail for a fully correct submission', async (task) => {
    const file = path.join(corpus, task === '3-scale_up' ? 'labels.json' : `labels-${task}.json`);
    const labels = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { labels: Record<string, string> }>;
    let agree = 0;
    let total = 0;
    const perRule = new Map<string, { agree: number; total: number }>();
    const fullyCorrectFailures: string[] = [];
    for (const [id, entry] of Object.entries(labels)) {
      const result = (await lintSubmission(path.join(corpus, id), { rubrics: [task] })).results[0]!;
      // No labelled submission passes every rule: fully correct means every rule pass or manual.
      const allPass = Object.values(entry.labels).every((s) => s === 'pass' || s === 'manual');
      for (const [rule, want] of Object.entries(entry.labels)) {
        const got = result.rules.find((r) => r.id === rule)?.status;
        const stats = perRule.get(rule) ?? { agree: 0, total: 0 };
        stats.total++;
        total++;
        if (got === want) {
          agree++;
          stats.agree++;
        }
        perRule.set(rule, stats);
        if (allPass && got === 'fail') fullyCorrectFailures.push(`${id} ${rule}`);
      }
    }
    // A draft rubric lacks some rules (see its "draft"): the floors hold for the rules it has.
    const draft = Boolean(loadRubric(task).draft);
    const graded = [...perRule].filter(([rule]) => !draft || loadRubric(task).rules.some((r) => r.id === rule));
    const gradedAgree = graded.reduce((n, [, s]) => n + s.agree, 0);
    const gradedTotal = graded.reduce((n, [, s]) => n + s.total, 0);
    expect(draft ? gradedAgree / gradedTotal : agree / total).toBeGreaterThanOrEqual(0.95);
    const belowNinety = graded.filter(([, s]) => s.agree / s.total < 0.9).map(([rule, s]) => `${rule} ${s.agree}/${s.total}`);
    expect(belowNinety).toEqual([]);
    expect(fullyCorrectFailures).toEqual([]);
  });

  it('grades every submission the same when read again, every string the prose stage read now cached', async () => {
    expect(firstReading.size).toBe(manifest.length);
    const changed: string[] = [];
    for (const entry of manifest) {
      if (JSON.stringify(await lintSubmission(path.join(corpus, entry.id), { rubrics: TASKS })) !== firstReading.get(entry.id)) changed.push(entry.id);
    }
    expect(changed).toEqual([]);
  });
});
