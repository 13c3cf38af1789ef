/**
 * Monitoring boxes are of two kinds: the agents (clients, collectors) that run on each server and
 * gather its metrics and logs, and the service they report to (Sumo Logic, "Monitoring service").
 * A task that asks for monitoring clients counts the first kind only. What a box is follows, in
 * order: its label ("Monitoring client", "Server 1: Nginx + monitoring" are agents; "Monitoring
 * platform" is the service), its links (a box two monitoring boxes are linked to is the service),
 * where it stands ("Sumo Logic" inside a server's subgraph is the collector installed there), and
 * what it names: a product alone ("Datadog") is the service unless it is drawn once per server; a
 * plain "Monitoring" box is one server's monitoring.
 */
import { anyOf, everyOf, MONITORING_AGENT_NAMES, MONITORING_PRODUCTS, MONITORING_SERVICE_NAMES } from '../vocabulary.js';
import { hostOf, type Component, type DiagramGraph } from './model.js';
import { normaliseText, rolePattern, type Role } from './roles.js';

/** The monitoring words of labels (see roles.ts). */
const MONITOR = rolePattern('monitoring')!;
const PRODUCTS = everyOf(...MONITORING_PRODUCTS);
const SERVICE_WORD = `(?:${MONITORING_SERVICE_NAMES.join('|')})`;
const AGENT = anyOf(...MONITORING_AGENT_NAMES);
/**
 * The service named as such: "Monitoring service", "Sumo Logic platform", "Monitoring server",
 * "External monitoring", "Plateforme de supervision". "Monitoring - Server 1" is not: a numbered
 * server is the machine the box watches.
 */
const SERVICE = new RegExp(`\\b(?:${MONITOR.source})(?: [a-z]\\w*)? (?:${SERVICE_WORD}|servers?|serveurs?)\\b(?! \\d)|\\b${SERVICE_WORD} (?:de |of |for )?(?:${MONITOR.source})`);
/** Roles of the machines an agent may run on. */
const MACHINE_ROLES: readonly Role[] = ['load-balancer', 'web-server', 'app-server', 'database', 'server', 'firewall', 'cache'];

export interface MonitoringReading {
  /** The monitoring clients / agents / collectors. */
  agents: Component[];
  /** The service(s) they report to. */
  services: Component[];
}

/** Tells the monitoring agents of a diagram from the monitoring service. */
export function readMonitoring(graph: DiagramGraph): MonitoringReading {
  const monitors = graph.components.filter((c) => c.roles.includes('monitoring'));
  const keys = new Set(monitors.map((c) => c.key));
  // The same box drawn several times ("Datadog" beside each server) is one per server.
  const drawn = new Map<string, number>();
  for (const c of monitors) drawn.set(sameBox(c), (drawn.get(sameBox(c)) ?? 0) + 1);
  const agents: Component[] = [];
  const services: Component[] = [];
  for (const c of monitors) (isAgent(graph, c, keys, drawn.get(sameBox(c))! > 1) ? agents : services).push(c);
  return { agents, services };
}

function isAgent(graph: DiagramGraph, c: Component, monitorKeys: Set<string>, repeated: boolean): boolean {
  const label = normaliseText(c.label);
  if (AGENT.test(label)) return true;
  // "Server 1: Nginx + monitoring": the box is a server, and the monitoring on it is its agent.
  if (c.roles.some((r) => MACHINE_ROLES.includes(r))) return true;
  if (SERVICE.test(label)) return false;
  // A box that two or more monitoring boxes are linked to is what they report to.
  const peers = new Set(graph.edges.flatMap((e) => (e.from === c.key && monitorKeys.has(e.to) ? [e.to] : e.to === c.key && monitorKeys.has(e.from) ? [e.from] : [])));
  peers.delete(c.key);
  if (peers.size >= 2) return false;
  // "Sumo Logic" inside a server's subgraph is the collector installed there.
  if (sharesMachine(graph, c)) return true;
  // A product named alone ("Sumo Logic", "Grafana") is the service, unless it is drawn once per
  // server; a plain "Monitoring" box stands for one server's monitoring.
  const withoutProducts = label.replace(PRODUCTS, ' ');
  return repeated || withoutProducts === label || MONITOR.test(withoutProducts);
}

/** In a server's subgraph beside components that are not monitoring. */
function sharesMachine(graph: DiagramGraph, c: Component): boolean {
  const host = hostOf(graph, c);
  if (!host || host.key === c.key) return false;
  return host.components.some((k) => k !== c.key && graph.components.find((o) => o.key === k)?.roles.some((r) => r !== 'monitoring'));
}

/** A box's label without its numbers: "Datadog 1" and "Datadog 2" are the same box drawn twice. */
function sameBox(c: Component): string {
  return normaliseText(c.label).replace(/\b\d+\b/g, '').trim();
}
