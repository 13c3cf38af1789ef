import { machineCount, machinesOf, numberedMachine, type Machine } from '../graph/machines.js';
import { componentsWithRole, type DiagramGraph } from '../graph/model.js';
import { TIER_ROLES } from '../graph/roles.js';
import { bestOverDiagrams, describe, plural, roleName } from './diagram-helpers.js';
import type { RuleModule, RuleOutcome } from './rule.js';

const HINT = 'Draw one server holding the whole stack: `subgraph Server["Server (8.8.8.8)"]` with the web server, the application server and the database inside.';

/**
 * One machine hosts the whole stack. A box around the web server, application server and database,
 * a single server node leading to them, or no machine boundary at all (and no second machine) pass;
 * a second machine or a load balancer fails.
 */
export const singleServer: RuleModule = {
  meta: {
    id: 'single-server',
    description: 'Exactly one server machine hosts the web server, the application server and the database; no second machine, no load balancer.',
    diagramBased: true,
    whenTaskMissing: 'fail',
  },
  check(context) {
    return bestOverDiagrams(context.graphs, checkSingle);
  },
};

function checkSingle(graph: DiagramGraph): RuleOutcome {
  const at = { file: graph.file, line: graph.line, column: 1 };
  const lbs = componentsWithRole(graph, 'load-balancer');
  if (lbs.length) {
    return {
      status: 'fail',
      message: `A load balancer (${describe(lbs[0]!)}) means more than one server.`,
      findings: [{ message: `${describe(lbs[0]!)} is a load balancer: a one-server design has none.`, at: lbs[0]!.source, hint: HINT }],
    };
  }
  const machines = machinesOf(graph);
  const explicit = machines.filter((m) => m.kind !== 'component' || numberedMachine(m.label) !== null);
  const distinct = distinctByNumber(explicit);
  const total = machineCount(distinct);
  if (total >= 2) {
    const names = distinct.map((m) => `"${m.label}"`).join(', ');
    return {
      status: 'fail',
      message: `${plural(total, 'server machine')} (${names}); the task has one.`,
      findings: [{ message: `The diagram draws ${plural(total, 'server machine')}: ${names}.`, at: distinct[1]?.source ?? distinct[0]!.source, hint: HINT }],
    };
  }
  const tiers = graph.components.filter((c) => c.roles.some((r) => TIER_ROLES.includes(r)));
  const server = distinct[0];
  if (server?.kind === 'group') {
    // A box says which components are on the server: one drawn outside it is on another machine.
    const outside = tiers.filter((c) => !server.components.includes(c));
    if (outside.length) {
      return {
        status: 'fail',
        message: `${outside.map(describe).join(', ')} ${outside.length === 1 ? 'is' : 'are'} drawn outside the server "${server.label}".`,
        findings: outside.map((c) => ({
          message: `${describe(c)} (${c.roles.filter((r) => TIER_ROLES.includes(r)).map(roleName).join(', ')}) is outside the server "${server.label}": in a one-server design it runs on that server.`,
          at: c.source,
          hint: `Move it inside the server's box: list \`${c.id}\` between \`subgraph\` and \`end\`.`,
        })),
      };
    }
  }
  if (!server && tiers.length === 0) {
    return { status: 'fail', message: 'The diagram has no server and no web server, application server or database.', findings: [{ message: 'Nothing in the diagram is a server or a component of the stack.', at, hint: HINT }] };
  }
  return {
    status: 'pass',
    message: server ? `One server, "${server.label}", hosts the stack.` : 'The stack is drawn with no second machine and no load balancer.',
  };
}

/** "Server 1" drawn as a node and as a box is one machine; two boxes both numbered 1 too. */
function distinctByNumber(machines: Machine[]): Machine[] {
  const seen = new Set<string>();
  return machines.filter((m) => {
    const name = numberedMachine(m.label);
    if (name === null) return true;
    if (seen.has(name)) return false;
    seen.add(name);
    return true;
  });
}
