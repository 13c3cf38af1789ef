import { labelHas, shownLabel } from '../graph/labels.js';
import { componentsWithRole, type Component, type DiagramGraph, type Edge, type Group } from '../graph/model.js';
import { CLUSTER_WORDS, TIER_ROLES } from '../graph/roles.js';
import { affirms, bestOverDiagrams, describe, groupName } from './diagram-helpers.js';
import { textOptionsProblem, type RuleModule, type RuleOutcome } from './rule.js';

const VIRTUAL_IP = /\b(virtual ?ip|vip|floating ?ip|shared ?ip|keepalived|vrrp)\b/;

/**
 * The load balancers are configured as a cluster, and the diagram shows it. With the option `link`
 * (`"failover"`), the sign must be a link between two load balancers with that label.
 */
export const lbCluster: RuleModule = {
  meta: {
    id: 'lb-cluster',
    description: 'The load balancers are configured as a cluster: a group around them, a link between them, a shared virtual IP, or cluster/active/passive/failover labels.',
    diagramBased: true,
    whenTaskMissing: 'fail',
    validateOptions(options) {
      return textOptionsProblem(options, ['link']);
    },
  },
  check(context) {
    const link = typeof context.options.link === 'string' ? context.options.link : null;
    return bestOverDiagrams(context.graphs, (graph) => (link ? labelledLink(graph, link) : clusterEvidence(graph)));
  },
};

/** Two load balancers linked by an arrow saying `label`; other signs of a cluster are named in the finding. */
function labelledLink(graph: DiagramGraph, label: string): RuleOutcome {
  const lbs = componentsWithRole(graph, 'load-balancer');
  const keys = new Set(lbs.map((c) => c.key));
  const byKey = new Map(lbs.map((c) => [c.key, c]));
  const between = graph.edges.filter((e) => e.kind !== 'note' && e.from !== e.to && keys.has(e.from) && keys.has(e.to));
  const right = between.find((e) => labelHas(e.label, label));
  if (right) return { status: 'pass', message: `${describe(byKey.get(right.from)!)} and ${describe(byKey.get(right.to)!)} are linked by "${shownLabel(right.label)}".` };
  const evidence = clusterEvidence(graph);
  if (lbs.length < 2) return evidence.status === 'pass' ? { status: 'fail', message: 'A single load balancer cannot form a cluster.', findings: [{ message: `Only ${lbs[0] ? describe(lbs[0]) : 'one load balancer'}: a "${label}" link needs two load balancers.`, at: lbs[0]?.source ?? { file: graph.file, line: graph.line, column: 1 } }] } : evidence;
  const [a, b] = lbs;
  const other = between[0];
  const sign = clusterSign(graph);
  const seen = sign ? ` (they ${sign.sign.replace(/^is /, 'are ')})` : '';
  return {
    status: 'fail',
    message: other ? `The load balancers are linked by ${other.label ? `"${shownLabel(other.label)}"` : 'an arrow with no label'}, not "${label}".` : `No "${label}" link between the load balancers${seen}.`,
    findings: [{
      message: other
        ? `The link between the load balancers ${other.label ? `says "${shownLabel(other.label)}"` : 'has no label'}: the task asks for a "${label}" link between them.`
        : `Nothing links ${describe(a!)} and ${describe(b!)}${seen}: the task asks for a "${label}" link between them.`,
      at: other?.source ?? a!.source,
      hint: `Link the two load balancers: \`${a!.id} <-->|"${label}"| ${b!.id}\`.`,
    }],
  };
}

/** A group holds boxes of the stack besides the load balancers: it is around the design, not around them. */
function holdsStack(graph: DiagramGraph, members: readonly string[]): Component | undefined {
  return members.map((k) => graph.components.find((c) => c.key === k)).find((c): c is Component => !!c && c.roles.some((r) => TIER_ROLES.includes(r)));
}

/** Says cluster, failover, VIP... and not that it is absent ("no failover"). */
function saysCluster(text: string): boolean {
  return affirms(text, CLUSTER_WORDS) || affirms(text, VIRTUAL_IP);
}

/**
 * A plain arrow from one load balancer to the other that carries the request on: the first sends
 * nothing anywhere but through the second (`LB1 --> LB2 --> Web`). Two balancers in series are one
 * path, not a pair that backs each other up.
 */
function inSeries(graph: DiagramGraph, link: Edge, lbKeys: ReadonlySet<string>): boolean {
  if (!link.directed || link.bothWays || saysCluster(link.label)) return false;
  const byKey = new Map(graph.components.map((c) => [c.key, c]));
  const onward = graph.edges.filter((e) => e.kind !== 'note' && e.from === link.from && !lbKeys.has(e.to) && !byKey.get(e.to)?.roles.some((r) => r === 'monitoring' || r === 'client' || r === 'dns'));
  return onward.length === 0 && graph.edges.some((e) => e.kind !== 'note' && e.from === link.to && !lbKeys.has(e.to));
}

/** Groups holding two load balancers, or one under a cluster title. */
function lbGroups(graph: DiagramGraph, keys: ReadonlySet<string>): Group[] {
  return graph.groups.filter((g) => g.members.filter((m) => keys.has(m)).length >= 2 || (g.members.some((m) => keys.has(m)) && saysCluster(g.title)));
}

/** Links between two load balancers (a note over both only when it says cluster, failover...). */
function lbLinks(graph: DiagramGraph, keys: ReadonlySet<string>): Edge[] {
  return graph.edges.filter((e) => keys.has(e.from) && keys.has(e.to) && e.from !== e.to && (e.kind !== 'note' || saysCluster(e.label)));
}

/**
 * The first sign, about the load balancers themselves, that they work as a cluster: who shows it
 * ("`LB1` and `LB2`", "The load balancers") and what it is ("are grouped in "HAProxy cluster"").
 */
export function clusterSign(graph: DiagramGraph): { who: string; sign: string } | null {
  const lbs = componentsWithRole(graph, 'load-balancer');
  const keys = new Set(lbs.map((c) => c.key));
  const byKey = new Map(lbs.map((c) => [c.key, c]));
  const group = lbGroups(graph, keys).find((g) => !holdsStack(graph, g.members));
  if (group) {
    const inside = lbs.filter((c) => group.members.includes(c.key));
    return inside.length >= 2 ? { who: inside.map(describe).join(' and '), sign: `are grouped in "${groupName(group)}"` } : { who: describe(inside[0]!), sign: `is grouped in "${groupName(group)}"` };
  }
  const link = lbLinks(graph, keys).find((e) => !inSeries(graph, e, keys));
  if (link) return { who: `${describe(byKey.get(link.from)!)} and ${describe(byKey.get(link.to)!)}`, sign: `are linked to each other${link.label ? ` ("${shownLabel(link.label)}")` : ''}` };
  const vip = graph.components.find((c) => !keys.has(c.key) && affirms(c.label, VIRTUAL_IP) && graph.edges.filter((e) => (e.from === c.key && keys.has(e.to)) || (e.to === c.key && keys.has(e.from))).length >= 2);
  if (vip) return { who: 'The load balancers', sign: `share a virtual IP (${describe(vip)})` };
  const labelled = lbs.find((c) => affirms(c.label, CLUSTER_WORDS));
  if (labelled) return { who: 'The load balancers', sign: `are labelled as cluster members (${describe(labelled)})` };
  const edgeLabel = graph.edges.find((e) => (keys.has(e.from) || keys.has(e.to)) && affirms(e.label, CLUSTER_WORDS));
  if (edgeLabel) return { who: 'The load balancers', sign: `are named as a cluster by an arrow saying "${shownLabel(edgeLabel.label)}"` };
  const text = lbs.length >= 2 ? graph.texts.find((t) => affirms(t.text, VIRTUAL_IP)) : undefined;
  if (text) return { who: 'The load balancers', sign: `are named as a cluster by the diagram's "${shownLabel(text.text)}"` };
  return null;
}

/**
 * Evidence about the load balancers themselves that they work as a cluster (labelling guide): a
 * group around them and not around the whole design, a link between them that is not the request
 * path, a shared virtual IP, cluster or active/passive/backup/failover words. The message names it.
 */
export function clusterEvidence(graph: DiagramGraph): RuleOutcome {
  const lbs = componentsWithRole(graph, 'load-balancer');
  const at = lbs[0]?.source ?? { file: graph.file, line: graph.line, column: 1 };
  if (lbs.length === 0) return { status: 'fail', message: 'No load balancer, so no cluster.', findings: [{ message: 'The diagram has no load balancer to cluster.', at }] };
  const found = clusterSign(graph);
  if (found) return { status: 'pass', message: `${found.who} ${found.sign}.` };
  const keys = new Set(lbs.map((c) => c.key));
  const byKey = new Map(lbs.map((c) => [c.key, c]));
  const both = (a: string, b: string) => `${describe(byKey.get(a)!)} and ${describe(byKey.get(b)!)}`;
  const groups = lbGroups(graph, keys);
  const links = lbLinks(graph, keys);
  if (lbs.length < 2) {
    return { status: 'fail', message: 'A single load balancer cannot form a cluster.', findings: [{ message: `Only ${describe(lbs[0]!)}: a cluster needs two load balancers.`, at, hint: HINT }] };
  }
  // What the diagram has that is not a cluster, said so that the student sees why.
  const series = links.find((e) => inSeries(graph, e, keys));
  const around = groups[0];
  const why = series
    ? { message: `${both(series.from, series.to)} are chained one after the other on the request path: the request goes through both, so neither backs the other up.`, at: series.source }
    : around
      ? { message: `The group "${groupName(around)}" holds more than the load balancers (${describe(holdsStack(graph, around.members)!)} too): a group shows a cluster only when it is around the load balancers themselves, so it does not show that ${lbs.map(describe).join(' and ')} work as one.`, at: around.source }
      : { message: `Nothing in the diagram shows that ${lbs.map(describe).join(' and ')} work as a cluster.`, at };
  return {
    status: 'fail',
    message: series
      ? 'The load balancers are chained in series on the request path, not clustered.'
      : around
        ? `The load balancers are only grouped with other servers ("${groupName(around)}"), not as a cluster of their own.`
        : 'The load balancers are drawn side by side with nothing tying them into a cluster.',
    findings: [{ ...why, hint: HINT }],
  };
}

const HINT = 'Put both load balancers, and only them, in a `subgraph LB_Cluster["HAProxy cluster (active-passive)"]`, or link them: `LB1 <-->|heartbeat / VRRP| LB2`.';
