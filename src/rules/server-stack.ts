import { machineCount, machinesOf, type Machine } from '../graph/machines.js';
import type { DiagramGraph } from '../graph/model.js';
import { ENTRY_ROLES, ROLES, type Role } from '../graph/roles.js';
import { bestOverDiagrams, groupName, plural, roleName, withArticle } from './diagram-helpers.js';
import { numberOption, rolesOption, type RuleModule, type RuleOutcome } from './rule.js';

/**
 * At least `min` servers each run the whole stack of `roles` (a web server and an application
 * server): a box holding both, a server node leading to both, or one node naming both
 * ("Server 1 - Nginx, App"). Where the database sits is not this rule's business. With the option
 * `boundary`, each server must be a box (a subgraph) holding its stack: one node naming both does
 * not count, a subgraph of any title ("Path A") does.
 */
export const serverStack: RuleModule = {
  meta: {
    id: 'server-stack',
    description: 'Each of the (at least two) servers runs a web server and an application server.',
    diagramBased: true,
    whenTaskMissing: 'fail',
    validateOptions(options) {
      if (options.min !== undefined && !(typeof options.min === 'number' && Number.isInteger(options.min) && options.min >= 1)) return 'option "min" must be a whole number >= 1';
      if (options.roles !== undefined && !(Array.isArray(options.roles) && options.roles.length > 0 && options.roles.every((r) => ROLES.includes(r as Role)))) {
        return `option "roles" must be a non-empty list of roles among ${ROLES.join(', ')}`;
      }
      if (options.boundary !== undefined && typeof options.boundary !== 'boolean') return 'option "boundary" must be true or false';
      return null;
    },
  },
  check(context) {
    const min = numberOption(context, 'min', 2);
    const roles = rolesOption(context, 'roles', ['web-server', 'app-server']);
    const boundary = context.options.boundary === true;
    return bestOverDiagrams(context.graphs, (graph) => checkStacks(graph, min, roles, boundary));
  },
};

function checkStacks(graph: DiagramGraph, min: number, roles: readonly Role[], boundary: boolean): RuleOutcome {
  const machines = machinesOf(graph).filter((m) => !m.roles.includes('load-balancer'));
  const stack = roles.map((r) => withArticle(roleName(r))).join(' and ');
  if (boundary) {
    const outcome = checkBoundaries(graph, machines, min, roles, stack);
    if (outcome) return outcome;
  }
  const full = machines.filter((m) => roles.every((r) => m.roles.includes(r)));
  const total = machineCount(full);
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

/**
 * With `boundary`: the boxes holding a whole stack, whatever their title (a server's box, or a
 * subgraph "Path A"), the smallest ones only (a box around both nodes is not a third). Null when
 * there is no server at all to speak of (the ordinary findings then say what is missing).
 */
function checkBoundaries(graph: DiagramGraph, machines: Machine[], min: number, roles: readonly Role[], stack: string): RuleOutcome | null {
  const byKey = new Map(graph.components.map((c) => [c.key, c]));
  const holdsStack = (keys: readonly string[]) => roles.every((r) => keys.some((k) => byKey.get(k)?.roles.includes(r)));
  const outside = (keys: readonly string[]) => keys.some((k) => byKey.get(k)?.roles.some((r) => r === 'load-balancer' || ENTRY_ROLES.includes(r)));
  const holding = graph.groups.filter((g) => holdsStack(g.members) && !outside(g.members));
  const smallest = holding.filter((g) => !holding.some((o) => o !== g && o.members.length < g.members.length && o.members.every((k) => g.members.includes(k))));
  // A box "Servers x2" stands for two.
  const total = smallest.reduce((n, g) => n + Math.max(1, ...g.members.map((k) => byKey.get(k)?.multiplicity ?? 1)), 0);
  if (total >= min) return { status: 'pass', message: `${boxes(total)} hold${total === 1 ? 's' : ''} ${stack}: ${smallest.map((g) => `"${groupName(g)}"`).join(', ')}.` };
  const nodes = machines.filter((m) => m.kind !== 'group' && roles.every((r) => m.roles.includes(r)));
  if (!smallest.length && !nodes.length) return null;
  const example = '`subgraph nodeA["Node A"]` with `webA["Web server (Nginx)"] --> appA["Application server"]` inside, then `end`';
  return {
    status: 'fail',
    message: `${smallest.length ? `Only ${boxes(total)} hold${total === 1 ? 's' : ''}` : 'No box holds'} ${stack}; the task asks for ${min}, each a boundary (a subgraph) of its own.`,
    findings: nodes.length
      ? nodes.slice(0, 4).map((m) => ({
        message: `"${m.label}" runs ${stack} as one node: the task asks for each server as a boundary (a subgraph) holding them.`,
        at: m.source,
        hint: `Draw it as a box: ${example}.`,
      }))
      : [{ message: `Only ${boxes(total)} hold${total === 1 ? 's' : ''} ${stack}; the task asks for ${min}.`, at: smallest[0]?.source ?? { file: graph.file, line: graph.line, column: 1 }, hint: `Draw each server as its own box: ${example}; the same for the other one.` }],
  };
}

function boxes(n: number): string {
  return `${n} box${n === 1 ? '' : 'es'}`;
}
