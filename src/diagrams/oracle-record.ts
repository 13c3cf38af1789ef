import type { DiagramParse, FlowchartAst, SequenceAst } from './types.js';

/**
 * The graph in exactly the shape of shared/tools/mermaid-oracle records, so that anyone can diff
 * infralint's reading of a diagram against real Mermaid's.
 */
export function toOracleGraph(parse: DiagramParse): unknown {
  if (!parse.valid || !parse.ast) return null;
  if (parse.ast.kind === 'flowchart') return flowchartRecord(parse.ast);
  if (parse.ast.kind === 'sequence') return sequenceRecord(parse.ast);
  return null;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function flowchartRecord(ast: FlowchartAst) {
  return {
    direction: ast.direction,
    vertices: [...ast.vertices.values()].map((v) => ({ id: v.id, label: v.label, labelType: v.labelType, shape: v.shape })).sort(byId),
    edges: ast.edges.map((e) => ({ from: e.from, to: e.to, label: e.label, labelType: e.labelType, type: e.type, stroke: e.stroke, length: e.length })),
    subgraphs: ast.subgraphs.map((s) => ({ id: s.id, title: s.title, dir: s.dir, nodes: [...s.nodes].sort() })).sort(byId),
  };
}

function sequenceRecord(ast: SequenceAst) {
  return {
    participants: ast.participants.map((p) => ({ id: p.id, label: p.label, type: p.type, box: p.box })),
    boxes: ast.boxes,
    messages: ast.messages.map(({ pos: _pos, ...m }) => m),
    notes: ast.notes.map(({ pos: _pos, ...n }) => n),
    blocks: ast.blocks.map(({ pos: _pos, ...b }) => b),
    activations: ast.activations,
    autonumber: ast.autonumber,
  };
}

/** Mermaid's diagram id for a parse (`flowchart-v2`, `sequence`), as the oracle reports it. */
export function oracleDiagramType(parse: DiagramParse): string | null {
  if (parse.kind === 'flowchart') return parse.typeWord === 'flowchart-elk' ? 'flowchart-elk' : 'flowchart-v2';
  if (parse.kind === 'sequence') return 'sequence';
  if (parse.kind === 'architecture') return 'architecture';
  return parse.typeWord;
}
