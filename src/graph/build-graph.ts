import type { ArchitectureAst, DiagramAst, FlowchartAst, SequenceAst, DiagramPos } from '../diagrams/types.js';
import type { SourcePosition } from '../types.js';
import type { Component, DiagramGraph, Edge, Group, GroupKind, Host } from './model.js';
import { inferMultiplicity, inferRoles, normaliseText, TIER_ROLES, tierOfTitle, titleNamesCluster, titleNamesOneMachine, type Role, type RoleHints } from './roles.js';

/** Where a diagram sits in its file, to turn diagram positions into file positions. */
export interface DiagramPlacement {
  index: number;
  file: string;
  /** File line of the diagram's first line. */
  line: number;
  /** Columns to add to a diagram column (indentation of a fenced block). */
  indent: number;
}

export function toFilePosition(placement: DiagramPlacement, pos: DiagramPos): SourcePosition {
  return { file: placement.file, line: placement.line + pos.line - 1, column: pos.column + placement.indent };
}

/** Builds the infrastructure graph of one diagram (whatever could be read of it, even with errors). */
export function buildDiagramGraph(ast: DiagramAst, placement: DiagramPlacement): DiagramGraph {
  const builder = new GraphBuilder(placement, ast.kind);
  if (ast.kind === 'flowchart') builder.fromFlowchart(ast);
  else if (ast.kind === 'sequence') builder.fromSequence(ast);
  else builder.fromArchitecture(ast);
  return builder.finish();
}

/**
 * What a box is: its label says (with its shape or icon); its id helps when the label says nothing
 * or only "server" (`LB1[Server 1]`, `db((Server))`). Nothing recognised is `other`, reported later.
 */
function componentRoles(id: string, label: string, hints: RoleHints): Role[] {
  const roles = inferRoles(label, hints);
  const generic = roles.length === 0 || (roles.length === 1 && roles[0] === 'server');
  const idRoles = generic ? rolesOfId(id) : [];
  const merged = [...new Set([...roles.filter((r) => !(r === 'server' && idRoles.length)), ...idRoles])];
  return merged.length ? merged : ['other'];
}

/** What an id says: the role words of a label, and the short names ids give web servers (`Web1`, `WS2`). */
function rolesOfId(id: string): Role[] {
  const roles = inferRoles(id);
  return roles.length === 0 && /^(?:web|ws \d+)(?: \d+)?$/.test(normaliseText(id)) ? ['web-server'] : roles;
}

interface RawGroup {
  id: string;
  title: string;
  members: string[];
  /** Ids of the groups directly inside this one. */
  nested: string[];
  pos: DiagramPos;
}

class GraphBuilder {
  private readonly components = new Map<string, Component>();
  private readonly edges: Edge[] = [];
  private readonly groups: Group[] = [];
  private readonly texts: DiagramGraph['texts'] = [];
  /** Groups named for a tier, and the role they give the boxes inside them. */
  private readonly tiers: { role: Role; members: string[] }[] = [];

  constructor(
    private readonly placement: DiagramPlacement,
    private readonly type: string,
  ) {}

  private at(pos: DiagramPos): SourcePosition {
    return toFilePosition(this.placement, pos);
  }

  private key(id: string): string {
    return `${this.placement.index}:${id}`;
  }

  private addComponent(id: string, label: string, pos: DiagramPos, roles: Role[]): void {
    const key = this.key(id);
    const text = label === id ? label : `${label} ${id}`;
    this.components.set(key, {
      key,
      id,
      label,
      roles,
      host: key,
      multiplicity: inferMultiplicity(text),
      diagram: this.placement.index,
      source: this.at(pos),
    });
    this.texts.push({ text: label, source: this.at(pos) });
  }

  private addEdge(from: string, to: string, label: string, directed: boolean, kind: Edge['kind'], pos: DiagramPos, viaGroup?: string, bothWays = false): void {
    this.edges.push({
      from: this.key(from), to: this.key(to), label, directed, ...(bothWays ? { bothWays } : {}), kind, ...(viaGroup ? { viaGroup } : {}), diagram: this.placement.index, source: this.at(pos),
    });
    if (label) this.texts.push({ text: label, source: this.at(pos) });
  }

  fromFlowchart(ast: FlowchartAst): void {
    const subgraphIds = new Set(ast.subgraphs.map((s) => s.id));
    // A node whose id is a subgraph's is that subgraph: Mermaid draws the group (with the group's
    // title) and an edge to it reaches the group. `B --> C` with `subgraph C [Web Server 1]`.
    const holding = new Set(ast.subgraphs.filter((s) => s.nodes.length > 0).map((s) => s.id));
    for (const v of ast.vertices.values()) {
      if (holding.has(v.id) || (subgraphIds.has(v.id) && v.label === v.id && v.shape === null)) continue;
      this.addComponent(v.id, v.label, v.pos, componentRoles(v.id, v.label, { shape: v.shape, ...(v.icon ? { icon: v.icon } : {}) }));
    }
    const raw: RawGroup[] = ast.subgraphs.map((s) => ({
      id: s.id,
      title: s.title,
      members: s.nodes.filter((n) => !subgraphIds.has(n)),
      nested: s.nodes.filter((n) => subgraphIds.has(n) && n !== s.id),
      pos: s.pos,
    }));
    this.addGroups(raw);
    for (const e of ast.edges) {
      if (e.stroke === 'invisible') continue;
      const froms = this.expand(e.from, raw);
      const tos = this.expand(e.to, raw);
      const directed = e.type !== 'arrow_open' && !e.type.startsWith('double');
      const group = tos[0] !== e.to || tos.length > 1 ? e.to : froms[0] !== e.from || froms.length > 1 ? e.from : null;
      const viaGroup = group === null ? undefined : this.key(`group:${group}`);
      const bothWays = e.type.startsWith('double');
      for (const f of froms) for (const t of tos) this.addEdge(f, t, e.label, directed, 'link', e.pos, viaGroup, bothWays);
    }
  }

  /** An edge to a subgraph reaches every node inside it. */
  private expand(id: string, raw: RawGroup[]): string[] {
    const group = raw.find((g) => g.id === id);
    if (!group || this.components.has(this.key(id))) return [id];
    const out: string[] = [];
    const visit = (g: RawGroup, depth: number) => {
      out.push(...g.members);
      if (depth < 8) for (const n of g.nested) {
        const inner = raw.find((r) => r.id === n);
        if (inner) visit(inner, depth + 1);
      }
    };
    visit(group, 0);
    return out.length ? out : [id];
  }

  fromSequence(ast: SequenceAst): void {
    for (const p of ast.participants) {
      this.addComponent(p.id, p.label, p.pos, componentRoles(p.id, p.label, { icon: p.type === 'database' ? 'database' : null }));
    }
    for (const m of ast.messages) this.addEdge(m.from, m.to, m.text, true, 'message', m.pos);
    for (const n of ast.notes) {
      this.texts.push({ text: n.text, source: this.at(n.pos) });
      if (n.actors.length === 2) this.addEdge(n.actors[0]!, n.actors[1]!, n.text, false, 'note', n.pos);
    }
    for (const b of ast.blocks) if (b.text) this.texts.push({ text: b.text, source: this.at(b.pos) });
    const first = ast.participants[0]?.pos ?? { line: 1, column: 1 };
    this.addGroups(
      ast.boxes.map((b, i) => ({
        id: `box${i}`,
        title: b.title ?? '',
        members: b.participants,
        nested: [],
        pos: ast.participants.find((p) => p.id === b.participants[0])?.pos ?? first,
      })),
    );
  }

  fromArchitecture(ast: ArchitectureAst): void {
    for (const s of ast.services) {
      if (s.kind === 'junction') continue;
      this.addComponent(s.id, s.title, s.pos, componentRoles(s.id, s.title, { icon: s.icon }));
    }
    // Junctions only join edges: fold them away so that a path through one is one hop.
    const junctions = new Set(ast.services.filter((s) => s.kind === 'junction').map((s) => s.id));
    const linked = (id: string, seen = new Set<string>()): string[] => {
      if (!junctions.has(id)) return [id];
      seen.add(id);
      return ast.edges
        .flatMap((e) => (e.from === id ? [e.to] : e.to === id ? [e.from] : []))
        .filter((n) => !seen.has(n))
        .flatMap((n) => linked(n, seen));
    };
    for (const e of ast.edges) {
      if (junctions.has(e.from) && junctions.has(e.to)) continue;
      for (const f of linked(e.from)) for (const t of linked(e.to)) if (f !== t) this.addEdge(f, t, e.title, e.directed && !e.bidirectional, 'link', e.pos, undefined, e.bidirectional);
    }
    const raw: RawGroup[] = ast.groups.map((g) => ({
      id: g.id,
      title: g.title,
      members: ast.services.filter((s) => s.in === g.id && s.kind === 'service').map((s) => s.id),
      nested: ast.groups.filter((inner) => inner.in === g.id).map((inner) => inner.id),
      pos: g.pos,
    }));
    this.addGroups(raw);
  }

  /** Turns subgraphs/boxes/groups into groups, and host-like ones into shared hosts. */
  private addGroups(raw: RawGroup[]): void {
    const byId = new Map(raw.map((g) => [g.id, g]));
    const allMembers = (g: RawGroup, depth = 0): string[] =>
      depth > 8 ? [] : [...g.members, ...g.nested.flatMap((n) => (byId.has(n) ? allMembers(byId.get(n)!, depth + 1) : []))];
    for (const g of raw) {
      const members = [...new Set(allMembers(g))].map((m) => this.key(m)).filter((k) => this.components.has(k));
      const memberRoles = members.flatMap((k) => this.components.get(k)!.roles);
      let kind: GroupKind = 'zone';
      if (g.nested.length === 0 && titleNamesOneMachine(g.title) && members.length > 0) kind = 'host';
      // A cluster: titled so, or the load balancers alone (a group around the whole design is a zone).
      else if (titleNamesCluster(g.title) || (memberRoles.filter((r) => r === 'load-balancer').length >= 2 && !memberRoles.some((r) => TIER_ROLES.includes(r)))) kind = 'cluster';
      this.groups.push({ key: this.key(`group:${g.id}`), title: g.title, kind, members, diagram: this.placement.index, source: this.at(g.pos) });
      this.texts.push({ text: g.title, source: this.at(g.pos) });
      const tier = kind === 'host' ? null : tierOfTitle(g.title);
      if (tier) this.tiers.push({ role: tier, members });
      if (kind === 'host') {
        const hostKey = this.key(`host:${g.id}`);
        const titleRoles = inferRoles(g.title).filter((r) => r !== 'server');
        for (const k of members) this.components.get(k)!.host = hostKey;
        // A titled server with role words ("Web Server 1") gives its role to its unclassified members.
        if (titleRoles.length) {
          for (const k of members) {
            const c = this.components.get(k)!;
            if (c.roles.every((r) => r === 'other' || r === 'server')) c.roles = titleRoles;
          }
        }
      }
    }
  }

  /**
   * A box inside a group named for a tier ("App 1" inside "Application tier") has that tier's role,
   * unless its own label or its server's title says what it is. A box named only as a machine
   * ("Node 1", "Server 2") is that tier's machine too, unless it leads to parts of its own outside
   * the tiers (`S1[Server 1] --> N1[Nginx]`): then it is a server drawn as a node (machines.ts).
   */
  private inheritTiers(): void {
    const inTier = new Set(this.tiers.flatMap((t) => t.members));
    const leadsToParts = (key: string) =>
      this.edges.some((e) => {
        const other = e.from === key ? e.to : !e.directed && e.to === key ? e.from : null;
        const part = other === null ? undefined : this.components.get(other);
        return !!part && !inTier.has(part.key) && part.roles.some((r) => TIER_ROLES.includes(r));
      });
    for (const { role, members } of this.tiers) {
      for (const k of members) {
        const c = this.components.get(k)!;
        if (c.roles.every((r) => r === 'other') || (c.roles.every((r) => r === 'server') && !leadsToParts(k))) c.roles = [role];
      }
    }
  }

  finish(): DiagramGraph {
    this.inheritTiers();
    const components = [...this.components.values()];
    const hosts = new Map<string, Host>();
    for (const c of components) {
      let host = hosts.get(c.host);
      if (!host) {
        const group = this.groups.find((g) => g.kind === 'host' && c.host === this.key(`host:${g.key.slice(g.key.indexOf('group:') + 6)}`));
        host = { key: c.host, label: group?.title ?? c.label, roles: [], components: [], diagram: this.placement.index, source: group?.source ?? c.source };
        hosts.set(c.host, host);
      }
      host.components.push(c.key);
      for (const r of c.roles) if (!host.roles.includes(r)) host.roles.push(r);
    }
    return {
      diagram: this.placement.index,
      type: this.type,
      file: this.placement.file,
      line: this.placement.line,
      components,
      hosts: [...hosts.values()],
      edges: this.edges.filter((e) => this.components.has(e.from) && this.components.has(e.to)),
      groups: this.groups,
      texts: this.texts,
    };
  }
}
