import { componentsWithRole, countWithRole } from '../graph/model.js';
import { bestOverDiagrams, describe, plural } from './diagram-helpers.js';
import { numberOption, type RuleModule } from './rule.js';

/** Two or more load balancers. */
export const lbPair: RuleModule = {
  meta: { id: 'lb-pair', description: 'Two or more load balancers (HAProxy or any load balancer).', diagramBased: true, whenTaskMissing: 'fail' },
  check(context) {
    const min = numberOption(context, 'min', 2);
    return bestOverDiagrams(context.graphs, (graph) => {
      const lbs = componentsWithRole(graph, 'load-balancer');
      const count = countWithRole(graph, 'load-balancer');
      const names = lbs.map(describe).join(', ');
      if (count >= min) return { status: 'pass', message: `${plural(count, 'load balancer')}: ${names}.` };
      return {
        status: 'fail',
        message: count === 0 ? 'No load balancer in the diagram.' : `Only ${plural(count, 'load balancer')} (${names}); the task asks for ${min}.`,
        findings: [{
          message: count === 0 ? 'The diagram has no load balancer.' : `Only ${plural(count, 'load balancer')} (${names}): the task asks for ${min}.`,
          at: lbs[0]?.source ?? { file: graph.file, line: graph.line, column: 1 },
          hint: count === 0
            ? (min === 1 ? 'Add the load balancer in front of the servers, e.g. `LB["Load balancer (HAProxy)"]`.' : 'Add two HAProxy load balancers, e.g. `LB1[HAProxy 1]` and `LB2[HAProxy 2]`.')
            : 'Draw the second load balancer as its own node (e.g. `LB2[HAProxy 2]`); a single node named "cluster" counts as one unless it says how many (e.g. "HAProxy x2").',
        }],
      };
    });
  },
};
