// The thread collecting a cohort keeps nothing of a student once its record is written (issue 17
// item 2: its memory flat in the cohort): the planned student, its pool job and its folder's path
// were kept to the end of the run (~5 MB at 10,000 students). Told by weak references to the plan's
// students, in a process of its own started with --expose-gc: midway through the run, every student
// already written must be collectable, with a worker pool and without one.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { makeCohort, ownSubmission } from '../helpers/cohort.js';
import { PROJECT } from '../helpers/paths.js';

const STUDENTS = 40;
/** Students written when the references are looked at. */
const MIDWAY = 30;

it('lets every student written so far be collected while the run goes on, and empties the plan it was given', () => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'infralint-drops-'));
  const logins = Array.from({ length: STUDENTS }, (_, i) => `student-${String(i).padStart(3, '0')}`);
  // Two students of the roster have no folder: rows the run writes without grading.
  const dir = makeCohort(Object.fromEntries(logins.slice(2).map((login) => [login, ownSubmission(`words of ${login}`)])));
  try {
    const fromDist = (file: string) => JSON.stringify(pathToFileURL(path.join(PROJECT, 'dist', file)).href);
    const script = `
      import { writeFileSync } from 'node:fs';
      const { planCohort } = await import(${fromDist('grade/cohort-plan.js')});
      const { gradeCohort } = await import(${fromDist('grade/grade-cohort.js')});
      const { loadRubric } = await import(${fromDist('config/rubric.js')});
      const rubrics = [loadRubric('3-scale_up')];
      const work = process.argv[1];
      const manifest = work + '/roster.csv';
      writeFileSync(manifest, 'login,name\\n' + ${JSON.stringify(logins)}.map((l) => l + ',Name ' + l).join('\\n') + '\\n');
      const counts = [];
      for (const jobs of [0, 1]) {
        const plan = planCohort({ dir: ${JSON.stringify(dir)}, out: work + '/out-' + jobs, manifest, locations: rubrics });
        const refs = plan.students.map((s) => new WeakRef(s));
        // A weak reference holds its target until the task that made it ends (without a pool the
        // whole run may be one task of promises).
        await new Promise((resolve) => setTimeout(resolve, 0));
        let midway = null;
        const result = await gradeCohort({
          dir: ${JSON.stringify(dir)}, out: work + '/out-' + jobs, rubrics, plan, jobs, batchSize: 4, report: false,
          onProgress: ({ done }) => {
            if (done !== ${MIDWAY}) return;
            globalThis.gc();
            // The student just written is still the loop's; those before it must be gone.
            midway = refs.slice(0, ${MIDWAY} - 1).filter((ref) => ref.deref() !== undefined).length;
          },
        });
        counts.push({ jobs, students: result.students, notSubmitted: result.notSubmitted, alive: midway, planLeft: plan.students.length });
      }
      console.log(JSON.stringify(counts));`;
    const r = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script, work], { encoding: 'utf8', timeout: 120_000 });
    expect(r.stderr).toBe('');
    const expected = (jobs: number) => ({ jobs, students: STUDENTS, notSubmitted: 2, alive: 0, planLeft: 0 });
    expect(JSON.parse(r.stdout)).toEqual([expected(0), expected(1)]);
  } finally {
    for (const folder of [work, dir]) rmSync(folder, { recursive: true, force: true });
  }
}, 150_000);
