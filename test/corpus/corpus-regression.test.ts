import { readFileSync } from 'node:fs';
import path from 'node:path';
import { lintSubmission } from '../../src/api/lint-submission.js';
import { HAS_SHARED, SHARED } from '../helpers/paths.js';

interface ManifestEntry {
  id: string;
  has_scale_up: boolean;
}

const corpus = path.join(SHARED, 'corpus', 'real');
const describeCorpus = HAS_SHARED ? describe : describe.skip;

describeCorpus('real student submissions (shared/corpus/real)', () => {
  const manifest: ManifestEntry[] = HAS_SHARED ? JSON.parse(readFileSync(path.join(corpus, 'manifest.json'), 'utf8')) : [];

  it('grades every submission without crashing, quickly, with a result for 3-scale_up', async () => {
    expect(manifest.length).toBeGreaterThan(100);
    for (const entry of manifest) {
      const started = performance.now();
      const report = await lintSubmission(path.join(corpus, entry.id));
      const result = report.results[0]!;
      expect(result.task).toBe('3-scale_up');
      expect(result.rules).toHaveLength(15);
      if (!entry.has_scale_up) expect(result.rules[0]!.status).toBe('fail');
      // Generous bound: a hang or a catastrophic regex would blow far past it.
      expect(performance.now() - started).toBeLessThan(5000);
    }
  });

  it('agrees with the reviewer labels on at least 95% of (submission, rule) pairs', async () => {
    const labels = JSON.parse(readFileSync(path.join(corpus, 'labels.json'), 'utf8')) as Record<string, { labels: Record<string, string> }>;
    let agree = 0;
    let total = 0;
    const fullyCorrectFailures: string[] = [];
    for (const [id, entry] of Object.entries(labels)) {
      const result = (await lintSubmission(path.join(corpus, id))).results[0]!;
      const allPass = Object.values(entry.labels).every((s) => s === 'pass');
      for (const [rule, want] of Object.entries(entry.labels)) {
        const got = result.rules.find((r) => r.id === rule)!.status;
        total++;
        if (got === want) agree++;
        if (allPass && got === 'fail') fullyCorrectFailures.push(`${id} ${rule}`);
      }
    }
    expect(agree / total).toBeGreaterThanOrEqual(0.95);
    expect(fullyCorrectFailures).toEqual([]);
  });
});
