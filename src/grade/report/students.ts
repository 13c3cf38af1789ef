import { escapeXml } from '../../reporters/escape-xml.js';
import { describeSimilar, type SimilarTo } from '../gradebook.js';
import type { GradedRule, ResultsHeader, StudentRecord } from '../record.js';
import type { GraphDrawings } from './graph-drawings.js';
import type { CohortIndex, RowTask, StudentRow } from './cohort-index.js';
import { ROLE_COLOURS } from './graph-svg.js';
import { STATUS_TEXT, STATUSES, VERDICT_TEXT } from './report-style.js';

const h = (text: string | number): string => escapeXml(String(text));

/** The anchor of a student's section; every link to a student goes there. */
export const studentAnchor = (index: number): string => `s${index}`;
export const studentLink = (index: number, student: string): string => `<a href="#${studentAnchor(index)}">${h(student)}</a>`;

const LEGEND = `Rule columns: ${STATUSES.map((s) => `<span class="k-${s}">${STATUS_TEXT[s].symbol}</span> ${STATUS_TEXT[s].word}`).join(', ')}; blank: the rule did not run. "Review": points that wait for a person, not counted as won.`;

/**
 * The students table: one row per student, the score and verdict of each task, the status of each
 * rule in its own column, the project total, and who the student resembles. Every row is in the
 * page (scripts off, the whole table reads); the script sorts, filters and pages it.
 */
export function writeStudentsTable(write: (html: string) => void, header: ResultsHeader, index: CohortIndex): void {
  const multi = header.tasks.length > 1;
  const heads = [
    '<th data-sort="text">student</th><th data-sort="text">name</th>',
    ...header.tasks.map((task, t) => `<th data-sort="num">${h(task)}</th><th data-sort="text">verdict</th>${(header.rules[task] ?? []).map((rule, k) => `<th class="rh" data-sort="rule" data-rule="${t}:${k}" title="${h(`${task}: ${rule}`)}"><span>${h(rule)}</span></th>`).join('')}`),
    multi ? '<th data-sort="num">project</th>' : '',
    '<th data-sort="text">status</th><th data-sort="text">similar to</th>',
  ];
  write(`<h2 id="students-h">Students</h2>
<p class="legend">${LEGEND}</p>
<div id="controls"></div>
<div class="wide"><table id="students"><caption elementtiming="students">${index.rows.length} students; a student's name opens their results below.</caption>
<thead><tr>${heads.join('')}</tr></thead>
<tbody>
`);
  const ruleCounts = header.tasks.map((task) => (header.rules[task] ?? []).length);
  index.rows.forEach((row, i) => write(rowHtml(row, i, ruleCounts, multi)));
  write('</tbody></table></div>\n');
}

function rowHtml(row: StudentRow, index: number, ruleCounts: number[], multi: boolean): string {
  const verdicts = new Set<string>(row.tasks.map((t) => t?.verdict ?? 'missing'));
  if (row.status === 'error') verdicts.add('error');
  const cells = [`<td>${studentLink(index, row.student)}</td><td>${h(row.name)}</td>`];
  row.tasks.forEach((task, t) => cells.push(taskCells(task, ruleCounts[t] ?? 0)));
  if (multi && row.project) cells.push(`<td class="num" data-v="${row.project.percent}">${Math.round(100 * row.project.score) / 100}/${row.project.maxScore} (${row.project.percent}%)</td>`);
  cells.push(row.status === 'error' ? `<td class="v-error">${VERDICT_TEXT.error}</td>` : '<td>graded</td>', `<td>${h(row.similar)}</td>`);
  return `<tr data-verdicts="${[...verdicts].join(' ')}">${cells.join('')}</tr>\n`;
}

function taskCells(task: RowTask | null, ruleCount: number): string {
  if (!task) return `<td class="num" data-v="-1">–</td><td>${VERDICT_TEXT.missing}</td>${'<td class="rc">'.repeat(ruleCount)}`;
  const percent = task.maxScore ? Math.round((1000 * task.score) / task.maxScore) / 10 : 0;
  const manual = task.manualPoints ? ` <span class="muted">(+${task.manualPoints}?)</span>` : '';
  // Rule cells: the symbol as text, the class for colour and for the script's sorting and filtering;
  // no end tag (HTML closes a cell at the next): a 2,000-student table has 30,000 of them.
  const rules = task.statuses.map((s) => (s ? `<td class="k-${s}">${STATUS_TEXT[s].symbol}` : '<td class="rc">')).join('');
  return `<td class="num" data-v="${percent}">${task.score}/${task.maxScore}${manual}</td><td class="v-${task.verdict}">${VERDICT_TEXT[task.verdict]}</td>${rules}`;
}

/** The heading and legend of the students' sections; `writeStudentSection` follows for each. */
export function studentSectionsHead(): string {
  const roles = Object.entries(ROLE_COLOURS)
    .filter(([role]) => role !== 'other')
    .map(([role, colour]) => `<span style="background:${colour}">${h(role)}</span>`)
    .join(' ');
  return `<h2 id="each">Each student</h2>
<p class="muted">Scripts on, the students of the table's current page (in its order); scripts off, everyone.</p>
<p class="legend">${roles} <span style="border:2px dashed #c62828;color:#c62828">missing or failing</span></p>
<div id="sections">
`;
}

/**
 * One student's results: rules with points and messages, findings, and each task's graph. The body
 * is inside a <noscript>: scripts off, it is markup like any other; scripts on, the parser keeps it
 * as one text node (a fraction of the cost of building its elements), and the report's script builds
 * it when the section is first opened. Student text is escaped, so nothing in it can end the element.
 * The anchor is on the body: a browser opens the closed <details> around a link's target (scripts
 * off); scripts on, the script finds the section by its data-anchor.
 */
export function studentSection(record: StudentRecord, index: number, similar: SimilarTo[] | undefined, drawings: GraphDrawings): string {
  const definitions: string[] = [];
  const scores = record.tasks.map((t) => `${t.score}/${t.maxScore} ${VERDICT_TEXT[t.verdict]}`).join(', ') || 'not graded';
  const parts = [`<details data-anchor="${studentAnchor(index)}"><summary>${h(record.student)}${record.name ? ` — ${h(record.name)}` : ''}: ${scores}${record.status === 'error' ? ` <span class="error">${VERDICT_TEXT.error}</span>` : ''}</summary><noscript><div id="${studentAnchor(index)}">`];
  if (record.error) parts.push(`<p class="error">${h(record.error)}</p>`);
  if (similar?.length) parts.push(`<p>Similar to: ${h(describeSimilar(similar))}</p>`);
  for (const task of record.tasks) {
    const awaiting = task.manualPoints ? `, ${task.manualPoints} points awaiting review` : '';
    parts.push(`<h4>${h(task.task)}: ${task.score}/${task.maxScore}${awaiting}, <span class="v-${task.verdict}">${VERDICT_TEXT[task.verdict]}</span> <span class="muted">(${h(task.path)})</span></h4>`);
    parts.push(`<table class="rules"><thead><tr><th>rule<th>status<th>points<th>why</thead><tbody>\n${task.rules.map(ruleRow).join('\n')}</tbody></table>`);
    const { definition, figure } = drawings.figure(task);
    definitions.push(definition);
    parts.push(figure);
  }
  parts.push('</div></noscript></details>\n');
  // Definitions go before the section, outside it: a <use> in a later student's section must reach them.
  return definitions.join('') + parts.join('\n');
}

/**
 * One rule of a student: status as symbol and word, points, the rule's message and its findings
 * (a finding repeating the message adds only its place and fix). End tags of cells and rows are
 * left out, as HTML allows: a 2,000-student report has 30,000 of these rows.
 */
function ruleRow(rule: GradedRule): string {
  const status = STATUS_TEXT[rule.status];
  const findings = rule.findings
    .filter((f) => f.severity !== 'info')
    .map((f) => `<div><code>${h(f.file)}:${f.line}:${f.column}</code>${f.message === rule.message ? '' : ` ${h(f.message)}`}${f.hint ? ` <span class="muted">Fix: ${h(f.hint)}</span>` : ''}</div>`)
    .join('');
  return `<tr><td>${h(rule.id)}<td class="k-${rule.status}">${status.symbol} ${status.word}<td class="num">${rule.status === 'manual' ? '?' : rule.points}/${rule.maxPoints}<td>${h(rule.message)}${findings}`;
}
