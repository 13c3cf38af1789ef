import type { DiagramGraph } from '../graph/model.js';
import { normaliseText } from '../graph/roles.js';
import { bestOverDiagrams } from './diagram-helpers.js';
import { outcomeFromShare, type RuleModule } from './rule.js';

const ELEMENTS = [
  { name: 'firewalls', role: 'firewall', text: /\b(firewalls?|fw|ufw|iptables|waf)\b/, hint: 'Draw the firewalls of task 2 (e.g. `FW1{{Firewall}}` in front of each server).' },
  { name: 'HTTPS / SSL certificate', role: 'certificate', text: /\b(https|ssl|tls|certificates?|certs?|443)\b/, hint: 'Show HTTPS: label the user\'s arrow `-->|HTTPS| LB1` or add the SSL certificate.' },
  { name: 'monitoring clients', role: 'monitoring', text: /\b(monitor\w*|sumo ?logic|datadog|new ?relic|prometheus|grafana|nagios|zabbix)\b/, hint: 'Draw the monitoring clients of task 2 (e.g. `MON1[Monitoring client]` on each server).' },
] as const;

/** What task 2 added (firewalls, HTTPS, monitoring) is still in the diagram. Partial credit each. */
export const carriedOver: RuleModule = {
  meta: {
    id: 'carried-over',
    description: 'What task 2 added is still there: firewalls, HTTPS/SSL certificate, monitoring clients (partial credit per element).',
    diagramBased: true,
    whenTaskMissing: 'fail',
  },
  check(context) {
    return bestOverDiagrams(context.graphs, (graph: DiagramGraph) => {
      const missing = ELEMENTS.filter((el) => !graph.components.some((c) => c.roles.includes(el.role)) && !graph.texts.some((t) => el.text.test(normaliseText(t.text))));
      const found = ELEMENTS.length - missing.length;
      const message = missing.length ? `Missing from the diagram: ${missing.map((m) => m.name).join(', ')}.` : 'Firewalls, HTTPS and monitoring are all still there.';
      return outcomeFromShare(
        found,
        ELEMENTS.length,
        message,
        missing.map((m) => ({ message: `Task 2's ${m.name} are not in the diagram.`, severity: 'warning' as const, at: { file: graph.file, line: graph.line, column: 1 }, hint: m.hint })),
      );
    });
  },
};
