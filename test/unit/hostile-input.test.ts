import { spawnSync } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runAction } from '../../src/action/run-action.js';
import { lintSubmission, lintText } from '../../src/api/lint-submission.js';
import { parseDiagram } from '../../src/diagrams/parse-diagram.js';
import { parseMarkdown } from '../../src/markdown/parse-markdown.js';
import { formatReport, FORMATS } from '../../src/reporters/index.js';
import { BIN, FIXTURES } from '../helpers/paths.js';
import { tempRepo } from '../helpers/cohort.js';

/**
 * The defects an adversarial run found (issue 18), each kept with the input that showed it. Time
 * bounds are 100 times what the input costs now and far below what it cost then (15 s to 75 s of
 * CPU): they catch a return of the super-linear time, not a slow machine. Timings proper are
 * measured by `npm run bench:adversarial`.
 */
const BOUND_MS = 5000;

async function cpuMs(run: () => Promise<unknown>): Promise<number> {
  const start = process.cpuUsage();
  await run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

const fenced = (diagram: string) => `# 3-scale_up\n\n\`\`\`mermaid\n${diagram}\n\`\`\`\n`;
const text = (markdown: string) => lintText(markdown, { rubric: '3-scale_up' });
const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'infralint-hostile-'));

const repo = (files: Record<string, string>) => tempRepo(files, 'infralint-hostile-');

describe('super-linear time on small inputs (each was 15 s to 75 s of CPU)', () => {
  const cases: [string, () => Promise<unknown>][] = [
    ['31 `https://a` then a word, beside a GitHub link (exponential regex)', () => text(`# 3\n\nhttps://github.com/me/repo/blob/main/nothere.md\n\n${'https://a'.repeat(31)} x\n`)],
    ['`flowchart TD` then 100 KB of blank lines (%% comment regex)', () => text(fenced(`flowchart TD${'\n'.repeat(100_000)}`))],
    ['`A[a<` then 100 KB of `x` (HTML tag regexes)', () => text(fenced(`flowchart TD\nA[a<${'x'.repeat(100_000)}`))],
    ['`A & A & ... --> B` (list copies in the grammar, edges past the cap)', () => text(fenced(`flowchart TD\n${Array(25_000).fill('A').join(' & ')} --> B`))],
    ['one line `A-->A-->...` of 128 KB (statement node lists)', () => text(fenced(`flowchart TD\n${Array(32_000).fill('A').join('-->')}`))],
    ['`A--` then 100 KB of dashes (mend regex)', () => text(fenced(`flowchart TD\nA--${'-'.repeat(100_000)}`))],
    ['`<div>` then `<p ` and 150 KB of `<` (markdown tag stripping)', () => text(`<div>\n<p ${'<'.repeat(150_000)}`)],
    ['400 KB of `<img ` (markdown img regex, Mermaid tag regex)', async () => {
      parseMarkdown(`<img ${'<img '.repeat(80_000)}`);
      await parseDiagram('<img '.repeat(80_000));
    }],
    ['`style:#` 2,000 times (cubic style regex)', () => text(fenced(`flowchart TD\n${'style:#'.repeat(2000)}`))],
    ['`classDef x` and 20,000 `:#` (cubic classDef regex)', () => text(fenced(`flowchart TD\nA\nclassDef x ${':#'.repeat(20_000)}`))],
    ['`A["<p` and 40,000 `p` (sanitiser tag regex)', () => text(fenced(`flowchart TD\nA["<p${'p'.repeat(40_000)}"]`))],
    ['10,000 nested subgraphs', () => text(fenced(`flowchart TD\n${'subgraph s\n'.repeat(10_000)}A\n${'end\n'.repeat(10_000)}`))],
    ['100,000 `[`', () => text(fenced(`flowchart TD\n${'['.repeat(100_000)}`))],
    ['50,000 unclosed quotes', () => text(fenced(`flowchart TD\n${'A["x\n'.repeat(50_000)}`))],
    ['50,000 `%%` comment lines and `<br>`s', () => text(fenced(`flowchart TD\n${'%% c\n'.repeat(50_000)}A["${'a<br>'.repeat(50_000)}"]`))],
    ['a sequence diagram with 50,000 `else` sections', () => text(fenced(`sequenceDiagram\nalt x\n${'A->>B: m\nelse y\n'.repeat(50_000)}end`))],
    ['`->` followed by 100 KB of spaces in a sequence diagram (mend regex)', () => text(fenced(`sequenceDiagram\nA->${' '.repeat(100_000)}`))],
    // Found by the adversarial suite's fuzzer (bench/adversarial.mjs), each a few seconds to minutes before.
    ['16,000 GitHub links (the only-links test per link)', () => text(`# 3\n\n${'https://github.com/a/b/blob/main/x.md '.repeat(16_000)}\n`)],
    ['a 120 KB id, `-x-->` and a label to quote (the id before an opener)', () => text(fenced(`graph TD;A_${'sequenceDiagram'.repeat(8000)}-x-->B(((This node ));`))],
    ['`graph T`, 60,000 tabs and `D` (the lexer\'s direction state)', () => text(fenced(`graph T${'\t'.repeat(60_000)}D`))],
    ['10,000 title lines in a row (a chain of titles)', () => text(`# t\n\nSome intro text here.\n${'Loop x\n'.repeat(10_000)}`)],
    ['an indented line of 200,000 dashes (ASCII-art test)', () => text(`# 3\n\n    ${'-'.repeat(200_000)}\n`)],
    ['one sentence of 8,000 coordinators (clause splitting)', () => text(`# 3\n\n${'nginx serves files and it forwards requests and the db stores data '.repeat(4000)}\n`)],
    ['one sentence of runs of spaces, coordinators and arrows (clause splitting)', () => text(`# 3\n\n${'(nginx serves files and it forwards requests ;   a ->    b '.repeat(4000)}\n`)],
    ['100,000 closers after a label (the closers ending a quoted label)', () => text(fenced(`flowchart TD\nA[/x] -->|y| B(z${'}'.repeat(100_000)}`))],
    ['a message to a participant named with 64 KB of spaces (the arrow test of a label\'s roles)', () => text(fenced(`sequenceDiagram\nAlice->>+John: Hello\nJohn-->>-Ali${' '.repeat(64_000)}ce: `))],
    ['a label of 7,000 `[` then 30,000 U+2028 (the arrow after a label, found from every separator)', () => text(fenced(`flowchart TD\nA-->B[a call${'['.repeat(7000)}${'\u2028'.repeat(30_000)}x`))],
    ['250,000 `#35;` in an architecture diagram (Mermaid\'s own parser)', () => text(fenced(`architecture-beta\n    service a(server)[A]\n    ${'#35;'.repeat(250_000)}`))],
  ];
  for (const [name, run] of cases) {
    it(name, async () => {
      expect(await cpuMs(run)).toBeLessThan(BOUND_MS);
    });
  }

  it('a GitHub link with 20,000 path segments (repo-path segment loop)', async () => {
    const root = repo({ 'web_infrastructure_design/3-scale_up.md': `# 3\n\n[x](https://github.com/a/b/blob/main/${'a/'.repeat(20_000)}x.md)\n` });
    expect(await cpuMs(() => lintSubmission(root))).toBeLessThan(BOUND_MS);
  });
});

describe('crashes (each was "internal error", exit 2)', () => {
  it('`architecture-beta` then a bare `service` line', async () => {
    const r = await text(fenced('architecture-beta\nservice\n'));
    expect(r.rules.find((x) => x.id === 'diagram-renders')!.status).toBe('fail');
  });

  it('a link with a broken percent-encoding (`%E0%A4`)', async () => {
    const root = repo({ 'web_infrastructure_design/3-scale_up.md': '# 3\n\n[a](https://github.com/a/b/blob/main/%E0%A4.md) [b](%E0%A4.md) ![c](%E0%A4.png)\n' });
    const report = await lintSubmission(root);
    expect(report.results[0]!.score).toBeGreaterThanOrEqual(0);
  });

  it('a sequence diagram with 12,000 nested `loop` blocks', async () => {
    const r = await text(fenced(`sequenceDiagram\n${'loop x\n'.repeat(12_000)}A->>B: hi\n${'end\n'.repeat(12_000)}`));
    expect(r.rules.length).toBeGreaterThan(0);
  });
});

describe('named pipes never block (each blocked forever in open(2))', () => {
  const check = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, NO_COLOR: '1' } });
  const fifo = (file: string) => execFileSync('mkfifo', [file]);

  it('a sibling `3-scale_up.mmd`, a linked `.md` and the task file symlinked to a pipe', () => {
    const root = repo({ 'web_infrastructure_design/3-scale_up.md': '# 3\n\nSee [the diagram](linked.md).\n' });
    fifo(path.join(root, 'web_infrastructure_design', '3-scale_up.mmd'));
    fifo(path.join(root, 'web_infrastructure_design', 'linked.md'));
    const r = check(['check', root]);
    expect(r.error).toBeUndefined();
    expect(r.stdout).toMatch(/3-scale_up\.mmd is not a regular file/);
    expect(r.stdout).toMatch(/linked\.md is not a regular file/);

    const other = repo({});
    mkdirSync(path.join(other, 'web_infrastructure_design'));
    fifo(path.join(other, 'pipe'));
    symlinkSync('../pipe', path.join(other, 'web_infrastructure_design', '3-scale_up.md'));
    const s = check(['check', other]);
    expect(s.error).toBeUndefined();
    expect(s.stdout).toMatch(/3-scale_up\.md is not a regular file/);
  });

  it('the README of a Mermaid-native project, and the argument of check and parse', () => {
    const root = tmp();
    cpSync(path.join(FIXTURES, 'native-complete'), root, { recursive: true });
    rmSync(path.join(root, 'web_infrastructure_design', 'README.md'));
    fifo(path.join(root, 'web_infrastructure_design', 'README.md'));
    expect(check(['check', root]).error).toBeUndefined();
    const pipe = path.join(tmp(), 'p.md');
    fifo(pipe);
    expect(check(['check', pipe]).error).toBeUndefined();
    const parse = check(['parse', pipe]);
    expect(parse.error).toBeUndefined();
    expect(parse.stderr).toMatch(/not a regular file/);
  });
});

describe('student text never reaches a terminal raw, nor fakes a line of a report', () => {
  const ESC = '\u001b';
  const payloads = [`${ESC}]52;c;ZXZpbA==\u0007`, `${ESC}]8;;https://evil.example/${ESC}\\click${ESC}]8;;${ESC}\\`, `${ESC}[2J`, '\u009b2J', '\u202eevil'];
  const root = repo({
    'web_infrastructure_design/3-scale_up.md': `# 3 ${payloads[2]}\n\n\`\`\`mermaid\nflowchart TD\n  U[User ${payloads[0]}] --> LB[HAProxy ${payloads[1]}]\n  LB --> W[Web ${payloads[3]}${payloads[4]}]\n  X[bad ${payloads[2]} -->\n\`\`\`\n\n![d ${payloads[0]}](missing-${payloads[2]}.png)\n`,
    [`web_infrastructure_design/3-scale_up_x\n## infralint: 3-scale_up — 100 of 100, **passed** ${ESC}[2J.md`]: '```mermaid\nflowchart TD\n  A[x -->\n```\n',
  });

  for (const format of FORMATS) {
    it(`${format}: no control character, no line of the student's making`, async () => {
      const report = await lintSubmission(root);
      const out = formatReport(report, format, { env: { NO_COLOR: '1' }, isTTY: false });
      // The file name is shown where findings are listed by file...
      if (format !== 'csv' && format !== 'sarif') expect(out).toMatch(/100 of 100/);
      // ...with its control characters written out, never raw (tab and line feed are layout).
      expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
      // No line starts with the heading the file name carries (a fake score in the feedback file).
      expect(out).not.toMatch(/^\s*## infralint: 3-scale_up — 100 of 100/m);
    });
  }
});

describe('the Action reads its settings only as bounded regular files of the workspace', () => {
  const action = async (workspace: string, inputs: Record<string, string> = {}) => {
    const written: string[] = [];
    const env: Record<string, string> = { GITHUB_WORKSPACE: workspace };
    for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
    const code = await runAction(env, (t) => written.push(t));
    return { code, out: written.join('') };
  };
  const workspace = () => {
    const root = tmp();
    cpSync(path.join(FIXTURES, 'complete-flowchart'), root, { recursive: true });
    writeFileSync(path.join(root, 'secret.txt'), 'TOP-SECRET-MARKER');
    return root;
  };

  it('refuses a rubric linked to a file outside (never quoting it)', async () => {
    const root = workspace();
    const outside = path.join(tmp(), 'passwd');
    writeFileSync(outside, 'root:TOP-SECRET-MARKER:0:0');
    symlinkSync(outside, path.join(root, 'rubric.json'));
    const r = await action(root, { task: 'rubric.json' });
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/rubric rubric\.json: it is a symbolic link/);
    expect(r.out).not.toMatch(/TOP-SECRET|root:/);
  });

  it('refuses a configuration linked to /dev/zero at once, and a device or a huge file', async () => {
    const root = workspace();
    symlinkSync('/dev/zero', path.join(root, '.infralintrc.json'));
    const r = await action(root);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/\.infralintrc\.json: it is a symbolic link/);
    rmSync(path.join(root, '.infralintrc.json'));
    writeFileSync(path.join(root, '.infralintrc.json'), `{"rules":{},"x":"${'a'.repeat(2 * 1024 * 1024)}"}`);
    expect((await action(root)).out).toMatch(/over the limit/);
  });

  it('refuses a rubric named by an absolute path, by `../` or by the configuration outside the workspace, or under a linked folder', async () => {
    const root = workspace();
    const outside = tmp();
    writeFileSync(path.join(outside, 'rubric.json'), '{"TOP-SECRET-MARKER":1}');
    for (const task of [path.join(outside, 'rubric.json'), path.relative(root, path.join(outside, 'rubric.json'))]) {
      const r = await action(root, { task });
      expect([task, r.code]).toEqual([task, 2]);
      expect(r.out).toMatch(/it lies outside the workspace/);
      expect(r.out).not.toMatch(/TOP-SECRET/);
    }
    writeFileSync(path.join(root, '.infralintrc.json'), JSON.stringify({ rubric: path.relative(root, path.join(outside, 'rubric.json')) }));
    expect((await action(root)).out).toMatch(/rubric .*rubric\.json: it lies outside the workspace/);
    rmSync(path.join(root, '.infralintrc.json'));
    symlinkSync(outside, path.join(root, 'settings'));
    const linked = await action(root, { task: 'settings/rubric.json' });
    expect(linked.out).toMatch(/it lies outside the workspace/);
    expect(linked.out).not.toMatch(/TOP-SECRET/);
  });

  it('refuses a rubric that is a named pipe or a folder at once (a pipe opened would block)', async () => {
    const root = workspace();
    execFileSync('mkfifo', [path.join(root, 'rubric.json')]);
    const started = performance.now();
    expect((await action(root, { task: 'rubric.json' })).out).toMatch(/rubric rubric\.json: it is not a regular file \(a named pipe/);
    expect(performance.now() - started).toBeLessThan(10_000);
    mkdirSync(path.join(root, 'conf.json'));
    expect((await action(root, { task: 'conf.json' })).out).toMatch(/rubric conf\.json: it is a directory/);
  });

  it('says where a configuration is not JSON, never what it holds', async () => {
    const root = workspace();
    writeFileSync(path.join(root, '.infralintrc.json'), 'TOP-SECRET-MARKER');
    const r = await action(root);
    expect(r.out).toMatch(/\.infralintrc\.json: it is not valid JSON/);
    expect(r.out).not.toMatch(/TOP-SECRET/);
  });
});
