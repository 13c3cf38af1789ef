import { rmSync } from 'node:fs';
import path from 'node:path';
import { cohortTasksFrom, projectTasks, surveyMembers, type CohortChoice } from '../../src/discover/project-tasks.js';
import { chooseCohortRubrics, surveyInPool } from '../../src/grade/survey-pool.js';
import { tempRepo } from '../helpers/cohort.js';
import { FIXTURES } from '../helpers/paths.js';

// A cohort's rubrics chosen by worker threads, each surveying a part of its repositories, are those
// one pass over all of them chooses: counts and sets add up, and the majority is the whole cohort's.
describe('a cohort surveyed in parts by worker threads', () => {
  const made: string[] = [];
  const repo = (files: Record<string, string>) => {
    made.push(tempRepo(files, 'infralint-survey-'));
    return made[made.length - 1]!;
  };
  afterAll(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });
  const native = (file = 'redundant_web_tier.mmd') => repo({ [`web_infrastructure_design/${file}`]: 'flowchart LR\n  a --> b\n' });
  const readmeNative = () => repo({ 'web_infrastructure_design/README.md': '# Designs\n\n## 1. Add Redundancy and Traffic Distribution\n\nText.\n' });
  const classic = (file: string) => repo({ [`web_infrastructure_design/${file}`]: '# Design\n' });
  const tasksOf = (surveys: Parameters<typeof cohortTasksFrom>[0], choice: CohortChoice = {}) => cohortTasksFrom(surveys, choice).map((t) => t.task);
  const oneThread = (members: string[], choice: CohortChoice = {}) => projectTasks(members[0]!, { ...choice, members }).map((r) => r.task);
  const inPool = async (members: string[], choice: CohortChoice = {}) => (await chooseCohortRubrics(members, choice, { jobs: 2, inPoolFrom: 1 })).map((r) => r.task);

  // Parts of two: the first all native, the others mostly classic; three of five are native. A
  // majority of parts (1 native, 2 classic) would choose otherwise than the majority of repositories.
  const members = [native(), native('single_server_stack.mmd'), classic('3-scale_up.md'), readmeNative(), classic('0-simple_web_stack')];
  const choices: CohortChoice[] = [{}, { curriculum: 'classic' }, { tasks: ['1'] }, { curriculum: 'classic', tasks: ['0', '3'] }];

  it('chooses what one pass over the cohort chooses, with or without a given curriculum and tasks', async () => {
    expect(oneThread(members)).toEqual(['single_server_stack', 'redundant_web_tier']);
    for (const choice of choices) {
      const surveys = await surveyInPool(members, choice, 2, { partSize: 2 });
      expect(surveys).toHaveLength(3);
      expect(tasksOf(surveys, choice)).toEqual(oneThread(members, choice));
      // The parts add up to the whole: every repository counted once, each vote and task kept.
      expect(surveys.reduce((sum, s) => sum + s.members, 0)).toBe(members.length);
      expect(tasksOf([surveyMembers(members, choice)], choice)).toEqual(oneThread(members, choice));
      expect(await inPool(members, choice)).toEqual(oneThread(members, choice));
    }
    expect((await surveyInPool(members, {}, 2, { partSize: 2 })).reduce((sum, s) => sum + s.mermaid, 0)).toBe(3);
  });

  it('gives a tie to the classic project, in parts as in one pass', async () => {
    const tied = [native(), classic('3-scale_up.md'), readmeNative(), classic('1-distributed_web_infrastructure.md')];
    expect(oneThread(tied)).toEqual(['1-distributed_web_infrastructure', '3-scale_up']);
    expect(tasksOf(await surveyInPool(tied, {}, 2, { partSize: 1 }))).toEqual(oneThread(tied));
    expect(await inPool(tied)).toEqual(oneThread(tied));
  });

  it('refuses a task the given curriculum lacks, and surveys a small cohort, or one of --jobs 0 or 1, in this thread', async () => {
    await expect(chooseCohortRubrics(members, { curriculum: 'mermaid', tasks: ['scale_up'] }, { jobs: 2, inPoolFrom: 1 })).rejects.toThrow('--task: no task "scale_up" in the mermaid curriculum');
    for (const jobs of [0, 1, 2]) expect((await chooseCohortRubrics(members, {}, { jobs })).map((r) => r.task)).toEqual(oneThread(members));
  });

  it('says so when the pool fails, and the main thread surveys the cohort instead', async () => {
    const warnings: string[] = [];
    const broken = path.join(FIXTURES, 'no-such-worker.mjs');
    const chosen = await chooseCohortRubrics(members, {}, { jobs: 2, inPoolFrom: 1, workerFile: broken, onWarning: (w) => warnings.push(w) });
    expect(chosen.map((r) => r.task)).toEqual(oneThread(members));
    expect(warnings).toEqual([expect.stringMatching(/^the repositories could not be surveyed by worker threads \(.+\); the main thread surveyed them$/)]);
  });
});
