import { closeSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { jsonSafe } from '../chars.js';
import { DecisionsInForce, type ReviewOutcome } from './review/decisions-in-force.js';
import path from 'node:path';
import { TOOL } from '../tool.js';
import { AtomicFile, AtomicFolder, ReadAhead, temporaryName } from './atomic-file.js';
import { commitTogether } from './out-folder.js';
import { GradebookCsv, naturalOrder, ProjectCsv, similarByStudent, similarCell, type GradebookEntry } from './gradebook.js';
import { gradebookBlockParts } from './gradebook-block.js';
import { exportFileName, GradebookExport, type ExportSettings } from './exports.js';
import { feedbackFileName, type RecordDigest } from './record-digest.js';
import type { ResultsHeader, StudentRecord } from './record.js';
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
  /** Begin every CSV with a UTF-8 byte order mark, so that Excel reads names as UTF-8 (others ignore it). */
  bom?: boolean;
  /** Gradebook imports written beside gradebook.csv. */
  exports?: ExportSettings;
}

export interface OutputResult {
  summary: CohortSummary;
  similarity: SimilarityResult;
  /** Milliseconds spent on the gradebook and feedback, and on the HTML report. */
  timings: { gradebook: number; report: number };
  files: string[];
  /** The reviewers' decisions of the output folder: applied, stale, set aside. */
  review: ReviewOutcome;
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
 * not the record, and a fixed-size sketch spilled to disk. Only report.html reads the records again.
 */
export class CohortOutputs {
  /** Time spent writing (in `add` and in `finish`), not waiting for records. */
  private busyMs = 0;
  private readonly summary: SummaryBuilder;
  /** One fixed-size sketch a student: what similarity needs of the whole cohort (spilled to disk a chunk at a time). */
  private sketches: CohortSketches | null;
  private readonly feedback: AtomicFolder;
  private readonly entries: AtomicFile;
  /** Where each student's entry is in `entries` (byte offset and length): the rows are written in natural order from it. */
  private readonly entryAt: { student: string; at: number; length: number }[] = [];
  private entriesBytes = 0;
  private readonly decisions: DecisionsInForce;

  constructor(private readonly header: ResultsHeader, private readonly options: OutputOptions, private readonly pending: PendingOutputs) {
    // First: an invalid decisions file stops the run before anything is written.
    this.decisions = DecisionsInForce.load(options.out);
    this.summary = new SummaryBuilder(header);
    // Not an output either: a temporary name, removed once similarity is found (or by the next run on the folder).
    this.sketches = new CohortSketches({
      signatures: temporaryName(path.join(options.out, 'similarity-signatures.bin')),
      where: temporaryName(path.join(options.out, 'similarity-where.bin')),
    });
    this.feedback = new AtomicFolder(path.join(options.out, 'feedback'));
    pending.folders.push(this.feedback);
    // Not an output: discarded (never committed) once the gradebooks are written.
    this.entries = new AtomicFile(path.join(options.out, 'gradebook-entries.jsonl'));
  }

  /** The folder a worker writes feedback files into while grading (see RecordDigest.feedback). */
  get feedbackFolder(): string {
    return this.feedback.temp;
  }

  add(graded: RecordDigest): void {
    const started = performance.now();
    const digest = this.decisions.decideDigest(graded, this.header);
    this.options.copyRecordsTo?.write(digest.line);
    this.summary.add(digest.tally);
    this.sketches!.add(digest.student, digest.sketch);
    if (digest.feedback !== null) writeFileSync(path.join(this.feedback.temp, feedbackFileName(digest.student)), digest.feedback);
    this.entryAt.push({ student: digest.student, at: this.entriesBytes, length: digest.entry.byteLength });
    this.entriesBytes += digest.entry.byteLength;
    this.entries.write(digest.entry);
    this.busyMs += performance.now() - started;
  }

  /** Similarity, then the gradebooks from the compact entries, then report.html from `records`. */
  async finish(records: () => AsyncGenerator<StudentRecord>): Promise<OutputResult> {
    const started = performance.now();
    const summary = this.summary.build();
    const similarity = findSimilar(this.sketches!, this.options.similarity);
    this.sketches!.discard();
    this.sketches = null;
    const similar = similarByStudent(similarity);
    this.entries.close();

    const csv = new AtomicFile(path.join(this.options.out, 'gradebook.csv'));
    const json = new AtomicFile(path.join(this.options.out, 'gradebook.json'));
    const projectFile = new AtomicFile(path.join(this.options.out, 'project.csv'));
    this.pending.files.push(csv, json, projectFile);
    const gradebook = new GradebookCsv(this.header);
    const projectCsv = new ProjectCsv(this.header);
    const bom = this.options.bom ? '\uFEFF' : '';
    csv.write(bom + gradebook.head());
    projectFile.write(bom + projectCsv.head());
    const exports = (this.options.exports?.formats ?? []).map((format) => {
      const file = new AtomicFile(path.join(this.options.out, exportFileName(format)));
      this.pending.files.push(file);
      const writer = new GradebookExport(format, this.options.exports!.title, this.header.tasks);
      file.write(bom + writer.head());
      return { file, writer };
    });
    // jsonSafe: the C1 and bidi controls JSON.stringify leaves raw are escaped (the file may be printed).
    json.write(jsonSafe(`{\n"tool": ${JSON.stringify(TOOL)},\n"tasks": ${JSON.stringify(this.header.tasks)},\n"summary": ${JSON.stringify(summary)},\n"similarity": ${JSON.stringify(similarity)},\n"students": [`));
    let first = true;
    try {
      // Each student's rows come rendered (see gradebookBlock): here they are copied as bytes, with
      // the similar_to cells, known only now, put in.
      for (const { student, block } of this.entriesInOrder()) {
        const parts = gradebookBlockParts(block);
        const mine = similar.get(student);
        const cell = `,${similarCell(mine)},`;
        for (const [before, after] of parts.rows) csv.write(before).write(cell).write(after);
        projectFile.write(parts.project[0]).write(cell).write(parts.project[1]);
        if (exports.length) {
          const entry = JSON.parse(Buffer.from(parts.entry.buffer, parts.entry.byteOffset, parts.entry.byteLength).toString('utf8')) as GradebookEntry;
          for (const { file, writer } of exports) file.write(writer.row(entry));
        }
        json.write(first ? '\n' : ',\n').write(parts.json).write(mine ? `,"similarTo":${jsonSafe(JSON.stringify(mine))}}` : ',"similarTo":[]}');
        first = false;
      }
    } finally {
      this.entries.discard();
    }
    json.write('\n]}\n');
    csv.close();
    projectFile.close();
    for (const { file } of exports) file.close();
    json.close();
    const gradebookMs = this.busyMs + performance.now() - started;

    const reportStarted = performance.now();
    if (this.options.report) {
      const { writeHtmlReport } = await import('./report/html-report.js');
      const html = new AtomicFile(path.join(this.options.out, 'report.html'));
      this.pending.files.push(html);
      await writeHtmlReport(html, { header: this.header, summary, similarity, similar, records: this.decisions.decideRecords(records) });
      html.close();
    } else {
      (this.pending.stale ??= []).push(path.join(this.options.out, 'report.html'));
    }
    return {
      summary,
      similarity,
      timings: { gradebook: gradebookMs, report: performance.now() - reportStarted },
      files: [...this.pending.files.map((f) => f.target), ...this.pending.folders.map((f) => f.target)],
      review: this.decisions.result(),
    };
  }

  /**
   * The gradebook entries in natural order of the students (results files keep code-point order,
   * which every machine agrees on; people read the gradebooks). Read back one at a time by
   * position: memory holds the names, not the entries.
   */
  private *entriesInOrder(): Generator<{ student: string; block: Uint8Array }> {
    this.entries.close();
    const order = [...this.entryAt].sort((a, b) => naturalOrder(a.student, b.student));
    const fd = openSync(this.entries.temp, 'r');
    try {
      // Each block is a view valid until the next is taken.
      const reader = new ReadAhead(fd, this.entriesBytes, this.entries.temp);
      for (const { student, at, length } of order) yield { student, block: reader.read(at, length) };
    } finally {
      closeSync(fd);
    }
  }

  /** Drops what was written so far (the run failed); never throws. */
  discard(): void {
    this.sketches?.discard();
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
