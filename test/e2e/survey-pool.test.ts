import { cohortTasksFrom, projectTasks, surveyMembers } from '../../src/discover/project-tasks.js';
import { chooseCohortRubrics, SURVEY_IN_POOL_FROM, surveyInPool } from '../../src/grade/survey-pool.js';
import { tempRepo } from '../helpers/cohort.js';

// A cohort's rubrics chosen by worker threads, each surveying a part of its repositories, are those
// one pass over all of them chooses: counts and sets add up, and the majority is the whole cohort's.
describe('a cohort surveyed in parts by worker threads', () => {
  const repo = (files: Record<string, string>) => tempRepo(files, 'infralint-survey-');
  const native = (file = 'redundant_web_tier.mmd') => repo({ [`web_infrastructure_design/${file}`]: 'flowchart LR\n  a --> b\n' });
  const readmeNative = () => repo({ 'web_infrastructure_design/README.md': '# Designs\n\n## 1. Add Redundancy and Traffic Distribution\n\nText.\n' });
  const classic = (file: string) => repo({ [`web_infrastructure_design/${file}`]: '# Design\n' });
  const tasksOf = (surveys: Parameters<typeof cohortTasksFrom>[0], choice = {}) => cohortTasksFrom(surveys, choice).map((t) => t.task);
  const oneThread = (members: string[], choice = {}) => projectTasks(members[0]!, { ...choice, members }).map((r) => r.task);

  // Parts of two: the first all native, the others mostly classic; three of five are native. A
  // majority of parts (1 native, 2 classic) would choose otherwise than the majority of repositories.
  const members = [native(), native('single_server_stack.mmd'), classic('3-scale_up.md'), readmeNative(), classic('0-simple_web_stack')];

  it('chooses what one pass over the cohort chooses, with or without a given curriculum and tasks', async () => {
    expect(oneThread(members)).toEqual(['single_server_stack', 'redundant_web_tier']);
    for (const choice of [{}, { curriculum: 'classic' as const }, { tasks: ['1'] }, { curriculum: 'classic' as const, tasks: ['0', '3'] }]) {
      const surveys = await surveyInPool(members, choice, 2, 2);
      expect(surveys).toHaveLength(3);
      expect(tasksOf(surveys!, choice)).toEqual(oneThread(members, choice));
      // The parts add up to the whole: every repository counted once, each vote and task kept.
      expect(surveys!.reduce((sum, s) => sum + s.members, 0)).toBe(members.length);
      expect(tasksOf([surveyMembers(members, choice)], choice)).toEqual(oneThread(members, choice));
    }
    expect((await surveyInPool(members, {}, 2, 2))!.reduce((sum, s) => sum + s.mermaid, 0)).toBe(3);
  });

  it('refuses a task the given curriculum lacks, and surveys a small cohort in this thread', async () => {
    await expect(chooseCohortRubrics(members, { curriculum: 'mermaid', tasks: ['scale_up'] }, 2)).rejects.toThrow('--task: no task "scale_up" in the mermaid curriculum');
    expect(members.length).toBeLessThan(SURVEY_IN_POOL_FROM);
    expect((await chooseCohortRubrics(members, {}, 2)).map((r) => r.task)).toEqual(oneThread(members));
    expect((await chooseCohortRubrics(members, {}, 0)).map((r) => r.task)).toEqual(oneThread(members));
  });
});
