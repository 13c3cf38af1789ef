import type { Component, DiagramGraph } from '../graph/model.js';
import { readMonitoring } from '../graph/monitoring.js';
import { rolePattern } from '../graph/roles.js';
import { plainText } from '../prose/sentences.js';
import { affirms, bestOverDiagrams, describe, plural } from './diagram-helpers.js';
import { numberOption, type RuleModule, type RuleOutcome } from './rule.js';

const HINT = 'Draw a monitoring client on each server, inside its subgraph, sending to the service: `MC1[Monitoring client] -.-> SUMO[Sumo Logic]`.';

/**
 * At least `min` monitoring clients (agents, collectors), one per server. The service they report
 * to (Sumo Logic, "Monitoring service") is not a client: drawn alone, it fails.
 */
export const monitoring: RuleModule = {
  meta: {
    id: 'monitoring',
    description: 'At least `min` monitoring clients (agents, collectors), one per server; a monitoring service alone does not count.',
    diagramBased: true,
    whenTaskMissing: 'fail',
    validateOptions(options) {
      return options.min === undefined || (typeof options.min === 'number' && Number.isInteger(options.min) && options.min >= 1) ? null : 'option "min" must be a whole number >= 1';
    },
  },
  check(context) {
    const min = numberOption(context, 'min', 1);
    return bestOverDiagrams(context.graphs, (graph) => countAgents(graph, min));
  },
};

/**
 * How many servers have a monitoring client: agents sharing a machine count once ("one per
 * server"), an agent drawn on its own counts as one, "Monitoring clients x3" as three.
 */
export function monitoringClients(graph: DiagramGraph): { agents: Component[]; services: Component[]; count: number } {
  const pattern = rolePattern('monitoring')!;
  const { agents: all, services } = readMonitoring(graph);
  // "No monitoring" names the agent to say it is not there.
  const agents = all.filter((c) => !pattern.test(plainText(c.label)) || affirms(c.label, pattern));
  const perMachine = new Map<string, number>();
  for (const c of agents) {
    const key = c.host === c.key ? c.key : c.host;
    perMachine.set(key, Math.max(perMachine.get(key) ?? 0, c.multiplicity));
  }
  return { agents, services, count: [...perMachine.values()].reduce((n, m) => n + m, 0) };
}

function countAgents(graph: DiagramGraph, min: number): RuleOutcome {
  const { agents, services, count } = monitoringClients(graph);
  const names = agents.map(describe).join(', ');
  const reporting = services.length ? `, reporting to ${services.map(describe).join(', ')}` : '';
  if (count >= min) return { status: 'pass', message: `${plural(count, 'machine')} with a monitoring client: ${names}${reporting}.` };
  const at = (agents[0] ?? services[0])?.source ?? { file: graph.file, line: graph.line, column: 1 };
  if (count === 0) {
    const message = services.length
      ? `Only the monitoring service (${services.map(describe).join(', ')}): no monitoring client on the servers; the task asks for ${min}.`
      : `No monitoring client in the diagram; the task asks for ${min}.`;
    return { status: 'fail', message, findings: [{ message, at, hint: HINT }] };
  }
  const message = `Only ${plural(count, 'machine')} with a monitoring client (${names}); the task asks for ${min}, one per server.`;
  return { status: 'fail', message, findings: [{ message, at, hint: HINT }] };
}
