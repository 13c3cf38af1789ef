import type { MarkdownDocument } from '../markdown/parse-markdown.js';
import { ART_LINE, looksLikeDiagramHeader } from '../markdown/drawn-lines.js';

/** Where a diagram's text came from. */
export type DiagramOrigin =
  /** A ```mermaid fence: renders on GitHub. */
  | 'fence'
  /** A whole `.mmd` file, or an extension-less file that is only a diagram. */
  | 'file'
  /** Mermaid text in a fence of another language, or no fence at all, in a markdown file. */
  | 'unfenced';

export interface DiagramSource {
  file: string;
  origin: DiagramOrigin;
  text: string;
  /** File line of the diagram's first line. */
  line: number;
  indent: number;
  /** For a fence: false when the fence was never closed. */
  closed: boolean;
  /**
   * For a fence never closed: the file line where the text it swallowed begins (the paragraphs
   * after the diagram, see open-fence.ts). `text` then holds the diagram only.
   */
  swallowedFrom?: number;
}

const MERMAID_LANG = /^mermaid(-example)?$/;

/**
 * Finds the Mermaid diagrams of a markdown file: fenced blocks, and Mermaid text that a student left
 * outside a mermaid fence (read for the graph rules, flagged by diagram-renders).
 */
export function extractDiagrams(file: string, text: string, doc: MarkdownDocument, isMarkdownFile: boolean): DiagramSource[] {
  const found: DiagramSource[] = [];
  for (const fence of doc.fences) {
    const firstLine = fence.content.split('\n').find((l) => l.trim() && !l.trim().startsWith('%%')) ?? '';
    const mermaid = MERMAID_LANG.test(fence.lang);
    if (!mermaid && !looksLikeDiagramHeader(firstLine) && !/^\s*---\s*$/.test(firstLine)) continue;
    if (!mermaid && /^\s*---\s*$/.test(firstLine) && !fence.content.split('\n').some(looksLikeDiagramHeader)) continue;
    found.push({
      file,
      origin: mermaid ? 'fence' : 'unfenced',
      text: fence.content,
      line: fence.contentLine,
      indent: fence.indent,
      closed: fence.closed,
    });
  }
  found.push(...unfencedDiagrams(file, text, doc, isMarkdownFile));
  return found.sort((a, b) => a.line - b.line);
}

/** Mermaid text written straight into the file: from a header line to the next heading or fence. */
function unfencedDiagrams(file: string, text: string, doc: MarkdownDocument, isMarkdownFile: boolean): DiagramSource[] {
  const lines = text.split('\n');
  const inFence = new Set<number>();
  for (const fence of doc.fences) {
    const end = fence.line + fence.content.split('\n').length;
    for (let l = fence.line; l <= end; l++) inFence.add(l);
  }
  const out: DiagramSource[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (inFence.has(i + 1) || !looksLikeDiagramHeader(lines[i]!)) continue;
    let end = i + 1;
    while (end < lines.length && !inFence.has(end + 1) && !/^\s{0,3}(#{1,6}\s|```|~~~)/.test(lines[end]!)) end++;
    while (end > i + 1 && !lines[end - 1]!.trim()) end--;
    const body = lines.slice(i, end);
    const indent = Math.min(...body.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
    const wholeFile = lines.slice(0, i).every((l) => !l.trim()) && lines.slice(end).every((l) => !l.trim());
    out.push({
      file,
      origin: wholeFile && !isMarkdownFile ? 'file' : 'unfenced',
      text: body.map((l) => l.slice(indent)).join('\n'),
      line: i + 1,
      indent,
      closed: true,
    });
    i = end - 1;
  }
  return out;
}

/**
 * ASCII-art diagrams written straight into a file (no code block): a run of at least three lines of
 * boxes and arrows, outside the Mermaid diagrams. Returns the first line of the first run, or null.
 */
export function findAsciiArt(text: string, diagrams: DiagramSource[]): number | null {
  const lines = text.split('\n');
  const ranges = diagrams.map((d) => [d.line, d.line + d.text.split('\n').length] as const);
  const inDiagram = (n: number) => ranges.some(([from, to]) => n >= from && n < to);
  let run = 0;
  let start = 0;
  let gap = 0;
  for (let i = 0; i < lines.length; i++) {
    const n = i + 1;
    if (!inDiagram(n) && ART_LINE.test(lines[i]!)) {
      if (run === 0) start = n;
      run++;
      gap = 0;
      if (run >= 3) return start;
    } else if (run > 0 && gap === 0 && lines[i]!.trim()) {
      gap++;
    } else {
      run = 0;
      gap = 0;
    }
  }
  return null;
}
