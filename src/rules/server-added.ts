import { serverMachines, type DiagramGraph } from '../graph/model.js';
import { TIER_ROLES, type Role } from '../graph/roles.js';
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
    // Options let a rubric count other machines: the older curriculum asks for 2 application servers.
    const roles = Array.isArray(context.options.roles) ? (context.options.roles as Role[]) : TIER_ROLES;
    const oneRoleEach = context.options.oneRoleEach !== false;
    return bestOverDiagrams(context.graphs, (graph) => countServers(graph, min, roles, oneRoleEach));
  },
};

function countServers(graph: DiagramGraph, min: number, roles: readonly Role[], oneRoleEach: boolean): RuleOutcome {
  const { hosts: servers, total } = serverMachines(graph, roles);
  const shared = oneRoleEach ? servers.filter((h) => h.roles.filter((r) => TIER_ROLES.includes(r)).length > 1) : [];
  const what = roles === TIER_ROLES ? 'server' : roles.map((r) => (roleName(r).endsWith('server') ? roleName(r) : `${roleName(r)} server`)).join('/');
  const at = servers[0]?.source ?? { file: graph.file, line: graph.line, column: 1 };
  if (total >= min && shared.length === 0) return { status: 'pass', message: `${plural(total, what)} besides the load balancers${oneRoleEach ? ', one role each' : ''}.` };
  if (total < min) {
    return {
      status: 'fail',
      message: `${plural(total, what)} besides the load balancers; the task asks for at least ${min}.`,
      findings: [{
        message: `Only ${plural(total, what)} besides the load balancers; the task asks for ${min}.`,
        at,
        hint: roles === TIER_ROLES ? `Draw ${min} servers: one for the web server, one for the application server, one for the database.` : `Draw ${min} ${what}s.`,
      }],
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
