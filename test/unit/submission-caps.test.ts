import { lintSubmission } from '../../src/api/lint-submission.js';
import { describeSimilar, similarByStudent } from '../../src/grade/gradebook.js';
import type { SimilarityResult } from '../../src/grade/similarity/find-similar.js';
import { LIMITS } from '../../src/submission/limits.js';
import { NEAREST_CELLS } from '../../src/submission/nearest-file.js';
import { tempRepo } from '../helpers/cohort.js';

/**
 * Issue 18, item 7: every count a submission controls has a cap (src/submission/limits.ts, README
 * "Limits"), and reaching one is a finding, never a slower run nor silence. Each case goes one past
 * its cap.
 */
const DIR = 'web_infrastructure_design';
const fenced = (diagram: string) => `\`\`\`mermaid\n${diagram}\n\`\`\`\n`;

const repo = (files: Record<string, string>) => tempRepo(files, 'infralint-caps-');

async function findings(root: string): Promise<string[]> {
  const report = await lintSubmission(root);
  return report.results[0]!.rules.flatMap((rule) => rule.findings.map((f) => f.message));
}

async function cpuMs<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = process.cpuUsage();
  const value = await run();
  const used = process.cpuUsage(start);
  return { value, ms: (used.user + used.system) / 1000 };
}

const task = (text: string) => ({ [`${DIR}/3-scale_up.md`]: `# 3-scale_up\n\n${text}` });

describe('caps on what a submission can make infralint read, each a finding when reached', () => {
  it(`files of one task: ${LIMITS.files}`, async () => {
    const files: Record<string, string> = task(fenced('flowchart TD\nU --> LB'));
    for (let k = 0; k < LIMITS.files + 5; k++) files[`${DIR}/3-scale_up_part${k}.md`] = `part ${k}\n`;
    expect(await findings(repo(files))).toContainEqual(expect.stringMatching(`Not everything was read: more than ${LIMITS.files} files belong to this task`));
  });

  it(`bytes of one task, all files: ${LIMITS.bytes / 1024 / 1024} MiB`, async () => {
    const files: Record<string, string> = task(fenced('flowchart TD\nU --> LB'));
    // Checked before each file: the file that crosses the cap is read, the ones after it are not.
    for (let k = 0; k < 10; k++) files[`${DIR}/3-scale_up_part${k}.md`] = `<!-- ${'x'.repeat(1_000_000)} -->\n`;
    expect(await findings(repo(files))).toContainEqual(expect.stringMatching(`this task's files hold more than ${LIMITS.bytes / 1024 / 1024} MiB`));
  });

  it(`links of one file: ${LIMITS.linksPerFile}`, async () => {
    const links = Array.from({ length: LIMITS.linksPerFile + 1 }, (_, k) => `[l${k}](https://example.com/${k})`).join('\n');
    expect(await findings(repo(task(links)))).toContainEqual(expect.stringMatching(`3-scale_up.md holds ${LIMITS.linksPerFile + 1} links`));
  });

  it(`Mermaid diagrams of one task: ${LIMITS.diagrams}`, async () => {
    const diagrams = Array.from({ length: LIMITS.diagrams + 1 }, (_, k) => fenced(`flowchart TD\nA${k} --> B${k}`)).join('\n');
    expect(await findings(repo(task(diagrams)))).toContainEqual(expect.stringMatching(`more than ${LIMITS.diagrams} Mermaid diagrams belong to this task`));
  });

  it(`boxes the graph rules read: ${LIMITS.boxes}; links of one diagram: ${LIMITS.links}`, async () => {
    const boxes = fenced(`flowchart TD\n${Array.from({ length: LIMITS.boxes + 1 }, (_, k) => `N${k}`).join('\n')}`);
    expect(await findings(repo(task(boxes)))).toContainEqual(expect.stringMatching(`the diagrams hold more than ${LIMITS.boxes} boxes .*\\(1 boxes and 0 links of this diagram`));
    const messages = fenced(`sequenceDiagram\n${'A->>B: hello\n'.repeat(LIMITS.links + 1)}`);
    expect(await findings(repo(task(messages)))).toContainEqual(expect.stringMatching(`a diagram more than ${LIMITS.links} links \\(0 boxes and 1 links of this diagram`));
  });

  it(`architecture-beta bytes of one task: ${LIMITS.architectureBytes / 1024} KB`, async () => {
    const one = fenced(`architecture-beta\n    service a(server)[A]\n${'    %% a comment line\n'.repeat(2500)}`);
    expect(await findings(repo(task([one, one, one].join('\n'))))).toContainEqual(expect.stringMatching(`the architecture-beta diagrams of this task hold more than ${LIMITS.architectureBytes / 1024} KB`));
  });

  it(`the nearest file of missing links: ${NEAREST_CELLS / 1e6} million characters of names compared, then same names only`, async () => {
    // 500 links to missing images beside 2,000 images of long names took more than ten minutes.
    const long = 'x'.repeat(100);
    const files: Record<string, string> = task(`${Array.from({ length: 499 }, (_, k) => `![d](y${long}q${k}.png)`).join('\n')}\n![d](3-Scale_Up.png)\n`);
    for (let k = 0; k < 2000; k++) files[`${DIR}/${long}${k}.png`] = '';
    files[`${DIR}/other/3-scale_up.png`] = '';
    const root = repo(files);
    const { value, ms } = await cpuMs(() => findings(root));
    // 0.5 s of CPU built, a few seconds under ts-jest: the bound catches the unbounded search, not a slow machine.
    expect(ms).toBeLessThan(30_000);
    expect(value).toContainEqual(expect.stringMatching(/links to so many missing files, among so many others, that from line 3 on only a file of the same name is suggested/));
    // After the budget, a file of the same name in another case or folder is still found.
    expect(value).toContainEqual(expect.stringMatching(/The image `3-Scale_Up.png` is not where the link says .*the nearest file is `web_infrastructure_design\/other\/3-scale_up.png`/));
  }, 90_000);
});

describe('caps on what a similar group makes a row or the report list', () => {
  it('a student\'s row names 10 members of their group and counts the rest', () => {
    const students = Array.from({ length: 400 }, (_, k) => `s${String(k).padStart(3, '0')}`);
    const result = { groups: [{ id: 1, students, score: 1, prose: { a: 's000', b: 's001', score: 1 }, graph: null }] } as unknown as SimilarityResult;
    const rows = similarByStudent(result);
    expect(rows.size).toBe(400);
    const row = rows.get('s200')!;
    expect(row[0]!.students).toHaveLength(10);
    expect(row[0]!.count).toBe(399);
    expect(describeSimilar(row)).toMatch(/^group 1 with s000, s001, .*, s009 and 389 more \(text 1\)$/);
  });
});
