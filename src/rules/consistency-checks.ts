/**
 * The checks of `consistency` that tasks 0-2 add to task 3's (consistency.ts): the mode of the
 * servers behind a load balancer, which server holds which database, the DNS record of www, HTTPS
 * and where SSL stops, how many firewalls and monitoring clients, every server running the whole
 * stack. Each compares claims of the prose (prose/claims.ts) with what the diagrams draw.
 */
import { drawnAsMachine, drawnServerCount, machinesOf, numberedMachine } from '../graph/machines.js';
import { componentsWithRole, countWithRole, serverMachines, type Component, type DiagramGraph } from '../graph/model.js';
import { rolePattern, TIER_ROLES, type Role } from '../graph/roles.js';
import { claimedClusterMode, type Claim, type ClusterMode } from '../prose/claims.js';
import { dbRoleOf, namesARecord, namesCname } from '../prose/claims-stack.js';
import { anyOf, MONITORING_AGENT_NAMES, PLAIN_TRAFFIC, SSL_ENDS } from '../prose/lexicon.js';
import { plainText } from '../prose/sentences.js';
import type { SourcePosition } from '../types.js';
import { componentsOfRole } from './component-count.js';
import { affirms, plural, roleName } from './diagram-helpers.js';
import { renderedText } from './domain-dns.js';
import { shownText } from './https.js';
import { monitoringClients } from './monitoring.js';
import type { RuleContext, RuleFinding } from './rule.js';

type Found<K extends Claim['kind']> = Extract<Claim, { kind: K }>;
const ofKind = <K extends Claim['kind']>(claims: Claim[], kind: K): Found<K>[] => claims.filter((c): c is Found<K> => c.kind === kind);
const place = (w: { file: string; line: number }) => `${w.file}:${w.line}`;
const start = (graph: DiagramGraph): SourcePosition => ({ file: graph.file, line: graph.line, column: 1 });

// ---------------------------------------------------------------------------------------------
// The mode of the servers behind the load balancer.

/** Database words beside a mode word: "MySQL replica", "Primary DB" say the database's part, not the server's. */
const DATABASE_PART = /\b(?:(?:my ?sql|mariadb|postgre ?s\w*|data ?base|db|bdd)(?: \w+)? (?:primary|master|replica|slave|secondary|standby|backup|read only)|(?:primary|master|replica|slave|secondary|standby|backup) (?:my ?sql|data ?base|db))\b/g;
const PASSIVE_SERVER = /\b(?:passive|backup|standby|stand by|hot spare|spare|secours|passif|inactive|idle|failover only)\b/;
const ACTIVE_BOTH = /\b(?:active ?active|actif ?actif)\b/;
const ACTIVE = /\b(?:active|actif)\b/;
const SHARES_LOAD = /\b(?:round ?robin|least ?conn\w*|weighted|(?:source|ip) ?hash)\b|\b\d{1,3} ?%/;

/** The mode the diagram gives the machines a load balancer sends to: one marked backup, or all marked active. */
function drawnServerMode(graph: DiagramGraph): { mode: ClusterMode; text: string; at: SourcePosition } | null {
  const lbKeys = new Set(componentsWithRole(graph, 'load-balancer').map((c) => c.key));
  if (!lbKeys.size) return null;
  const fed = graph.edges.filter((e) => lbKeys.has(e.from) && !lbKeys.has(e.to) && e.kind !== 'note');
  const machines = machinesOf(graph);
  const targets = new Map<string, { text: string; at: SourcePosition }[]>();
  for (const e of fed) {
    const machine = machines.find((m) => m.components.some((c) => c.key === e.to));
    const texts = [{ text: e.label, at: e.source }, ...(machine ? [{ text: machine.label, at: machine.source }, ...machine.components.filter((c) => !c.roles.includes('database')).map((c) => ({ text: c.label, at: c.source }))] : [])];
    targets.set(machine?.key ?? e.to, [...(targets.get(machine?.key ?? e.to) ?? []), ...texts]);
  }
  const read = (text: string) => plainText(text).replace(DATABASE_PART, ' ');
  for (const texts of targets.values()) {
    const passive = texts.find((t) => PASSIVE_SERVER.test(read(t.text)));
    if (passive) return { mode: 'active-passive', text: passive.text, at: passive.at };
    const both = texts.find((t) => ACTIVE_BOTH.test(read(t.text)));
    if (both) return { mode: 'active-active', text: both.text, at: both.at };
  }
  // Every server marked active, or every arrow to them sharing the load ("round robin", "50%").
  for (const word of [ACTIVE, SHARES_LOAD]) {
    const marked = [...targets.values()].map((texts) => texts.find((t) => word.test(read(t.text)))).filter((t) => t !== undefined);
    if (targets.size >= 2 && marked.length === targets.size) return { mode: 'active-active', text: [...new Set(marked.map((t) => t.text))].join('", "'), at: marked[0]!.at };
  }
  return null;
}

/** Prose "active-active" beside a server drawn as a backup, and the reverse. */
export function serverModeConflicts(claims: Claim[], { graphs }: RuleContext): RuleFinding[] {
  const claimed = claimedClusterMode(claims, true);
  if (!claimed) return [];
  for (const graph of graphs) {
    const drawn = drawnServerMode(graph);
    if (!drawn || drawn.mode === claimed.mode) continue;
    return [{
      message: `The prose says the servers run ${claimed.mode} (${place(claimed.at)}) but the diagram marks them "${drawn.text}" (${drawn.mode}).`,
      at: drawn.at,
      hint: drawn.mode === 'active-passive'
        ? 'Make them agree: describe the active-passive setup the diagram draws, or draw both servers receiving traffic (`LB --> S1`, `LB --> S2`, no "backup").'
        : 'Make them agree: describe both servers as active, or mark the standby one in the diagram (`LB -.->|backup| S2`).',
    }];
  }
  return [];
}

// ---------------------------------------------------------------------------------------------
// One machine.

/** "Everything runs on one server" beside a diagram that draws two or more server machines. */
export function oneServerConflicts(claims: Claim[], { graphs }: RuleContext): RuleFinding[] {
  const claim = ofKind(claims, 'one-server')[0];
  if (!claim) return [];
  for (const graph of graphs) {
    const { pipelines } = drawnServerCount(graph);
    if (pipelines < 2) continue;
    return [{
      message: `The prose puts the whole stack on one server (${place(claim)}) but the diagram (${graph.file}:${graph.line}) draws ${plural(pipelines, 'server')}.`,
      at: start(graph),
      hint: 'Make them agree: draw one server box holding the web server, the application server and the database (`subgraph S["Server 8.8.8.8"]` ... `end`).',
    }];
  }
  return [];
}

/** The prose names "Server 2" beside a diagram that draws fewer servers than that. */
export function namedServerConflicts(claims: Claim[], { graphs }: RuleContext): RuleFinding[] {
  const claim = ofKind(claims, 'named-server').reduce<Found<'named-server'> | null>((a, b) => (!a || b.n > a.n ? b : a), null);
  if (!claim) return [];
  // Every way of counting: the machines drawn, the boxes holding a tier, the load balancers' machines with them.
  const most = Math.max(...graphs.map((g) => {
    const { drawn, pipelines } = drawnServerCount(g);
    return Math.max(drawn, pipelines, serverMachines(g, [...TIER_ROLES, 'server']).total) + countWithRole(g, 'load-balancer');
  }));
  if (most >= claim.n) return [];
  return [{
    message: `The prose names server ${claim.n} (${place(claim)}) but the diagram draws ${plural(most, 'server')}.`,
    at: { file: claim.file, line: claim.line, column: 1 },
    hint: 'Make them agree: describe the servers the diagram draws, or draw each server the prose names.',
  }];
}

// ---------------------------------------------------------------------------------------------
// Which numbered server holds the primary database.

/** The database role of each numbered machine of a diagram: "Server 1" holding "MySQL Primary". */
function drawnDbRoles(graph: DiagramGraph): { machine: number; role: 'primary' | 'replica'; label: string; at: SourcePosition }[] {
  const roles = [];
  for (const m of machinesOf(graph)) {
    const number = numberedMachine(m.label)?.split(' ')[1];
    if (!number || !m.roles.includes('database')) continue;
    const dbs = m.components.filter((c) => c.roles.includes('database'));
    const found = [...new Set(dbs.map((c) => dbRoleOf(plainText(c.label))).filter((r) => r !== null))];
    if (found.length === 1) roles.push({ machine: Number(number), role: found[0]!, label: m.label, at: dbs[0]!.source });
  }
  return roles;
}

/** "Server 1 holds the replica" beside a diagram whose Server 1 holds the primary. */
export function dbRoleConflicts(claims: Claim[], { graphs }: RuleContext): RuleFinding[] {
  const said = ofKind(claims, 'db-role');
  if (!said.length) return [];
  for (const graph of graphs) {
    const drawn = drawnDbRoles(graph);
    for (const claim of said) {
      const other = drawn.find((d) => d.machine === claim.machine && d.role !== claim.role);
      if (!other) continue;
      return [{
        message: `The prose puts the ${claim.role} database on server ${claim.machine} (${place(claim)}) but the diagram's "${other.label}" holds the ${other.role}.`,
        at: other.at,
        hint: 'Make them agree: swap the roles in the prose, or label the databases in the diagram (`DB1[("MySQL Primary")]` on the server the prose names).',
      }];
    }
  }
  return [];
}

// ---------------------------------------------------------------------------------------------
// The DNS record of www.

const IPV4 = /(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?![\d.])/;
const DOMAIN = /\bwww\b|\b[a-z0-9-]+\.(?:com|org|net|io)\b/;

/** The diagram resolves a name to an address: an IP written in it beside a DNS box or a domain. */
function resolvesToAddress(graph: DiagramGraph): boolean {
  const texts = graph.texts.map((t) => renderedText(t.text));
  return texts.some((t) => IPV4.test(t)) && (componentsWithRole(graph, 'dns').length > 0 || texts.some((t) => DOMAIN.test(t)));
}

/** "www is a CNAME" beside a diagram labelled "A record" (or resolving www straight to the IP), and the reverse. */
export function dnsRecordConflicts(claims: Claim[], { graphs }: RuleContext): RuleFinding[] {
  const said = ofKind(claims, 'dns-record');
  const records = new Set(said.map((c) => c.record));
  // Both named ("a CNAME to foobar.com, whose A record points to 8.8.8.8") is a chain, or a hedge: nothing to hold the diagram to.
  if (records.size !== 1) return [];
  const claim = said[0]!;
  for (const graph of graphs) {
    const a = graph.texts.find((t) => namesARecord(t.text, plainText(t.text)) >= 0);
    const cname = graph.texts.find((t) => namesCname(plainText(t.text)) >= 0);
    if (claim.record === 'A' && cname && !a) {
      return [{
        message: `The prose calls www an A record (${place(claim)}) but the diagram labels it a CNAME ("${cname.text}").`,
        at: cname.source,
        hint: 'www points to the server\'s IP, which is what an A record does: label the lookup `DNS -->|"A record: 8.8.8.8"| User`.',
      }];
    }
    if (claim.record !== 'CNAME' || cname) continue;
    // "www is a CNAME to foobar.com" beside "A record: 8.8.8.8": the A record may be foobar.com's.
    if (a && (said.some((c) => c.target !== 'name') || /\bwww\b/.test(plainText(a.text)))) {
      return [{
        message: `The prose calls www a CNAME (${place(claim)}) but the diagram labels it an A record ("${a.text}").`,
        at: a.source,
        hint: 'Make them agree: www points to the IP 8.8.8.8, so it is an A record (a CNAME points to another name, never to an IP).',
      }];
    }
    if (said.every((c) => c.target !== 'name') && resolvesToAddress(graph)) {
      return [{
        message: `The prose calls www a CNAME (${place(claim)}) but the diagram resolves www straight to the server's IP, which is what an A record does.`,
        at: componentsWithRole(graph, 'dns')[0]?.source ?? start(graph),
        hint: 'A CNAME points to another name, never to an IP: call www an A record in the prose, or draw the CNAME\'s target name.',
      }];
    }
  }
  return [];
}

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
