import { rmSync } from 'node:fs';
import path from 'node:path';
import { lintSubmission } from '../../src/api/lint-submission.js';
import { locateTask } from '../../src/discover/locate-task.js';
import { loadRubric } from '../../src/config/rubric.js';
import { FolderLooks, probesDigest, recordProbes } from '../../src/read/fs-probes.js';
import { ResolvedPaths } from '../../src/read/safe-read.js';
import { loadSubmission } from '../../src/submission/load-submission.js';
import { tempRepo } from '../helpers/cohort.js';

const TASKS = ['0-simple_web_stack', '1-distributed_web_infrastructure', '2-secured_and_monitored_web_infrastructure', '3-scale_up'];

describe('FolderLooks: the folders of one reading of a submission, looked at once', () => {
  it('records every look of each task as a reading without it does (same probes, same digest)', async () => {
    const repo = tempRepo({
      'web_infrastructure_design/0-simple_web_stack': 'One server.\n',
      'web_infrastructure_design/2-secured_and_monitored_web_infrastructure.md': '# 2\n\nFirewalls.\n',
      'web_infrastructure_design/README.md': '# Web infrastructure\n\n## 1. Distributed\n\nTwo servers.\n',
    });
    try {
      const rubrics = TASKS.map((t) => loadRubric(t));
      const shared = new FolderLooks();
      const eachAlone = await recordProbes(() => rubrics.map((r) => locateTask(repo, r)));
      const together = await recordProbes(() => rubrics.map((r) => locateTask(repo, r, shared)));
      expect(together.value).toEqual(eachAlone.value);
      expect(together.probes).toEqual(eachAlone.probes);
      expect(probesDigest(together.probes)).toBe(probesDigest(eachAlone.probes));
      // Four tasks, the same two folders each: recorded four times, as before.
      expect(together.probes.filter((p) => p.op === 'list')).toHaveLength(2 * TASKS.length);
      const whole = await recordProbes(() => lintSubmission(repo, { rubrics }));
      expect(whole.probes.filter((p) => p.op === 'list' && p.path === repo)).toHaveLength(TASKS.length);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });

  it('lists a folder once: a later look sees the listing taken first, not the disk', () => {
    const repo = tempRepo({ 'a.md': 'a', 'b.md': 'b' });
    try {
      const looks = new FolderLooks();
      expect(looks.list(repo).map((d) => d.name).sort()).toEqual(['a.md', 'b.md']);
      expect(looks.kind(path.join(repo, 'b.md'))).toBe('file');
      rmSync(path.join(repo, 'b.md'));
      expect(looks.list(repo).map((d) => d.name).sort()).toEqual(['a.md', 'b.md']);
      expect(looks.kind(path.join(repo, 'b.md'))).toBe('file');
      // A new reading sees the folder as it now is.
      expect(new FolderLooks().list(repo).map((d) => d.name)).toEqual(['a.md']);
      expect(new FolderLooks().kind(path.join(repo, 'b.md'))).toBe('none');
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });

  it('reads the README the tasks without a file of their own share once, recording each read as a reading alone does', async () => {
    const repo = tempRepo({
      'web_infrastructure_design/3-scale_up.md': '# 3\n\nThree servers.\n',
      'web_infrastructure_design/README.md': '# Web infrastructure\n\n## 0. Simple web stack\n\nOne server.\n\n## 1. Distributed web infrastructure\n\nTwo servers.\n',
    });
    try {
      const rubrics = TASKS.map((t) => loadRubric(t));
      const eachAlone = await recordProbes(async () => {
        const loaded = [];
        for (const r of rubrics) loaded.push(await loadSubmission(repo, r));
        return loaded;
      });
      const together = await recordProbes(async () => {
        const resolved = new ResolvedPaths();
        const looks = new FolderLooks(resolved);
        const loaded = [];
        for (const r of rubrics) loaded.push(await loadSubmission(repo, r, undefined, resolved, looks));
        return loaded;
      });
      expect(together.value).toEqual(eachAlone.value);
      expect(together.probes).toEqual(eachAlone.probes);
      expect(together.probes.filter((p) => p.op === 'read' && p.path.endsWith('README.md')).length).toBeGreaterThanOrEqual(3);
      // One reading: the file read first is the one every later task sees.
      const readme = path.join(repo, 'web_infrastructure_design', 'README.md');
      const looks = new FolderLooks();
      const first = looks.read(repo, readme);
      rmSync(readme);
      expect(looks.read(repo, readme)).toBe(first);
      expect(new FolderLooks().read(repo, readme).ok).toBe(false);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});
