/**
 * The checks of `consistency` about the stack that tasks 0-1 add to task 3's (consistency.ts): the
 * mode of the servers behind a load balancer, one server, the servers the prose names, which server
 * holds which database, the DNS record of www. Each compares claims of the prose (prose/claims.ts)
 * with what the diagrams draw.
 */
import { drawnServerCount, machinesOf, numberedMachine } from '../graph/machines.js';
import { componentsWithRole, countWithRole, serverMachines, type DiagramGraph } from '../graph/model.js';
import { TIER_ROLES } from '../graph/roles.js';
import { claimedClusterMode, type Claim, type ClusterMode } from '../prose/claims.js';
import { dbRoleOf, namesARecord, namesCname } from '../prose/claims-stack.js';
import { plainText } from '../prose/sentences.js';
import type { SourcePosition } from '../types.js';
import { plural } from './diagram-helpers.js';
import { renderedText } from './domain-dns.js';
import type { RuleContext, RuleFinding } from './rule.js';

export type Found<K extends Claim['kind']> = Extract<Claim, { kind: K }>;
export const ofKind = <K extends Claim['kind']>(claims: Claim[], kind: K): Found<K>[] => claims.filter((c): c is Found<K> => c.kind === kind);
export const place = (w: { file: string; line: number }) => `${w.file}:${w.line}`;
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
