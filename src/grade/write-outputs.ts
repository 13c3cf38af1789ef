import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { TOOL } from '../api/tool.js';
import { AtomicFile, AtomicFolder } from './atomic-file.js';
import { GradebookCsv, gradebookEntry, similarByStudent } from './gradebook.js';
import type { ResultsHeader, StudentRecord } from './record.js';
import { decodeShingles, graphShape } from './similarity/features.js';
import { findSimilar, type SimilarityInput, type SimilarityOptions, type SimilarityResult } from './similarity/find-similar.js';
import { SummaryBuilder, type CohortSummary } from './summary.js';

export interface OutputOptions {
  out: string;
  /** Write report.html (Graphviz drawings of every graph: the slowest output). */
  report: boolean;
  similarity?: SimilarityOptions;
  /** Also copy every record here during the first read (merge writes its merged results.jsonl so). */
  copyRecordsTo?: AtomicFile;
}

export interface OutputResult {
  summary: CohortSummary;
  similarity: SimilarityResult;
  /** Milliseconds spent on the gradebook and feedback, and on the HTML report. */
  timings: { gradebook: number; report: number };
  files: string[];
}

/** Files that go into place together once everything is written. */
export interface PendingOutputs {
  files: AtomicFile[];
  folders: AtomicFolder[];
}

/**
 * Writes every output of a cohort from its records (one results file, or the sorted merge of
 * several partials): what `grade` and `merge` both do, so that a sharded run merged gives the same
 * files as one run. Reads the records twice rather than keeping them: memory stays flat.
 */
export async function writeCohortOutputs(header: ResultsHeader, records: () => AsyncGenerator<StudentRecord>, options: OutputOptions, pending: PendingOutputs): Promise<OutputResult> {
  const started = performance.now();
  const summaryBuilder = new SummaryBuilder(header);
  const similarityInputs: SimilarityInput[] = [];
  for await (const record of records()) {
    options.copyRecordsTo?.write(`${JSON.stringify(record)}\n`);
    summaryBuilder.add(record);
    const graph = record.tasks[0]?.graph;
    similarityInputs.push({ student: record.student, shingles: decodeShingles(record.features.shingles), shape: graph ? graphShape(graph) : null });
  }
  const summary = summaryBuilder.build();
  const similarity = findSimilar(similarityInputs, options.similarity);
  similarityInputs.length = 0;
  const similar = similarByStudent(similarity);

  const csv = new AtomicFile(path.join(options.out, 'gradebook.csv'));
  const json = new AtomicFile(path.join(options.out, 'gradebook.json'));
  const feedback = new AtomicFolder(path.join(options.out, 'feedback'));
  pending.files.push(csv, json);
  pending.folders.push(feedback);
  const gradebook = new GradebookCsv(header);
  csv.write(gradebook.head());
  json.write(`{\n"tool": ${JSON.stringify(TOOL)},\n"tasks": ${JSON.stringify(header.tasks)},\n"summary": ${JSON.stringify(summary)},\n"similarity": ${JSON.stringify(similarity)},\n"students": [`);
  let first = true;
  for await (const record of records()) {
    const mine = similar.get(record.student);
    csv.write(gradebook.rows(record, mine));
    json.write(`${first ? '\n' : ',\n'}${JSON.stringify(gradebookEntry(record, mine))}`);
    first = false;
    writeFileSync(path.join(feedback.temp, `${record.student}.md`), record.feedback);
  }
  json.write('\n]}\n');
  csv.close();
  json.close();
  const gradebookMs = performance.now() - started;

  const reportStarted = performance.now();
  if (options.report) {
    const { writeHtmlReport } = await import('./report/html-report.js');
    const html = new AtomicFile(path.join(options.out, 'report.html'));
    pending.files.push(html);
    await writeHtmlReport(html, { header, summary, similarity, similar, records });
    html.close();
  }
  return {
    summary,
    similarity,
    timings: { gradebook: gradebookMs, report: performance.now() - reportStarted },
    files: [...pending.files.map((f) => f.target), ...pending.folders.map((f) => f.target)],
  };
}

export function commitOutputs(pending: PendingOutputs): void {
  for (const folder of pending.folders) folder.commit();
  for (const file of pending.files) file.commit();
}

export function discardOutputs(pending: PendingOutputs): void {
  for (const folder of pending.folders) folder.discard();
  for (const file of pending.files) file.discard();
}
