import type { ArchitectureAst, DiagramAst, FlowchartAst, SequenceAst } from '../diagrams/types.js';

/** What a cap left out of a diagram's graph. */
export interface CapResult {
  ast: DiagramAst;
  /** Boxes (nodes, participants, services) and links (edges, messages) left out. */
  droppedBoxes: number;
  droppedLinks: number;
}

/**
 * A diagram's graph cut to its first `boxes` boxes and `links` links (in the order written), links
 * kept only between kept boxes. The parse's verdict and errors are untouched: only what the graph
 * rules read is bounded, since comparing the boxes of two diagrams costs the product of their sizes.
 */
export function capDiagram(ast: DiagramAst, boxes: number, links: number): CapResult {
  switch (ast.kind) {
    case 'flowchart':
      return capFlowchart(ast, boxes, links);
    case 'sequence':
      return capSequence(ast, boxes, links);
    case 'architecture':
      return capArchitecture(ast, boxes, links);
    default:
      return { ast, droppedBoxes: 0, droppedLinks: 0 };
  }
}

export function boxCount(ast: DiagramAst): number {
  return ast.kind === 'flowchart' ? ast.vertices.size : ast.kind === 'sequence' ? ast.participants.length : ast.services.length;
}

function capFlowchart(ast: FlowchartAst, boxes: number, links: number): CapResult {
  if (ast.vertices.size <= boxes && ast.edges.length <= links && ast.subgraphs.length <= boxes) return { ast, droppedBoxes: 0, droppedLinks: 0 };
  const vertices = new Map([...ast.vertices].slice(0, boxes));
  // Subgraphs are boxes too (10,000 nested ones are as many groups).
  const subgraphs = ast.subgraphs.slice(0, boxes);
  const groupIds = new Set(subgraphs.map((s) => s.id));
  const kept = (id: string) => vertices.has(id);
  const edges = ast.edges.filter((e) => kept(e.from) && kept(e.to)).slice(0, links);
  const cut = subgraphs.map((s) => ({ ...s, nodes: s.nodes.filter((n) => kept(n) || groupIds.has(n)) }));
  return {
    ast: { ...ast, vertices, edges, subgraphs: cut },
    droppedBoxes: ast.vertices.size - vertices.size + ast.subgraphs.length - subgraphs.length,
    droppedLinks: ast.edges.length - edges.length,
  };
}

function capSequence(ast: SequenceAst, boxes: number, links: number): CapResult {
  if (ast.participants.length <= boxes && ast.messages.length <= links) return { ast, droppedBoxes: 0, droppedLinks: 0 };
  const participants = ast.participants.slice(0, boxes);
  const ids = new Set(participants.map((p) => p.id));
  const messages = ast.messages.filter((m) => ids.has(m.from) && ids.has(m.to)).slice(0, links);
  return {
    ast: {
      ...ast,
      participants,
      messages,
      boxes: ast.boxes.map((b) => ({ ...b, participants: b.participants.filter((p) => ids.has(p)) })),
      notes: ast.notes.filter((n) => n.actors.every((a) => ids.has(a))).slice(0, links),
      blocks: ast.blocks.slice(0, links),
      activations: ast.activations.filter((a) => ids.has(a.participant)).slice(0, links),
    },
    droppedBoxes: ast.participants.length - participants.length,
    droppedLinks: ast.messages.length - messages.length,
  };
}

function capArchitecture(ast: ArchitectureAst, boxes: number, links: number): CapResult {
  if (ast.services.length <= boxes && ast.edges.length <= links) return { ast, droppedBoxes: 0, droppedLinks: 0 };
  const services = ast.services.slice(0, boxes);
  const ids = new Set(services.map((s) => s.id));
  const edges = ast.edges.filter((e) => ids.has(e.from) && ids.has(e.to)).slice(0, links);
  return { ast: { ...ast, services, edges }, droppedBoxes: ast.services.length - services.length, droppedLinks: ast.edges.length - edges.length };
}
