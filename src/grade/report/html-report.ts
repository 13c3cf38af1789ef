import { ruleDocsUrl, TOOL } from '../../tool.js';
import type { RuleStatus } from '../../types.js';
import type { AtomicFile } from '../atomic-file.js';
import { describeSimilar, projectTotal, type SimilarTo } from '../gradebook.js';
import type { GradedTask, ResultsHeader, StudentRecord } from '../record.js';
import type { SimilarGroup, SimilarityResult } from '../similarity/find-similar.js';
import { describeEvidence } from '../similarity/describe-group.js';
import type { CohortSummary, TaskSummary } from '../summary.js';
import { escapeXml } from '../../reporters/escape-xml.js';
import { renderSvg, ROLE_COLOURS, taskDot } from './graph-svg.js';

export interface ReportInput {
  header: ResultsHeader;
  summary: CohortSummary;
  similarity: SimilarityResult;
  similar: Map<string, SimilarTo[]>;
  records: () => AsyncGenerator<StudentRecord>;
}

const h = (text: string | number): string => escapeXml(String(text));

const STATUS_COLOURS: Record<RuleStatus, string> = { pass: '#2e7d32', partial: '#b7791f', fail: '#c62828', manual: '#1565c0', skipped: '#777777' };
/** Drawings already made, by DOT text: students who draw the same graph share one layout run. */
const SVG_CACHE_SIZE = 2000;

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:0 auto;max-width:1200px;padding:1rem 1.5rem;color:#1f2328}
h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #d0d7de;padding-bottom:.3rem}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}.num{text-align:right;font-variant-numeric:tabular-nums}
.status{font-weight:600}.bar{display:inline-block;height:.7rem;background:#c62828;vertical-align:middle}
details{border:1px solid #d0d7de;border-radius:6px;margin:.4rem 0;padding:.3rem .7rem}summary{cursor:pointer;font-weight:600}
.graph svg{max-width:100%;height:auto}.legend span{display:inline-block;border:1px solid #888;border-radius:4px;padding:0 .4rem;margin:.1rem;font-size:.8rem}
.muted{color:#57606a}.error{color:#c62828}code{background:#f6f8fa;padding:0 .2rem;border-radius:3px}
`;

/**
 * report.html: one self-contained file (no script, no network: its Content-Security-Policy forbids
 * both) with the cohort's figures and every student's results and graph. Every piece of student
 * text goes through escapeXml; Graphviz escapes the text it draws.
 */
export async function writeHtmlReport(out: AtomicFile, input: ReportInput): Promise<void> {
  const { Graphviz } = await import('@hpcc-js/wasm-graphviz');
  const graphviz = await Graphviz.load();
  const cache = new Map<string, string>();
  const draw = (task: GradedTask): string => {
    if (!task.graph.components.length) return '<p class="muted">No diagram infralint can read: nothing to draw.</p>';
    const dot = taskDot(task);
    let svg = cache.get(dot);
    if (svg === undefined) {
      try {
        svg = renderSvg(graphviz, dot);
      } catch (error) {
        svg = `<p class="error">The graph could not be drawn: ${h((error as Error).message)}</p>`;
      }
      if (cache.size >= SVG_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      cache.set(dot, svg);
    }
    return `<div class="graph">${svg}</div>`;
  };

  const { summary } = input;
  out.write(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>infralint grade report</title><style>${STYLE}</style></head><body>
<h1>infralint grade report</h1>
<p class="muted">${summary.students} submissions, graded by ${h(TOOL.name)} ${h(TOOL.version)} against ${input.header.tasks.map((t) => `<code>${h(t)}</code>`).join(', ')}.</p>
`);
  for (const task of summary.tasks) out.write(taskSection(task));
  out.write(reviewSection(summary));
  out.write(similaritySection(input.similarity));

  out.write(`<h2 id="students">Students</h2>\n<table><tr><th>student</th><th>name</th>${input.header.tasks.map((t) => `<th>${h(t)}</th>`).join('')}${input.header.tasks.length > 1 ? '<th>project</th>' : ''}<th>status</th><th>similar to</th></tr>\n`);
  let index = 0;
  for await (const record of input.records()) {
    out.write(`<tr><td><a href="#s${index}">${h(record.student)}</a></td><td>${h(record.name)}</td>${input.header.tasks.map((t) => `<td class="num">${scoreCell(record.tasks.find((x) => x.task === t))}</td>`).join('')}${input.header.tasks.length > 1 ? `<td class="num">${projectCell(record, input.header.tasks)}</td>` : ''}<td>${record.status === 'error' ? '<span class="error">error</span>' : 'graded'}</td><td>${h(describeSimilar(input.similar.get(record.student)))}</td></tr>\n`);
    index++;
  }
  out.write('</table>\n');

  out.write(`<h2>Each student</h2>\n<p class="legend">${Object.entries(ROLE_COLOURS).filter(([role]) => role !== 'other').map(([role, colour]) => `<span style="background:${colour}">${h(role)}</span>`).join(' ')} <span style="border:2px dashed #c62828;color:#c62828">missing or failing</span></p>\n`);
  index = 0;
  for await (const record of input.records()) {
    out.write(studentSection(record, index, input.similar.get(record.student), draw));
    index++;
  }
  out.write('</body></html>\n');
}

/** The project's total: every task counted, a missing one as 0. */
function projectCell(record: StudentRecord, tasks: readonly string[]): string {
  const total = projectTotal(record, tasks);
  return `${Math.round(100 * total.score) / 100}/${total.maxScore} (${total.percent}%)`;
}

function scoreCell(task: GradedTask | undefined): string {
  if (!task) return '–';
  const manual = task.manualPoints ? ` <span class="muted">(+${task.manualPoints}?)</span>` : '';
  return `${task.score}/${task.maxScore}${manual} ${task.verdict === 'passed' ? '✅' : task.verdict === 'pending' ? '⏳' : '❌'}`;
}

/** The score histogram as a small bar chart. */
function histogramSvg(histogram: number[]): string {
  const width = 420;
  const height = 140;
  const bar = width / histogram.length;
  const max = Math.max(1, ...histogram);
  const bars = histogram
    .map((count, i) => {
      const barHeight = Math.round(((height - 30) * count) / max);
      const x = i * bar;
      const y = height - 18 - barHeight;
      return `<rect x="${x + 2}" y="${y}" width="${bar - 4}" height="${barHeight}" fill="${i >= 7 ? '#2e7d32' : '#5b8def'}"><title>${i * 10}-${i === 9 ? 100 : i * 10 + 9}%: ${count}</title></rect><text x="${x + bar / 2}" y="${y - 3}" font-size="10" text-anchor="middle">${count}</text><text x="${x + bar / 2}" y="${height - 4}" font-size="10" text-anchor="middle">${i * 10}</text>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img" aria-label="score histogram">${bars}</svg>`;
}

function taskSection(task: TaskSummary): string {
  const rows = task.rules
    .map((r) => `<tr><td><a href="${h(ruleDocsUrl(r.rule))}"><code>${h(r.rule)}</code></a></td>${(['pass', 'partial', 'fail', 'manual', 'skipped'] as RuleStatus[]).map((s) => `<td class="num">${r.counts[s]}</td>`).join('')}<td class="num">${Math.round(r.failureRate * 100)}% <span class="bar" style="width:${Math.round(r.failureRate * 120)}px"></span></td></tr>`)
    .join('\n');
  return `<h2>${h(task.task)}</h2>
<p>${task.graded} graded, ${task.passed} passed (${task.graded ? Math.round((100 * task.passed) / task.graded) : 0}%), ${task.pending} pending review. Mean score ${task.meanPercent}%, median ${task.medianPercent}%.</p>
<h3>Score histogram (percent of the maximum)</h3>${histogramSvg(task.histogram)}
<h3>Rules: how often each fails</h3>
<table><tr><th>rule</th><th>pass</th><th>partial</th><th>fail</th><th>manual</th><th>skipped</th><th>failure rate</th></tr>
${rows}</table>
`;
}

function reviewSection(summary: CohortSummary): string {
  const manual = summary.manualReview.length
    ? `<table><tr><th>student</th><th>task</th><th>points awaiting review</th></tr>${summary.manualReview.map((m) => `<tr><td>${h(m.student)}</td><td>${h(m.task)}</td><td class="num">${m.points}</td></tr>`).join('')}</table>`
    : '<p>None.</p>';
  const errors = summary.errors.length
    ? `<table><tr><th>student</th><th>why</th></tr>${summary.errors.map((e) => `<tr><td>${h(e.student)}</td><td class="error">${h(e.message)}</td></tr>`).join('')}</table>`
    : '<p>None.</p>';
  return `<h2>Needs a person</h2><h3>Manual review (${summary.manualReview.length}): a diagram infralint cannot read</h3>${manual}<h3>Errors (${summary.errors.length}): submissions infralint could not grade whole</h3>${errors}\n`;
}

/** Members of a group shown in the report; the rest are counted. */
const SHOWN_GROUP_MEMBERS = 25;

function similaritySection(similarity: SimilarityResult): string {
  const who = (g: SimilarGroup) => `${h(g.students.slice(0, SHOWN_GROUP_MEMBERS).join(', '))}${g.students.length > SHOWN_GROUP_MEMBERS ? ` and ${g.students.length - SHOWN_GROUP_MEMBERS} more` : ''}`;
  const groups = similarity.groups.length
    ? `<table><tr><th>group</th><th>submissions</th><th>similarity</th><th>evidence</th><th>who</th></tr>${similarity.groups.map((g) => `<tr><td class="num">${g.id}</td><td class="num">${g.students.length}</td><td class="num">${g.score}</td><td>${h(describeEvidence(g))}</td><td>${who(g)}</td></tr>`).join('')}</table>`
    : '<p>No group found.</p>';
  return `<h2>Similar submissions</h2><p class="muted">A signal for a person to look at, not a verdict. Each group is one entry, however many pairs it makes: near-duplicate text of their own (5-word shingles and unusual diagram labels, the task statement and the rubric's words left out) or the same graph up to renaming when it is big and uncommon enough to be evidence.</p>
<h3>Groups of similar submissions (${similarity.groups.length}, ${similarity.groups.reduce((n, g) => n + g.students.length, 0)} submissions)</h3>${groups}\n`;
}

function studentSection(record: StudentRecord, index: number, similar: SimilarTo[] | undefined, draw: (task: GradedTask) => string): string {
  const parts = [`<details id="s${index}"><summary>${h(record.student)}${record.name ? ` — ${h(record.name)}` : ''}: ${record.tasks.map((t) => `${t.score}/${t.maxScore}`).join(', ') || 'not graded'}${record.status === 'error' ? ' <span class="error">(error)</span>' : ''}</summary>`];
  if (record.error) parts.push(`<p class="error">${h(record.error)}</p>`);
  if (similar?.length) parts.push(`<p>Similar to: ${h(describeSimilar(similar))}</p>`);
  for (const task of record.tasks) {
    parts.push(`<h4>${h(task.task)}: ${task.score}/${task.maxScore}${task.manualPoints ? `, ${task.manualPoints} awaiting review` : ''}${task.verdict === 'pending' ? ', pending review' : task.passed ? ', passed' : ', failed'} <span class="muted">(${h(task.path)})</span></h4>`);
    parts.push('<table><tr><th>rule</th><th>status</th><th>points</th><th>why</th></tr>');
    for (const r of task.rules) {
      parts.push(`<tr><td><code>${h(r.id)}</code></td><td class="status" style="color:${STATUS_COLOURS[r.status]}">${r.status}</td><td class="num">${r.status === 'manual' ? '?' : r.points}/${r.maxPoints}</td><td>${h(r.message)}</td></tr>`);
    }
    parts.push('</table>');
    const findings = task.rules.flatMap((r) => r.findings).filter((f) => f.severity !== 'info');
    if (findings.length) parts.push(`<ul>${findings.map((f) => `<li><code>${h(f.file)}:${f.line}:${f.column}</code> ${h(f.message)}${f.hint ? ` <span class="muted">Fix: ${h(f.hint)}</span>` : ''}</li>`).join('')}</ul>`);
    parts.push(draw(task));
  }
  parts.push('</details>\n');
  return parts.join('\n');
}
