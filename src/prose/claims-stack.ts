/**
 * Claims about the stack itself, beside the counts of claims.ts: that everything runs on one
 * machine, which DNS record `www` is, which numbered server holds the primary database and which
 * the replica. Each is read on what a clause states (see claim-reading.ts); the caller has set
 * aside questions, other designs and the future.
 */
import { cachedByObject } from '../bounded-cache.js';
import { everyMatch } from '../every-match.js';
import type { AnalysedBlock } from './analyze-prose.js';
import { negatedAt, type Where } from './claim-reading.js';
import {
  anyOf, anyStartOf, DB_PRIMARY_NAMES, DB_REPLICA_NAMES, DNS_A_RECORD_NAMES, DNS_CNAME_NAMES, everyOf, FAILURE_PROBLEMS, FAILURES, TASK_STATEMENT,
} from './lexicon.js';
import { plainText } from './sentences.js';

export type DnsRecord = 'A' | 'CNAME';
export type DbRole = 'primary' | 'replica';

export type StackClaim =
  | ({ kind: 'one-server' } & Where)
  | ({ kind: 'named-server'; n: number } & Where)
  | ({ kind: 'dns-record'; record: DnsRecord; target?: 'ip' | 'name' } & Where)
  | ({ kind: 'db-role'; machine: number; role: DbRole } & Where);

// ---------------------------------------------------------------------------------------------
// One machine.

const ONE = '(?:a single|one single|the single|our single|only one|just one|one|1|a lone|the same|un seul|une seule|le meme|la meme)';
const MACHINE_NOUN = '(?:physical |virtual |dedicated |linux |ubuntu )?(?:server|machine|host|box|vm|computer|serveur)';
/** What a design does with its machine: "runs on", "is hosted on", "shares", "uses", "has", "tourne sur". */
const ON_IT = '(?:runs?|running|run|hosted|hosts?|lives?|sits?|shares?|sharing|uses?|using|has|have|relies|rely|consists?|deployed|installed|located|stored|fits?|(?:is|are|all|together|both|everything)(?: all| together| both)?|tourne\\w*|heberge\\w*|est|sont)';
/**
 * The design runs on one machine: "everything runs on a single server", "all three share one
 * machine", "the design uses only one server", "a one-server infrastructure". Not "only one server
 * handles the traffic" (which one of two serves), "to avoid overloading one machine", "one server
 * per tier", "the same server as Nginx".
 * Read only for whether and where it matches: anyStartOf looks ahead at what follows each opening
 * instead of compiling it once per word of the opening (on Node 24 every cold check compiles it:
 * bench/regex-compile.mjs). The ways are exported for test/unit/lexicon-patterns.test.ts.
 */
export const ONE_MACHINE_WAYS = [
  `${ON_IT} (?:(?:on|in|upon|of|sur|dans) )?${ONE} ${MACHINE_NOUN}\\b(?! (?:of|per|for each|each|as|to))`,
  `(?:single|one|1) ${MACHINE_NOUN} (?:design|infrastructure|setup|stack|architecture|web stack)`,
  // "Our single server runs Nginx, the application and MySQL."
  `(?:(?:our|the|this|a) )?(?:single|only|lone|sole|unique|one) ${MACHINE_NOUN} (?:runs|running|hosts|hosting|holds|holding|contains|containing|has|handles|serves|carries|is used|does|with)`,
] as const;
export const ONE_MACHINE = anyStartOf(...ONE_MACHINE_WAYS);
const RISK = anyOf(...FAILURES, ...FAILURE_PROBLEMS);

/** The design runs on one machine. */
export function oneMachineClaim(statement: string, clausePlain: string): boolean {
  const m = ONE_MACHINE.exec(statement);
  return m !== null && !negatedAt(statement, m.index) && !RISK.test(clausePlain);
}

/** "Server 2 runs MySQL", "the second server holds the database": a design that names its second server has two. */
const NAMED_SERVER = /\b(?:(?:server|machine|host|vm|instance|serveur) ?(?:#|no |number )?([2-9])\b(?!\.\d)|(second|2nd|third|3rd|deuxieme|troisieme) (?:server|machine|host|serveur)\b)/g;
const ORDINAL_NUMBER: Record<string, number> = { second: 2, '2nd': 2, deuxieme: 2, third: 3, '3rd': 3, troisieme: 3 };
/** A server still to come: "add a second server", "we need a third machine". */
const TO_COME = /\b(?:add|adds|adding|added|need|needs|needed|requir\w*|introduc\w*|deploy\w*|buy|get|with|ajout\w*)(?: \w+){0,2} $/;

export function namedServerClaims(statement: string, where: Where): StackClaim[] {
  const numbers = everyMatch(NAMED_SERVER, statement)
    .filter((m) => !negatedAt(statement, m.index) && !(m[2] && TO_COME.test(statement.slice(0, m.index))))
    .map((m) => (m[1] ? Number(m[1]) : ORDINAL_NUMBER[m[2]!]!));
  return numbers.length ? [{ kind: 'named-server', n: Math.max(...numbers), ...where }] : [];
}

// ---------------------------------------------------------------------------------------------
// The DNS record of www.

const A_RECORD = anyOf(...DNS_A_RECORD_NAMES);
/** "A record" with its capital A, as written: lower-cased, "a record" is any record. */
const A_RECORD_AS_WRITTEN = /\bA[- ]?[Rr]ecords?\b|\b[Rr]ecords? (?:of )?type "?A\b|\(A\)|\bA\s*(?::|=|->|→)\s*\d{1,3}\./;
const CNAME = anyOf(...DNS_CNAME_NAMES);
/** What a claim about the record speaks of: www, or a section about the record (the task asks for www's). */
const ABOUT_WWW = /\b(?:www|subdomain|sub domain|sous domaine|records?|enregistrements?)\b/;
const TASK = anyOf(...TASK_STATEMENT);
/** Where a CNAME points: a name (the bare domain, another name) or an address. */
const NAME_TARGET = /\b(?:to|of|for|at|towards|vers) (?:the )?(?:(?:root|main|apex|naked|bare|base|canonical|primary) )?(?:domain|hostname|host name|name|[a-z0-9-]+[ .](?:com|org|net|io))\b|\banother (?:domain )?name\b|\balias\b/;
const IP_TARGET = /\b(?:ip|ips|address|adresse)\b|\b\d{1,3}(?:\.\d{1,3}){3}\b/;

/** Whether a text names the A record (plain text, and the text as written for "A record"). */
export function namesARecord(raw: string, plain: string): number {
  const m = A_RECORD.exec(plain);
  if (m) return m.index;
  const written = A_RECORD_AS_WRITTEN.exec(raw);
  return written ? Math.max(0, plain.search(/\ba (?:type )?records?\b|\brecords? (?:of )?type a\b/)) : -1;
}

export function namesCname(plain: string): number {
  const m = CNAME.exec(plain);
  return m ? m.index : -1;
}

/** The record type a clause gives www: "www is an A record", "the www record is a CNAME to foobar.com". */
/**
 * Whether a block, or what it sits under, speaks of www: read once a block (its statements each ask:
 * a 1 MiB paragraph was read again for each sentence, and its headings joined again for each).
 */
const blockAboutWww = cachedByObject(
  (block: AnalysedBlock): boolean => ABOUT_WWW.test(block.norm) || ABOUT_WWW.test([...block.headingPath, ...(block.listPath ?? []), block.title ?? ''].map(plainText).join(' ')),
);

export function dnsRecordClaims(statement: string, raw: string, block: AnalysedBlock, where: Where): StackClaim[] {
  if (TASK.test(statement)) return [];
  // The paragraph or its section speaks of www: "www is a CNAME for foobar.com, and foobar.com has an A record" names both.
  if (!blockAboutWww(block)) return [];
  const claims: StackClaim[] = [];
  const a = namesARecord(raw, statement);
  if (a >= 0 && !negatedAt(statement, a)) claims.push({ kind: 'dns-record', record: 'A', ...where });
  const c = namesCname(statement);
  if (c >= 0 && !negatedAt(statement, c)) {
    // The first target named after the CNAME: "points to foobar.com" (a name), "points to the server's IP" (an address).
    const after = statement.slice(c);
    const name = NAME_TARGET.exec(after.replace(/^\S+/, ''));
    const ip = IP_TARGET.exec(after);
    const target = name && (!ip || name.index < ip.index) ? 'name' : ip ? 'ip' : undefined;
    claims.push({ kind: 'dns-record', record: 'CNAME', ...(target ? { target } : {}), ...where });
  }
  return claims;
}

// ---------------------------------------------------------------------------------------------
// Which numbered server holds which database.

const PRIMARY = `(?:${DB_PRIMARY_NAMES.filter((n) => !/main|writer|leader/.test(n)).join('|')})`;
const REPLICA = `(?:${DB_REPLICA_NAMES.filter((n) => !/reader|read|standby|follower/.test(n)).join('|')})`;
const ROLE = `(${PRIMARY}|${REPLICA})`;
/** "Server 1", "web-02", "the first server" (two groups: a number, an ordinal). */
const NUMBERED = '(?:(?:server|host|machine|node|vm|instance|serveur|web|srv) ?(?:#|no )?(\\d{1,2})|(first|second|third|1st|2nd|3rd|premier|second) (?:server|machine|host|node|serveur))';
const ORDINALS: Record<string, number> = { first: 1, '1st': 1, premier: 1, second: 2, '2nd': 2, third: 3, '3rd': 3 };
const numberAt = (m: RegExpMatchArray, group: number) => Number(m[group] ?? ORDINALS[m[group + 1]!]);
const DB_WORD = '(?:(?:my ?sql|data ?base|db|bdd|base de donnees) )';
/** "Server 1 holds the primary database", "Server 2 (Replica)", "Server 1 - MySQL primary". */
const MACHINE_THEN_ROLE = everyOf(`${NUMBERED} (?:(?:is|as|holds|hosts|runs|has|contains|with|acts as|keeps|carries)(?: the| a| an| its)? )?${DB_WORD}?${ROLE}`);
/** "The primary is on Server 1", "the replica (on Server 2)", "MySQL primary runs on server 1". */
const ROLE_THEN_MACHINE = everyOf(`${ROLE} ${DB_WORD}?(?:(?:(?:is|sits|lives|runs|resides|stays|being|est) )?(?:(?:located|hosted|installed|placed) )?(?:on|in|at|sur) (?:the )?)?${NUMBERED}`);
const ANY_NUMBERED = everyOf(NUMBERED);
const ANY_ROLE = everyOf(ROLE);
const SEGMENT = /,|;|\band\b|\bwhile\b|\bwhereas\b|\bbut\b|\bet\b/;

const IS_PRIMARY = new RegExp(`^${PRIMARY}$`);
function roleOf(word: string): DbRole {
  return IS_PRIMARY.test(word) ? 'primary' : 'replica';
}

/**
 * The database role the prose gives each numbered server: a server and a role side by side
 * ("Server 1 holds the replica", "the primary is on server 2"), or one server and one role alone
 * in a part of the sentence.
 */
export function dbRoleClaims(raw: string, where: Where): StackClaim[] {
  const roles = new Map<number, Set<DbRole>>();
  for (const segment of raw.split(SEGMENT)) {
    const plain = plainText(segment);
    const found: [number, DbRole][] = [];
    for (const m of everyMatch(MACHINE_THEN_ROLE, plain)) if (!negatedAt(plain, m.index)) found.push([numberAt(m, 1), roleOf(m[3]!)]);
    for (const m of everyMatch(ROLE_THEN_MACHINE, plain)) if (!negatedAt(plain, m.index)) found.push([numberAt(m, 2), roleOf(m[1]!)]);
    if (!found.length && !NEGATED_SEGMENT.test(plain)) {
      // One server and one role, alone in their part of the sentence: "Server 2 receives the replicated data (replica)".
      const machines = new Set(everyMatch(ANY_NUMBERED, plain).map((m) => numberAt(m, 1)));
      const named = new Set(everyMatch(ANY_ROLE, plain).map((m) => roleOf(m[1]!)));
      if (machines.size === 1 && named.size === 1) found.push([[...machines][0]!, [...named][0]!]);
    }
    for (const [machine, role] of found) roles.set(machine, (roles.get(machine) ?? new Set()).add(role));
  }
  // A server given both roles in one sentence says nothing clear.
  return [...roles].filter(([, said]) => said.size === 1).map(([machine, said]) => ({ kind: 'db-role', machine, role: [...said][0]!, ...where }));
}
const NEGATED_SEGMENT = /\b(?:no|not|never|without|neither|nor|isn t|doesn t)\b/;

const PRIMARY_WORD = new RegExp(`\\b${PRIMARY}\\b`);
const REPLICA_WORD = new RegExp(`\\b${REPLICA}\\b`);

/** The database role a label gives ("MySQL Primary", "Replica DB"); none for both ("Master-Slave") or neither. */
export function dbRoleOf(plain: string): DbRole | null {
  const primary = PRIMARY_WORD.test(plain);
  return primary === REPLICA_WORD.test(plain) ? null : primary ? 'primary' : 'replica';
}
