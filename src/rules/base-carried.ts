import { componentsWithRole, serverMachines, type DiagramGraph } from '../graph/model.js';
import { ROLES, type Role } from '../graph/roles.js';
import { plural, roleName } from './diagram-helpers.js';
import { numberOption, type RuleFinding, type RuleModule } from './rule.js';

const DEFAULT_ROLES: readonly Role[] = ['load-balancer', 'web-server', 'app-server', 'database'];
/** The roles whose machines count as servers (the load balancers' machines do not). */
const SERVER_ROLES: readonly Role[] = ['web-server', 'app-server', 'database', 'server'];

const HINTS: Partial<Record<Role, string>> = {
  'load-balancer': 'Keep the load balancer in front of the servers: `U[User] --> LB[HAProxy]`.',
  'web-server': 'Keep a web server on each server: `WEB1[Nginx]` inside `subgraph S1[Server 1]`.',
  'app-server': 'Keep an application server on each server: `APP1[Application server]` inside `subgraph S1[Server 1]`.',
  database: 'Keep the database: `DB1[(MySQL Primary)]` inside `subgraph S1[Server 1]`.',
};

/**
 * The previous task's infrastructure is still there, judged across all the submission's diagrams:
 * each of `roles` (default: a load balancer, a web server, an application server, a database) in
 * some diagram, and `minServers` servers (default 2) besides the load balancers in one diagram.
 */
export const baseCarried: RuleModule = {
  meta: {
    id: 'base-carried',
    description: 'The previous task\'s infrastructure is still there (across all diagrams): a load balancer, `minServers` servers, web server, application server and database.',
    diagramBased: true,
    whenTaskMissing: 'fail',
    validateOptions(options) {
      if (options.roles !== undefined && !(Array.isArray(options.roles) && options.roles.every((r) => ROLES.includes(r as Role)))) return `option "roles" must list roles among ${ROLES.join(', ')}`;
      if (options.minServers !== undefined && !(typeof options.minServers === 'number' && Number.isInteger(options.minServers) && options.minServers >= 0)) return 'option "minServers" must be a whole number >= 0';
      return null;
    },
  },
  check(context) {
    const roles = Array.isArray(context.options.roles) ? (context.options.roles as Role[]) : DEFAULT_ROLES;
    const minServers = numberOption(context, 'minServers', 2);
    const { graphs } = context;
    const first = graphs[0]!;
    const at = { file: first.file, line: first.line, column: 1 };
    const missing = roles.filter((role) => !graphs.some((g) => componentsWithRole(g, role).length > 0));
    const best = graphs.map((g) => ({ graph: g, n: serverCount(g) })).reduce((a, b) => (b.n > a.n ? b : a));
    const findings: RuleFinding[] = missing.map((role) => ({
      message: `No ${roleName(role)} in ${graphs.length > 1 ? 'any diagram' : 'the diagram'}: the previous task's infrastructure had one.`,
      at,
      ...(HINTS[role] ? { hint: HINTS[role] } : {}),
    }));
    if (best.n < minServers) {
      findings.push({
        message: `${best.n === 0 ? 'No server' : `Only ${plural(best.n, 'server')}`} besides the load balancer: the previous task's infrastructure had ${minServers}.`,
        at: { file: best.graph.file, line: best.graph.line, column: 1 },
        hint: 'Draw each server as a subgraph holding its components: `subgraph S1[Server 1]` ... `end`, `subgraph S2[Server 2]` ... `end`.',
      });
    }
    const kept = [plural(best.n, 'server'), ...roles.map((r) => `${/^[aeiou]/.test(roleName(r)) ? 'an' : 'a'} ${roleName(r)}`)].join(', ');
    if (findings.length === 0) return { status: 'pass', message: `The previous task's infrastructure is still there: ${kept}.` };
    const lacking = [...missing.map(roleName), ...(best.n < minServers ? [`${minServers} servers (${best.n} drawn)`] : [])];
    return { status: 'fail', message: `The previous task's infrastructure is incomplete: missing ${lacking.join(', ')}.`, findings };
  },
};

/** Server machines besides the load balancers (a box of its own is a machine, a subgraph named for a server is one). */
function serverCount(graph: DiagramGraph): number {
  return serverMachines(graph, SERVER_ROLES).total;
}
