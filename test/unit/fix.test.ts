import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lintSubmission, lintText } from '../../src/api/lint-submission.js';
import { FIXABILITY } from '../../src/diagrams/fixability.js';
import { parseDiagram } from '../../src/diagrams/parse-diagram.js';
import { fixDiagram, MAX_FIX_CHARS } from '../../src/fix/fix-diagram.js';
import { lostFromGraph } from '../../src/fix/graph-kept.js';
import { unifiedDiff } from '../../src/fix/line-diff.js';
import type { TextFix } from '../../src/fix/model.js';
import { applyEdits } from '../../src/fix/text-edit.js';
import type { Finding } from '../../src/types.js';

/** RuleTester-style: the code Mermaid's error gets, the diagram, and the text --fix leaves. */
const CASES: { code: string; input: string; output: string }[] = [
  { code: 'unquoted-parenthesis-in-label', input: 'flowchart LR\n  DB[Database (MySQL)] --> B', output: 'flowchart LR\n  DB["Database (MySQL)"] --> B' },
  { code: 'unquoted-parenthesis-in-label', input: 'flowchart LR\n  A -->|SQL (read)| B', output: 'flowchart LR\n  A -->|"SQL (read)"| B' },
  { code: 'unquoted-parenthesis-in-label', input: 'flowchart TB\n  subgraph s1 [Servers (prod)]\n    A --> B\n  end', output: 'flowchart TB\n  subgraph s1 ["Servers (prod)"]\n    A --> B\n  end' },
  { code: 'unquoted-special-in-label', input: 'flowchart LR\n  A[He said "hi"] --> B', output: 'flowchart LR\n  A["He said #quot;hi#quot;"] --> B' },
  { code: 'unquoted-special-in-label', input: 'flowchart LR\n  A[List [a, b]] --> B', output: 'flowchart LR\n  A["List [a, b]"] --> B' },
  { code: 'single-dash-arrow', input: 'flowchart LR\n  A -> B\n  B --> C', output: 'flowchart LR\n  A --> B\n  B --> C' },
  { code: 'end-as-node-id', input: 'flowchart LR\n  A --> end', output: 'flowchart LR\n  A --> End' },
  { code: 'end-as-node-id', input: 'flowchart LR\n  A --> end\n  End2 --> end', output: 'flowchart LR\n  A --> End\n  End2 --> End' },
  { code: 'space-before-shape', input: 'flowchart LR\n  DB [Database] --> B', output: 'flowchart LR\n  DB[Database] --> B' },
  { code: 'comment-after-statement', input: 'flowchart LR\n  A --> B %% main path\n  B --> C', output: 'flowchart LR\n  %% main path\n  A --> B\n  B --> C' },
  { code: 'bad-direction', input: 'graph lr\n  A --> B', output: 'graph LR\n  A --> B' },
  { code: 'misspelt-diagram-type', input: 'Flowchart LR\n  A --> B', output: 'flowchart LR\n  A --> B' },
  { code: 'misspelt-diagram-type', input: 'grpah TD\n  A --> B', output: 'graph TD\n  A --> B' },
  { code: 'misspelt-diagram-type', input: 'graphTD\n  A --> B', output: 'graph TD\n  A --> B' },
  { code: 'misspelt-diagram-type', input: 'sequencediagram\n  A->>B: hi', output: 'sequenceDiagram\n  A->>B: hi' },
  { code: 'message-without-colon', input: 'sequenceDiagram\n  participant LB1\n  U->>LB1 HTTPS request', output: 'sequenceDiagram\n  participant LB1\n  U->>LB1: HTTPS request' },
  { code: 'message-without-colon', input: 'sequenceDiagram\n  A->>B: hi\n  Note over A the end', output: 'sequenceDiagram\n  A->>B: hi\n  Note over A: the end' },
  { code: 'missing-header', input: '\n---\ntitle: Flow\n---\nsequenceDiagram\n  A->>B: hi', output: '---\ntitle: Flow\n---\nsequenceDiagram\n  A->>B: hi' },
  { code: 'front-matter-not-first', input: '\n---\ntitle: Web\n---\nflowchart LR\n  A --> B', output: '---\ntitle: Web\n---\nflowchart LR\n  A --> B' },
];

describe('fixDiagram: one safe repair per error code', () => {
  it.each(CASES.map((c) => [c.code, c] as const))('%s', async (code, c) => {
    const before = await parseDiagram(c.input);
    expect(before.errors[0]?.code).toBe(code);
    const out = await fixDiagram(c.input);
    expect(out).toMatchObject({ fixed: true, text: c.output });
    expect((await parseDiagram(c.output)).valid).toBe(true);
  });

  it('repairs several mistakes of one diagram, one after the other', async () => {
    const out = await fixDiagram('Flowchart LR\n  U[User] -> LB[HAProxy (LB1)]\n  LB --> end');
    expect(out).toMatchObject({ fixed: true, text: 'flowchart LR\n  U[User] --> LB["HAProxy (LB1)"]\n  LB --> End' });
    expect(out.fixed && out.steps.map((s) => s.code)).toEqual(['misspelt-diagram-type', 'single-dash-arrow', 'unquoted-parenthesis-in-label', 'end-as-node-id']);
  });

  it('leaves a diagram that parses, and one whose error has no safe fix', async () => {
    expect(await fixDiagram('flowchart LR\n  A --> B')).toMatchObject({ fixed: false });
    expect(await fixDiagram('flowchart LR\n  subgraph S\n  A --> B')).toMatchObject({ fixed: false, reason: 'not-fixable', code: 'unclosed-subgraph' });
    // Fixable first, then an error no fix answers: nothing is half-fixed.
    expect(await fixDiagram('flowchart LR\n  A -> B\n  C -->')).toMatchObject({ fixed: false, reason: 'not-fixable' });
  });

  it('repairs a mistake repeated on many lines in one step, and leaves a diagram too large to re-parse step by step', async () => {
    const out = await fixDiagram(`flowchart LR\n${'A -> B\n'.repeat(40)}`);
    expect(out.fixed && out.steps.map((s) => `${s.code}:${s.line}`)).toEqual(Array.from({ length: 40 }, (_, k) => `single-dash-arrow:${k + 2}`));
    expect(await fixDiagram(`flowchart LR\n${'A -> B\n'.repeat(MAX_FIX_CHARS / 7)}`)).toMatchObject({ fixed: false, reason: 'too-large' });
  });

  it('refuses a fix that would lose a component the student drew', async () => {
    // Quoting the first label up to the last `]` of the line would swallow the node B and its arrow.
    const out = await fixDiagram('flowchart LR\n  A[Web (Nginx)] ] B -> C[App (Gunicorn)]\n');
    expect(out).toMatchObject({ fixed: false, reason: 'graph-lost' });
    // A trailing comment Mermaid reads as nodes after `;` is no node of the student's: moved, not refused.
    expect(await fixDiagram('flowchart LR\n  A --> B; %% cache --> C')).toMatchObject({ fixed: true, text: 'flowchart LR\n  %% cache --> C\n  A --> B;' });
  });

  it('closes a label left open where it ends, and keeps what the open label had swallowed', async () => {
    const cases: [string, string][] = [
      ['  A[Client --> B[Server]', '  A[Client] --> B[Server]'],
      ['  A[Web Server) --> B', '  A[Web Server] --> B'],
      ['  A[Web (x) --> B', '  A["Web (x)"] --> B'],
      ['  A --> B[(MySQL)\n  B --> C', '  A --> B[(MySQL)]\n  B --> C'],
      ['  b[cache:::hot;\n  a --> b', '  b[cache]:::hot;\n  a --> b'],
      ['  LB -->|HTTP requests S1[Server 1]', '  LB -->|HTTP requests| S1[Server 1]'],
      ['  LB["Load balancer] --> S1', '  LB["Load balancer"] --> S1'],
      ['  A["the "primary" DB"] --> B', '  A["the #quot;primary#quot; DB"] --> B'],
      ['  A[HTTP | HTTPS] --> B', '  A["HTTP | HTTPS"] --> B'],
      ['  subgraph DMZ [/Public zone]\n    A\n  end', '  subgraph DMZ ["/Public zone"]\n    A\n  end'],
      ['  A[a] --> B[b]\n  end\n  B --> C', '  A[a] --> B[b]\n  B --> C'],
    ];
    for (const [broken, fixed] of cases) {
      const out = await fixDiagram(`flowchart LR\n${broken}\n`);
      expect(out.fixed && out.text).toBe(`flowchart LR\n${fixed}\n`);
    }
    // Which node ends an edge label with an arrow after it is a guess: left alone.
    expect(await fixDiagram('flowchart LR\n  A -->|reads B --> C\n')).toMatchObject({ fixed: false });
    // A label closed before an arrow to nothing still leaves a statement to finish: left alone.
    expect(await fixDiagram('flowchart LR\n  X["broken" -->\n')).toMatchObject({ fixed: false });
    // Which quote is the stray one is a guess too: left alone at once, not after 25 rounds.
    expect(await fixDiagram('flowchart LR\n  C --> LB["Load balancer" primary"]\n')).toMatchObject({ fixed: false, reason: 'no-repair' });
  });

  it('lostFromGraph names a lost edge, a lost component, and follows renames', async () => {
    const ast = async (t: string) => (await parseDiagram(t)).ast!;
    expect(lostFromGraph(await ast('flowchart LR\n A --> B\n B --> C'), await ast('flowchart LR\n A --> B\n C'))).toBe('the edge B -> C');
    expect(lostFromGraph(await ast('flowchart LR\n A --> B'), await ast('flowchart LR\n A --> C'))).toBe('the component `B`');
    expect(lostFromGraph(await ast('flowchart LR\n A --> B[Web]'), await ast('flowchart LR\n A --> Bee[App]'), { B: 'Bee' })).toBe('the label of `Bee`');
    expect(lostFromGraph(await ast('flowchart LR\n A --> x'), await ast('flowchart LR\n A --> X'), { x: 'X' })).toBeNull();
    // From the line of a label a fix closed, what the label had swallowed is kept when its words are.
    const open = await ast('flowchart LR\n Z --> Y\n A[Client --> B[Server]');
    const closed = await ast('flowchart LR\n Z --> Y\n A[Client] --> B[Server]');
    expect(lostFromGraph(open, closed)).toBe('the label of `A`');
    expect(lostFromGraph(open, closed, {}, 3)).toBeNull();
    expect(lostFromGraph(open, await ast('flowchart LR\n Z --> Y\n A[Client] --> B[App]'), {}, 3)).toBe('the label of `A`');
    expect(lostFromGraph(await ast('flowchart LR\n Z --> Y\n A[Client --> B[Server]'), await ast('flowchart LR\n A[Client] --> B[Server]'), {}, 3)).toBe('the component `Z`');
  });
});

function fixOf(findings: Finding[]): TextFix {
  const fix = findings.find((f) => f.fix)?.fix;
  if (fix?.kind !== 'mermaid') throw new Error('no Mermaid fix');
  return fix;
}

describe('fixes in the student file', () => {
  const findings = async (text: string) => (await lintText(text, { rubric: '3-scale_up' })).rules.flatMap((r) => r.findings);

  it('puts the edits on the diagram-renders finding, with positions in the file, and never touches prose', async () => {
    const text = '# 3-scale_up\n\nThe DB (MySQL) -> replicas.\n\n```mermaid\nflowchart LR\n  DB[Database (MySQL)] --> R\n```\n';
    const all = await findings(text);
    const fix = fixOf(all);
    expect(all.find((f) => f.fix)!.ruleId).toBe('diagram-renders');
    expect(fix.edits).toEqual([{ range: [72, 88], text: '"Database (MySQL)"', start: { line: 7, column: 6 }, end: { line: 7, column: 22 } }]);
    expect(applyEdits(text, [fix])).toBe(text.replace('DB[Database (MySQL)]', 'DB["Database (MySQL)"]'));
    expect(fix.hunks).toEqual([{ line: 7, before: ['  DB[Database (MySQL)] --> R'], after: ['  DB["Database (MySQL)"] --> R'] }]);
  });

  it('keeps the indentation of an indented fence', async () => {
    const text = '# 3-scale_up\n\n1. The diagram:\n\n   ```mermaid\n   flowchart LR\n     A -> B\n   ```\n';
    expect(applyEdits(text, [fixOf(await findings(text))])).toBe(text.replace('A -> B', 'A --> B'));
  });

  it('writes ```mmd as ```mermaid, and fences Mermaid left unfenced in a .md file', async () => {
    const mmd = '# 3-scale_up\n\n```mmd\nflowchart LR\n  A --> B\n```\n';
    expect(applyEdits(mmd, [fixOf(await findings(mmd))])).toBe(mmd.replace('```mmd', '```mermaid'));
    const bare = '# 3-scale_up\n\nflowchart LR\n  A --> B\n  B --> C\n\n## Explanations\n';
    expect(applyEdits(bare, [fixOf(await findings(bare))])).toBe('# 3-scale_up\n\n```mermaid\nflowchart LR\n  A --> B\n  B --> C\n```\n\n## Explanations\n');
  });

  it('gives no fix to a diagram that cannot be proven', async () => {
    const text = '# 3-scale_up\n\n```mermaid\nflowchart LR\n  A[Web (Nginx)] ] B -> C[App (Gunicorn)]\n```\n';
    expect((await findings(text)).some((f) => f.fix)).toBe(false);
  });
});

describe('lintSubmission({ fix: true })', () => {
  function repo(name: string, content: string | Buffer): string {
    const root = mkdtempSync(path.join(os.tmpdir(), 'infralint-fix-'));
    mkdirSync(path.join(root, 'web_infrastructure_design'));
    writeFileSync(path.join(root, 'web_infrastructure_design', name), content);
    return root;
  }

  it('returns the fixed text with CRLF line endings and the BOM kept, and writes nothing', async () => {
    const text = '\uFEFF# 3-scale_up\r\n\r\n```mermaid\r\nflowchart LR\r\n  U[User] -> LB[HAProxy (LB1)]\r\n  LB --> end\r\n```\r\n';
    const root = repo('3-scale_up.md', text);
    const report = await lintSubmission(root, { tasks: ['3'], fix: true });
    expect(report.fixed).toHaveLength(1);
    const fixed = report.fixed![0]!;
    expect(fixed.before).toBe(text);
    expect(fixed.text).toBe(text.replace('-> LB[HAProxy (LB1)]', '--> LB["HAProxy (LB1)"]').replace('--> end', '--> End'));
    expect(fixed.changes.map((c) => c.line)).toEqual([5, 5, 6]);
    expect(readFileSync(path.join(root, 'web_infrastructure_design', '3-scale_up.md'), 'utf8')).toBe(text);
    // Idempotent: the fixed file has nothing left to fix.
    writeFileSync(fixed.path, fixed.text);
    expect((await lintSubmission(root, { tasks: ['3'], fix: true })).fixed).toEqual([]);
  });

  it('renames a misnamed task file only with the file fix type', async () => {
    const root = repo('3-scale-up.md', '# 3-scale_up\n\n```mermaid\nflowchart LR\n  A --> B\n```\n');
    expect((await lintSubmission(root, { tasks: ['3'], fix: true })).fixed).toEqual([]);
    const fixed = (await lintSubmission(root, { tasks: ['3'], fix: true, fixTypes: ['file'] })).fixed!;
    expect(fixed).toHaveLength(1);
    expect(fixed[0]).toMatchObject({ file: 'web_infrastructure_design/3-scale-up.md', renameTo: { file: 'web_infrastructure_design/3-scale_up.md', path: path.join(root, 'web_infrastructure_design', '3-scale_up.md') } });
  });

  it('does not rename a .mmd file into the task file (the task file is markdown that shows the diagram)', async () => {
    const root = repo('3-scale_up.mmd', 'flowchart LR\n  A --> B\n');
    expect((await lintSubmission(root, { tasks: ['3'], fix: true, fixTypes: ['file'] })).fixed).toEqual([]);
  });
});

describe('unifiedDiff', () => {
  it('prints hunks with context that patch reads, and nothing for equal texts', () => {
    expect(unifiedDiff('a\nb\nc\n', 'a\nb\nc\n', 'f.md')).toBe('');
    expect(unifiedDiff('a\nb\nc\nd\ne\n', 'a\nb\nC\nd\ne\n', 'f.md')).toBe('--- a/f.md\n+++ b/f.md\n@@ -1,5 +1,5 @@\n a\n b\n-c\n+C\n d\n e\n');
    expect(unifiedDiff('a', 'b', 'f.md')).toBe('--- a/f.md\n+++ b/f.md\n@@ -1,1 +1,1 @@\n-a\n\\ No newline at end of file\n+b\n\\ No newline at end of file\n');
  });
});

describe('the fix model', () => {
  it('gives every documented error code a fixability, the same in rules/docs/mermaid-errors.md', () => {
    const doc = readFileSync(path.join(process.cwd(), 'rules', 'docs', 'mermaid-errors.md'), 'utf8');
    const rows = [...doc.matchAll(/^\| `([a-z-]+)` \|.*\| (safe|suggestion|no) \|$/gm)].map((m) => [m[1], m[2]]);
    expect(Object.fromEntries(rows)).toEqual(FIXABILITY);
  });
});
