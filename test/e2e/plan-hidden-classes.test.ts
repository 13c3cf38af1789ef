// The students of a grade run's plan stay in the main thread for the whole run: they must share one
// V8 hidden class. Built by spreading objects into a literal, each of them had a map of its own
// (~3.5 MB at 10,000 students that grew with the cohort: issue 17 item 2). V8's own test intrinsic
// (%HaveSameMap) tells, in a process of its own started with --allow-natives-syntax.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { makeCohort, ownSubmission } from '../helpers/cohort.js';
import { PROJECT } from '../helpers/paths.js';

it('gives every planned student, with a roster and without, the hidden class of the first', () => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'infralint-plan-maps-'));
  const logins = Array.from({ length: 60 }, (_, i) => `student-${String(i).padStart(3, '0')}`);
  const dir = makeCohort(Object.fromEntries(logins.slice(0, 50).map((login) => [login, ownSubmission(`words of ${login}`)])));
  try {
    const fromDist = (file: string) => JSON.stringify(pathToFileURL(path.join(PROJECT, 'dist', file)).href);
    const script = `
      import { writeFileSync } from 'node:fs';
      const { planCohort } = await import(${fromDist('grade/cohort-plan.js')});
      const { loadRubric } = await import(${fromDist('config/rubric.js')});
      const locations = [loadRubric('3-scale_up')];
      const roster = process.argv[1] + '/roster.csv';
      // Ten of the roster's students have no folder: rows of their own kind, built apart.
      writeFileSync(roster, 'login,name,email,section\\n' + ${JSON.stringify(logins)}.map((l) => l + ',Name ' + l + ',' + l + '@example.org,A').join('\\n') + '\\n');
      const counts = [undefined, roster].map((manifest) => {
        const { students } = planCohort({ dir: ${JSON.stringify(dir)}, out: process.argv[1] + '/out', locations, ...(manifest ? { manifest } : {}) });
        return [students.length, students.filter((s) => %HaveSameMap(s, students[0])).length];
      });
      console.log(JSON.stringify(counts));`;
    const r = spawnSync(process.execPath, ['--allow-natives-syntax', '--input-type=module', '-e', script, work], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual([[50, 50], [60, 60]]);
  } finally {
    for (const folder of [work, dir]) rmSync(folder, { recursive: true, force: true });
  }
});
