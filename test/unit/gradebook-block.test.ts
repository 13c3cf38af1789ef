import { parse } from 'csv-parse/sync';
import { spreadsheetSafe } from '../../src/reporters/csv.js';
import { describeSimilar, GradebookCsv, joinRow, ProjectCsv, projectTotal, similarCell, type GradebookEntry, type GradebookLayout, type SimilarTo } from '../../src/grade/gradebook.js';
import { gradebookBlock, gradebookBlockParts } from '../../src/grade/gradebook-block.js';

const layout: GradebookLayout = { tasks: ['2-secured_and_monitored_web_infrastructure', '3-scale_up'], rules: { '2-secured_and_monitored_web_infrastructure': ['firewalls', 'https'], '3-scale_up': ['https', 'load-balancer-cluster'] } };
// Cells that need quoting, formula starts and a line break: every part must render them as one whole row would.
const entry = {
  student: 'ann-1',
  name: 'Ann, "the" =1+1\nsecond line',
  email: '@ann@example.com',
  status: 'graded',
  error: '',
  tasks: [{
    task: '3-scale_up', path: '3-scale_up.md', score: 87.5, maxScore: 100, manualPoints: 0, threshold: 70, passed: true, verdict: 'passed', final: 87.5,
    rules: { https: { status: 'pass', points: 10, maxPoints: 10, message: 'ok, "fine"' }, 'load-balancer-cluster': { status: 'manual', points: 0, maxPoints: 5, message: '-x' } },
  }],
} as unknown as GradebookEntry;
const similar: SimilarTo[] = [{ group: 2, students: ['bob', '=carol'], count: 2, score: 0.93, evidence: ['text', 'graph'] }];

describe('gradebook blocks: a student\'s rows rendered by a worker, joined with similar_to by the main thread', () => {
  const parts = gradebookBlockParts(gradebookBlock(entry, layout));
  const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

  it('gives gradebook.csv rows whose cells read back as the entry\'s, with the similar_to cell in its column', () => {
    const rows = parts.rows.map(([before, after]) => `${text(before)},${similarCell(similar)},${text(after)}`).join('');
    const csv = new GradebookCsv(layout);
    expect(rows).toBe(csv.rows(entry, similar));
    const head = parse(csv.head()) as string[][];
    const cells = parse(rows) as string[][];
    expect(cells).toHaveLength(2);
    const row = Object.fromEntries(head[0]!.map((column, i) => [column, cells[1]![i]]));
    expect(row).toMatchObject({ name: spreadsheetSafe(entry.name), email: `'@ann@example.com`, task: '3-scale_up', score: '87.5', https: '10', 'load-balancer-cluster': 'manual', similar_to: spreadsheetSafe(describeSimilar(similar)), final: '87.5' });
    // The task the student lacks is a row of its own, with the same similar_to cell.
    expect(cells[0]![head[0]!.indexOf('similar_to')]).toBe(spreadsheetSafe(describeSimilar(similar)));
  });

  it('gives project.csv\'s row, with and without a group', () => {
    const project = new ProjectCsv(layout);
    expect(joinRow({ before: text(parts.project[0]), after: text(parts.project[1]) }, similarCell(similar))).toBe(project.row(entry, similar));
    const alone = `${text(parts.project[0])},${similarCell(undefined)},${text(parts.project[1])}`;
    expect(alone).toBe(project.row(entry, undefined));
    expect((parse(alone) as string[][])[0]).toHaveLength((parse(project.head()) as string[][])[0]!.length);
  });

  it('gives the student\'s object of gradebook.json once its similarTo member is added', () => {
    const object = JSON.parse(`${text(parts.json)},"similarTo":${JSON.stringify(similar)}}`) as unknown;
    expect(object).toEqual({ ...entry, project: projectTotal(entry, layout.tasks), similarTo: similar });
    expect(JSON.parse(text(parts.entry))).toEqual(entry);
  });

  it('refuses a block it did not write', () => {
    const block = gradebookBlock(entry, layout);
    expect(() => gradebookBlockParts(block.subarray(0, block.byteLength - 1))).toThrow('a gradebook block infralint did not write');
  });
});
