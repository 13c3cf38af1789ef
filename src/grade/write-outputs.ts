import { rmSync, writeFileSync } from 'node:fs';
import { jsonLines } from './results-file.js';
import path from 'node:path';
import { TOOL } from '../tool.js';
import { AtomicFile, AtomicFolder } from './atomic-file.js';
import { commitTogether } from './out-folder.js';
import { GradebookCsv, ProjectCsv, projectTotal, similarByStudent, type GradebookEntry } from './gradebook.js';
import { feedbackFileName, type RecordDigest } from './record-digest.js';
import type { ResultsHeader, StudentRecord } from './record.js';
import { jsonSafe } from '../chars.js';
import { CohortSketches } from './similarity/cohort-sketches.js';
import { findSimilar, type SimilarityOptions, type SimilarityResult } from './similarity/find-similar.js';
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
  /** Outputs of an earlier run this one does not write (report.html with --no-report): removed with the commit, so none is stale. */
  stale?: string[];
}

/**
 * Writes every output of a cohort as its records arrive (during grading, or while reading the
 * merge of several partials): what `grade` and `merge` both do, so that a sharded run merged gives
 * the same files as one run. Memory stays flat: a record is written out and dropped at once; what
 * waits for the similarity of the whole cohort is a compact gradebook entry in a temporary file,
 * not the record, and a fixed-size sketch in memory. Only report.html reads the records again.
 */
export class CohortOutputs {
  /** Time spent writing (in `add` and in `finish`), not waiting for records. */
  private busyMs = 0;
  private readonly summary: SummaryBuilder;
  /** One fixed-size sketch a student: what similarity needs of the whole cohort. */
  private sketches: CohortSketches | null = new CohortSketches();
  private readonly feedback: AtomicFolder;
  private readonly entries: AtomicFile;

  constructor(private readonly header: ResultsHeader, private readonly options: OutputOptions, private readonly pending: PendingOutputs) {
    this.summary = new SummaryBuilder(header);
    this.feedback = new AtomicFolder(path.join(options.out, 'feedback'));
    pending.folders.push(this.feedback);
    // Not an output: discarded (never committed) once the gradebooks are written.
    this.entries = new AtomicFile(path.join(options.out, 'gradebook-entries.jsonl'));
  }

  /** The folder a worker writes feedback files into while grading (see RecordDigest.feedback). */
  get feedbackFolder(): string {
    return this.feedback.temp;
  }

  add(digest: RecordDigest): void {
    const started = performance.now();
    this.options.copyRecordsTo?.write(`${digest.line}\n`);
    this.summary.add(digest.entry);
    this.sketches!.add(digest.student, digest.sketch);
    if (digest.feedback !== null) writeFileSync(path.join(this.feedback.temp, feedbackFileName(digest.student)), digest.feedback);
    this.entries.write(`${JSON.stringify(digest.entry)}\n`);
    this.busyMs += performance.now() - started;
  }

  /** Similarity, then the gradebooks from the compact entries, then report.html from `records`. */
  async finish(records: () => AsyncGenerator<StudentRecord>): Promise<OutputResult> {
    const started = performance.now();
    const summary = this.summary.build();
    const similarity = findSimilar(this.sketches!, this.options.similarity);
    this.sketches = null;
    const similar = similarByStudent(similarity);
    this.entries.close();

    const csv = new AtomicFile(path.join(this.options.out, 'gradebook.csv'));
    const json = new AtomicFile(path.join(this.options.out, 'gradebook.json'));
    const projectFile = new AtomicFile(path.join(this.options.out, 'project.csv'));
    this.pending.files.push(csv, json, projectFile);
    const gradebook = new GradebookCsv(this.header);
    const projectCsv = new ProjectCsv(this.header);
    csv.write(gradebook.head());
    projectFile.write(projectCsv.head());
    // jsonSafe: the C1 and bidi controls JSON.stringify leaves raw are escaped (the file may be printed).
    json.write(jsonSafe(`{\n"tool": ${JSON.stringify(TOOL)},\n"tasks": ${JSON.stringify(this.header.tasks)},\n"summary": ${JSON.stringify(summary)},\n"similarity": ${JSON.stringify(similarity)},\n"students": [`));
    let first = true;
    try {
      for await (const line of jsonLines(this.entries.temp)) {
        const entry = JSON.parse(line) as GradebookEntry;
        const mine = similar.get(entry.student);
        csv.write(gradebook.rows(entry, mine));
        projectFile.write(projectCsv.row(entry, mine));
        json.write(`${first ? '\n' : ',\n'}${jsonSafe(JSON.stringify({ ...entry, project: projectTotal(entry, this.header.tasks), similarTo: mine ?? [] }))}`);
        first = false;
      }
    } finally {
      this.entries.discard();
    }
    json.write('\n]}\n');
    csv.close();
    projectFile.close();
    json.close();
    const gradebookMs = this.busyMs + performance.now() - started;

    const reportStarted = performance.now();
    if (this.options.report) {
      const { writeHtmlReport } = await import('./report/html-report.js');
      const html = new AtomicFile(path.join(this.options.out, 'report.html'));
      this.pending.files.push(html);
      await writeHtmlReport(html, { header: this.header, summary, similarity, similar, records });
      html.close();
    } else {
      (this.pending.stale ??= []).push(path.join(this.options.out, 'report.html'));
    }
    return {
      summary,
      similarity,
      timings: { gradebook: gradebookMs, report: performance.now() - reportStarted },
      files: [...this.pending.files.map((f) => f.target), ...this.pending.folders.map((f) => f.target)],
    };
  }

  /** Drops what was written so far (the run failed); never throws. */
  discard(): void {
    try {
      this.entries.discard();
    } catch {
      // removed by the next run on the folder
    }
  }
}

/** Puts every output in place together (see commitTogether: a kill in between is completed later). */
export function commitOutputs(pending: PendingOutputs, dir: string): void {
  for (const file of pending.files) file.close();
  commitTogether(dir, [
    ...pending.folders.map((f) => ({ kind: 'folder' as const, temp: f.temp, target: f.target })),
    ...pending.files.map((f) => ({ kind: 'file' as const, temp: f.temp, target: f.target })),
  ]);
  for (const stale of pending.stale ?? []) rmSync(stale, { force: true });
}

/** Removes what a failed run wrote; never throws (the run's own error is the one to report). */
export function discardOutputs(pending: PendingOutputs): void {
  for (const output of [...pending.folders, ...pending.files]) {
    try {
      output.discard();
    } catch {
      // left for the next run on the folder, which removes temporary entries
    }
  }
}
