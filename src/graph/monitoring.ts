/**
 * Monitoring boxes are of two kinds: the agents (clients, collectors) that run on each server and
 * gather its metrics and logs, and the service they report to (Sumo Logic, "Monitoring service").
 * A task that asks for monitoring clients counts the first kind only. What a box is follows its
 * label first ("Monitoring client", "Monitoring platform", "Server 1: Nginx + monitoring"), then
 * how it is linked: a box that other monitoring boxes report to is the service.
 */
import { MONITORING_AGENT_NAMES, MONITORING_NAMES, MONITORING_SERVICE_NAMES, anyOf } from '../vocabulary.js';
import type { Component, DiagramGraph } from './model.js';
import { normaliseText, type Role } from './roles.js';

const MONITOR = `(?:${[...MONITORING_NAMES, 'monitor\\w*', 'sumologic'].join('|')})`;
const SERVICE_WORD = `(?:${MONITORING_SERVICE_NAMES.join('|')})`;
const AGENT = anyOf(...MONITORING_AGENT_NAMES);
/**
 * The service named as such: "Monitoring service", "Sumo Logic platform", "Monitoring server",
 * "External monitoring", "Plateforme de supervision". "Monitoring - Server 1" is not: a numbered
 * server is the machine the box watches.
 */
const SERVICE = new RegExp(`\\b${MONITOR}(?: [a-z]\\w*)? (?:${SERVICE_WORD}|servers?|serveurs?)\\b(?! \\d)|\\b${SERVICE_WORD} (?:de |of |for )?${MONITOR}`);
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
  const agents: Component[] = [];
  const services: Component[] = [];
  for (const c of monitors) (isAgent(graph, c, keys) ? agents : services).push(c);
  return { agents, services };
}

function isAgent(graph: DiagramGraph, c: Component, monitorKeys: Set<string>): boolean {
  const label = normaliseText(c.label);
  if (AGENT.test(label)) return true;
  // "Server 1: Nginx + monitoring": the box is a server, and the monitoring on it is its agent.
  if (c.roles.some((r) => MACHINE_ROLES.includes(r))) return true;
  if (SERVICE.test(label)) return false;
  // A box that two or more monitoring boxes are linked to is what they report to.
  const peers = new Set(graph.edges.flatMap((e) => (e.from === c.key && monitorKeys.has(e.to) ? [e.to] : e.to === c.key && monitorKeys.has(e.from) ? [e.from] : [])));
  peers.delete(c.key);
  if (peers.size >= 2) return false;
  // "Sumo Logic" inside a server's subgraph is the collector installed there; on its own, a box
  // without a telling word stands for one server's monitoring.
  return true;
}
