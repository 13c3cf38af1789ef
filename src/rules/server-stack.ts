import { machineCount, machinesOf } from '../graph/machines.js';
import type { DiagramGraph } from '../graph/model.js';
import type { Role } from '../graph/roles.js';
import { bestOverDiagrams, plural, roleName, withArticle } from './diagram-helpers.js';
import { numberOption, rolesOption, type RuleModule, type RuleOutcome } from './rule.js';

/**
 * At least `min` servers each run the whole stack of `roles` (a web server and an application
 * server): a box holding both, a server node leading to both, or one node naming both
 * ("Server 1 - Nginx, App"). Where the database sits is not this rule's business.
 */
export const serverStack: RuleModule = {
  meta: {
    id: 'server-stack',
    description: 'Each of the (at least two) servers runs a web server and an application server.',
    diagramBased: true,
    whenTaskMissing: 'fail',
  },
  check(context) {
    const min = numberOption(context, 'min', 2);
    const roles = rolesOption(context, 'roles', ['web-server', 'app-server']);
    return bestOverDiagrams(context.graphs, (graph) => checkStacks(graph, min, roles));
  },
};

function checkStacks(graph: DiagramGraph, min: number, roles: readonly Role[]): RuleOutcome {
  const machines = machinesOf(graph).filter((m) => !m.roles.includes('load-balancer'));
  const full = machines.filter((m) => roles.every((r) => m.roles.includes(r)));
  const total = machineCount(full);
  const stack = roles.map((r) => withArticle(roleName(r))).join(' and ');
  if (total >= min) return { status: 'pass', message: `${plural(total, 'server')} run${total === 1 ? 's' : ''} ${stack}: ${full.map((m) => `"${m.label}"`).join(', ')}.` };
  const partial = machines.filter((m) => !full.includes(m) && roles.some((r) => m.roles.includes(r)));
  const example = '`subgraph S1["Server 1"]` with `W1[Nginx] --> A1[Application server]` inside, then `end`';
  return {
    status: 'fail',
    message: total === 0 ? `No server runs both ${stack}.` : `Only ${plural(total, 'server')} run${total === 1 ? 's' : ''} both ${stack}; the task asks for ${min}.`,
    findings: partial.length
      ? partial.slice(0, 4).map((m) => ({
        message: `"${m.label}" runs ${roles.filter((r) => m.roles.includes(r)).map((r) => withArticle(roleName(r))).join(' and ')} but no ${roles.filter((r) => !m.roles.includes(r)).map(roleName).join(' or ')}: each server needs the whole stack.`,
        at: m.source,
        hint: `Put both on each server's box: ${example}; the same for the other server.`,
      }))
      : [{ message: `No server of the diagram runs ${stack}.`, at: { file: graph.file, line: graph.line, column: 1 }, hint: `Draw each server as a box holding its stack: ${example}; the same for the other server.` }],
  };
}
