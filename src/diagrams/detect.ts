import { diagramTypeWord, typeWordSource } from './mermaid-source.js';
import type { DiagramKind } from './types.js';

/** Diagram type words Mermaid knows, and what infralint does with each. */
const KINDS: [RegExp, DiagramKind][] = [
  [/^(graph|flowchart|flowchart-elk)\b/, 'flowchart'],
  [/^sequenceDiagram\b/, 'sequence'],
  [/^architecture-beta\b/, 'architecture'],
  [
    /^(classDiagram(-v2)?|stateDiagram(-v2)?|erDiagram|gantt|pie|journey|gitGraph|mindmap|timeline|quadrantChart|requirementDiagram|C4Context|C4Container|C4Component|C4Dynamic|C4Deployment|block-beta|block|sankey-beta|xychart-beta|packet-beta|kanban|radar-beta|treemap-beta|zenuml|info)\b/,
    'unsupported',
  ],
];

export interface DetectedType {
  kind: DiagramKind;
  typeWord: string | null;
}

/** The diagram type, read as Mermaid does: the first word after front matter, directives and comments. */
export function detectDiagramType(raw: string): DetectedType {
  const prepared = typeWordSource(raw);
  if (prepared.frontMatterError) return { kind: 'unknown', typeWord: '---' };
  const word = diagramTypeWord(prepared);
  const firstLine = word ?? '';
  for (const [re, kind] of KINDS) if (re.test(firstLine)) return { kind, typeWord: re.exec(firstLine)![0] };
  // A type word in the wrong case or misspelt is unknown to Mermaid: parseDiagram reads what was meant (header.ts).
  return { kind: 'unknown', typeWord: word };
}
