import { componentsWithRole, type Component, type DiagramGraph, type Group } from '../graph/model.js';
import { inferMultiplicity, inferRoles, rolePattern, ROLES, type Role } from '../graph/roles.js';
import { affirms, bestOverDiagrams, describe, plural, roleName } from './diagram-helpers.js';
import { plainText } from '../prose/sentences.js';
import { numberOption, type RuleModule, type RuleOutcome } from './rule.js';

/**
 * At least `min` components of one role: nodes, a node that states a count ("Firewall x3", "3
 * firewalls"), or groups drawn as that component (a subgraph "Firewall" around a server). A label
 * that says the component is absent ("No firewall") is not one.
 */
export const componentCount: RuleModule = {
  meta: {
    id: 'component-count',
    description: 'At least `min` components of the role `role` (nodes, or a node stating a count such as "Firewall x3").',
    diagramBased: true,
    whenTaskMissing: 'fail',
    validateOptions(options) {
      if (!ROLES.includes(options.role as Role)) return `option "role" must be one of ${ROLES.join(', ')}`;
      if (options.min !== undefined && !(typeof options.min === 'number' && Number.isInteger(options.min) && options.min >= 1)) return 'option "min" must be a whole number >= 1';
      return null;
    },
  },
  check(context) {
    const role = context.options.role as Role;
    const min = numberOption(context, 'min', 1);
    return bestOverDiagrams(context.graphs, (graph) => countComponents(graph, role, min));
  },
};

/** The components of `role` in a diagram, and the groups drawn as one: what they are and how many machines they stand for. */
export function componentsOfRole(graph: DiagramGraph, role: Role): { found: (Component | Group)[]; count: number } {
  const pattern = rolePattern(role);
  // "No firewall" names the component to say it is not there.
  const there = (text: string) => !pattern || !pattern.test(plainText(text)) || affirms(text, pattern);
  const components = componentsWithRole(graph, role).filter((c) => there(c.label));
  const groups = graph.groups.filter(
    (g) => inferRoles(g.title).includes(role) && there(g.title) && !g.members.some((k) => components.some((c) => c.key === k)),
  );
  const count = components.reduce((n, c) => n + c.multiplicity, 0) + groups.reduce((n, g) => n + inferMultiplicity(g.title), 0);
  return { found: [...components, ...groups], count };
}

function nameOf(item: Component | Group): string {
  return 'title' in item ? `the group "${item.title}"` : describe(item);
}

function countComponents(graph: DiagramGraph, role: Role, min: number): RuleOutcome {
  const { found, count } = componentsOfRole(graph, role);
  const name = roleName(role);
  const names = found.map(nameOf).join(', ');
  if (count >= min) return { status: 'pass', message: `${plural(count, name)}: ${names}.` };
  const title = name.charAt(0).toUpperCase() + name.slice(1);
  return {
    status: 'fail',
    message: count === 0 ? `No ${name} in the diagram; the task asks for ${min}.` : `Only ${plural(count, name)} (${names}); the task asks for ${min}.`,
    findings: [{
      message: count === 0 ? `The diagram has no ${name}.` : `Only ${plural(count, name)} in the diagram (${names}): the task asks for ${min}.`,
      at: found[0]?.source ?? { file: graph.file, line: graph.line, column: 1 },
      hint: `Draw ${min} ${name}s, each its own node (e.g. \`X1[${title} 1]\`, \`X2[${title} 2]\`), or one node that states the count (e.g. \`X[${title} x${min}]\`).`,
    }],
  };
}
