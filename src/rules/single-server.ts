import { machineCount, machinesOf, numberedMachine, type Machine } from '../graph/machines.js';
import { componentsWithRole, type Component, type DiagramGraph } from '../graph/model.js';
import { ENTRY_ROLES, ROLES, TIER_ROLES, type Role } from '../graph/roles.js';
import { bestOverDiagrams, describe, groupName, plural, roleName } from './diagram-helpers.js';
import { rolesOption, type RuleModule, type RuleOutcome } from './rule.js';

const HINT = 'Draw one server holding the whole stack: `subgraph Server["Server (8.8.8.8)"]` with the web server, the application server and the database inside.';

/**
 * One machine hosts the whole stack. A box around the web server, application server and database,
 * a single server node leading to them, or no machine boundary at all (and no second machine) pass;
 * a second machine or a load balancer fails. Options: `holds`, the roles the server holds (default
 * web server, application server, database: one drawn outside the server's box fails); `boundary`,
 * the server must be drawn as a box (a subgraph) holding them (default false).
 */
export const singleServer: RuleModule = {
  meta: {
    id: 'single-server',
    description: 'Exactly one server machine hosts the web server, the application server and the database; no second machine, no load balancer.',
    diagramBased: true,
    whenTaskMissing: 'fail',
    validateOptions(options) {
      if (options.boundary !== undefined && typeof options.boundary !== 'boolean') return 'option "boundary" must be true or false';
      if (options.holds !== undefined && !(Array.isArray(options.holds) && options.holds.length > 0 && options.holds.every((r) => ROLES.includes(r as Role)))) {
        return `option "holds" must be a non-empty list of roles among ${ROLES.join(', ')}`;
      }
      return null;
    },
  },
  check(context) {
    const holds = rolesOption(context, 'holds', TIER_ROLES);
    const boundary = context.options.boundary === true;
    return bestOverDiagrams(context.graphs, (graph) => checkSingle(graph, holds, boundary));
  },
};

function checkSingle(graph: DiagramGraph, holds: readonly Role[], boundary: boolean): RuleOutcome {
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
  const tiers = graph.components.filter((c) => c.roles.some((r) => holds.includes(r)));
  const server = distinct[0];
  if (server?.kind === 'group') {
    // A box says which components are on the server: one drawn outside it is on another machine.
    const outside = tiers.filter((c) => !server.components.includes(c));
    if (outside.length) {
      return {
        status: 'fail',
        message: `${outside.map(describe).join(', ')} ${outside.length === 1 ? 'is' : 'are'} drawn outside the server "${server.label}".`,
        findings: outside.map((c) => ({
          message: `${describe(c)} (${c.roles.filter((r) => holds.includes(r)).map(roleName).join(', ')}) is outside the server "${server.label}": in a one-server design it runs on that server.`,
          at: c.source,
          hint: `Move it inside the server's box: list \`${c.id}\` between \`subgraph\` and \`end\`.`,
        })),
      };
    }
  }
  if (!server && tiers.length === 0) {
    return { status: 'fail', message: 'The diagram has no server and no web server, application server or database.', findings: [{ message: 'Nothing in the diagram is a server or a component of the stack.', at, hint: HINT }] };
  }
  if (boundary && server?.kind !== 'group') return boxAround(graph, tiers, holds, server?.label ?? null);
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

/**
 * With `boundary`, the stack must be drawn inside a box: the server's own, or any subgraph holding
 * every component of the stack ("8.8.8.8" around them) and not the user or DNS.
 */
function boxAround(graph: DiagramGraph, stack: Component[], holds: readonly Role[], server: string | null): RuleOutcome {
  // A box around the user or DNS too is the whole drawing, not the server.
  const entry = new Set(graph.components.filter((c) => c.roles.some((r) => ENTRY_ROLES.includes(r))).map((c) => c.key));
  const box = graph.groups.find((g) => stack.every((c) => g.members.includes(c.key)) && !g.members.some((k) => entry.has(k)));
  if (box) return { status: 'pass', message: `One server boundary, "${groupName(box)}", holds the stack.` };
  const names = holds.map(roleName);
  const listed = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0]!;
  const partial = graph.groups.filter((g) => stack.some((c) => g.members.includes(c.key)));
  const outside = partial.length ? stack.filter((c) => !partial[0]!.members.includes(c.key)) : [];
  return {
    status: 'fail',
    message: partial.length
      ? `The server boundary "${partial[0]!.title}" leaves out ${outside.map(describe).join(', ')}.`
      : `No server boundary: the ${listed} are not drawn inside a box${server ? ` (the server is the node "${server}")` : ''}.`,
    findings: [{
      message: partial.length
        ? `${outside.map(describe).join(', ')} ${outside.length === 1 ? 'is' : 'are'} outside the box "${partial[0]!.title}": the task asks for one server boundary holding the ${listed}.`
        : `The task asks for an explicit server boundary (a subgraph) holding the ${listed}; the diagram draws them without one.`,
      at: (outside[0] ?? stack[0])?.source ?? { file: graph.file, line: graph.line, column: 1 },
      hint: `Wrap them in a subgraph: \`subgraph server["Server (8.8.8.8)"]\`, the ${listed} inside, then \`end\`.`,
    }],
  };
}
