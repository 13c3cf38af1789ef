import type { DiagramGraph } from '../graph/model.js';
import { TIER_ROLES } from '../graph/roles.js';
import { bestOverDiagrams, plural, roleName } from './diagram-helpers.js';
import { numberOption, type RuleModule, type RuleOutcome } from './rule.js';

/** At least three server machines besides the load balancers, each with one role. */
export const serverAdded: RuleModule = {
  meta: {
    id: 'server-added',
    description: 'At least three server machines besides the load balancers (one more than task 2), each with one role.',
    diagramBased: true,
    whenTaskMissing: 'fail',
  },
  check(context) {
    const min = numberOption(context, 'minServers', 3);
    return bestOverDiagrams(context.graphs, (graph) => countServers(graph, min));
  },
};

function countServers(graph: DiagramGraph, min: number): RuleOutcome {
  const servers = graph.hosts.filter((h) => !h.roles.includes('load-balancer') && h.roles.some((r) => TIER_ROLES.includes(r)));
  const machines = (h: (typeof servers)[number]) =>
    Math.max(1, ...h.components.map((k) => graph.components.find((c) => c.key === k)?.multiplicity ?? 1));
  const total = servers.reduce((n, h) => n + machines(h), 0);
  const shared = servers.filter((h) => h.roles.filter((r) => TIER_ROLES.includes(r)).length > 1);
  const at = servers[0]?.source ?? { file: graph.file, line: graph.line, column: 1 };
  if (total >= min && shared.length === 0) return { status: 'pass', message: `${plural(total, 'server')} besides the load balancers, one role each.` };
  if (total < min) {
    return {
      status: 'fail',
      message: `${plural(total, 'server')} besides the load balancers; the task asks for at least ${min}.`,
      findings: [{ message: `Only ${plural(total, 'server')} (web, application or database) besides the load balancers; task 3 adds one to task 2's two.`, at, hint: `Draw ${min} servers: one for the web server, one for the application server, one for the database.` }],
    };
  }
  return {
    status: 'fail',
    message: `${shared.length} server${shared.length === 1 ? ' holds' : 's hold'} more than one role.`,
    findings: shared.map((h) => ({
      message: `"${h.label}" holds ${h.roles.filter((r) => TIER_ROLES.includes(r)).map(roleName).join(' + ')}: each server should have one role.`,
      at: h.source,
      hint: 'Split the components onto their own servers.',
    })),
  };
}
