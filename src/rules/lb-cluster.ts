import { labelHas, shownLabel } from '../graph/labels.js';
import { componentsWithRole, type DiagramGraph } from '../graph/model.js';
import { CLUSTER_WORDS, normaliseText } from '../graph/roles.js';
import { bestOverDiagrams, describe } from './diagram-helpers.js';
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
  const seen = evidence.status === 'pass' ? ` (${evidence.message.replace(/\.$/, '').replace(/^The load balancers are /, 'they are ')})` : '';
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

export function clusterEvidence(graph: DiagramGraph): RuleOutcome {
  const lbs = componentsWithRole(graph, 'load-balancer');
  const at = lbs[0]?.source ?? { file: graph.file, line: graph.line, column: 1 };
  if (lbs.length === 0) return { status: 'fail', message: 'No load balancer, so no cluster.', findings: [{ message: 'The diagram has no load balancer to cluster.', at }] };
  const keys = new Set(lbs.map((c) => c.key));
  const group = graph.groups.find((g) => g.members.filter((m) => keys.has(m)).length >= 2 || (g.kind === 'cluster' && g.members.some((m) => keys.has(m)) && CLUSTER_WORDS.test(normaliseText(g.title))));
  if (group) return { status: 'pass', message: `The load balancers are grouped in "${group.title || group.key}".` };
  const link = graph.edges.find((e) => keys.has(e.from) && keys.has(e.to) && e.from !== e.to);
  if (link) return { status: 'pass', message: `The load balancers are linked to each other${link.label ? ` ("${link.label}")` : ''}.` };
  const vip = graph.components.find((c) => !keys.has(c.key) && VIRTUAL_IP.test(normaliseText(c.label)) && graph.edges.filter((e) => (e.from === c.key && keys.has(e.to)) || (e.to === c.key && keys.has(e.from))).length >= 2);
  if (vip) return { status: 'pass', message: `The load balancers share a virtual IP (${describe(vip)}).` };
  const labelled = lbs.find((c) => CLUSTER_WORDS.test(normaliseText(c.label)));
  if (labelled) return { status: 'pass', message: `The load balancer ${describe(labelled)} is labelled as a cluster member.` };
  const edgeLabel = graph.edges.find((e) => (keys.has(e.from) || keys.has(e.to)) && CLUSTER_WORDS.test(normaliseText(e.label)));
  if (edgeLabel) return { status: 'pass', message: `An arrow of a load balancer says "${edgeLabel.label}".` };
  const text = lbs.length >= 2 ? graph.texts.find((t) => VIRTUAL_IP.test(normaliseText(t.text))) : undefined;
  if (text) return { status: 'pass', message: `The diagram mentions "${text.text}".` };
  return {
    status: 'fail',
    message: lbs.length >= 2 ? 'The load balancers are drawn side by side with nothing tying them into a cluster.' : 'A single load balancer cannot form a cluster.',
    findings: [{
      message: lbs.length >= 2 ? `Nothing in the diagram shows that ${lbs.map(describe).join(' and ')} work as a cluster.` : `Only ${describe(lbs[0]!)}: a cluster needs two load balancers.`,
      at,
      hint: 'Put both load balancers in a `subgraph LB_Cluster["HAProxy cluster (active-passive)"]`, or link them: `LB1 <-->|heartbeat / VRRP| LB2`.',
    }],
  };
}
