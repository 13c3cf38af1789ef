import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadRubric } from '../../src/config/rubric.js';
import { planCohort } from '../../src/grade/cohort-plan.js';
import { detectDelimiter, readRoster } from '../../src/grade/roster.js';
import { makeCohort, ownSubmission } from '../helpers/cohort.js';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'infralint-roster-'));
const rosterFile = (text: string) => {
  const file = path.join(tmp(), 'roster.csv');
  writeFileSync(file, text);
  return file;
};
const locations = [loadRubric('3-scale_up')];

describe('roster', () => {
  it('reads comma, semicolon and tab separated rosters alike, with or without a BOM', () => {
    for (const text of ['login,name,email\nAlice,"Doe; Alice",a@x.io\n', '\uFEFFlogin;name;email\nAlice;Doe; Alice;a@x.io\n'.replace('Doe; Alice', '"Doe; Alice"'), 'GitHub Username\tFull Name\tE-mail\nAlice\tDoe; Alice\ta@x.io\n']) {
      const roster = readRoster(rosterFile(text));
      expect(roster.entries.get('alice')).toMatchObject({ login: 'Alice', name: 'Doe; Alice', email: 'a@x.io' });
    }
    expect(detectDelimiter('a;b;"c,d,e"\n1,2,3,4,5')).toBe(';');
  });

  it('takes a header naming GitHub in any words as the login column', () => {
    expect(readRoster(rosterFile('Full Name,GitHub ID\nAlice A,alice\n')).entries.get('alice')).toMatchObject({ login: 'alice', name: 'Alice A' });
  });

  it('reads a file of logins alone, and positional columns without a header', () => {
    expect([...readRoster(rosterFile('alice\nbob\n\ncarol\n')).entries.keys()]).toEqual(['alice', 'bob', 'carol']);
    expect(readRoster(rosterFile('bob,Bob B,bob@x.io\n')).entries.get('bob')).toMatchObject({ name: 'Bob B', email: 'bob@x.io' });
  });

  it('refuses a header without a login column, and a roster of nobody, saying what it found', () => {
    expect(() => readRoster(rosterFile('name,email\nAlice,a@x.io\n'))).toThrow(/has a header \(name, email\) but no login column/);
    expect(() => readRoster(rosterFile('\n\n'))).toThrow(/lists no student/);
  });

  it('warns about duplicate rows (whatever the case) and keeps the first', () => {
    const file = rosterFile('login,name\nalice,First\nbob,Bob\nALICE,Second\n,nobody\n');
    const roster = readRoster(file);
    expect(roster.entries.get('alice')!.name).toBe('First');
    expect(roster.warnings).toEqual([`${file}:4: "ALICE" is listed again (first on line 2); the first row is used`, `${file}:5: a row without a login was skipped`]);
  });

  it('keeps every column by its normalised header, for the exports', () => {
    const roster = readRoster(rosterFile('login,SIS_User_ID,Section\nalice,S-1,Cohort 12\n'));
    expect(roster.entries.get('alice')!.columns).toEqual({ login: 'alice', 'sis user id': 'S-1', section: 'Cohort 12' });
  });
});

describe('the students of a run', () => {
  const submission = ownSubmission('words');

  it('accounts for every roster student: folders matched in any case, missing ones as not submitted, extra folders warned about', () => {
    const dir = makeCohort({ Alice: submission, bob: submission, stranger: submission });
    const plan = planCohort({ dir, out: tmp(), manifest: rosterFile('login,name\nalice,Alice A\nbob,Bob B\ncarol,Carol C\n'), locations });
    expect(plan.students.map((s) => [s.student, s.name, s.notSubmitted])).toEqual([
      ['Alice', 'Alice A', ''],
      ['bob', 'Bob B', ''],
      ['carol', 'Carol C', 'not submitted: no folder carol in the cohort'],
      ['stranger', '', ''],
    ]);
    expect(plan.warnings.join('\n')).toMatch(/1 folder is not in the roster .*: stranger/);
    expect(plan.warnings.join('\n')).toMatch(/1 student of the roster has no submission: carol/);
  });

  it('refuses one repository given as a cohort, and a cohort with no student', () => {
    const repo = makeCohort({ web_infrastructure_design: { '3-scale_up.md': '# x' } });
    expect(() => planCohort({ dir: repo, out: tmp(), locations })).toThrow(/looks like one repository \(it holds web_infrastructure_design\).*infralint check/);
    const empty = tmp();
    expect(() => planCohort({ dir: empty, out: tmp(), locations })).toThrow(/holds no student folder/);
    expect(() => planCohort({ dir: path.join(empty, 'nope'), out: tmp(), locations })).toThrow(/is not a folder/);
  });

  it('skips an output folder inside the cohort with a warning, and refuses one inside a student\'s folder', () => {
    const dir = makeCohort({ alice: submission });
    mkdirSync(path.join(dir, 'grades'));
    const plan = planCohort({ dir, out: path.join(dir, 'grades'), locations });
    expect(plan.students.map((s) => s.student)).toEqual(['alice']);
    expect(plan.warnings).toEqual([`--out ${path.join(dir, 'grades')} is inside the cohort: the folder grades is not graded as a student`]);
    expect(() => planCohort({ dir, out: path.join(dir, 'alice', 'grades'), locations })).toThrow(/inside the student folder alice/);
    expect(() => planCohort({ dir, out: dir, locations })).toThrow(/is the cohort folder itself/);
  });

  it('warns about two folders that differ only in letter case', () => {
    const dir = makeCohort({ alice: submission, ALICE: submission });
    expect(planCohort({ dir, out: tmp(), locations }).warnings.join('\n')).toMatch(/ALICE, alice differ only in letter case/);
  });
});
