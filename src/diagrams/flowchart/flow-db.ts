import { readAtBlock } from '../at-block.js';
import type { EdgeStroke, EdgeType, FlowchartAst, FlowEdge, FlowSubgraph, FlowVertex, LabelType } from '../types.js';
import { decodeEntityPlaceholders } from '../mermaid-source.js';
import { DiagramSemanticError as SemanticError } from '../semantic-error.js';
import { sanitizeLabel } from './sanitize.js';
import { VALID_SHAPES } from './shapes.js';

export interface TextValue {
  text: string;
  type: LabelType | string;
}

export interface LinkInfo {
  type: EdgeType | 'INVALID';
  stroke: EdgeStroke | 'INVALID';
  length?: number;
  text?: TextValue;
  id?: string;
}

export { DiagramSemanticError as SemanticError } from '../semantic-error.js';

const MAX_EDGES = 500;

interface EdgeRecord extends FlowEdge {
  id: string;
}

/**
 * What Mermaid's FlowDB does with each parsed statement, for the parts that shape the graph:
 * vertices (first definition wins the position, later labels replace earlier ones), edges,
 * subgraphs (a node belongs to the first subgraph that lists it), and the errors FlowDB raises.
 */
export class FlowDb {
  direction: string | null = null;
  readonly vertices = new Map<string, FlowVertex>();
  readonly edges: EdgeRecord[] = [];
  readonly subgraphs: (FlowSubgraph & { labelType: string })[] = [];
  private subCount = 0;
  private readonly subgraphById = new Map<string, FlowSubgraph>();
  /** Nodes some subgraph already holds (a node belongs to the first subgraph that lists it). */
  private readonly inSubgraph = new Set<string>();
  private readonly edgeIds = new Set<string>();
  private readonly edgeCounts = new Map<string, number>();
  /**
   * @param position converts an offset in the prepared text into a diagram position
   * @param lenient when reading past errors: limits drop what exceeds them instead of failing
   */
  constructor(
    private readonly position: (offset: number) => { line: number; column: number },
    private readonly lenient = false,
  ) {}

  setDirection(dir: string): void {
    let d = dir.trim();
    if (/.*</.exec(d)) d = 'RL';
    if (/.*\^/.exec(d)) d = 'BT';
    if (/.*>/.exec(d)) d = 'LR';
    if (/.*v/.exec(d)) d = 'TB';
    if (d === 'TD') d = 'TB';
    this.direction = d;
  }

  addVertex(id: string, offset: number, textObj?: TextValue, shape?: string, metadata?: string, styleOnly = false): void {
    if (!id || id.trim().length === 0) return;
    let doc: Record<string, unknown> | undefined;
    if (metadata !== undefined) {
      const read = readAtBlock(metadata);
      if ('invalid' in read) throw new SemanticError(`The @{ ... } block is not valid YAML: ${read.invalid}`, offset, 'bad-shape-data', 'Write it as `id@{ shape: rect, label: "Text" }`.');
      doc = read.value && typeof read.value === 'object' ? (read.value as Record<string, unknown>) : undefined;
    }
    if (doc && this.subgraphById.has(id)) return;
    if (this.edgeIds.has(id)) return;
    let vertex = this.vertices.get(id);
    if (!vertex) {
      vertex = { id, label: id, labelType: 'text', shape: null, pos: this.position(offset), classes: [] };
      this.vertices.set(id, vertex);
      (vertex as FlowVertex & { textSet?: boolean }).textSet = false;
    }
    if (styleOnly) return;
    if (textObj !== undefined) {
      let txt = sanitizeLabel(textObj.text.trim());
      vertex.labelType = textObj.type as LabelType;
      if (txt.startsWith('"') && txt.endsWith('"')) txt = txt.substring(1, txt.length - 1);
      vertex.label = txt;
    }
    if (shape !== undefined) vertex.shape = shape;
    if (doc) {
      const docShape = doc.shape;
      if (docShape !== undefined && docShape !== null && docShape !== '' && docShape !== false && docShape !== 0) {
        const name = String(docShape);
        if (name !== name.toLowerCase() || name.includes('_')) {
          throw new SemanticError(`No such shape: ${name}. Shape names should be lowercase.`, offset, 'unknown-shape', 'Use a lowercase shape name such as `rect`, `cyl` or `circle`.');
        }
        if (!VALID_SHAPES.has(name)) throw new SemanticError(`No such shape: ${name}.`, offset, 'unknown-shape', 'See the shape names in the Mermaid documentation, e.g. `rect`, `cyl`, `circle`, `diam`.');
        vertex.shape = name;
      }
      if (doc.label) {
        vertex.label = String(doc.label);
        const lt = doc.labelType;
        vertex.labelType = lt === 'markdown' || lt === 'string' || lt === 'text' ? lt : 'markdown';
      }
      if (doc.icon) {
        vertex.icon = String(doc.icon);
        if (!String(doc.label ?? '').trim() && vertex.label === id) vertex.label = '';
      }
      if (doc.img && !String(doc.label ?? '').trim() && vertex.label === id) vertex.label = '';
    }
  }

  setClass(ids: string, className: string): void {
    for (const id of ids.split(',')) this.vertices.get(id)?.classes.push(className);
  }

  destructLink(end: string, start?: string): LinkInfo {
    const info = destructEndLink(end);
    if (start === undefined || start === null) return info;
    const startInfo = destructStartLink(start);
    if (startInfo.stroke !== info.stroke) return { type: 'INVALID', stroke: 'INVALID' };
    let type: string;
    if (startInfo.type === 'arrow_open') type = info.type;
    else {
      if (startInfo.type !== info.type) return { type: 'INVALID', stroke: 'INVALID' };
      type = `double_${startInfo.type}`;
    }
    if (type === 'double_arrow') type = 'double_arrow_point';
    return { type: type as EdgeType, stroke: startInfo.stroke, length: info.length };
  }

  addLink(starts: string[], ends: string[], link: LinkInfo, offset: number): void {
    const id = link.id?.replace('@', '');
    for (const start of starts) {
      for (const end of ends) {
        // Past the limit no edge is kept: `A & A & ... --> B & B & ...` must not cost starts x ends.
        if (this.edges.length >= MAX_EDGES && this.lenient) return;
        const useId = start === starts[starts.length - 1] && end === ends[0] ? id : undefined;
        this.addSingleLink(start, end, link, useId, offset);
      }
    }
  }

  private addSingleLink(start: string, end: string, link: LinkInfo, id: string | undefined, offset: number): void {
    let label = '';
    let labelType: LabelType = 'text';
    if (link.text !== undefined) {
      label = sanitizeLabel(link.text.text.trim());
      if (label.startsWith('"') && label.endsWith('"')) label = label.substring(1, label.length - 1);
      const t = link.text.type;
      labelType = t === 'markdown' || t === 'string' || t === 'text' ? t : 'markdown';
    }
    const length = link.length === undefined ? 1 : Math.min(link.length, 10);
    let edgeId: string;
    const pair = `${start}\u0000${end}`;
    const existing = this.edgeCounts.get(pair) ?? 0;
    if (id && !this.edgeIds.has(id)) edgeId = id;
    else edgeId = `L_${start}_${end}_${existing === 0 ? 0 : existing + 1}`;
    if (this.edges.length >= MAX_EDGES) {
      if (this.lenient) return;
      throw new SemanticError(`Edge limit exceeded. ${this.edges.length} edges found, but the limit is ${MAX_EDGES}.`, offset, 'too-many-edges', 'Mermaid draws at most 500 edges: split the diagram.');
    }
    this.edgeIds.add(edgeId);
    this.edgeCounts.set(pair, existing + 1);
    this.edges.push({ id: edgeId, from: start, to: end, label, labelType, type: link.type as EdgeType, stroke: link.stroke as EdgeStroke, length, pos: this.position(offset) });
  }

  updateLink(positions: number[]): void {
    for (const p of positions) {
      if (p >= this.edges.length) {
        throw new SemanticError(
          `The index ${p} for linkStyle is out of bounds. Valid indices for linkStyle are between 0 and ${this.edges.length - 1}.`,
          0,
          'link-style-out-of-bounds',
          'linkStyle counts edges from 0 in the order they are written.',
        );
      }
    }
  }

  addSubGraph(idText: TextValue | undefined, list: unknown[], titleText: TextValue | undefined, offset: number): string {
    if (idText === undefined) {
      // Mermaid 12.3 reads `_id.text` unconditionally: a subgraph without a name throws.
      throw new SemanticError('A subgraph needs a name: `subgraph` alone is rejected by Mermaid.', offset, 'subgraph-without-name', 'Name it: `subgraph Servers`, or `subgraph S1 [Server 1]`.');
    }
    let id: string | undefined = idText.text.trim();
    let title = titleText!.text;
    if (idText === titleText && /\s/.exec(titleText.text)) id = undefined;
    const seen = new Set<string>();
    let dir: string | undefined;
    const nodes: string[] = [];
    for (const item of list.flat()) {
      if (item && typeof item === 'object' && (item as { stmt?: string }).stmt === 'dir') {
        dir = (item as { value: string }).value;
        continue;
      }
      if (typeof item !== 'string' || item.trim() === '' || seen.has(item)) continue;
      seen.add(item);
      nodes.push(item);
    }
    id ??= `subGraph${this.subCount}`;
    title = sanitizeLabel(title || '');
    this.subCount++;
    // Sets and a map rather than searches of every subgraph: 10,000 nested subgraphs stay linear.
    const unique = nodes.filter((n) => !this.inSubgraph.has(n) && n !== id);
    for (const n of unique) this.inSubgraph.add(n);
    const existing = this.subgraphById.get(id);
    if (existing) for (const n of unique) existing.nodes.push(n);
    else {
      const t = titleText?.type;
      const subgraph = { id, title: title.trim(), dir: dir ?? null, nodes: unique, pos: this.position(offset), labelType: t === 'markdown' || t === 'string' || t === 'text' ? t : 'markdown' };
      this.subgraphs.push(subgraph);
      this.subgraphById.set(id, subgraph);
    }
    return id;
  }

  /** The graph, with Mermaid's entity placeholders shown as its renderer receives them. */
  toAst(): FlowchartAst {
    for (const v of this.vertices.values()) v.label = decodeEntityPlaceholders(v.label);
    for (const e of this.edges) e.label = decodeEntityPlaceholders(e.label);
    for (const s of this.subgraphs) s.title = decodeEntityPlaceholders(s.title);
    return { kind: 'flowchart', direction: this.direction, vertices: this.vertices, edges: this.edges, subgraphs: this.subgraphs };
  }
}

function destructStartLink(raw: string): { type: string; stroke: EdgeStroke } {
  let str = raw.trim();
  let type = 'arrow_open';
  const first = str[0];
  if (first === '<') type = 'arrow_point';
  else if (first === 'x') type = 'arrow_cross';
  else if (first === 'o') type = 'arrow_circle';
  if (type !== 'arrow_open') str = str.slice(1);
  let stroke: EdgeStroke = 'normal';
  if (str.includes('=')) stroke = 'thick';
  if (str.includes('.')) stroke = 'dotted';
  return { type, stroke };
}

function destructEndLink(raw: string): LinkInfo & { type: EdgeType; length: number } {
  const str = raw.trim();
  let line = str.slice(0, -1);
  let type = 'arrow_open';
  const last = str.slice(-1);
  const double = (open: string) => {
    if (str.startsWith(open)) {
      type = `double_${type}`;
      line = line.slice(1);
    }
  };
  if (last === 'x') {
    type = 'arrow_cross';
    double('x');
  } else if (last === '>') {
    type = 'arrow_point';
    double('<');
  } else if (last === 'o') {
    type = 'arrow_circle';
    double('o');
  }
  let stroke: EdgeStroke = 'normal';
  let length = line.length - 1;
  if (line.startsWith('=')) stroke = 'thick';
  if (line.startsWith('~')) stroke = 'invisible';
  const dots = [...line].filter((c) => c === '.').length;
  if (dots) {
    stroke = 'dotted';
    length = dots;
  }
  return { type: type as EdgeType, stroke, length };
}
