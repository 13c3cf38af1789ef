import { labelHas } from '../graph/labels.js';
import { componentsWithRole, hostOf, type DiagramGraph } from '../graph/model.js';
import { TIER_ROLES, type Role } from '../graph/roles.js';
import { bestOverDiagrams, describe, roleName } from './diagram-helpers.js';
import { textOptionsProblem, type RuleModule, type RuleOutcome } from './rule.js';

const HINTS: Partial<Record<Role, string>> = {
  'web-server': 'Give the web server (Nginx) a server of its own, e.g. `WEB[Server 1: Nginx]`.',
  'app-server': 'Give the application server (Gunicorn, Node...) a server of its own, e.g. `APP[Server 2: Gunicorn]`.',
  database: 'Give the database a server of its own, e.g. `DB[("Server 3: MySQL")]`.',
};

/**
 * The three tier rules (web, application, database) differ only in the role they look at: one
 * factory makes all three, so the host logic lives in one place. With the option `group` (`"Web
 * tier"`), the tier is also drawn as a group of that title holding every component of the role and
 * none of the other tiers.
 */
export function tierRule(id: string, role: Role, description: string): RuleModule {
  return {
    meta: {
      id,
      description,
      diagramBased: true,
      whenTaskMissing: 'fail',
      validateOptions(options) {
        return textOptionsProblem(options, ['group']);
      },
    },
    check(context) {
      const group = typeof context.options.group === 'string' ? context.options.group : null;
      return bestOverDiagrams(context.graphs, (graph) => {
        const tier = checkTier(graph, role);
        return tier.status === 'pass' && group ? checkGroup(graph, role, group, tier) : tier;
      });
    },
  };
}

/** The tier's group: titled as the task says, holding the role's components and no other tier's. */
function checkGroup(graph: DiagramGraph, role: Role, title: string, tier: RuleOutcome): RuleOutcome {
  const name = roleName(role);
  const found = componentsWithRole(graph, role);
  const groups = graph.groups.filter((g) => labelHas(g.title, title));
  const group = groups.find((g) => found.some((c) => g.members.includes(c.key))) ?? groups[0];
  const example = `\`subgraph tier["${title}"]\`, the ${name}s inside, then \`end\``;
  if (!group) {
    return { status: 'fail', message: `No group titled "${title}".`, findings: [{ message: `The task asks for the ${name}s inside a group (subgraph) titled "${title}"; the diagram has none.`, at: found[0]!.source, hint: `Group them: ${example}.` }] };
  }
  const outside = found.filter((c) => !group.members.includes(c.key));
  const byKey = new Map(graph.components.map((c) => [c.key, c]));
  const strangers = group.members.map((k) => byKey.get(k)!).filter((c) => c && !c.roles.includes(role) && c.roles.some((r) => TIER_ROLES.includes(r) || r === 'load-balancer'));
  if (!outside.length && !strangers.length) return { ...tier, message: `${tier.message.replace(/\.$/, '')}, in the group "${group.title}".` };
  const findings = [
    ...outside.map((c) => ({ message: `${describe(c)} is ${/^[aeiou]/.test(name) ? 'an' : 'a'} ${name} outside the group "${group.title}".`, at: c.source, hint: `Move it into the tier: list \`${c.id}\` between \`subgraph\` and \`end\` of "${group.title}".` })),
    ...strangers.map((c) => ({ message: `${describe(c)} is in the group "${group.title}" but is not ${/^[aeiou]/.test(name) ? 'an' : 'a'} ${name}: each tier holds its own servers.`, at: c.source, hint: `Move ${describe(c)} to its own tier's group.` })),
  ];
  return { status: 'fail', message: `The group "${group.title}" ${outside.length ? `leaves out ${outside.map(describe).join(', ')}` : `also holds ${strangers.map(describe).join(', ')}`}.`, findings };
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
