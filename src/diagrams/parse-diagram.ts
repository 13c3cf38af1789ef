import { parseArchitecture } from './architecture/parse-architecture.js';
import { detectDiagramType } from './detect.js';
import { parseFlowchart } from './flowchart/parse-flowchart.js';
import { parseSequence } from './sequence/parse-sequence.js';
import type { DiagramParse } from './types.js';

/** Parses one Mermaid diagram of any type; positions in the result are relative to `text`. */
export async function parseDiagram(text: string): Promise<DiagramParse> {
  const { kind, typeWord } = detectDiagramType(text);
  switch (kind) {
    case 'flowchart':
      return parseFlowchart(text);
    case 'sequence':
      return parseSequence(text);
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
            message: typeWord ? `\`${typeWord}\` is not a Mermaid diagram type.` : 'This Mermaid block is empty.',
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
