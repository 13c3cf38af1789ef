import { shortened } from '../chars.js';
import { parseArchitecture } from './architecture/parse-architecture.js';
import { detectDiagramType, type DetectedType } from './detect.js';
import { headerError, meantTypeByContent, meantTypeWord, shiftColumns, type MeantType } from './header.js';
import { matchFrontMatter } from './mermaid-source.js';
import { parseFlowchart } from './flowchart/parse-flowchart.js';
import { parseSequence } from './sequence/parse-sequence.js';
import type { DiagramParse, DiagramReading } from './types.js';

/**
 * Parses one Mermaid diagram of any type; positions in the result are relative to `text`.
 * `detected`: `detectDiagramType(text)` when the caller has it already (loading reads the type of
 * every diagram first, to bound architecture-beta's), so that it is not read twice.
 */
export async function parseDiagram(text: string, detected: DetectedType = detectDiagramType(text), reading: DiagramReading = 'whole'): Promise<DiagramParse> {
  const { kind, typeWord } = detected;
  if (kind === 'unknown' && typeWord && typeWord !== '---') {
    const recovered = await readAsMeant(text, typeWord, reading);
    if (recovered) return recovered;
  }
  return parseKnown(text, kind, typeWord, reading);
}

async function parseKnown(text: string, kind: DiagramParse['kind'], typeWord: string | null, reading: DiagramReading): Promise<DiagramParse> {
  switch (kind) {
    case 'flowchart':
      return parseFlowchart(text, reading);
    case 'sequence':
      return parseSequence(text, reading);
    case 'architecture':
      return parseArchitecture(text);
    case 'unsupported':
      return { kind, typeWord, valid: true, errors: [], ast: null };
    default:
      if (typeWord === '---') {
        return {
          kind: 'unknown',
          typeWord,
          valid: false,
          errors: [{ code: 'unclosed-front-matter', message: 'Diagrams beginning with --- are not valid: the front matter block is never closed.', line: 1, column: 1, text: '---', hint: 'Close the front matter with a line holding only ---, or remove the opening ---.' }],
          ast: null,
        };
      }
      return {
        kind: 'unknown',
        typeWord,
        valid: false,
        errors: [
          {
            code: 'unknown-diagram-type',
            message: typeWord ? `\`${shortened(typeWord)}\` is not a Mermaid diagram type.` : 'This Mermaid block is empty.',
            line: 1,
            column: 1,
            ...(typeWord ? { text: typeWord } : {}),
            hint: 'Start the block with a diagram type such as `flowchart TD` or `sequenceDiagram`.',
          },
        ],
        ast: null,
      };
  }
}

/**
 * A diagram whose first word is no type Mermaid knows (`grpah TD`, `Flowchart TD`, no header at
 * all): Mermaid rejects it, and so does infralint, with one error at the word naming the type
 * meant; the rest is read as that type (the word mended) so that the graph rules judge the drawing.
 * Errors the rest holds follow the header's. Null when nothing near is meant.
 */
async function readAsMeant(raw: string, written: string, reading: DiagramReading): Promise<DiagramParse | null> {
  const text = raw.replace(/\r\n?/g, '\n');
  const meant: MeantType | null = meantTypeWord(written) ?? meantTypeByContent(text);
  if (!meant) return null;
  const at = wordPosition(text, written);
  const error = headerError(written, meant, { line: at.line, column: at.column });
  if (meant.kind !== 'flowchart' && meant.kind !== 'sequence' && meant.kind !== 'architecture') {
    return { kind: 'unknown', typeWord: written, valid: false, errors: [error], ast: null };
  }
  // The word replaced (or, with no header, a header put before it on the same line: lines stay where they are).
  const [from, to, put] = meant.by === 'content' ? [at.offset, at.offset, `${meant.kind === 'flowchart' ? 'flowchart TD' : meant.word};`] : [at.offset, at.offset + written.length, meant.replacement ?? meant.word];
  const inner = await parseKnown(text.slice(0, from) + put + text.slice(to), meant.kind, meant.word, reading);
  const errors = inner.errors.map((e) => ({ ...e }));
  shiftColumns(inner.ast, errors, at.line, at.column + put.length - 1, put.length - (to - from));
  return { kind: meant.kind, typeWord: written, valid: false, errors: [error, ...errors], ast: inner.ast };
}

/** Where the type word stands in the text: after front matter, blank lines and `%%` comments. */
function wordPosition(text: string, word: string): { line: number; column: number; offset: number } {
  const lines = text.split('\n');
  const fm = matchFrontMatter(text);
  let offset = 0;
  let line = 0;
  if (fm) {
    const skipped = text.slice(0, fm.length).split('\n').length - 1;
    for (; line < skipped; line++) offset += lines[line]!.length + 1;
  }
  for (; line < lines.length; line++) {
    const content = lines[line]!;
    const column = content.length - content.trimStart().length;
    if (content.trimStart().startsWith(word)) return { line: line + 1, column: column + 1, offset: offset + column };
    offset += content.length + 1;
  }
  return { line: 1, column: 1, offset: 0 };
}
