import { componentsWithRole, countWithRole, type DiagramGraph } from '../graph/model.js';
import { namesRole, type Role } from '../graph/roles.js';
import { bestOverDiagrams, describe, plural, roleName, ROLE_EXAMPLES, withArticle } from './diagram-helpers.js';
import { numberOption, roleOption, type RuleModule, type RuleOutcome } from './rule.js';

/**
 * A component of a role is drawn, at least `min` of them. One rule for every "the diagram has a
 * web server / a database / a load balancer" of a rubric: the role comes from the rubric's options.
 * With `inLabels`, a group title, an arrow's label or a note naming it is enough (the code base
 * written on the server's box).
 */
export const componentPresent: RuleModule = {
  meta: {
    id: 'component-present',
    description: 'The diagram has a component of the given role (option `role`), at least `min` of them.',
    diagramBased: true,
    whenTaskMissing: 'fail',
  },
  check(context) {
    const role = roleOption(context, 'role');
    const min = numberOption(context, 'min', 1);
    const inLabels = context.options.inLabels === true;
    return bestOverDiagrams(context.graphs, (graph) => checkPresent(graph, role, min, inLabels));
  },
};

function checkPresent(graph: DiagramGraph, role: Role, min: number, inLabels: boolean): RuleOutcome {
  const name = roleName(role);
  const found = componentsWithRole(graph, role);
  const count = countWithRole(graph, role);
  if (count >= min) {
    return { status: 'pass', message: min === 1 && found.length === 1 ? `${describe(found[0]!)} is ${withArticle(name)}.` : `${plural(count, name)}: ${found.map(describe).join(', ')}.` };
  }
  if (inLabels && found.length === 0 && min <= 1) {
    const named = graph.texts.find((t) => namesRole(t.text, role));
    if (named) return { status: 'pass', message: `The diagram names the ${name}: "${named.text}".` };
  }
  const example = ROLE_EXAMPLES[role];
  const at = found[0]?.source ?? { file: graph.file, line: graph.line, column: 1 };
  if (count === 0) {
    return {
      status: 'fail',
      message: `No ${name} in the diagram.`,
      findings: [{
        message: `The diagram has no ${name}${inLabels ? ', and no label names one' : ''}.`,
        at,
        hint: example ? `Draw it as a node of its own, e.g. \`${example}\`, and link it to the rest of the design.` : `Draw the ${name} as a node of its own.`,
      }],
    };
  }
  return {
    status: 'fail',
    message: `Only ${plural(count, name)} (${found.map(describe).join(', ')}); the task asks for ${min}.`,
    findings: [{ message: `Only ${plural(count, name)} in the diagram; the task asks for ${min}.`, at, hint: `Draw each ${name} as its own node${example ? `, e.g. \`${example.replace(/\[/, '2[')}\`` : ''}.` }],
  };
}
