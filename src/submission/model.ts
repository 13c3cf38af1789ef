import type { TextFix } from '../fix/model.js';
import type { LocatedTask } from '../discover/locate-task.js';
import type { DiagramSource } from '../diagrams/extract.js';
import type { DiagramParse } from '../diagrams/types.js';
import type { MarkdownDocument } from '../markdown/parse-markdown.js';
import type { ReadFile } from '../read/safe-read.js';
import type { Notice } from '../types.js';

/*
 * What a submission is once loaded (by load-submission.ts): the files that belong to one task, their
 * diagrams, and the diagrams a person must look at. The engine and the rules read it.
 */

export interface SubmissionFile {
  relPath: string;
  read: ReadFile;
  /** Null for `.mmd` files. */
  markdown: MarkdownDocument | null;
  /**
   * How it joined the submission. `section`: the part of the project's README that holds the task's
   * explanations (its text and markdown are that section only, at the README's line numbers).
   */
  role: 'task' | 'linked' | 'sibling' | 'section';
}

export interface Diagram extends DiagramSource {
  index: number;
  parse: DiagramParse;
  /** The diagram's repair in its file (content and fence), when one is safe and proven (fix/propose-fixes.ts). */
  fix?: TextFix;
}

/** A diagram a person must look at: an image, an image URL, a drawing-tool link, ASCII art. */
export interface VisualDiagram {
  file: string;
  line: number;
  target: string;
  kind: 'image' | 'image-url' | 'image-file' | 'drawing-link' | 'ascii-art';
  /** For an image in the repository: its absolute path (the file a link names, or the nearest one found). */
  localPath?: string;
}

export interface LoadedSubmission {
  task: string;
  located: LocatedTask;
  taskFile: SubmissionFile | null;
  files: SubmissionFile[];
  diagrams: Diagram[];
  visuals: VisualDiagram[];
  /** Problems met while reading (refused links, binary files...): reported, never fatal. */
  notices: Notice[];
  /** Where the answer was found instead of the task file (a README section), if anywhere. */
  readmeSection: { file: string; line: number } | null;
  /**
   * For a task whose explanations are a section of the project's README (the rubric's
   * `answerSection`): where that section is. Null for other tasks, or when the README has none.
   */
  answerSection: AnswerSection | null;
}

export interface AnswerSection {
  file: string;
  heading: string;
  /** The heading's line and the section's last line (1-based, inclusive). */
  line: number;
  endLine: number;
  /** Mermaid blocks in the section (the diagram belongs in the task's own file, but a student may put it here). */
  mermaidLines: number[];
}
