import { machineCount, machinesOf, type Machine } from '../graph/machines.js';
import { componentsWithRole, type DiagramGraph } from '../graph/model.js';
import type { Role } from '../graph/roles.js';
import { bestOverDiagrams, plural } from './diagram-helpers.js';
import { numberOption, rolesOption, type RuleModule, type RuleOutcome } from './rule.js';

/**
 * At least `min` machines serve the application behind the load balancer. A machine serves it when
 * it runs one of `roles` (web or application server); the count is that of the role drawn on the
 * most machines, so that a web server and an application server on separate boxes of one pipeline
 * are not taken for two servers. Server nodes the load balancer sends traffic to count too.
 */
export const serverCount: RuleModule = {
  meta: {
    id: 'server-count',
    description: 'At least two machines serve the application (web or application server) behind the load balancer.',
    diagramBased: true,
    whenTaskMissing: 'fail',
  },
  check(context) {
    const min = numberOption(context, 'min', 2);
    const roles = rolesOption(context, 'roles', ['web-server', 'app-server']);
    return bestOverDiagrams(context.graphs, (graph) => countServing(graph, min, roles));
  },
};

function countServing(graph: DiagramGraph, min: number, roles: readonly Role[]): RuleOutcome {
  const machines = machinesOf(graph).filter((m) => !m.roles.includes('load-balancer'));
  const lbKeys = new Set(componentsWithRole(graph, 'load-balancer').map((c) => c.key));
  const fedByLb = (m: Machine) => graph.edges.some((e) => m.components.some((c) => (lbKeys.has(e.from) && e.to === c.key) || (!e.directed && lbKeys.has(e.to) && e.from === c.key)));
  const candidates: Machine[][] = [
    ...roles.map((r) => machines.filter((m) => m.roles.includes(r))),
    machines.filter((m) => m.kind === 'server-node' && fedByLb(m)),
  ];
  const best = candidates.reduce((a, b) => (machineCount(b) > machineCount(a) ? b : a));
  const total = machineCount(best);
  const names = best.map((m) => `"${m.label}"`).join(', ');
  if (total >= min) return { status: 'pass', message: `${plural(total, 'server')} serve the application: ${names}.` };
  return {
    status: 'fail',
    message: total === 0 ? 'No server runs a web or application server.' : `${plural(total, 'server')} (${names}) serve${total === 1 ? 's' : ''} the application; the task asks for ${min}.`,
    findings: [{
      message: total === 0
        ? 'No machine of the diagram runs a web server or an application server.'
        : `Only ${plural(total, 'server')} behind the load balancer (${names}); the task asks for ${min}.`,
      at: best[0]?.source ?? { file: graph.file, line: graph.line, column: 1 },
      hint: `Draw ${min} servers behind the load balancer, each a box with its web server and application server: \`subgraph S1["Server 1"]\` ... \`end\`, \`subgraph S2["Server 2"]\` ... \`end\`, then \`LB --> S1\` and \`LB --> S2\`.`,
    }],
  };
}
