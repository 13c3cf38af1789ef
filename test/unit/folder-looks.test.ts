import { rmSync } from 'node:fs';
import path from 'node:path';
import { lintSubmission } from '../../src/api/lint-submission.js';
import { locateTask } from '../../src/discover/locate-task.js';
import { loadRubric } from '../../src/config/rubric.js';
import { FolderLooks, probesDigest, recordProbes } from '../../src/read/fs-probes.js';
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
});
