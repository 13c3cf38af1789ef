import type { SourcePosition } from '../types.js';
import type { Role } from './roles.js';

/** One box on the drawing: a node, participant or service. */
export interface Component {
  /** Unique in the submission: `<diagram index>:<id in the diagram>`. */
  key: string;
  /** Id as written in the diagram. */
  id: string;
  label: string;
  roles: Role[];
  /** The machine it runs on (its own key when it is a machine of its own). */
  host: string;
  /** Machines a single box stands for ("Web servers x3" = 3). */
  multiplicity: number;
  diagram: number;
  source: SourcePosition;
}

export interface Host {
  key: string;
  label: string;
  roles: Role[];
  components: string[];
  diagram: number;
  source: SourcePosition;
}

export interface Edge {
  from: string;
  to: string;
  label: string;
  /** False for `---` links and architecture edges without arrows: they count both ways. */
  directed: boolean;
  /** Drawn with an arrowhead at each end (`<-->`): not directed, but an arrow both ways, unlike `---`. */
  bothWays?: boolean;
  /** `message` for sequence messages, `note` for a note spanning two participants, `link` otherwise. */
  kind: 'link' | 'message' | 'note';
  /** Drawn to (or from) a subgraph, this group's key: one arrow reaching each node inside it. */
  viaGroup?: string;
  diagram: number;
  source: SourcePosition;
}

export type GroupKind = 'host' | 'cluster' | 'zone';

export interface Group {
  key: string;
  title: string;
  kind: GroupKind;
  /** Component keys, including those of nested groups. */
  members: string[];
  diagram: number;
  source: SourcePosition;
}

/** What one readable diagram says about the infrastructure. */
export interface DiagramGraph {
  diagram: number;
  type: string;
  file: string;
  line: number;
  components: Component[];
  hosts: Host[];
  edges: Edge[];
  groups: Group[];
  /** Every label, title and note in the diagram: for facts that need no node (`HTTPS` on an arrow). */
  texts: { text: string; source: SourcePosition }[];
}

export interface InfraGraph {
  diagrams: DiagramGraph[];
}

export function componentsWithRole(graph: DiagramGraph, role: Role): Component[] {
  return graph.components.filter((c) => c.roles.includes(role));
}

export function countWithRole(graph: DiagramGraph, role: Role): number {
  return componentsWithRole(graph, role).reduce((n, c) => n + c.multiplicity, 0);
}

export function hostOf(graph: DiagramGraph, component: Component): Host | undefined {
  return graph.hosts.find((h) => h.key === component.host);
}

/**
 * The server machines besides the load balancers that hold one of `roles`, and how many machines
 * they stand for (a host whose box says "Web servers x3" is three).
 */
export function serverMachines(graph: DiagramGraph, roles: readonly Role[]): { hosts: Host[]; total: number } {
  const hosts = graph.hosts.filter((h) => !h.roles.includes('load-balancer') && h.roles.some((r) => roles.includes(r)));
  const machines = (h: Host) => Math.max(1, ...h.components.map((k) => graph.components.find((c) => c.key === k)?.multiplicity ?? 1));
  return { hosts, total: hosts.reduce((n, h) => n + machines(h), 0) };
}
