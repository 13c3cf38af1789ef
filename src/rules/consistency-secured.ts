/**
 * The checks of `consistency` about securing and monitoring that task 2 (and task 1's issues) add to
 * task 3's (consistency.ts): no HTTPS, where SSL stops, how many firewalls and monitoring clients,
 * a client on the load balancer, every server running the whole stack. Each compares claims of the
 * prose (prose/claims.ts) with what the diagrams draw.
 */
import { drawnAsMachine, machinesOf } from '../graph/machines.js';
import { componentsWithRole, type Component, type DiagramGraph } from '../graph/model.js';
import { rolePattern, type Role } from '../graph/roles.js';
import type { Claim } from '../prose/claims.js';
import { anyOf, MONITORING_AGENT_NAMES, PLAIN_TRAFFIC, SSL_ENDS } from '../prose/lexicon.js';
import { plainText } from '../prose/sentences.js';
import type { SourcePosition } from '../types.js';
import { componentsOfRole } from './component-count.js';
import { ofKind, place } from './consistency-stack.js';
import { affirms, plural, roleName } from './diagram-helpers.js';
import { shownText } from './https.js';
import { monitoringClients } from './monitoring.js';
import type { RuleContext, RuleFinding } from './rule.js';

// ---------------------------------------------------------------------------------------------
// HTTPS, and where SSL stops.

const CERTIFICATE = rolePattern('certificate')!;
const FIREWALL = rolePattern('firewall')!;
/** "HTTP/HTTPS", "HTTP or HTTPS", "HTTP(S)": either protocol, a claim of neither. */
const EITHER_PROTOCOL = /\bhttps? (?:or |and |ou )?https?\b|\bhttp s\b/;
const PLAIN = anyOf(...PLAIN_TRAFFIC, 'http(?! s\\b)', 'port 80', 'plain');
const TERMINATES = new RegExp(`\\b(?:${SSL_ENDS.join('|')})\\b`);

/** A label that shows HTTPS in use: "HTTPS", "SSL/TLS", "443" (not "No HTTPS", not "HTTP/HTTPS"). */
function showsHttps(text: string): boolean {
  const shown = shownText(text);
  return affirms(shown, CERTIFICATE) && !EITHER_PROTOCOL.test(plainText(shown));
}

/** The issues say there is no HTTPS, the diagram labels HTTPS. */
export function httpsConflicts(claims: Claim[], { graphs }: RuleContext): RuleFinding[] {
  const claim = ofKind(claims, 'no-https')[0];
  if (!claim) return [];
  for (const graph of graphs) {
    const shown = graph.texts.find((t) => showsHttps(t.text));
    if (!shown) continue;
    return [{
      message: `The prose says the site has no HTTPS (${place(claim)}) but the diagram labels "${shownText(shown.text)}".`,
      at: shown.source,
      hint: 'Make them agree: label the arrows with the protocol the design really uses (`User -->|HTTP| LB`), or describe the HTTPS the diagram draws.',
    }];
  }
  return [];
}

/**
 * The hops behind the load balancers, up to the servers: the arrows out of a load balancer and on
 * through what stands before a server (firewalls, a certificate). Whether they say HTTPS, or plain
 * HTTP (or that SSL ends at the load balancer: "HAProxy - SSL termination").
 */
function hopsBehind(graph: DiagramGraph): { encrypted?: { text: string; at: SourcePosition }; plain?: { text: string; at: SourcePosition } } {
  const lbs = componentsWithRole(graph, 'load-balancer');
  const byKey = new Map(graph.components.map((c) => [c.key, c]));
  const stops = (c: Component | undefined) => !c || c.roles.some((r) => STOP_ROLES.includes(r));
  // What stands in front of the load balancers (the user's firewall, `FW1 --- LB`) is not behind them.
  const seen = new Set([...inFront(graph, byKey), ...lbs.map((c) => c.key)]);
  const queue = lbs.map((c) => c.key);
  const hops = [];
  const reached: Component[] = [];
  for (let head = 0; head < queue.length; head++) {
    const from = queue[head]!;
    for (const e of graph.edges) {
      if (e.kind === 'note') continue;
      const to = e.from === from ? e.to : !e.directed && e.to === from ? e.from : null;
      if (to === null || seen.has(to) || byKey.get(to)?.roles.includes('load-balancer')) continue;
      // The way back to the user, and the metrics sent to a monitoring service, are no hop to the servers.
      if (AWAY.some((r) => byKey.get(to)?.roles.includes(r))) continue;
      hops.push(e);
      seen.add(to);
      if (!stops(byKey.get(to))) queue.push(to);
      else if (byKey.has(to)) reached.push(byKey.get(to)!);
    }
  }
  // "SSL terminated here" on an arrow says where SSL ends, not that the arrow is encrypted.
  const ends = (label: string) => TERMINATES.test(plainText(label)) || PLAIN.test(plainText(shownText(label)));
  // The servers reached hold a certificate ("Server 1 (Nginx + SSL)", a certificate box in a server's box): SSL goes on to them.
  const onServer = reached.flatMap((c) => [c, ...graph.components.filter((o) => o.host === c.host && c.host !== c.key)])
    .find((c) => c.roles.includes('certificate') || (showsHttps(c.label) && !ends(c.label)));
  const encrypted = hops.find((e) => showsHttps(e.label) && !ends(e.label)) ?? (onServer ? { label: onServer.label, source: onServer.source } : undefined);
  const plainHop = hops.find((e) => e.label && (!showsHttps(e.label) || TERMINATES.test(plainText(e.label))) && ends(e.label));
  const ending = lbs.find((c) => CERTIFICATE.test(plainText(c.label)) && TERMINATES.test(plainText(c.label)));
  return {
    ...(encrypted ? { encrypted: { text: encrypted.label, at: encrypted.source } } : {}),
    ...(plainHop ? { plain: { text: plainHop.label, at: plainHop.source } } : ending ? { plain: { text: ending.label, at: ending.source } } : {}),
  };
}
/** The boxes a request meets from the entry (user, internet, DNS) before a load balancer. */
function inFront(graph: DiagramGraph, byKey: Map<string, Component>): Set<string> {
  const entry = graph.components.filter((c) => c.roles.some((r) => AWAY.includes(r) && r !== 'monitoring')).map((c) => c.key);
  const front = new Set(entry);
  for (let head = 0, queue = [...entry]; head < queue.length; head++) {
    const from = queue[head]!;
    for (const e of graph.edges) {
      const to = e.kind === 'note' ? null : e.from === from ? e.to : !e.directed && e.to === from ? e.from : null;
      if (to === null || front.has(to) || byKey.get(to)?.roles.includes('load-balancer')) continue;
      front.add(to);
      queue.push(to);
    }
  }
  return front;
}
const STOP_ROLES: readonly Role[] = ['web-server', 'app-server', 'database', 'server', 'code-base'];
const AWAY: readonly Role[] = ['client', 'internet', 'dns', 'cdn', 'monitoring'];

/** "The traffic behind the load balancer is unencrypted" beside HTTPS arrows behind it, and the reverse. */
export function sslConflicts(claims: Claim[], { graphs }: RuleContext): RuleFinding[] {
  const said = ofKind(claims, 'ssl-termination');
  const ats = new Set(said.map((c) => c.at));
  if (ats.size !== 1) return [];
  const claim = said[0]!;
  for (const graph of graphs) {
    const { encrypted, plain } = hopsBehind(graph);
    if (claim.at === 'load-balancer' && encrypted && !plain) {
      return [{
        message: `The prose says SSL stops at the load balancer and the traffic behind it is unencrypted (${place(claim)}) but the diagram labels the hop behind it "${encrypted.text}".`,
        at: encrypted.at,
        hint: 'Make them agree: label the arrows behind the load balancer with what travels on them (`LB -->|HTTP| S1`), or describe the re-encryption the diagram draws.',
      }];
    }
    if (claim.at === 'servers' && plain && !encrypted) {
      return [{
        message: `The prose says SSL goes on to the servers (${place(claim)}) but the diagram ends it at the load balancer ("${plain.text}").`,
        at: plain.at,
        hint: 'Make them agree: label the hops behind the load balancer `HTTPS` and put the certificate on the servers, or describe SSL terminating at the load balancer.',
      }];
    }
  }
  return [];
}

// ---------------------------------------------------------------------------------------------
// How many firewalls and monitoring clients.

/** The monitoring clients of a diagram, and the boxes named as an agent ("Sumo collector", "Server 1: Nginx + App + Agent"). */
function agentsOf(graph: DiagramGraph): Component[] {
  const { agents } = monitoringClients(graph);
  return [...agents, ...graph.components.filter((c) => !agents.includes(c) && AGENT_WORD.test(plainText(c.label)))];
}
const AGENT_WORD = anyOf(...MONITORING_AGENT_NAMES.filter((n) => !/client/.test(n)));

function drawnCounts(graph: DiagramGraph, role: 'firewall' | 'monitoring'): number[] {
  // Boxes and groups, or every label that names one ("Server 1 -->|firewall| ...").
  if (role === 'firewall') return [componentsOfRole(graph, 'firewall').count, graph.texts.filter((t) => affirms(t.text, FIREWALL)).length];
  const { agents, count } = monitoringClients(graph);
  const named = agentsOf(graph);
  // One per machine, every agent drawn, or every box named as an agent.
  return [count, agents.reduce((n, c) => n + c.multiplicity, 0), new Set(named.map((c) => c.host)).size];
}

function countConflicts(role: 'firewall' | 'monitoring', claims: Claim[], { graphs }: RuleContext): RuleFinding[] {
  const said = ofKind(claims, 'component-count').filter((c) => c.role === role);
  const drawn = graphs.map((g) => ({ graph: g, counts: drawnCounts(g, role) }));
  for (const claim of said) {
    if (drawn.some((d) => d.counts.includes(claim.n))) continue;
    const name = roleName(role);
    // The reading closest to a count as drawn: the largest.
    const shown = drawn.map((d) => Math.max(...d.counts));
    return [{
      message: `The prose counts ${plural(claim.n, name)} (${place(claim)}) but the diagram shows ${[...new Set(shown)].join(' or ')}.`,
      at: { file: claim.file, line: claim.line, column: 1 },
      hint: `Make the count in the prose match the diagram, or draw the ${name}s the prose describes (one node each, or one node stating the count: \`X["${name.charAt(0).toUpperCase() + name.slice(1)} x${claim.n}"]\`).`,
    }];
  }
  return [];
}

export const firewallCountConflicts = (claims: Claim[], context: RuleContext) => countConflicts('firewall', claims, context);
export const monitoringCountConflicts = (claims: Claim[], context: RuleContext) => countConflicts('monitoring', claims, context);

/** Whether a monitoring client sits on a load balancer's machine: in its box, linked to it, or named in its label. */
function lbAgent(graph: DiagramGraph): boolean {
  const lbs = componentsWithRole(graph, 'load-balancer');
  if (lbs.some((c) => c.roles.includes('monitoring') || AGENT_WORD.test(plainText(c.label)))) return true;
  const lbKeys = new Set(lbs.map((c) => c.key));
  const lbHosts = new Set(lbs.filter((c) => c.host !== c.key).map((c) => c.host));
  return agentsOf(graph).some((a) => (a.host !== a.key && lbHosts.has(a.host))
    || graph.edges.some((e) => (e.from === a.key && lbKeys.has(e.to)) || (e.to === a.key && lbKeys.has(e.from)))
    || LB_WORD.test(plainText(a.label)));
}
const LB_WORD = rolePattern('load-balancer')!;

/** "One agent runs on the load balancer" beside a diagram with no monitoring client there. */
export function lbMonitoredConflicts(claims: Claim[], { graphs }: RuleContext): RuleFinding[] {
  const claim = ofKind(claims, 'lb-monitored')[0];
  if (!claim || !graphs.some((g) => componentsWithRole(g, 'load-balancer').length) || graphs.some(lbAgent)) return [];
  const graph = graphs.find((g) => componentsWithRole(g, 'load-balancer').length)!;
  return [{
    message: `The prose puts a monitoring client on the load balancer (${place(claim)}) but the diagram draws none there.`,
    at: componentsWithRole(graph, 'load-balancer')[0]!.source,
    hint: 'Draw the load balancer\'s client beside it: `MC0[Monitoring client] --- LB`, or put both in the load balancer\'s box.',
  }];
}

// ---------------------------------------------------------------------------------------------
// Every server runs the whole stack.

/**
 * "Every server runs its own MySQL" beside a diagram that puts the database on a machine of its own,
 * and "MySQL has a server of its own" beside a diagram that runs it on every server.
 */
export function sameStackConflicts(claims: Claim[], { graphs }: RuleContext): RuleFinding[] {
  const said = ofKind(claims, 'same-stack');
  // Both said is no clear claim of either.
  if (new Set(said.map((c) => Boolean(c.apart))).size !== 1) return [];
  const claim = said[0]!;
  for (const graph of graphs) {
    const machines = machinesOf(graph).filter((m) => !m.roles.includes('load-balancer'));
    const serving = machines.filter((m) => m.roles.includes('web-server') || m.roles.includes('app-server'));
    // Bare boxes (`Nginx --> App --> MySQL`) say nothing of which machine runs what.
    if (!serving.length || !serving.every(drawnAsMachine)) continue;
    const without = serving.filter((m) => !m.roles.includes('database'));
    // Servers drawn as boxes say what runs on each: a database outside every box runs on none of them.
    // Server nodes leave a database two of them lead to on neither: only a database server drawn as one is apart.
    const boxes = serving.every((m) => m.kind === 'group');
    const apart = machines.find((m) => m.roles.includes('database') && !serving.includes(m) && (boxes || drawnAsMachine(m)));
    const anyDb = graph.components.some((c) => c.roles.includes('database'));
    if (!claim.apart && without.length && (apart || (boxes && anyDb))) {
      return [{
        message: apart
          ? `The prose says every server runs the whole stack, database included (${place(claim)}), but the diagram puts the database on "${apart.label}", apart from "${without[0]!.label}".`
          : `The prose says every server runs the whole stack, database included (${place(claim)}), but the diagram draws no database on "${without[0]!.label}".`,
        at: apart?.source ?? without[0]!.source,
        hint: 'Make them agree: describe the separate database server the diagram draws, or draw a database inside each server\'s box.',
      }];
    }
    const bare = machines.some((m) => m.roles.includes('database') && !serving.includes(m));
    if (claim.apart && !without.length && !bare) {
      return [{
        message: `The prose gives the database a server of its own (${place(claim)}) but the diagram runs it on "${serving[0]!.label}" beside the web and application servers.`,
        at: serving[0]!.source,
        hint: 'Make them agree: draw the database on its own server (`subgraph DB["Database server"]`), or describe the database on each server.',
      }];
    }
  }
  return [];
}
