import { drawnServerCount } from '../graph/machines.js';
import { componentsWithRole, countWithRole, serverMachines, type DiagramGraph } from '../graph/model.js';
import { CLUSTER_WORDS, namesRole, normaliseText, TIER_ROLES, type Role } from '../graph/roles.js';
import { ACTIVE_ACTIVE, ACTIVE_PASSIVE, claimedClusterMode, claimsOf, type Claim, type ClusterMode } from '../prose/claims.js';
import { plainText } from '../prose/sentences.js';
import { clusterEvidence } from './lb-cluster.js';
import { firewallCountConflicts, httpsConflicts, lbMonitoredConflicts, monitoringCountConflicts, sameStackConflicts, sslConflicts } from './consistency-secured.js';
import { dbRoleConflicts, dnsRecordConflicts, namedServerConflicts, oneServerConflicts, serverModeConflicts } from './consistency-stack.js';
import { plural, roleName } from './diagram-helpers.js';
import type { RuleContext, RuleFinding, RuleModule } from './rule.js';

type Check = (claims: Claim[], context: RuleContext) => RuleFinding[];

/**
 * What the rule compares, by name: a rubric picks the ones its task's claims are about (option
 * `checks`), in this order.
 */
const CHECKS: Record<string, Check> = {
  'cluster-mode': clusterModeConflicts,
  'server-mode': serverModeConflicts,
  cluster: clusterConflicts,
  diagrams: (_claims, context) => diagramCountConflicts(context),
  'lb-count': lbCountConflicts,
  'server-count': serverCountConflicts,
  'one-server': oneServerConflicts,
  'named-servers': namedServerConflicts,
  'own-servers': ownServerConflicts,
  'same-stack': sameStackConflicts,
  components: missingClaimedComponents,
  'firewall-count': firewallCountConflicts,
  'monitoring-count': monitoringCountConflicts,
  'lb-monitored': lbMonitoredConflicts,
  'db-roles': dbRoleConflicts,
  'dns-record': dnsRecordConflicts,
  'no-https': httpsConflicts,
  'ssl-termination': sslConflicts,
};
/** What a rubric that names none compares: the load balancers, their cluster, the servers and the components (task 3's claims). */
const DEFAULT_CHECKS = ['cluster-mode', 'cluster', 'diagrams', 'lb-count', 'server-count', 'own-servers', 'components'];

/** The cluster mode the diagram shows, from the words around its load balancers. */
function diagramClusterMode(graph: DiagramGraph): { mode: ClusterMode; text: string; at: RuleFinding['at'] } | null {
  const lbKeys = new Set(componentsWithRole(graph, 'load-balancer').map((c) => c.key));
  const texts = [
    ...componentsWithRole(graph, 'load-balancer').map((c) => ({ text: c.label, at: c.source })),
    ...graph.edges.filter((e) => e.label && (lbKeys.has(e.from) || lbKeys.has(e.to))).map((e) => ({ text: e.label, at: e.source })),
    ...graph.groups.filter((g) => g.members.some((m) => lbKeys.has(m))).map((g) => ({ text: g.title, at: g.source })),
  ];
  for (const t of texts) {
    const plain = plainText(t.text);
    if (ACTIVE_ACTIVE.test(plain)) return { mode: 'active-active', text: t.text, at: t.at };
    if (ACTIVE_PASSIVE.test(plain) || /\b(backup|secondary)\b/.test(plain)) return { mode: 'active-passive', text: t.text, at: t.at };
  }
  // Two load balancers each labelled "active", none passive: active-active.
  const active = componentsWithRole(graph, 'load-balancer').filter((c) => /\bactive\b/.test(plainText(c.label)));
  if (active.length >= 2) return { mode: 'active-active', text: active.map((c) => c.label).join('", "'), at: active[0]!.source };
  return null;
}

/** What the prose claims agrees with the diagrams, and the diagrams agree with each other. */
export const consistency: RuleModule = {
  meta: {
    id: 'consistency',
    description: 'What the prose claims agrees with the diagram(s), and the diagrams of one submission agree with each other.',
    diagramBased: true,
    whenTaskMissing: 'pass',
    whenNoDiagram: 'pass',
    validateOptions(options) {
      const { checks } = options;
      if (checks === undefined) return null;
      const names = Object.keys(CHECKS);
      return Array.isArray(checks) && checks.length > 0 && checks.every((c) => typeof c === 'string' && names.includes(c)) ? null : `option "checks" must list some of ${names.join(', ')}`;
    },
  },
  check(context) {
    const claims = claimsOf(context.prose);
    const wanted = Array.isArray(context.options.checks) ? (context.options.checks as string[]) : DEFAULT_CHECKS;
    const findings = Object.entries(CHECKS).filter(([name]) => wanted.includes(name)).flatMap(([, check]) => check(claims, context));
    if (findings.length === 0) return { status: 'pass', message: 'Prose and diagrams agree.' };
    return { status: 'fail', message: findings.map((f) => f.message).join(' '), findings };
  },
};

function clusterModeConflicts(claims: Claim[], { graphs }: RuleContext): RuleFinding[] {
  const claimed = claimedClusterMode(claims);
  if (!claimed) return [];
  for (const graph of graphs) {
    const drawn = diagramClusterMode(graph);
    if (drawn && drawn.mode !== claimed.mode) {
      return [{
        message: `The prose says ${claimed.mode} (${claimed.at.file}:${claimed.at.line}) but the diagram says "${drawn.text}" (${drawn.mode}).`,
        at: drawn.at,
        hint: `Make them agree: either describe an ${drawn.mode} cluster, or draw both load balancers ${claimed.mode}.`,
      }];
    }
  }
  return [];
}

// The parts of the stack every diagram of the design should agree on.
const COUNTED_ROLES: Role[] = ['load-balancer', 'web-server', 'app-server', 'database'];

/** The prose calls the load balancers a cluster, the diagrams draw two or more with nothing tying them. */
function clusterConflicts(claims: Claim[], { graphs }: RuleContext): RuleFinding[] {
  const claim = claims.find((c) => c.kind === 'cluster');
  const pairs = graphs.filter((g) => countWithRole(g, 'load-balancer') >= 2);
  if (!claim || !pairs.length || pairs.some((g) => clusterEvidence(g).status === 'pass')) return [];
  const graph = pairs[0]!;
  return [{
    message: `The prose describes a load balancer cluster (${claim.file}:${claim.line}) but the diagram (${graph.file}:${graph.line}) draws the load balancers with nothing tying them together.`,
    at: { file: graph.file, line: graph.line, column: 1 },
    hint: 'Show the cluster: group the load balancers in a subgraph, link them (heartbeat / VRRP), or give them a shared virtual IP.',
  }];
}

function diagramCountConflicts({ graphs, identities }: RuleContext): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const role of COUNTED_ROLES) {
    const counts = graphs.map((g) => ({ graph: g, n: countWithRole(g, role) })).filter((c) => c.n > 0);
    if (new Set(counts.map((c) => c.n)).size < 2) continue;
    const low = counts.reduce((a, b) => (b.n < a.n ? b : a));
    const high = counts.reduce((a, b) => (b.n > a.n ? b : a));
    // Name what the sparser diagram lacks: the other diagram's boxes with no counterpart in it.
    const missing = componentsWithRole(high.graph, role).filter((c) => !identities.some((id) => id.members.includes(c) && id.members.some((m) => m.diagram === low.graph.diagram)));
    const lacking = missing.length ? ` (no counterpart for ${missing.map((c) => `"${c.label}"`).join(', ')})` : '';
    findings.push({
      message: `The diagrams disagree: the ${low.graph.type} diagram (${low.graph.file}:${low.graph.line}) shows ${plural(low.n, roleName(role))}, the ${high.graph.type} diagram (${high.graph.file}:${high.graph.line}) shows ${high.n}${lacking}.`,
      at: { file: low.graph.file, line: low.graph.line, column: 1 },
      hint: 'Draw the same infrastructure in every diagram.',
    });
  }
  return [...findings, ...hostingConflicts(graphs)];
}

/** Which tiers share a machine in a diagram, and which stand on machines of their own: "web-server+app-server". */
function tierHosting(graph: DiagramGraph): { shared: Set<string>; apart: Set<string> } {
  const shared = new Set<string>();
  const apart = new Set<string>();
  const hosts = new Map(TIER_ROLES.map((role) => [role, new Set(componentsWithRole(graph, role).map((c) => c.host))]));
  for (const [i, a] of TIER_ROLES.entries()) {
    for (const b of TIER_ROLES.slice(i + 1)) {
      const hostsA = hosts.get(a)!;
      const hostsB = hosts.get(b)!;
      if (!hostsA.size || !hostsB.size) continue;
      if ([...hostsA].some((h) => hostsB.has(h))) shared.add(`${a}+${b}`);
      // A sequence diagram's participants are not machines: apart there says nothing of where they run.
      else if (graph.type !== 'sequence') apart.add(`${a}+${b}`);
    }
  }
  return { shared, apart };
}

/** One diagram puts two tiers on one machine, another draws them apart. */
function hostingConflicts(graphs: DiagramGraph[]): RuleFinding[] {
  const hosting = graphs.map((g) => ({ graph: g, ...tierHosting(g) }));
  for (const one of hosting) {
    for (const other of hosting) {
      const pair = [...one.shared].find((p) => other.apart.has(p));
      if (!pair) continue;
      const [a, b] = pair.split('+') as [Role, Role];
      return [{
        message: `The diagrams disagree: the ${one.graph.type} diagram (${one.graph.file}:${one.graph.line}) runs the ${roleName(a)} and the ${roleName(b)} on one server, the ${other.graph.type} diagram (${other.graph.file}:${other.graph.line}) on separate servers.`,
        at: { file: one.graph.file, line: one.graph.line, column: 1 },
        hint: 'Draw the same infrastructure in every diagram.',
      }];
    }
  }
  return [];
}

/** "A single HAProxy" beside two drawn, "a second load balancer" beside one. */
function lbCountConflicts(claims: Claim[], { graphs }: RuleContext): RuleFinding[] {
  if (!graphs.length) return [];
  // A node standing for the cluster ("HAProxy cluster" in front of LB1 and LB2) may or may not be counted.
  const counts = graphs.flatMap((g) => {
    const all = countWithRole(g, 'load-balancer');
    const clusterNodes = componentsWithRole(g, 'load-balancer').filter((c) => CLUSTER_WORDS.test(normaliseText(c.label)) && c.multiplicity === 1).length;
    return all - clusterNodes >= 2 ? [all, all - clusterNodes] : [all];
  });
  for (const claim of claims) {
    if (claim.kind !== 'lb-count' || counts.every((n) => n === 0)) continue;
    const agrees = claim.atLeast ? counts.some((n) => n >= claim.n) : counts.includes(claim.n);
    if (agrees) continue;
    const drawn = Math.max(...counts);
    const said = claim.n === 1 ? 'a single load balancer' : claim.atLeast ? 'a second load balancer' : `${claim.n} load balancers`;
    return [{
      message: `The prose speaks of ${said} (${claim.file}:${claim.line}) but the diagram shows ${drawn}.`,
      at: { file: claim.file, line: claim.line, column: 1 },
      hint: claim.n === 1 ? 'Describe the load balancers the diagram draws.' : 'Draw both load balancers.',
    }];
  }
  return [];
}

/** The prose counts servers the diagrams do not show ("four servers" beside a diagram of three). */
function serverCountConflicts(claims: Claim[], { graphs }: RuleContext): RuleFinding[] {
  if (!graphs.length) return [];
  for (const claim of claims) {
    if (claim.kind !== 'server-count') continue;
    // "Servers" may or may not include the load balancers: either reading of a diagram agrees.
    const readings = graphs.flatMap((g) => {
      if (claim.role !== 'server') return [countWithRole(g, claim.role)];
      // "Servers" may count none, one (the first HAProxy, as in task 1) or all of the load balancers.
      // The boxes holding a tier, or the machines as drawn (an unboxed stack is one server, "Server 1" drawn twice is one).
      const { drawn } = drawnServerCount(g);
      const servers = [...new Set([serverMachines(g, [...TIER_ROLES, 'server']).total, ...(drawn ? [drawn] : [])])];
      const lbs = countWithRole(g, 'load-balancer');
      return claim.behind ? servers : servers.flatMap((n) => [n, n + Math.min(1, lbs), n + lbs]);
    });
    if (claim.atLeast ? readings.some((n) => n >= claim.n) : readings.includes(claim.n)) continue;
    const what = claim.role === 'server' ? 'servers' : `${roleName(claim.role)}s`;
    return [{
      message: `The prose counts ${claim.atLeast ? 'at least ' : ''}${claim.n} ${what} (${claim.file}:${claim.line}) but the diagram shows ${[...new Set(readings)].join(' or ')}.`,
      at: { file: claim.file, line: claim.line, column: 1 },
      hint: `Make the count in the prose match the diagram, or draw the ${what} the prose describes.`,
    }];
  }
  return [];
}

/** "Each component on its own server" beside a diagram that puts two tiers on one host. */
function ownServerConflicts(claims: Claim[], { graphs }: RuleContext): RuleFinding[] {
  const claim = claims.find((c) => c.kind === 'own-servers');
  if (!claim) return [];
  for (const graph of graphs) {
    const shared = graph.hosts.find((h) => h.roles.filter((r) => TIER_ROLES.includes(r)).length >= 2);
    if (!shared) continue;
    return [{
      message: `The prose puts each component on its own server (${claim.file}:${claim.line}) but the diagram runs ${shared.roles.filter((r) => TIER_ROLES.includes(r)).map(roleName).join(' and ')} on one server ("${shared.label}").`,
      at: shared.source,
      hint: 'Draw each tier on a server of its own, or describe the shared server.',
    }];
  }
  return [];
}

// A diagram may show a component by a label anywhere besides a box of its role ("UFW" on an arrow).
const DRAWN_AS_LABEL: readonly Role[] = ['firewall', 'monitoring'];

/** The prose describes a component of this design that no diagram shows. */
function missingClaimedComponents(claims: Claim[], { graphs }: RuleContext): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const seen = new Set<string>();
  for (const claim of claims) {
    if (claim.kind !== 'component' || seen.has(claim.role)) continue;
    seen.add(claim.role);
    const role = claim.role as Role;
    const drawn = graphs.some((g) => g.components.some((c) => c.roles.includes(role)) || (DRAWN_AS_LABEL.includes(role) && g.texts.some((t) => namesRole(t.text, role))));
    if (drawn) continue;
    const name = role === 'monitoring' ? 'monitoring' : `${roleName(role)}s`;
    findings.push({
      message: `The prose describes ${role === 'monitoring' ? 'monitoring' : `a ${roleName(role)}`} (${claim.file}:${claim.line}) but no diagram shows any.`,
      at: { file: claim.file, line: claim.line, column: 1 },
      hint: `Draw the ${name} in the diagram, or remove the claim.`,
    });
  }
  return findings;
}
