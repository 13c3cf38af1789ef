import type { DiagramGraph } from '../graph/model.js';
import { namesRole, type Role } from '../graph/roles.js';
import { outcomeFromShare, type RuleModule } from './rule.js';

const ELEMENTS: { name: string; role: Role; hint: string }[] = [
  { name: 'firewalls', role: 'firewall', hint: 'Draw the firewalls of task 2 (e.g. `FW1{{Firewall}}` in front of each server).' },
  { name: 'HTTPS / SSL certificate', role: 'certificate', hint: 'Show HTTPS: label the user\'s arrow `-->|HTTPS| LB1` or add the SSL certificate.' },
  { name: 'monitoring clients', role: 'monitoring', hint: 'Draw the monitoring clients of task 2 (e.g. `MON1[Monitoring client]` on each server).' },
];

/** A diagram shows the element: a box of its role, or a label naming it as there ("HTTPS" on an arrow, not "No firewall"). */
function shown(graphs: readonly DiagramGraph[], role: Role): boolean {
  return graphs.some((graph) => graph.components.some((c) => c.roles.includes(role)) || graph.texts.some((t) => namesRole(t.text, role)));
}

/**
 * What task 2 added (firewalls, HTTPS, monitoring) is still in the design, judged over all its
 * diagrams together (HTTPS drawn only in the sequence diagram counts). Partial credit each.
 */
export const carriedOver: RuleModule = {
  meta: {
    id: 'carried-over',
    description: 'What task 2 added is still there, in any of the diagrams: firewalls, HTTPS/SSL certificate, monitoring clients (partial credit per element).',
    diagramBased: true,
    whenTaskMissing: 'fail',
    partialCredit: true,
  },
  check({ graphs }) {
    const missing = ELEMENTS.filter((el) => !shown(graphs, el.role));
    const found = ELEMENTS.length - missing.length;
    const where = graphs.length > 1 ? 'diagrams' : 'diagram';
    const message = missing.length ? `Missing from the ${where}: ${missing.map((m) => m.name).join(', ')}.` : 'Firewalls, HTTPS and monitoring are all still there.';
    const at = graphs[0] ? { file: graphs[0].file, line: graphs[0].line, column: 1 } : undefined;
    return outcomeFromShare(
      found,
      ELEMENTS.length,
      message,
      missing.map((m) => ({ message: `Task 2's ${m.name} are not in the ${where}.`, severity: 'warning' as const, ...(at ? { at } : {}), hint: m.hint })),
    );
  },
};
