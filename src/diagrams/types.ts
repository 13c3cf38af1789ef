/** Types of the diagram stage: every parser returns a DiagramParse with positions in its own text. */

/** A position inside the diagram text: 1-based line and column (converted to file positions later). */
export interface DiagramPos {
  line: number;
  column: number;
}

export interface DiagramError {
  /** Stable code, documented in rules/docs/diagram-renders.md. */
  code: string;
  message: string;
  line: number;
  column: number;
  /** The offending text, when there is one. */
  text?: string;
  hint?: string;
  /**
   * Where the mistake is, when Mermaid fails later than it (at the end of the line or of the
   * diagram): `line`/`column` stay where Mermaid reports the error, as GitHub shows it.
   */
  cause?: DiagramPos;
}

export type FlowShape =
  | 'square' | 'round' | 'stadium' | 'subroutine' | 'cylinder' | 'circle' | 'doublecircle' | 'odd' | 'diamond'
  | 'hexagon' | 'lean_right' | 'lean_left' | 'trapezoid' | 'inv_trapezoid' | 'ellipse' | 'rect_left_inv_arrow' | string;

export type LabelType = 'text' | 'string' | 'markdown';

export interface FlowVertex {
  id: string;
  label: string;
  labelType: LabelType;
  shape: FlowShape | null;
  pos: DiagramPos;
  /** Extra text a student attached (classes, icon names from `@{ icon: ... }`). */
  classes: string[];
  icon?: string;
}

export type EdgeType =
  | 'arrow_point' | 'arrow_open' | 'arrow_cross' | 'arrow_circle'
  | 'double_arrow_point' | 'double_arrow_cross' | 'double_arrow_circle';

export type EdgeStroke = 'normal' | 'thick' | 'dotted' | 'invisible';

export interface FlowEdge {
  from: string;
  to: string;
  label: string;
  labelType: LabelType;
  type: EdgeType;
  stroke: EdgeStroke;
  length: number;
  pos: DiagramPos;
}

export interface FlowSubgraph {
  id: string;
  title: string;
  dir: string | null;
  nodes: string[];
  pos: DiagramPos;
}

export interface FlowchartAst {
  kind: 'flowchart';
  direction: string | null;
  vertices: Map<string, FlowVertex>;
  edges: FlowEdge[];
  subgraphs: FlowSubgraph[];
}

export interface SequenceParticipant {
  id: string;
  label: string;
  type: string;
  box: string | null;
  pos: DiagramPos;
}

export interface SequenceMessage {
  from: string;
  to: string;
  text: string;
  type: string;
  activate?: boolean;
  central?: string;
  pos: DiagramPos;
}

export interface SequenceNote {
  placement: 'over' | 'left of' | 'right of';
  actors: string[];
  text: string;
  pos: DiagramPos;
}

export interface SequenceAst {
  kind: 'sequence';
  participants: SequenceParticipant[];
  boxes: { title: string | null; fill: string; participants: string[] }[];
  messages: SequenceMessage[];
  notes: SequenceNote[];
  blocks: { kind: string; text: string; pos: DiagramPos }[];
  activations: { participant: string; active: boolean }[];
  autonumber: boolean;
}

export interface ArchitectureService {
  id: string;
  title: string;
  icon: string | null;
  in: string | null;
  kind: 'service' | 'junction';
  pos: DiagramPos;
}

export interface ArchitectureAst {
  kind: 'architecture';
  services: ArchitectureService[];
  groups: { id: string; title: string; icon: string | null; in: string | null; pos: DiagramPos }[];
  edges: { from: string; to: string; title: string; directed: boolean; bidirectional: boolean; pos: DiagramPos }[];
}

export type DiagramAst = FlowchartAst | SequenceAst | ArchitectureAst;

export type DiagramKind = 'flowchart' | 'sequence' | 'architecture' | 'unsupported' | 'unknown';

export interface DiagramParse {
  kind: DiagramKind;
  /** The type word as written (`graph`, `flowchart`, `sequenceDiagram`, `classDiagram`...). */
  typeWord: string | null;
  valid: boolean;
  /** Every error met; the first decides validity, the rest come from recovery. */
  errors: DiagramError[];
  /** What could be read, even after an error (null for unsupported types). */
  ast: DiagramAst | null;
}

/**
 * How much of a diagram to read. `whole`: whether Mermaid accepts it, its errors, and its graph,
 * which for a diagram Mermaid rejects takes a second, repairing pass. `verdict`: whether Mermaid
 * accepts it and its errors (the same), without that repairing pass, so that a rejected diagram may
 * have no graph (ast null): for callers that only ask whether a text parses, such as a repair's
 * attempts.
 */
export type DiagramReading = 'whole' | 'verdict';
