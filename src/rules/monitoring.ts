import { labelHas, shownLabel } from '../graph/labels.js';
import { hostOf, type Component, type DiagramGraph, type Edge } from '../graph/model.js';
import { readMonitoring } from '../graph/monitoring.js';
import { rolePattern, ROLES, type Role } from '../graph/roles.js';
import { plainText } from '../prose/sentences.js';
import { affirms, bestOverDiagrams, describe, plural, roleName, withArticle } from './diagram-helpers.js';
import { numberOption, type RuleModule, type RuleOutcome } from './rule.js';

const HINT = 'Draw a monitoring client on each server, inside its subgraph, sending to the service: `MC1[Monitoring client] -.-> SUMO[Sumo Logic]`.';

/**
 * At least `min` monitoring clients (agents, collectors), one per server. The service they report
 * to (Sumo Logic, "Monitoring service") is not a client: drawn alone, it fails. With the option
 * `flows` (`{ "min": 1, "label": "QPS metrics", "from": "web-server" }`) the rule judges the
 * monitoring system instead: it receives at least `min` flows (arrows into it), and one of them,
 * labelled `label`, comes from a `from` component (or from an agent on its machine).
 */
export const monitoring: RuleModule = {
  meta: {
    id: 'monitoring',
    description: 'At least `min` monitoring clients (agents, collectors), one per server; a monitoring service alone does not count.',
    diagramBased: true,
    whenTaskMissing: 'fail',
    validateOptions(options) {
      const whole = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 1;
      if (options.min !== undefined && !whole(options.min)) return 'option "min" must be a whole number >= 1';
      if (options.flows === undefined) return null;
      const flows = options.flows as Partial<FlowsOption> | null;
      if (!flows || typeof flows !== 'object' || Array.isArray(flows)) return 'option "flows" must be an object ({ "min", "label", "from" })';
      const unknown = Object.keys(flows).filter((k) => !['min', 'label', 'from'].includes(k));
      if (unknown.length) return `option "flows": unknown key${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (known: min, label, from)`;
      if (flows.min !== undefined && !whole(flows.min)) return 'option "flows.min" must be a whole number >= 1';
      if (flows.label !== undefined && (typeof flows.label !== 'string' || !flows.label.trim())) return 'option "flows.label" must be a non-empty string';
      if (flows.from !== undefined && !ROLES.includes(flows.from)) return `option "flows.from" must be one of ${ROLES.join(', ')}`;
      if ((flows.from === undefined) !== (flows.label === undefined)) return 'options "flows.label" and "flows.from" go together';
      return null;
    },
  },
  check(context) {
    const flows = context.options.flows as FlowsOption | undefined;
    if (flows) return bestOverDiagrams(context.graphs, (graph) => checkFlows(graph, flows));
    const min = numberOption(context, 'min', 1);
    return bestOverDiagrams(context.graphs, (graph) => countAgents(graph, min));
  },
};

interface FlowsOption {
  min?: number;
  label?: string;
  from?: Role;
}

/** The arrows into a box, from boxes that are not it (a `---` link counts). */
function flowsInto(graph: DiagramGraph, target: Component): { edge: Edge; sender: Component }[] {
  const byKey = new Map(graph.components.map((c) => [c.key, c]));
  const flows: { edge: Edge; sender: Component }[] = [];
  for (const e of graph.edges) {
    if (e.kind === 'note' || e.from === e.to) continue;
    const senderKey = e.to === target.key ? e.from : !e.directed && e.from === target.key ? e.to : null;
    const sender = senderKey ? byKey.get(senderKey) : undefined;
    if (sender) flows.push({ edge: e, sender });
  }
  return flows;
}

const FLOWS_HINT = 'Draw the monitoring system and the metrics flowing into it: `mon["Monitoring system"]`, `web1 -.->|"QPS metrics"| mon`.';

/** The monitoring system receives metric flows, one of them labelled as the task says from the component it names. */
function checkFlows(graph: DiagramGraph, option: FlowsOption): RuleOutcome {
  const min = option.min ?? 1;
  const { services, agents } = readMonitoring(graph);
  const at = { file: graph.file, line: graph.line, column: 1 };
  const candidates = [...services, ...agents].map((c) => ({ system: c, flows: flowsInto(graph, c) }));
  const best = candidates.reduce<(typeof candidates)[number] | null>((a, b) => (!a || b.flows.length > a.flows.length || (b.flows.length === a.flows.length && services.includes(b.system) && !services.includes(a.system)) ? b : a), null);
  if (!best) return { status: 'fail', message: 'No monitoring system in the diagram.', findings: [{ message: 'The diagram has no monitoring system.', at, hint: FLOWS_HINT }] };
  const senders = [...new Set(best.flows.map((f) => f.sender))];
  const system = describe(best.system);
  if (senders.length < min) {
    const leaving = graph.edges.some((e) => e.directed && e.from === best.system.key);
    const message = senders.length === 0
      ? `${system} receives no flow${leaving ? ': its arrows point away from it' : ''}.`
      : `${system} receives flows from ${plural(senders.length, 'component')} (${senders.map(describe).join(', ')}); the task asks for ${min}.`;
    return { status: 'fail', message, findings: [{ message: `${message} The monitoring system is where the metrics go: draw each flow as an arrow into it.`, at: best.system.source, hint: FLOWS_HINT }] };
  }
  const received = `${system} receives flows from ${plural(senders.length, 'component')}`;
  if (!option.label || !option.from) return { status: 'pass', message: `${received}: ${senders.map(describe).join(', ')}.` };
  const from = option.from;
  // The component itself, or an agent on its machine ("Monitoring client" inside the web server's box).
  const sentBy = (c: Component) => c.roles.includes(from) || (hostOf(graph, c)?.roles.includes(from) === true && c.roles.includes('monitoring'));
  const labelled = best.flows.filter((f) => labelHas(f.edge.label, option.label!));
  const right = labelled.find((f) => sentBy(f.sender));
  if (right) return { status: 'pass', message: `${received}, "${shownLabel(right.edge.label)}" from ${describe(right.sender)}.` };
  const name = withArticle(roleName(from));
  const wrong = labelled[0];
  const fromRole = best.flows.find((f) => sentBy(f.sender));
  return {
    status: 'fail',
    message: wrong ? `"${option.label}" comes from ${describe(wrong.sender)}, not from ${name}.` : `No flow into ${system} is labelled "${option.label}".`,
    findings: [{
      message: wrong
        ? `The "${option.label}" flow comes from ${describe(wrong.sender)}: the task asks for it from ${name}.`
        : `${received}, but none is labelled "${option.label}": the task asks for one from ${name}${fromRole ? ` (e.g. the arrow from ${describe(fromRole.sender)})` : ''}.`,
      at: (wrong ?? fromRole)?.edge.source ?? best.system.source,
      hint: `Label the flow from ${name}: \`${fromRole?.sender.id ?? 'web1'} -.->|"${option.label}"| ${best.system.id}\`.`,
    }],
  };
}

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
