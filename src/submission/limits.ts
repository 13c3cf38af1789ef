import type { Notice } from '../types.js';
import { toRelative } from '../read/safe-read.js';

/**
 * What one submission may make infralint read and parse. Every count a submission controls has a
 * cap; reaching one is a finding (the rest is left unread), never a slower run. A real answer uses
 * a handful of each: the caps are far above that and far below what a hostile submission needs.
 * Documented in README.md ("Limits").
 */
export const LIMITS = {
  /** Files read for one task: the task file, its siblings (`3-scale_up.mmd`...), files it links to. */
  files: 32,
  /** Bytes read for one task, all files together (each file is also capped by `--max-bytes`). */
  bytes: 8 * 1024 * 1024,
  /** Links of one file that are followed or recorded. */
  linksPerFile: 500,
  /** Mermaid diagrams parsed for one task. */
  diagrams: 100,
  /**
   * Boxes (nodes, subgraphs, participants, services) of all the diagrams of one task that the graph
   * rules read: matching the boxes of two diagrams costs the product of their numbers.
   */
  boxes: 1000,
  /** Links (edges, messages) of one diagram that the graph rules read. */
  links: 2000,
  /**
   * Bytes of architecture-beta diagrams handed to Mermaid's parser for one task (each diagram is
   * also capped at 64 KB): that parser costs about 30 µs a byte of broken input.
   */
  architectureBytes: 128 * 1024,
} as const;

/** A cap of LIMITS reached: what was left unread, and that a real answer never needs as much. */
export function capNotice(root: string, abs: string, what: string): Notice {
  return {
    ruleId: 'task-file',
    message: `Not everything was read: ${what} (infralint reads at most ${LIMITS.files} files, ${LIMITS.bytes / 1024 / 1024} MiB, ${LIMITS.linksPerFile} links a file, ${LIMITS.diagrams} diagrams and ${LIMITS.boxes} boxes for a task).`,
    severity: 'warning',
    file: toRelative(root, abs),
    line: 1,
    column: 1,
    hint: 'Keep the answer in the task file (and a .mmd beside it if you like): a design document is a few files of a few kilobytes.',
  };
}
