import { pushTo } from '../multimap.js';
import type { SourcePosition } from '../types.js';
import type { Component, DiagramGraph } from './model.js';
import { ENTRY_ROLES, normaliseText, TIER_ROLES, titleNamesOneMachine, type Role } from './roles.js';

/**
 * A machine of the drawing, read from its structure. Students draw a server three ways: a box
 * around its components (a subgraph/group titled "Server 1"), a node named only as a machine that
 * leads to its components (`S1[Server 1] --> W1[Nginx] --> A1[App]`), or one node naming what it
 * runs (`S1[Server 1 - Nginx, App, MySQL]`, or a bare `W[Nginx]`).
 */
export interface Machine {
  key: string;
  label: string;
  /** `group`: a box around components; `server-node`: a node named only as a machine; `component`: a node that is its own machine. */
  kind: 'group' | 'server-node' | 'component';
  /** The boxes on it (a server node's: the ones it alone leads to). */
  components: Component[];
  roles: Role[];
  /** Machines it stands for ("Servers x2" is two). */
  multiplicity: number;
  source: SourcePosition;
}

/** Roles that make a box a machine when it is not inside one. */
const MACHINE_ROLES: readonly Role[] = [...TIER_ROLES, 'load-balancer'];
/** What a server node's reach stops at: where a request comes from, and other machines. */
const OUTSIDE: readonly Role[] = [...ENTRY_ROLES, 'load-balancer'];

/** A generic machine node: named only as a server ("Server 1", "Single Server", "Server @ 8.8.8.8"). */
export function isServerNode(c: Component): boolean {
  return c.roles.includes('server');
}

/** The numbered machine a label names ("Server 2: MySQL" -> "server 2"), if any. */
export function numberedMachine(label: string): string | null {
  const m = /\b(server|host|machine|vm|instance|droplet|serveur)\s?(\d{1,2})\b(?!\.\d)/.exec(normaliseText(label));
  return m ? `${m[1]} ${m[2]}` : null;
}

export function machinesOf(graph: DiagramGraph): Machine[] {
  const byKey = new Map(graph.components.map((c) => [c.key, c]));
  const machines: Machine[] = [];
  const placed = new Set<string>();
  const box = (key: string, label: string, components: Component[], source: SourcePosition) => {
    for (const c of components) placed.add(c.key);
    const roles = [...new Set(components.flatMap((c) => c.roles))];
    machines.push({ key, label, kind: 'group', components, roles, multiplicity: Math.max(1, ...components.map((c) => c.multiplicity)), source });
  };
  // A box titled as one server around boxes of its parts ("Server 8.8.8.8" holding "Web server",
  // "App server"): the outer box is the machine. Numbered inner boxes ("Server 1") are machines.
  for (const outer of graph.groups) {
    if (outer.kind === 'host' || !outer.members.length || !titleNamesOneMachine(outer.title) || outer.members.some((k) => placed.has(k))) continue;
    const inner = graph.hosts.filter((h) => !byKey.has(h.key) && h.components.every((k) => outer.members.includes(k)));
    if (inner.some((h) => numberedMachine(h.label) !== null)) continue;
    box(outer.key, outer.title, outer.members.map((k) => byKey.get(k)!).filter(Boolean), outer.source);
  }
  // Boxes around components.
  for (const host of graph.hosts) {
    if (byKey.has(host.key) || host.components.some((k) => placed.has(k))) continue;
    box(host.key, host.label, host.components.map((k) => byKey.get(k)!).filter(Boolean), host.source);
  }
  // Server nodes and the components only they lead to.
  const servers = graph.components.filter((c) => !placed.has(c.key) && isServerNode(c));
  const reachedBy = new Map<string, string[]>();
  const next = neighbours(graph);
  for (const server of servers) {
    const seen = new Set([server.key]);
    const queue = [server.key];
    for (let head = 0; head < queue.length; head++) {
      for (const n of next.get(queue[head]!) ?? []) {
        const c = byKey.get(n);
        if (!c || seen.has(n) || placed.has(n) || isServerNode(c) || c.roles.some((r) => OUTSIDE.includes(r))) continue;
        seen.add(n);
        queue.push(n);
        pushTo(reachedBy, n, server.key);
      }
    }
  }
  for (const server of servers) {
    const components = [server, ...graph.components.filter((c) => reachedBy.get(c.key)?.length === 1 && reachedBy.get(c.key)![0] === server.key)];
    for (const c of components) placed.add(c.key);
    const roles = [...new Set(components.flatMap((c) => c.roles))];
    machines.push({ key: server.key, label: server.label, kind: 'server-node', components, roles, multiplicity: server.multiplicity, source: server.source });
  }
  // Every other box of the stack is a machine of its own.
  for (const c of graph.components) {
    if (placed.has(c.key) || !c.roles.some((r) => MACHINE_ROLES.includes(r))) continue;
    machines.push({ key: c.key, label: c.label, kind: 'component', components: [c], roles: [...c.roles], multiplicity: c.multiplicity, source: c.source });
  }
  return mergeNamesakes(machines);
}

/**
 * A server node that leads nowhere and bears the name of a box drawn elsewhere is that box: `LB -->
 * S1[Server 1]` beside a `subgraph Server 1` is one machine, drawn twice.
 */
function mergeNamesakes(machines: Machine[]): Machine[] {
  const name = (m: Machine) => normaliseText(m.label);
  return machines.filter((m) => !(m.kind === 'server-node' && m.components.length === 1 && machines.some((o) => o !== m && o.kind !== 'server-node' && name(o) === name(m))));
}

function neighbours(graph: DiagramGraph): Map<string, string[]> {
  const next = new Map<string, string[]>();
  const link = (a: string, b: string) => pushTo(next, a, b);
  for (const e of graph.edges) {
    if (e.kind === 'note') continue;
    link(e.from, e.to);
    if (!e.directed) link(e.to, e.from);
  }
  return next;
}

/** Machines in total (a node "Servers x2" counts two). */
export function machineCount(machines: readonly Machine[]): number {
  return machines.reduce((n, m) => n + m.multiplicity, 0);
}

/**
 * A machine the drawing shows as one: a box around components, a server node, or a node whose
 * label names a machine ("Server 1 - Nginx") or several tiers ("Nginx + Gunicorn + MySQL"). A bare
 * `W[Nginx]` is a machine only because nothing else holds it: it says nothing of where it runs.
 */
export function drawnAsMachine(m: Machine): boolean {
  return m.kind !== 'component' || numberedMachine(m.label) !== null || m.roles.includes('server') || m.roles.filter((r) => TIER_ROLES.includes(r)).length >= 2;
}

/**
 * How many servers a diagram draws besides the load balancers. `drawn`: the machines drawn as such
 * (0 when it draws none); `pipelines`: the same, or for bare boxes (`Nginx --> App --> MySQL`) the
 * role drawn most often, which reads an unboxed stack as one server.
 */
export function drawnServerCount(graph: DiagramGraph): { drawn: number; pipelines: number } {
  const roles: readonly Role[] = [...TIER_ROLES, 'server'];
  const machines = machinesOf(graph).filter((m) => !m.roles.includes('load-balancer') && m.roles.some((r) => roles.includes(r)));
  const drawn = machineCount(machines.filter(drawnAsMachine));
  return { drawn, pipelines: drawn || Math.max(0, ...TIER_ROLES.map((r) => machineCount(machines.filter((m) => m.roles.includes(r))))) };
}
