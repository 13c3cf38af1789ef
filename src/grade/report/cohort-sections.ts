import { escapeXml } from '../../reporters/escape-xml.js';
import type { SimilarGroup, SimilarityResult } from '../similarity/find-similar.js';
import { describeEvidence } from '../similarity/describe-group.js';
import type { CohortSummary, TaskSummary } from '../summary.js';
import type { CohortIndex, RuleDrill } from './cohort-index.js';
import { STATUS_TEXT, STATUSES } from './report-style.js';
import { studentLink } from './students.js';

const h = (text: string | number): string => escapeXml(String(text));

/** The anchor of a rule's drill-down list: by position (task, rule), never by text. */
export const ruleAnchor = (task: number, rule: number): string => `r${task}-${rule}`;

/** A student id as a link to their section when they have one, as text otherwise. */
function linkTo(index: CohortIndex, student: string): string {
  const i = index.indexOf(student);
  return i === undefined ? h(student) : studentLink(i, student);
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
  return `<svg width="${width}" height="${height}" role="img" aria-label="score histogram">${bars}</svg>`;
}

/**
 * A task's figures: the histogram, and each rule's counts and failure rate, the rule's name linking
 * to the list of the students who failed it, half-met it, or wait for review on it.
 */
export function taskSection(task: TaskSummary, t: number, index: CohortIndex): string {
  const rows = task.rules
    .map((r, k) => {
      const counts = STATUSES.map((s) => `<td class="num">${r.counts[s]}</td>`).join('');
      return `<tr><td><a href="#${ruleAnchor(t, k)}"><code>${h(r.rule)}</code></a></td>${counts}<td class="num">${Math.round(r.failureRate * 100)}% <span class="bar" style="width:${Math.round(r.failureRate * 120)}px"></span></td></tr>`;
    })
    .join('\n');
  const passedShare = task.graded ? Math.round((100 * task.passed) / task.graded) : 0;
  return `<h2>${h(task.task)}</h2>
<p>${task.graded} graded, ${task.passed} passed (${passedShare}%), ${task.pending} pending review (not counted as passed). Mean score ${task.meanPercent}%, median ${task.medianPercent}%.</p>
<h3>Score histogram (percent of the maximum)</h3>${histogramSvg(task.histogram)}
<h3>Rules: how often each fails</h3>
<p class="muted">A rule's name lists who failed it. Failure rate: fail, plus half of partial, among the submissions the rule judged.</p>
<table><thead><tr><th>rule</th>${STATUSES.map((s) => `<th>${STATUS_TEXT[s].symbol} ${STATUS_TEXT[s].word}</th>`).join('')}<th>failure rate</th></tr></thead>
<tbody>${rows}</tbody></table>
${drillSection(task, t, index)}`;
}

/**
 * Per rule, who failed, half-met or waits for review on it: a disclosure each, links to the
 * students. The lists are kept as <noscript> text with scripts on (thousands of links in a large
 * cohort), built when opened, as the students' sections are (students.ts).
 */
function drillSection(task: TaskSummary, t: number, index: CohortIndex): string {
  const lists = task.rules.map((r, k) => {
    const drill: RuleDrill = index.drill[t]?.[k] ?? { fail: [], partial: [], manual: [] };
    const groups = (['fail', 'partial', 'manual'] as const)
      .filter((status) => drill[status].length)
      .map((status) => `<p><span class="k-${status}">${STATUS_TEXT[status].symbol} ${STATUS_TEXT[status].word}</span> (${drill[status].length}): <span class="who" data-rule="${t}:${k}" data-status="${status}">${drill[status].map((i) => studentLink(i, index.rows[i]!.student)).join(', ')}</span></p>`)
      .join('');
    const counts = `${drill.fail.length} failed, ${drill.partial.length} partial, ${drill.manual.length} pending review`;
    return `<details id="${ruleAnchor(t, k)}"><summary><code>${h(r.rule)}</code>: ${counts}</summary><noscript><p class="muted">What it checks: <code>infralint explain ${h(r.rule)}</code>.</p>${groups || '<p>Nobody: every submission met it or it did not run.</p>'}</noscript></details>`;
  });
  return `<h3>Who fails each rule</h3><div class="drill">${lists.join('\n')}</div>\n`;
}

export function reviewSection(summary: CohortSummary, index: CohortIndex): string {
  const manual = summary.manualReview.length
    ? `<table><thead><tr><th>student</th><th>task</th><th>points awaiting review</th></tr></thead><tbody>${summary.manualReview.map((m) => `<tr><td>${linkTo(index, m.student)}</td><td>${h(m.task)}</td><td class="num">${m.points}</td></tr>`).join('')}</tbody></table>`
    : '<p>None.</p>';
  const errors = summary.errors.length
    ? `<table><thead><tr><th>student</th><th>why</th></tr></thead><tbody>${summary.errors.map((e) => `<tr><td>${linkTo(index, e.student)}</td><td class="error">${h(e.message)}</td></tr>`).join('')}</tbody></table>`
    : '<p>None.</p>';
  return `<h2>Needs a person</h2><h3>Manual review (${summary.manualReview.length}): a diagram infralint cannot read</h3>${manual}<h3>Errors (${summary.errors.length}): submissions infralint could not grade whole</h3>${errors}\n`;
}

/** Members of an identical-graph group shown in the report; the rest are counted. */
const SHOWN_GROUP_MEMBERS = 25;

/** Similar submissions: everything the report shows of the similarity result, in this one place. */
export function similaritySection(similarity: SimilarityResult, index: CohortIndex): string {
  const link = (student: string) => linkTo(index, student);
  const who = (g: SimilarGroup) => `${g.students.slice(0, SHOWN_GROUP_MEMBERS).map(link).join(', ')}${g.students.length > SHOWN_GROUP_MEMBERS ? ` and ${g.students.length - SHOWN_GROUP_MEMBERS} more` : ''}`;
  const groups = similarity.groups.length
    ? `<table><thead><tr><th>group</th><th>submissions</th><th>similarity</th><th>evidence</th><th>who</th></tr></thead><tbody>${similarity.groups.map((g) => `<tr><td class="num">${g.id}</td><td class="num">${g.students.length}</td><td class="num">${g.score}</td><td>${h(describeEvidence(g))}</td><td>${who(g)}</td></tr>`).join('')}</tbody></table>`
    : '<p>No group found.</p>';
  return `<h2>Similar submissions</h2><p class="muted">A signal for a person to look at, not a verdict. Each group is one entry, however many pairs it makes: near-duplicate text of their own (5-word shingles and unusual diagram labels, the task statement and the rubric's words left out) or the same graph up to renaming when it is big and uncommon enough to be evidence.</p>
<h3>Groups of similar submissions (${similarity.groups.length}, ${similarity.groups.reduce((n, g) => n + g.students.length, 0)} submissions)</h3>${groups}\n`;
}
