import { TOOL } from '../../tool.js';
import type { AtomicFile } from '../atomic-file.js';
import type { SimilarTo } from '../gradebook.js';
import type { ResultsHeader, StudentRecord } from '../record.js';
import type { SimilarityResult } from '../similarity/find-similar.js';
import type { CohortSummary } from '../summary.js';
import { escapeXml } from '../../reporters/escape-xml.js';
import { CohortIndex } from './cohort-index.js';
import { reviewSection, similaritySection, taskSection } from './cohort-sections.js';
import { GraphDrawings } from './graph-drawings.js';
import { REPORT_SCRIPT } from './report-script.js';
import { STYLE } from './report-style.js';
import { studentSection, studentSectionsHead, writeStudentsTable } from './students.js';

export interface ReportInput {
  header: ResultsHeader;
  summary: CohortSummary;
  similarity: SimilarityResult;
  similar: Map<string, SimilarTo[]>;
  records: () => AsyncGenerator<StudentRecord>;
}

const h = (text: string | number): string => escapeXml(String(text));

/**
 * What the page may do: run its own script (pinned by hash) and use inline styles; load nothing,
 * connect nowhere, submit nowhere. Images: none (drawings are inline SVG).
 */
export const REPORT_CSP = `default-src 'none'; script-src ${REPORT_SCRIPT.hashSource}; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'`;

/**
 * report.html: one self-contained file with the cohort's figures (per task: histogram, rule failure
 * rates, and per rule who failed it), a students table with every rule's status, and each student's
 * results and graphs. Readable with scripts off; with them on, the table sorts, filters and pages,
 * and a student's drawings are built when their section opens, which keeps a large cohort's report
 * quick to open. Every piece of student text goes through escapeXml; Graphviz escapes what it draws.
 *
 * Records are read twice: once for the index the cohort-wide parts need (a few hundred bytes a
 * student), once for the students' sections, written as they come.
 */
export async function writeHtmlReport(out: AtomicFile, input: ReportInput): Promise<void> {
  const { header, summary } = input;
  const index = new CohortIndex(header);
  for await (const record of input.records()) index.add(record, input.similar.get(record.student));

  out.write(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>infralint grade report</title><style>${STYLE}</style>
${REPORT_SCRIPT.element}</head><body>
<h1>infralint grade report</h1>
<p class="muted">${summary.students} submissions, graded by ${h(TOOL.name)} ${h(TOOL.version)} against ${header.tasks.map((t) => `<code>${h(t)}</code>`).join(', ')}. <a href="#students-h">Students table</a>.</p>
`);
  summary.tasks.forEach((task, t) => out.write(taskSection(task, t, index)));
  out.write(reviewSection(summary, index));
  out.write(similaritySection(input.similarity, index));
  writeStudentsTable((html) => out.write(html), header, index);

  const drawings = await GraphDrawings.load();
  out.write(studentSectionsHead());
  let i = 0;
  for await (const record of input.records()) out.write(studentSection(record, i++, input.similar.get(record.student), drawings));
  out.write('</div>\n</body></html>\n');
}
