import { fixabilityOf } from '../diagrams/fixability.js';
import { parseDiagram } from '../diagrams/parse-diagram.js';
import type { DiagramParse } from '../diagrams/types.js';
import { FIXERS } from './diagram-fixers.js';
import { lostFromGraph } from './graph-kept.js';

/** One repair made: the error it answers, the diagram line it was on, what was done. */
export interface FixStep {
  code: string;
  line: number;
  description: string;
}

export type DiagramFixOutcome =
  /** `renames`: node ids the repair renamed (`end` -> `End`). */
  | { fixed: true; text: string; steps: FixStep[]; renames: Record<string, string>; spilledFrom?: number }
  /** Why the diagram is left as it is: `code` is the first error no fix answers. */
  | { fixed: false; reason: 'not-fixable' | 'no-repair' | 'too-many-steps' | 'too-large' | 'too-much-work' | 'graph-lost'; code?: string; detail: string };

/** Repairs (re-parses) at most per diagram: each repairs one kind of mistake wherever it is, and students make few kinds. */
export const MAX_FIX_STEPS = 25;
/** Diagrams larger than this are not repaired: each step re-parses the whole text, and a student's diagram is a few KB. */
export const MAX_FIX_CHARS = 8 * 1024;
/**
 * Characters parsed at most to repair the diagrams of one submission (a broken diagram parses at
 * about 25 µs a character, recovery included): about 0.8 s at worst on hostile input, while a
 * student's few diagrams of a few KB need a small part of it.
 */
export const MAX_FIX_WORK = 32 * 1024;

/** What is left of the characters a run may parse to repair diagrams (shared by a submission's diagrams). */
export class FixBudget {
  constructor(public chars = MAX_FIX_WORK) {}
  /** Takes `n` characters; false (and nothing taken) when fewer are left. */
  take(n: number): boolean {
    if (n > this.chars) return false;
    this.chars -= n;
    return true;
  }
}

/**
 * Repairs a diagram that Mermaid rejects, one error at a time: the first error's safe fix, a
 * re-parse, the next error... The repair is kept only when the diagram then parses and its graph
 * keeps every component and edge the student drew (as the parser's recovery read them). A diagram
 * that parses is never changed. `text` has `\n` line endings.
 */
export async function fixDiagram(text: string, parsed?: DiagramParse, budget = new FixBudget()): Promise<DiagramFixOutcome> {
  if (text.length > MAX_FIX_CHARS) return { fixed: false, reason: 'too-large', detail: `the diagram is over ${MAX_FIX_CHARS / 1024} KB` };
  const spent = () => ({ fixed: false as const, reason: 'too-much-work' as const, detail: `more than ${MAX_FIX_WORK / 1024} KB parsed to repair this submission's diagrams` });
  if (!parsed && !budget.take(text.length)) return spent();
  const before = parsed ?? (await parseDiagram(text));
  if (before.valid) return { fixed: false, reason: 'no-repair', detail: 'the diagram parses' };
  let current = text;
  let parse = before;
  const steps: FixStep[] = [];
  const renames: Record<string, string> = {};
  let spilledFrom = Infinity;
  let rounds = 0;
  while (!parse.valid) {
    const error = parse.errors[0];
    if (!error) return { fixed: false, reason: 'no-repair', detail: 'no error to answer' };
    if (fixabilityOf(error.code) !== 'safe') return { fixed: false, reason: 'not-fixable', code: error.code, detail: `\`${error.code}\` has no safe fix` };
    if (rounds++ >= MAX_FIX_STEPS) return { fixed: false, reason: 'too-many-steps', code: error.code, detail: `more than ${MAX_FIX_STEPS} repairs` };
    const out = FIXERS[error.code]?.(current, error) ?? null;
    if (!out || out.text === current) return { fixed: false, reason: 'no-repair', code: error.code, detail: `no repair found for \`${error.code}\` on line ${error.cause?.line ?? error.line}` };
    for (const line of out.lines ?? [error.cause?.line ?? error.line]) steps.push({ code: error.code, line, description: out.description });
    Object.assign(renames, out.renames);
    spilledFrom = Math.min(spilledFrom, out.spilledFrom ?? Infinity);
    current = out.text;
    if (!budget.take(current.length)) return spent();
    // Whether the repair parses, and its next error: the graph only once it parses (a verdict
    // reads a rejected diagram's errors without the repairing pass that recovers its graph).
    parse = await parseDiagram(current, undefined, 'verdict');
    // A repair after which the same error stands at the same place made no progress.
    const next = parse.errors[0];
    if (next && next.code === error.code && next.line === error.line && next.column === error.column && next.cause?.line === error.cause?.line && next.cause?.column === error.cause?.column) {
      return { fixed: false, reason: 'no-repair', code: error.code, detail: `the repair of \`${error.code}\` on line ${error.cause?.line ?? error.line} left it in place` };
    }
  }
  // Nothing drawn may be lost: the fixed graph holds the components and edges the recovery read.
  const lost = before.ast && parse.ast ? lostFromGraph(before.ast, parse.ast, renames, spilledFrom) : before.ast ? 'the graph' : null;
  if (lost) return { fixed: false, reason: 'graph-lost', code: steps[steps.length - 1]!.code, detail: `the fix would lose ${lost}` };
  return { fixed: true, text: current, steps, renames, ...(spilledFrom < Infinity ? { spilledFrom } : {}) };
}
