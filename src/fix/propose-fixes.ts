import type { Diagram, LoadedSubmission, SubmissionFile } from '../submission/model.js';
import { FixBudget, fixDiagram } from './fix-diagram.js';
import { diffLines } from './line-diff.js';
import type { PatchHunk, TextFix } from './model.js';
import { applyEdits, TextPositions, type TextEdit } from './text-edit.js';

/**
 * Turns each broken diagram's proven repair (fix-diagram.ts) into edits of its file, and adds the
 * ```mermaid fence a diagram lacks: `diagram.fix`, which diagram-renders puts on its finding.
 * Only the diagram's own lines and its fence line are edited, never the prose around it.
 */
export async function proposeDiagramFixes(submission: LoadedSubmission): Promise<void> {
  // One budget for the whole submission: hostile input with many large broken diagrams stays bounded.
  const budget = new FixBudget();
  for (const diagram of submission.diagrams) {
    const file = submission.files.find((f) => f.relPath === diagram.file && f.role !== 'section');
    if (!file || file.read.truncated || file.read.invalidUtf8) continue;
    const fix = await diagramFix(diagram, file, budget);
    if (fix) diagram.fix = fix;
  }
}

interface Change {
  edits: TextEdit[];
  hunks: PatchHunk[];
  notes: { line: number; description: string }[];
}

async function diagramFix(d: Diagram, file: SubmissionFile, budget: FixBudget): Promise<TextFix | null> {
  // A fence never closed: its content is a guess at where the diagram ends.
  if (d.origin === 'fence' && !d.closed) return null;
  const fenceWanted = d.origin === 'unfenced' && /\.(md|markdown)$/i.test(d.file);
  // A diagram that parses in its place has nothing to fix (most of them): its file is not looked at.
  if (d.parse.valid && !fenceWanted) return null;
  const text = file.read.text;
  const positions = new TextPositions(text);
  const lines = contentLines(d.text);
  // The diagram's lines must be the file's lines (less the fence's indent): else positions would be guesses.
  const fileLines = text.split('\n');
  const offset = d.line - 1;
  const placed = lines.every((l, k) => {
    const fileLine = fileLines[offset + k];
    return fileLine !== undefined && (fileLine.slice(d.indent) === l || (!fileLine.trim() && !l.trim())) && /^\s*$/.test(fileLine.slice(0, d.indent));
  });
  if (!placed) return null;
  const change: Change = { edits: [], hunks: [], notes: [] };
  if (!d.parse.valid) {
    if (!['flowchart', 'sequence', 'architecture', 'unknown'].includes(d.parse.kind)) return null;
    const outcome = await fixDiagram(lines.join('\n'), undefined, budget);
    if (!outcome.fixed) return null;
    contentEdits(lines, contentLines(outcome.text), d, fileLines, positions, change);
    for (const step of outcome.steps) change.notes.push({ line: d.line + step.line - 1, description: step.description });
  }
  if (fenceWanted) {
    if (!fenceEdits(d, file, lines.length, positions, change)) return null;
  }
  if (!change.edits.length) return null;
  const start = Math.min(...change.edits.map((e) => e.range[0]));
  const end = Math.max(...change.edits.map((e) => e.range[1]));
  const merged = applyEdits(text.slice(start, end), change.edits.map((e) => ({ range: [e.range[0] - start, e.range[1] - start] as [number, number], text: e.text })));
  const changes = [...change.notes].sort((a, b) => a.line - b.line);
  return { kind: 'mermaid', description: changes.map((c) => `line ${c.line}: ${c.description}`).join('; '), changes, range: [start, end], text: merged, edits: change.edits, hunks: change.hunks };
}

/** A diagram's lines, without the empty one after its last line feed. */
function contentLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The edits that turn the diagram's lines into the fixed ones, each line keeping its indentation in the file. */
function contentEdits(before: string[], after: string[], d: Diagram, fileLines: string[], positions: TextPositions, change: Change): void {
  const offset = d.line - 1;
  // A run of lines each rewritten in place is as many one-line hunks: each edit then says where it is.
  const hunks = diffLines(before, after).flatMap((h) =>
    h.aEnd - h.aStart === h.bEnd - h.bStart ? Array.from({ length: h.aEnd - h.aStart }, (_, k) => ({ aStart: h.aStart + k, aEnd: h.aStart + k + 1, bStart: h.bStart + k, bEnd: h.bStart + k + 1 })) : [h],
  );
  for (const h of hunks) {
    const model = fileLines[offset + Math.min(h.aStart, Math.max(0, h.aEnd - 1))] ?? '';
    const pad = model.trim() ? model.slice(0, d.indent) : ' '.repeat(d.indent);
    const oldLines = fileLines.slice(offset + h.aStart, offset + h.aEnd);
    const newLines = after.slice(h.bStart, h.bEnd).map((l) => (l.trim() ? pad + l : l));
    change.hunks.push({ line: d.line + h.aStart, before: oldLines, after: newLines });
    if (oldLines.length === 1 && newLines.length === 1) {
      // One line changed: the smallest edit within it, so that its position says where.
      const [a, b] = [oldLines[0]!, newLines[0]!];
      let head = 0;
      while (head < a.length && head < b.length && a[head] === b[head]) head++;
      let tail = 0;
      while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
      const lineStart = positions.lineStart(offset + h.aStart + 1);
      change.edits.push(positions.edit(lineStart + head, lineStart + a.length - tail, b.slice(head, b.length - tail)));
      continue;
    }
    const start = positions.lineStart(offset + h.aStart + 1);
    const end = positions.lineStart(offset + h.aEnd + 1);
    const atEnd = end >= positions.text.length && !positions.text.endsWith('\n');
    const inserted = newLines.map((l) => `${l}\n`).join('');
    change.edits.push(positions.edit(start, end, atEnd && end > start ? inserted.slice(0, -1) : inserted));
  }
}

const FENCE_OPENER = /^([ \t]*)(`{3,}|~{3,})([ \t]*)([^\s`]*)/;

/** A diagram in a fence of another language gets `mermaid` as its language; one with no fence gets a fence. */
function fenceEdits(d: Diagram, file: SubmissionFile, lineCount: number, positions: TextPositions, change: Change): boolean {
  const fence = file.markdown?.fences.find((f) => f.contentLine === d.line);
  if (fence) {
    if (!fence.closed) return false;
    const opener = FENCE_OPENER.exec(positions.text.slice(positions.lineStart(fence.line)).split('\n')[0]!);
    if (!opener) return false;
    const at = positions.lineStart(fence.line) + opener[1]!.length + opener[2]!.length + opener[3]!.length;
    const word = opener[4]!;
    change.edits.push(positions.edit(at, at + word.length, 'mermaid'));
    const line = positions.text.slice(positions.lineStart(fence.line)).split('\n')[0]!;
    change.hunks.push({ line: fence.line, before: [line], after: [line.slice(0, at - positions.lineStart(fence.line)) + 'mermaid' + line.slice(at - positions.lineStart(fence.line) + word.length)] });
    change.notes.push({ line: fence.line, description: word ? `wrote the fence language \`${word}\` as \`mermaid\`` : 'gave the fence its language, `mermaid`' });
    return true;
  }
  // Four spaces make an indented code block, whatever fence is put around it.
  if (d.indent > 3) return false;
  const pad = ' '.repeat(d.indent);
  const start = positions.lineStart(d.line);
  const afterLast = d.line + lineCount;
  const end = positions.lineStart(afterLast);
  const noFinalFeed = end >= positions.text.length && !positions.text.endsWith('\n');
  change.edits.push(positions.edit(start, start, `${pad}\`\`\`mermaid\n`));
  change.edits.push(positions.edit(end, end, noFinalFeed ? `\n${pad}\`\`\`` : `${pad}\`\`\`\n`));
  change.hunks.push({ line: d.line, before: [], after: [`${pad}\`\`\`mermaid`] }, { line: afterLast, before: [], after: [`${pad}\`\`\``] });
  change.notes.push({ line: d.line, description: 'put the diagram in a ```mermaid fence' });
  return true;
}
