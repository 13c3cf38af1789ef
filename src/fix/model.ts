import type { TextEdit } from './text-edit.js';

/*
 * A fix as findings carry it (`finding.fix`, printed as is by `--format json`). Two kinds, chosen
 * with `--fix-type`: `mermaid` repairs a diagram or its fence (safe: applied by `--fix`), `file`
 * renames a misnamed task file (a suggestion: applied only with `--fix-type file`).
 */
export type FixType = 'mermaid' | 'file';
export const FIX_TYPES: readonly FixType[] = ['mermaid', 'file'];

/** Lines of the file replaced: from `line` (1-based), `before` became `after` (a suggested patch). */
export interface PatchHunk {
  line: number;
  before: string[];
  after: string[];
}

export interface TextFix {
  kind: 'mermaid';
  /** What the fix does, line by line ("line 12: put the label in double quotes"). */
  description: string;
  changes: { line: number; description: string }[];
  /** One edit covering every change (ESLint's `fix: { range, text }`): offsets in the text read with `\n` line endings. */
  range: [number, number];
  text: string;
  /** The changes one by one, each with its line and column. */
  edits: TextEdit[];
  hunks: PatchHunk[];
}

export interface RenameFix {
  kind: 'file';
  description: string;
  /** Paths relative to the report's base, like `finding.file`. */
  rename: { from: string; to: string };
}

export type FindingFix = TextFix | RenameFix;

/** A file as `--fix` leaves it (`lintSubmission(..., { fix: true })` returns these without writing). */
export interface FixedFile {
  /** Relative to the report's base (as findings name it). */
  file: string;
  path: string;
  /** The file before and after, as on disk: byte-order mark and line endings kept. */
  before: string;
  text: string;
  /** What changed, by file line. */
  changes: { line: number; description: string }[];
  /** Set for a rename: the new name (relative to the report's base) and its absolute path. */
  renameTo?: { file: string; path: string };
}
