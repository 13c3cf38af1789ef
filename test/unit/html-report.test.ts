import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadRubric } from '../../src/config/rubric.js';
import { gradeCohort } from '../../src/grade/grade-cohort.js';
import { compactSvg, renderSvg } from '../../src/grade/report/graph-svg.js';
import { makeCohort } from '../helpers/cohort.js';
import { attr, closest, hasClass, HtmlTree, text, type HtmlNode } from '../helpers/html-tree.js';

const HOSTILE_ID = 'eve"><img src=x onerror=alert(1)>';
const HOSTILE_NAME = '<script>alert(2)</script>';
const HOSTILE_LABEL = '<b>LB</b> x="1.5" id="a" </noscript><title>t</title>';

interface Gradebook {
  tasks: string[];
  students: { student: string; status: string; tasks: { task: string; verdict: string; passed: boolean; rules: Record<string, { status: string }> }[] }[];
}

/** A cohort with a pass, a failure, an image-only (pending review) submission, an empty one, an error row and hostile text; graded with its report. */
async function gradedReport(): Promise<{ html: string; book: Gradebook; tree: HtmlTree }> {
  const diagram = ['```mermaid', 'flowchart LR', `  U[User] --> L1["${HOSTILE_LABEL}"] & L2[HAProxy 2]`, '  L1 --> W[Nginx web server]', '  L2 --> W', '  W --> A[Gunicorn app server] --> D[(MySQL database)]', '```'].join('\n');
  const dir = makeCohort({
    good: 'complete-flowchart',
    alsogood: 'complete-flowchart',
    imageonly: 'image-only',
    onelb: 'one-lb',
    empty: {},
    [HOSTILE_ID]: { 'web_infrastructure_design/3-scale_up.md': `# Scale up ${HOSTILE_NAME}\n\n${diagram}\n\nWe add a load balancer ${HOSTILE_NAME}.\n` },
  });
  // A student folder that is a link out of the cohort: an error row with no task graded.
  symlinkSync(os.tmpdir(), path.join(dir, 'linked'));
  const out = mkdtempSync(path.join(os.tmpdir(), 'infralint-report-unit-'));
  await gradeCohort({ dir, out, rubrics: [loadRubric('3-scale_up')], jobs: 0 });
  const html = readFileSync(path.join(out, 'report.html'), 'utf8');
  const book = JSON.parse(readFileSync(path.join(out, 'gradebook.json'), 'utf8')) as Gradebook;
  // Scripts off: <noscript> content is markup, as a browser without scripts reads it.
  return { html, book, tree: new HtmlTree(html) };
}

/** A student's section, found by the name its summary starts with. */
function sectionOf(tree: HtmlTree, student: string): HtmlNode {
  const box = tree.byId('sections')!;
  const section = tree.all('details', (d) => d.parentNode === box).find((d) => text(tree.all('summary', undefined, d)[0]!).startsWith(`${student}:`));
  if (!section) throw new Error(`no section for ${student}`);
  return section;
}

describe('report.html structure', () => {
  let report: Awaited<ReturnType<typeof gradedReport>>;
  beforeAll(async () => {
    report = await gradedReport();
  }, 60_000);

  it('pins its one inline script by hash and allows no network access', () => {
    const { html, tree } = report;
    const scripts = tree.all('script');
    expect(scripts).toHaveLength(1);
    const source = text(scripts[0]!);
    const csp = attr(tree.all('meta', (m) => attr(m, 'http-equiv') === 'Content-Security-Policy')[0]!, 'content')!;
    const hash = createHash('sha256').update(source, 'utf8').digest('base64');
    const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    expect(directives).toEqual({
      'default-src': ["'none'"],
      'script-src': [`'sha256-${hash}'`],
      'style-src': ["'unsafe-inline'"],
      'base-uri': ["'none'"],
      'form-action': ["'none'"],
    });
    // The hash is of the exact text between the tags, as the browser computes it.
    expect(html).toContain(`<script>${source}</script>`);
  });

  it('refers to nothing outside itself, and every in-page link lands on an element that exists', () => {
    const { html, tree } = report;
    const loading = ['src', 'srcset', 'action', 'formaction', 'poster', 'data', 'background', 'xlink:href'];
    expect(tree.all(null, (el) => loading.some((name) => attr(el, name) !== null))).toEqual([]);
    expect(html).not.toMatch(/url\(|@import|https?:\/\//i);
    const links = tree.all(null, (el) => attr(el, 'href') !== null).map((el) => attr(el, 'href')!);
    expect(links.length).toBeGreaterThan(20);
    expect(links.filter((href) => !href.startsWith('#') || !tree.byId(href.slice(1)))).toEqual([]);
  });

  it('lists under each rule exactly the students who failed, half-met, or wait for review on it', () => {
    const { book, tree } = report;
    const rules = Object.keys(book.students[0]!.tasks[0]!.rules);
    expect(tree.all('a', (a) => attr(a, 'href')!.startsWith('#r0-')).map(text)).toEqual(rules);
    for (const [k, rule] of rules.entries()) {
      const drill = tree.byId(`r0-${k}`)!;
      expect(text(tree.all('code', undefined, tree.all('summary', undefined, drill)[0])[0]!)).toBe(rule);
      for (const status of ['fail', 'partial', 'manual']) {
        const expected = book.students.filter((s) => s.tasks[0]?.rules[rule]?.status === status).map((s) => s.student).sort();
        const list = tree.all('span', (el) => hasClass(el, 'who') && attr(el, 'data-status') === status, drill)[0];
        const links = list ? tree.all('a', undefined, list) : [];
        for (const a of links) {
          // Each link names the student and leads into that student's section.
          const section = closest(tree.byId(attr(a, 'href')!.slice(1))!, 'details')!;
          expect(section).toBe(sectionOf(tree, text(a)));
        }
        expect(links.map(text).sort()).toEqual(expected);
      }
    }
  });

  it('gives every student a row with a status per rule, in words or symbols, and pending review as its own verdict', () => {
    const { book, tree } = report;
    const rules = Object.keys(book.students[0]!.tasks[0]!.rules);
    const table = tree.byId('students')!;
    const heads = tree.all('th', undefined, table).map(text);
    expect(heads).toEqual(['student', 'name', '3-scale_up', 'verdict', ...rules, 'status', 'similar to']);
    const rows = tree.all('tr', (tr) => closest(tr, 'tbody') !== null, table);
    expect(rows).toHaveLength(book.students.length);
    const symbols: Record<string, string> = { pass: '✓', fail: '✗', partial: '½', manual: '?', skipped: '–' };
    const words: Record<string, string> = { passed: '✓ passed', failed: '✗ failed', pending: '? pending review' };
    for (const row of rows) {
      const cells = tree.all('td', undefined, row).map(text);
      const task = book.students.find((s) => s.student === cells[0])!.tasks[0];
      expect(cells).toHaveLength(heads.length);
      if (!task) {
        expect(cells.slice(2)).toEqual(['–', '– not handed in', ...rules.map(() => ''), '! error', '']);
        continue;
      }
      expect(cells[3]).toBe(words[task.verdict]);
      expect(cells.slice(4, 4 + rules.length)).toEqual(rules.map((rule) => symbols[task.rules[rule]!.status]));
    }
    expect(book.students.find((s) => s.student === 'linked')).toMatchObject({ status: 'error', tasks: [] });
    expect(book.students.find((s) => s.student === 'imageonly')!.tasks[0]).toMatchObject({ verdict: 'pending', passed: false });
    const pendingRow = rows.find((r) => text(tree.all('td', undefined, r)[0]!) === 'imageonly')!;
    expect(text(pendingRow)).not.toMatch(/passed/);
    expect(attr(pendingRow, 'data-verdicts')).toBe('pending');
    expect(text(sectionOf(tree, 'imageonly'))).toMatch(/\? pending review/);
    expect(text(sectionOf(tree, 'imageonly'))).toMatch(/\? review/);
  });

  it('stores each drawing once, and every figure uses a drawing that is defined, fitted and full size', () => {
    const { tree } = report;
    const symbols = tree.all('symbol').map((s) => attr(s, 'id'));
    expect(new Set(symbols).size).toBe(symbols.length);
    const figures = tree.all('figure', (f) => hasClass(f, 'graph'));
    const uses = tree.all('use').map((u) => attr(u, 'href')!.slice(1));
    expect(uses.length).toBe(2 * figures.length);
    expect(new Set(uses)).toEqual(new Set(symbols));
    for (const figure of figures) {
      const [fit, full] = tree.all('svg', undefined, figure);
      expect(attr(fit!, 'class')).toBe('fit');
      expect(closest(full!, 'details')).not.toBe(closest(figure, 'details'));
      expect(attr(full!, 'width')).toMatch(/^\d+pt$/);
      expect(attr(tree.all('use', undefined, full)[0]!, 'href')).toBe(attr(tree.all('use', undefined, fit)[0]!, 'href'));
    }
    // good and alsogood drew the same graph: one symbol for both.
    const drawingOf = (student: string) => attr(tree.all('use', undefined, sectionOf(tree, student))[0]!, 'href');
    expect(drawingOf('good')).toBe(drawingOf('alsogood'));
    expect(drawingOf('onelb')).not.toBe(drawingOf('good'));
  });

  it('shows hostile student text as text: in the table, the sections, the drill-down and the drawings', () => {
    const { html, tree } = report;
    expect(tree.all(null, (el) => ['img', 'iframe', 'object', 'embed', 'b'].includes(el.tagName!) || (el.tagName === 'title' && !closest(el, 'head') && !closest(el, 'svg')))).toEqual([]);
    expect(tree.all(null, (el) => (el.attrs ?? []).some((a) => a.name.startsWith('on')))).toEqual([]);
    expect(text(tree.byId('students')!)).toContain(HOSTILE_ID);
    expect(text(tree.all('div', (d) => hasClass(d, 'drill'))[0]!)).toContain(HOSTILE_ID);
    // The rules' messages quote the labels (as Mermaid shows them: its sanitiser keeps <b>).
    expect(text(sectionOf(tree, HOSTILE_ID))).toContain('`L1` ("<b>LB</b> x="1.5" id="a" ")');
    expect(tree.all('text', (t) => closest(t, 'symbol') !== null).map(text)).toContain('<b>LB</b> x="1.5" id="a"');
    // A fix hint quotes the student's source, end tag of <noscript> included: as text, inside a body kept in a <noscript>.
    expect(text(sectionOf(tree, HOSTILE_ID))).toContain('</noscript><title>t</title>');
    // Scripts on, every <noscript> is raw text up to its own end tag: student text ends none early.
    const scripted = new HtmlTree(html, true);
    expect(scripted.all('noscript').length).toBe((html.match(/<noscript/g) ?? []).length);
    expect(scripted.all('details').length).toBe(tree.all('details').filter((d) => closest(d.parentNode!, 'noscript') === null).length);
  });
});

describe('report.html of a project of several tasks', () => {
  it('has a score, verdict and rule columns per task, and a project total', async () => {
    const dir = makeCohort({
      zero: { 'web_infrastructure_design/0-simple_web_stack.md': '# 0-simple_web_stack\n\nA server is a computer.\n' },
      both: 'complete-flowchart',
    });
    const out = mkdtempSync(path.join(os.tmpdir(), 'infralint-report-unit-'));
    const rubrics = [loadRubric('0-simple_web_stack'), loadRubric('3-scale_up')];
    await gradeCohort({ dir, out, rubrics, jobs: 0 });
    const tree = new HtmlTree(readFileSync(path.join(out, 'report.html'), 'utf8'));
    const table = tree.byId('students')!;
    const heads = tree.all('th', undefined, table).map(text);
    const rules = rubrics.map((r) => r.rules.map((rule) => rule.id));
    expect(heads).toEqual(['student', 'name', '0-simple_web_stack', 'verdict', ...rules[0]!, '3-scale_up', 'verdict', ...rules[1]!, 'project', 'status', 'similar to']);
    // Rule headers say which task they belong to; drill-down anchors are per task.
    expect(tree.all('th', (th) => attr(th, 'data-rule') === `1:0`, table).map((th) => attr(th, 'title'))).toEqual([`3-scale_up: ${rules[1]![0]}`]);
    expect(tree.byId(`r1-${rules[1]!.length - 1}`)).toBeDefined();
    const rows = tree.all('tr', (tr) => closest(tr, 'tbody') !== null, table).map((tr) => tree.all('td', undefined, tr).map(text));
    const zero = rows.find((r) => r[0] === 'zero')!;
    expect(zero).toHaveLength(heads.length);
    const scaleUp = heads.indexOf('3-scale_up');
    // A task without its file is graded 0 (its task-file gate fails), each rule in its column.
    expect(zero.slice(scaleUp, scaleUp + 3)).toEqual(['0/100', '✗ failed', '✗']);
    const both = rows.find((r) => r[0] === 'both')!;
    expect(both.slice(scaleUp, scaleUp + 2)).toEqual(['100/100', '✓ passed']);
    expect(zero[heads.indexOf('project')]).toMatch(/^[\d.]+\/200 \([\d.]+%\)$/);
  });
});

describe('compactSvg', () => {
  it('keeps every label and shape of a Graphviz drawing at a fraction of its size, boxes as rects', async () => {
    const { Graphviz } = await import('@hpcc-js/wasm-graphviz');
    const graphviz = await Graphviz.load();
    const dot = 'digraph { node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10]; a [label="x=\\"1.25\\" id=\\"n\\" <b>"]; b [label="web"]; a -> b [label="HTTPS", fontsize=9]; }';
    const svg = renderSvg(graphviz, dot);
    const compact = compactSvg(svg);
    expect(compact.body.length).toBeLessThan(svg.length / 2);
    expect(compact.body).toMatch(/<rect fill="lightgrey" stroke="black" x="\d+" y="-\d+" width="\d+" height="36" rx="12"\/>/);
    expect(compact.body.match(/<rect /g)).toHaveLength(2);
    const texts = new HtmlTree(`<svg>${compact.body}</svg>`).all('text').map(text);
    expect(texts).toEqual(['x="1.25" id="n" <b>', 'web', 'HTTPS']);
    expect(compact.body).not.toMatch(/<title>| (?:id|class)="|="[^"]*\d\.\d[^"]*"/);
    expect(`${compact.width}x${compact.height}`).toBe(/width="(\d+)pt" height="(\d+)pt"/.exec(svg)!.slice(1).join('x'));
  });
});
