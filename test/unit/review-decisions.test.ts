import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { loadRubric } from '../../src/config/rubric.js';
import { gradeStudent, settingsKey, type GradeSettings } from '../../src/grade/grade-student.js';
import type { StudentRecord } from '../../src/grade/record.js';
import { applyDecisions } from '../../src/grade/review/apply-decisions.js';
import { appendDecision, decisionProblem, latestByStudent, parseDecisions, readDecisions, type Decision, type SourcedDecision } from '../../src/grade/review/decisions.js';
import { gradebookEntry, gradebookLayout, GradebookCsv } from '../../src/grade/gradebook.js';
import { digestRecord } from '../../src/grade/record-digest.js';
import { DecisionsInForce } from '../../src/grade/review/decisions-in-force.js';
import { totalPoints } from '../../src/score/score.js';
import { makeCohort } from '../helpers/cohort.js';
import { PROJECT } from '../helpers/paths.js';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'infralint-decisions-'));
const TIME = '2026-12-01T10:00:00Z';
const decision = (over: Partial<Decision> = {}): Decision => ({ student: 'carol', task: '3-scale_up', rule: 'diagram-present', status: 'pass', note: '', reviewer: 'mentor', time: TIME, ...over });
const sourced = (over: Partial<Decision> = {}, source = 'decisions.jsonl:1'): SourcedDecision => ({ ...decision(over), source });

describe('the decisions file: parse and validate', () => {
  it('reads JSON Lines, skipping blank lines, and names the line of an invalid entry', () => {
    const good = JSON.stringify(decision());
    expect(parseDecisions(`${good}\n\n${JSON.stringify(decision({ rule: 'lb-pair', status: 'fail', note: 'one LB' }))}\n`, 'd.jsonl').map((d) => [d.rule, d.status, d.source])).toEqual([
      ['diagram-present', 'pass', 'd.jsonl:1'],
      ['lb-pair', 'fail', 'd.jsonl:3'],
    ]);
    expect(() => parseDecisions(`${good}\n${good}\n{"student":"x","task":"t","rule":"r","status":"passed","reviewer":"m","time":"${TIME}"}\n`, 'd.jsonl')).toThrow(/^d\.jsonl:3: "status" must be one of pass, partial, fail \(got "passed"\)/);
    expect(() => parseDecisions(`${good}\n{"student":"carol",`, 'd.jsonl')).toThrow(/^d\.jsonl:2: not a JSON object/);
    expect(() => parseDecisions(JSON.stringify({ ...decision(), time: 'yesterday' }), 'd.jsonl')).toThrow(/d\.jsonl:1: "time" must be an ISO 8601 date-time/);
    expect(() => parseDecisions(JSON.stringify({ ...decision(), points: 3 }), 'd.jsonl')).toThrow(/d\.jsonl:1: unknown field "points"/);
    expect(() => parseDecisions(JSON.stringify({ ...decision(), reviewer: '  ' }), 'd.jsonl')).toThrow(/d\.jsonl:1: "reviewer" must be a non-empty string/);
  });

  it('reads a JSON array written by hand and names the line each invalid element starts on', () => {
    const text = `[\n  ${JSON.stringify(decision())},\n  {\n    "student": "dave", "task": "3-scale_up",\n    "rule": "lb-pair", "status": "pass", "reviewer": "m", "time": "${TIME}"\n  },\n  {\n    "student": "erin"\n  }\n]\n`;
    expect(() => parseDecisions(text, 'decisions.json')).toThrow(/^decisions\.json:7: "task" must be a non-empty string/);
    expect(parseDecisions(text.replace(/,\n {2}\{\n {4}"student": "erin"\n {2}\}/, ''), 'decisions.json').map((d) => d.source)).toEqual(['decisions.json:2', 'decisions.json:3']);
    expect(() => parseDecisions('[\n{"student": "a",\n', 'decisions.json')).toThrow(/^decisions\.json:\d+: not valid JSON/);
    expect(() => parseDecisions('{"student":"a"}', 'decisions.json')).toThrow(/decisions\.json:1: not a JSON array/);
  });

  it('reads CSV as a spreadsheet saves it (BOM, CRLF, columns in any order, empty cells) and names the line', () => {
    const csv = '\uFEFFReviewer,student,task,rule,status,time,note\r\nann,carol,3-scale_up,diagram-present,pass,2026-12-01T10:00:00Z,\r\nann,dave,3-scale_up,lb-pair,fail,2026-12-01T10:05:00+01:00,"two LBs, not clustered"\r\n';
    const parsed = parseDecisions(csv, 'decisions.csv');
    expect(parsed.map((d) => [d.student, d.reviewer, d.note, d.source])).toEqual([
      ['carol', 'ann', '', 'decisions.csv:2'],
      ['dave', 'ann', 'two LBs, not clustered', 'decisions.csv:3'],
    ]);
    expect(() => parseDecisions(`${csv}ann,erin,3-scale_up,lb-pair,maybe,2026-12-01T10:00:00Z,\r\n`, 'decisions.csv')).toThrow(/^decisions\.csv:4: "status" must be one of/);
    expect(parseDecisions('student;task;rule;status;reviewer;time;note\ncarol;3-scale_up;lb-pair;fail;ann;2026-12-01T10:00:00Z;"one LB, no cluster"\n', 'decisions.csv')[0]).toMatchObject({ rule: 'lb-pair', status: 'fail', note: 'one LB, no cluster' });
    expect(() => parseDecisions('student,task,rule,status\ncarol,t,r,pass\n', 'decisions.csv')).toThrow(/^decisions\.csv:1: the header lacks the columns reviewer, time/);
    expect(() => parseDecisions('student,task,rule,status,reviewer,time\ncarol,t,r,pass\n', 'decisions.csv')).toThrow(/^decisions\.csv:2: not valid CSV/);
  });

  it('agrees with rules/decisions.schema.json on what a decision is', () => {
    const schema = JSON.parse(readFileSync(path.join(PROJECT, 'rules', 'decisions.schema.json'), 'utf8')) as object;
    const ajv = new Ajv({ allErrors: true });
    (addFormats as unknown as (a: Ajv) => void)(ajv);
    const validate = ajv.compile(schema);
    const samples: unknown[] = [
      decision(), decision({ status: 'partial', note: 'half', digest: 'abc=' }), { ...decision(), time: '2026-12-01T10:00:00.5+02:00' }, { ...decision(), time: '2026-12-01T10:00+02:00' },
      { ...decision(), status: 'manual' }, { ...decision(), time: '2026-12-01' }, { ...decision(), extra: 1 }, { ...decision(), note: 3 },
      { student: 'a' }, { ...decision(), student: '' }, { ...decision(), rule: ' ' }, { ...decision(), note: 'x'.repeat(4001) }, 'text', [],
    ];
    for (const sample of samples) {
      expect({ sample, valid: validate(sample) && !Array.isArray(sample) }).toEqual({ sample, valid: decisionProblem(sample) === null });
    }
  });
});

describe('the decisions in force', () => {
  it('keeps the latest decision of each rule by time, a tie going to the one written last', () => {
    const byStudent = latestByStudent([
      sourced({ status: 'fail', time: '2026-12-01T11:00:00Z' }, 'a:1'),
      sourced({ status: 'pass', time: '2026-12-01T10:00:00Z' }, 'a:2'),
      sourced({ rule: 'lb-pair', status: 'pass' }, 'a:3'),
      sourced({ rule: 'lb-pair', status: 'fail' }, 'a:4'),
      sourced({ student: 'dave', time: '2026-12-01T12:00:00+02:00' }, 'a:5'),
    ]);
    expect(byStudent.get('carol')!.map((d) => d.source).sort()).toEqual(['a:1', 'a:4']);
    expect(byStudent.get('dave')!.map((d) => d.source)).toEqual(['a:5']);
  });

  it('reads every decisions file of a folder and appends one decision per line, mending a missing newline', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'decisions.csv'), 'student,task,rule,status,reviewer,time\ncarol,3-scale_up,lb-pair,fail,ann,2026-12-01T09:00:00Z\n');
    writeFileSync(path.join(dir, 'decisions.jsonl'), JSON.stringify(decision()));
    appendDecision(dir, decision({ rule: 'server-added' }));
    expect(readFileSync(path.join(dir, 'decisions.jsonl'), 'utf8').split('\n')).toHaveLength(3);
    expect(readDecisions(dir).map((d) => `${path.basename(d.source)} ${d.rule}`)).toEqual(['decisions.csv:2 lb-pair', 'decisions.jsonl:1 diagram-present', 'decisions.jsonl:2 server-added']);
    expect(() => appendDecision(dir, decision({ status: 'maybe' as Decision['status'] }))).toThrow(/invalid decision: "status"/);
  });
});

describe('applying decisions to a record', () => {
  const rubric = loadRubric('3-scale_up');
  const settings: GradeSettings = { rubrics: [rubric], lint: {} };
  let record: StudentRecord;
  beforeAll(async () => {
    const cohort = makeCohort({ carol: 'image-only' });
    const outcome = await gradeStudent({ student: 'carol', dir: path.join(cohort, 'carol'), name: '', email: '', previous: null }, settings, settingsKey(settings));
    if ('reused' in outcome) throw new Error('not graded');
    record = outcome;
  });

  it('gives the decided rules their status and the engine\'s points, and totals the task again with the engine', () => {
    const task = record.tasks[0]!;
    const manual = task.rules.filter((r) => r.status === 'manual').map((r) => r.id);
    expect(manual.length).toBeGreaterThan(3);
    const before = JSON.stringify(record);
    const { record: decided, applied } = applyDecisions(record, manual.map((rule, i) => sourced({ rule, digest: record.digest!, status: i === 0 ? 'fail' : 'pass', note: i === 0 ? 'the <png> shows | no LB' : '' })));
    expect(applied).toHaveLength(manual.length);
    expect(JSON.stringify(record)).toBe(before);
    const t = decided.tasks[0]!;
    const first = t.rules.find((r) => r.id === manual[0])!;
    expect(first).toMatchObject({ status: 'fail', points: 0, decidedBy: 'mentor', decidedAt: TIME, note: 'the <png> shows | no LB' });
    expect(t.rules.find((r) => r.id === manual[1])).toMatchObject({ status: 'pass', points: t.rules.find((r) => r.id === manual[1])!.maxPoints });
    const expected = totalPoints(t.rules.map((r) => ({ status: r.status, weight: r.maxPoints, points: r.points })), t.threshold);
    expect({ score: t.score, manualPoints: t.manualPoints, verdict: t.verdict, passed: t.passed }).toEqual({ score: expected.score, manualPoints: 0, verdict: expected.verdict, passed: expected.passed });
    expect(t.score).toBe(100 - first.maxPoints);
    expect(decided.feedback).toMatch(/^## Reviewed by a mentor\n/);
    expect(decided.feedback).toContain(`**3-scale\\_up: ${t.score}/100 after review, passed** (threshold 70)`);
    expect(decided.feedback).toContain('the &lt;png&gt; shows \\| no LB');
    expect(decided.feedback).toContain(record.feedback);
    const entry = gradebookEntry(decided);
    expect(entry.tasks[0]!.final).toBe(t.score);
    expect(entry.tasks[0]!.rules[manual[0]!]).toMatchObject({ decidedBy: 'mentor', decidedAt: TIME, note: 'the <png> shows | no LB' });
    expect(gradebookEntry(record).tasks[0]!.final).toBeNull();
    const header = { infralint: 'grade-results' as const, version: '0', config: '', shard: { index: 1, count: 1 }, tasks: ['3-scale_up'], rules: { '3-scale_up': task.rules.map((r) => r.id) } };
    expect(new GradebookCsv(header).head().trim().split(',').at(-1)).toBe('final');
    expect(new GradebookCsv(header).rows(entry, undefined).trim().split(',').at(-1)).toBe(String(t.score));
  });

  it('flags a decision made on other content as stale and leaves the rule awaiting a person', () => {
    const { record: decided, applied, stale } = applyDecisions(record, [sourced({ digest: 'an-older-digest' })]);
    expect(applied).toEqual([]);
    expect(stale.map((d) => d.rule)).toEqual(['diagram-present']);
    expect(decided.tasks[0]!.rules.find((r) => r.id === 'diagram-present')!.status).toBe('manual');
    expect(decided.tasks[0]!.score).toBe(record.tasks[0]!.score);
    expect(gradebookEntry(decided).staleDecisions).toEqual([{ task: '3-scale_up', rule: 'diagram-present', status: 'pass', decidedBy: 'mentor', decidedAt: TIME }]);
    // Written by hand without a digest: nothing to compare, applied.
    expect(applyDecisions(record, [sourced()]).applied).toHaveLength(1);
  });

  it('sets aside, at the end of a run, the decisions about students it had no record of, and only those', () => {
    const dir = tmp();
    for (const student of ['carol', 'ghost', 'carol']) appendDecision(dir, decision({ student, digest: record.digest! }));
    const inForce = DecisionsInForce.load(dir);
    const layout = gradebookLayout([rubric]);
    for (const student of ['alice', 'carol', 'bob']) inForce.decideDigest(digestRecord({ ...record, student }, layout), layout);
    const outcome = inForce.result();
    expect(outcome.applied).toBe(1);
    expect(outcome.setAside.map((s) => [s.student, s.why])).toEqual([['ghost', 'no such student in this run']]);
  });

  it('sets aside decisions about rules the tool graded, unknown rules, and partial credit the rubric does not grant', () => {
    const graded = record.tasks[0]!.rules.find((r) => r.status !== 'manual')!;
    const partialRule = record.tasks[0]!.rules.find((r) => r.status === 'manual' && r.partialCredit);
    const noPartial = record.tasks[0]!.rules.find((r) => r.status === 'manual' && !r.partialCredit)!;
    const { applied, setAside } = applyDecisions(record, [
      sourced({ rule: graded.id }),
      sourced({ rule: 'no-such-rule' }),
      sourced({ task: '2-secured', rule: 'firewalls' }),
      sourced({ rule: noPartial.id, status: 'partial' }),
      ...(partialRule ? [sourced({ rule: partialRule.id, status: 'partial' })] : []),
    ]);
    expect(setAside.map((s) => s.why)).toEqual([
      `the rule no longer awaits a person (infralint graded it: ${graded.status})`,
      'no rule no-such-rule in task 3-scale_up of this run',
      'no rule firewalls in task 2-secured of this run',
      'the rubric grants no partial credit for this rule (decide pass or fail)',
    ]);
    // carried-over grants partial credit: half its points.
    expect(partialRule?.id).toBe('carried-over');
    const half = applyDecisions(record, [sourced({ rule: 'carried-over', status: 'partial' })]).record.tasks[0]!.rules.find((r) => r.id === 'carried-over')!;
    expect(half.points).toBe(Math.round(half.maxPoints * 50) / 100);
    expect(applied.map((d) => d.status)).toEqual(['partial']);
  });
});
