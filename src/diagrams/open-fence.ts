import type { DetectedType } from './detect.js';
import type { DiagramSource } from './extract.js';
import { looksLikeStatement } from './header.js';
import { parseDiagram } from './parse-diagram.js';
import type { DiagramParse } from './types.js';

/** Places a fence's content may have been meant to end: before a blank line's next paragraph, before a heading. */
const MAX_TRIES = 30;

/**
 * A ```mermaid fence never closed runs to the end of the file (CommonMark; GitHub draws it so): it
 * renders when its content parses. When it does not, and the content up to a paragraph or heading
 * of the file parses, what follows is the rest of the file swallowed by the diagram: the diagram
 * the student drew is that first part (read for the graph rules), and `swallowedFrom` says where
 * the swallowed text begins, so that diagram-renders reports the one mistake, the missing fence.
 * `detected`: the type of `source.text`, when the caller has read it already.
 */
export async function readFenceContent(source: DiagramSource, detected?: DetectedType): Promise<{ source: DiagramSource; parse: DiagramParse }> {
  const parse = await parseDiagram(source.text, detected);
  if (source.origin !== 'fence' || source.closed || parse.valid) return { source, parse };
  const lines = source.text.split('\n');
  const cuts: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const blankBefore = !lines[i - 1]!.trim() && lines[i]!.trim() !== '';
    if (blankBefore || /^\s{0,3}#{1,6}\s/.test(lines[i]!)) cuts.push(i);
  }
  for (const cut of [...cuts].reverse().slice(0, MAX_TRIES)) {
    const text = lines.slice(0, cut).join('\n').trimEnd();
    if (!text.trim()) continue;
    // Only a prefix that parses is kept: whether it does is all that is asked of the others.
    const prefix = await parseDiagram(text, undefined, 'verdict');
    if (prefix.valid) return { source: { ...source, text, swallowedFrom: source.line + cut }, parse: prefix };
  }
  // The diagram has a mistake of its own: it ends where nothing after reads as Mermaid any more,
  // and keeps its first error (the swallowed prose is a second mistake, not more errors).
  const firstError = parse.errors[0]?.line ?? 1;
  for (const cut of cuts.filter((c) => c >= firstError).slice(0, MAX_TRIES)) {
    if (lines.slice(cut).some(looksLikeStatement)) continue;
    const text = lines.slice(0, cut).join('\n').trimEnd();
    const prefix = await parseDiagram(text);
    if (prefix.errors[0]?.line === firstError && prefix.errors[0].code === parse.errors[0]?.code) return { source: { ...source, text, swallowedFrom: source.line + cut }, parse: prefix };
    break;
  }
  return { source, parse };
}
