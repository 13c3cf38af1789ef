import { componentsWithRole, hostOf, type DiagramGraph } from '../graph/model.js';
import { TIER_ROLES, type Role } from '../graph/roles.js';
import { bestOverDiagrams, describe, roleName } from './diagram-helpers.js';
import type { RuleModule, RuleOutcome } from './rule.js';

const HINTS: Partial<Record<Role, string>> = {
  'web-server': 'Give the web server (Nginx) a server of its own, e.g. `WEB[Server 1: Nginx]`.',
  'app-server': 'Give the application server (Gunicorn, Node...) a server of its own, e.g. `APP[Server 2: Gunicorn]`.',
  database: 'Give the database a server of its own, e.g. `DB[("Server 3: MySQL")]`.',
};

/**
 * The three tier rules (web, application, database) differ only in the role they look at: one
 * factory makes all three, so the host logic lives in one place.
 */
export function tierRule(id: string, role: Role, description: string): RuleModule {
  return {
    meta: { id, description, diagramBased: true, whenTaskMissing: 'fail' },
    check(context) {
      return bestOverDiagrams(context.graphs, (graph) => checkTier(graph, role));
    },
  };
}

function checkTier(graph: DiagramGraph, role: Role): RuleOutcome {
  const name = roleName(role);
  const found = componentsWithRole(graph, role);
  if (found.length === 0) {
    return {
      status: 'fail',
      message: `No ${name} in the diagram.`,
      findings: [{ message: `The diagram has no ${name}.`, at: { file: graph.file, line: graph.line, column: 1 }, ...(HINTS[role] ? { hint: HINTS[role] } : {}) }],
    };
  }
  const others = new Set<Role>([...TIER_ROLES.filter((r) => r !== role), 'load-balancer']);
  for (const c of found) {
    const host = hostOf(graph, c);
    const sharing = (host?.roles ?? c.roles).filter((r) => others.has(r));
    if (sharing.length === 0) return { status: 'pass', message: `${describe(c)} is ${/^[aeiou]/.test(name) ? 'an' : 'a'} ${name} on a server of its own.` };
  }
  const first = found[0]!;
  const host = hostOf(graph, first);
  const sharing = (host?.roles ?? first.roles).filter((r) => others.has(r)).map(roleName);
  return {
    status: 'fail',
    message: `The ${name} shares its server with the ${sharing.join(' and ')}.`,
    findings: [{
      message: `${describe(first)} runs the ${name} on the same server as the ${sharing.join(' and ')}${host && host.key !== first.key ? ` ("${host.label}")` : ''}.`,
      at: first.source,
      ...(HINTS[role] ? { hint: HINTS[role] } : {}),
    }],
  };
}
