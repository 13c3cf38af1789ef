import { machinesOf, type Machine } from '../graph/machines.js';
import { componentsWithRole, type Component, type DiagramGraph, type Group } from '../graph/model.js';
import { inferMultiplicity, inferRoles, rolePattern, ROLES, type Role } from '../graph/roles.js';
import { affirms, bestOverDiagrams, describe, plural, ROLE_EXAMPLES, roleName, withArticle } from './diagram-helpers.js';
import { plainText } from '../prose/sentences.js';
import { numberOption, type RuleFinding, type RuleModule, type RuleOutcome } from './rule.js';

/**
 * At least `min` components of one role: nodes, a node that states a count ("Firewall x3", "3
 * firewalls"), or groups drawn as that component (a subgraph "Firewall" around a server). A label
 * that says the component is absent ("No firewall") is not one. Options `max` (at most that many)
 * and `inFrontOf` (roles: each machine holding one of them has one of these components of its own
 * in front of it, an arrow from it, and each of them stands in front of such a machine).
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
      if (options.max !== undefined && !(typeof options.max === 'number' && Number.isInteger(options.max) && options.max >= ((options.min as number | undefined) ?? 1))) return 'option "max" must be a whole number >= min';
      if (options.inFrontOf !== undefined && !(Array.isArray(options.inFrontOf) && options.inFrontOf.length > 0 && options.inFrontOf.every((r) => ROLES.includes(r as Role)))) {
        return `option "inFrontOf" must be a non-empty list of roles among ${ROLES.join(', ')}`;
      }
      return null;
    },
  },
  check(context) {
    const role = context.options.role as Role;
    const min = numberOption(context, 'min', 1);
    const max = numberOption(context, 'max', Infinity);
    const inFrontOf = Array.isArray(context.options.inFrontOf) ? (context.options.inFrontOf as Role[]) : [];
    return bestOverDiagrams(context.graphs, (graph) => {
      const counted = countComponents(graph, role, min);
      if (counted.status !== 'pass') return counted;
      const { found, count } = componentsOfRole(graph, role);
      const positions = inFrontOf.length ? checkPositions(graph, role, found, inFrontOf, counted) : counted;
      if (count <= max) return positions;
      // Too many, and where they stand: both said at once.
      const many = tooMany(role, found, count, max);
      return positions.status === 'pass' ? many : { ...many, message: `${many.message} ${positions.message}`, findings: [...many.findings!, ...(positions.findings ?? [])] };
    });
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

/** The box of a machine an arrow should reach: the one holding a target role. */
function entryOf(m: Machine, targets: readonly Role[]): string {
  return m.components.find((c) => c.roles.some((r) => targets.includes(r)))?.id ?? m.label;
}

function tooMany(role: Role, found: (Component | Group)[], count: number, max: number): RuleOutcome {
  const name = roleName(role);
  const message = `${plural(count, name)} (${found.map(nameOf).join(', ')}); the task asks for ${max === 1 ? 'one' : `exactly ${max}`}.`;
  const last = found.at(-1)!;
  return { status: 'fail', message, findings: [{ message: `${plural(count, name)} in the diagram: the task asks for ${max === 1 ? 'one' : `exactly ${max}`}.`, at: found[max]?.source ?? found[0]!.source, hint: `Keep ${max} ${name}${max === 1 ? '' : 's'} where the task puts them and remove the others, e.g. \`${'title' in last ? last.title : last.id}\` and its arrows.` }] };
}

/**
 * Each machine holding one of `targets` has one component of `role` of its own in front of it (an
 * arrow from the component to the machine or to a box inside it; a subgraph drawn as the component
 * around it), and each component stands in front of one of them: three firewalls, one before the
 * load balancer and one before each server, pass; two in a row before the load balancer do not.
 */
function checkPositions(graph: DiagramGraph, role: Role, found: (Component | Group)[], targets: readonly Role[], counted: RuleOutcome): RuleOutcome {
  const name = roleName(role);
  const machines = machinesOf(graph).filter((m) => m.roles.some((r) => targets.includes(r)) && !m.components.every((c) => c.roles.includes(role)));
  const fronts = (item: Component | Group): Machine[] => machines.filter((m) => {
    if ('title' in item) return m.components.some((c) => item.members.includes(c.key));
    return graph.edges.some((e) => e.kind !== 'note' && m.components.some((c) => c.key !== item.key && ((e.from === item.key && e.to === c.key) || (!e.directed && e.to === item.key && e.from === c.key))));
  });
  // Every machine gets a component of its own: a small bipartite matching (a node "Firewall x2" guards two).
  const units = found.flatMap((item) => Array.from({ length: 'title' in item ? inferMultiplicity(item.title) : item.multiplicity }, () => ({ item, fronts: fronts(item) })));
  const owner = new Map<string, number>();
  const assign = (u: number, seen: Set<string>): boolean => {
    for (const m of units[u]!.fronts) {
      if (seen.has(m.key)) continue;
      seen.add(m.key);
      const holder = owner.get(m.key);
      if (holder === undefined || assign(holder, seen)) {
        owner.set(m.key, u);
        return true;
      }
    }
    return false;
  };
  units.forEach((_u, i) => assign(i, new Set()));
  const guarded = new Set(owner.values());
  const bare = machines.filter((m) => !owner.has(m.key));
  const stray = [...new Set(units.filter((_u, i) => !guarded.has(i)).map((u) => u.item))];
  const places = targets.map((r) => `each ${roleName(r)}`).join(' and ');
  if (!bare.length && !stray.length) return { ...counted, message: `${counted.message.replace(/\.$/, '')}, one in front of ${places}.` };
  const example = ROLE_EXAMPLES[role] ?? `X[${name}]`;
  const findings: RuleFinding[] = [
    ...bare.map((m) => ({
      message: `Nothing of its own guards "${m.label}": the task puts ${withArticle(name)} in front of ${places}.`,
      at: m.source,
      hint: `Draw ${withArticle(name)} on the way in to it: \`${example} --> ${entryOf(m, targets)}\`.`,
    })),
    ...stray.map((item) => ({
      message: fronts(item).length
        ? `${nameOf(item)} guards what another ${name} already guards: the task puts one in front of ${places}.`
        : `${nameOf(item)} is not in front of ${targets.map((r) => withArticle(roleName(r))).join(' or ')}: nothing it leads to is one.`,
      at: item.source,
      hint: `Place each ${name} just before what it protects${bare[0] ? `, e.g. \`${'title' in item ? 'X' : item.id} --> ${entryOf(bare[0], targets)}\`` : ''}; ${withArticle(name)} that protects nothing of its own can go.`,
    })),
  ];
  return { status: 'fail', message: `The ${name}s are not where the task puts them: ${bare.length ? `${bare.map((m) => `"${m.label}"`).join(', ')} ${bare.length === 1 ? 'has' : 'have'} none in front` : ''}${bare.length && stray.length ? '; ' : ''}${stray.length ? `${stray.map(nameOf).join(', ')} guard${stray.length === 1 ? 's nothing of its own' : ' nothing of their own'}` : ''}.`, findings };
}
