/**
 * Claims about securing and monitoring a design: how many firewalls and monitoring clients there
 * are, that the site has no HTTPS, where SSL stops (at the load balancer, leaving the traffic
 * behind it in clear, or on the servers), and that every server runs the whole stack. What an
 * issues section says of this design is a claim too ("the traffic behind the load balancer is
 * unencrypted"); a hypothetical ("if SSL is terminated at the load balancer, ...") is not.
 */
import { everyMatch } from '../every-match.js';
import { assertionOf, MANY, negatedAt, numberOf, type Where } from './claim-reading.js';
import {
  anyOf, anyStartOf, BEHIND_THE_LB, CERTIFICATE_NAMES, everyOf, FIREWALL_NAMES, LOAD_BALANCER_NAMES, MODALS, MONITORING_AGENT_NAMES, MONITORING_NAMES, PLAIN_TRAFFIC, SSL_ENDS,
  SOLVED_LABELS, TASK_STATEMENT,
} from './lexicon.js';
import { commaSegments, hasFiniteVerb, proseText } from './sentences.js';

export type SecuredClaim =
  | ({ kind: 'component-count'; role: 'firewall' | 'monitoring'; n: number } & Where)
  | ({ kind: 'lb-monitored' } & Where)
  | ({ kind: 'no-https' } & Where)
  | ({ kind: 'ssl-termination'; at: 'load-balancer' | 'servers' } & Where)
  | ({ kind: 'same-stack'; apart?: boolean } & Where);

// ---------------------------------------------------------------------------------------------
// Counts of firewalls and monitoring clients.

const FIREWALLS = '(?:firewalls|fire walls|pare ?feux)';
const AGENT_NOUNS = MONITORING_AGENT_NAMES.filter((n) => !/client/.test(n)).join('|');
const MONITOR_WORD = `(?:${MONITORING_NAMES.join('|')}|monitor\\w*)`;
/** "monitoring clients", "Sumo Logic collectors", "agents": a client needs a monitoring word, an agent does not. */
const AGENTS = `(?:(?:${MONITOR_WORD} )(?:\\w+ )?(?:clients?|${AGENT_NOUNS})|(?:${AGENT_NOUNS}))`;
/** "three firewalls", "3 Sumo Logic collectors", "two more firewalls" (not "two firewalls per server"). */
// "two more firewalls", "two new agents" count the added ones, not all of them.
const COUNT_BEFORE = everyOf(`(${MANY}) (?:(?:separate|dedicated|distinct|hardware|software|network|host|ufw) )?(?:(${FIREWALLS})|(${AGENTS}))(?! (?:per|for each|on each|in each|each|par))`);
/** "Firewalls (3 total)", "Monitoring agents (3)", "Firewall x3", as written. */
const COUNT_AFTER = new RegExp(`\\b(?:(firewalls?|fire walls?|pare ?feux)|(${AGENTS}))\\s*(?:\\((\\d)(?:\\s*(?:in )?total)?\\)|[x×]\\s?(\\d)\\b|:\\s*(\\d)(?=\\s*(?:$|[(,.;–-])))`, 'gi');
/** "3x firewalls", "×3 agents". */
const TIMES_BEFORE = new RegExp(`(?:\\b(\\d)\\s?[x×]|[x×]\\s?(\\d))\\s+(?:(firewalls?|fire walls?)|(${AGENTS}))\\b`, 'gi');
/**
 * A second count joined to the first: "two firewalls in front of the servers and one in front of
 * HAProxy" counts part of them ("three collectors: one on HAProxy and one on each server" counts all).
 */
const AND_MORE = /^(?! one\b)[^.]*?\b(?:and|plus) (?:one|1|another|a third)\b/;
const TASK = anyOf(...TASK_STATEMENT);

/** "one firewall before each machine, three in total": a total, for the one counted thing the clause names. */
const TOTAL = new RegExp(`\\b(${MANY}) (?:in )?(?:total|en tout|au total)\\b|\\b(?:a total of|in total|au total) (${MANY})\\b`);
const NAMES_FIREWALL = new RegExp(`\\b(?:${FIREWALL_NAMES.join('|')})\\b`);
const NAMES_AGENT = new RegExp(`\\b${AGENTS}\\b`);

export function componentCountClaims(statement: string, raw: string, where: Where): SecuredClaim[] {
  if (TASK.test(statement)) return [];
  const claims: SecuredClaim[] = [];
  const total = TOTAL.exec(statement);
  if (total && NAMES_FIREWALL.test(statement) !== NAMES_AGENT.test(statement)) {
    claims.push({ kind: 'component-count', role: NAMES_FIREWALL.test(statement) ? 'firewall' : 'monitoring', n: numberOf(total[1] ?? total[2]!), ...where });
    return claims;
  }
  for (const m of everyMatch(COUNT_BEFORE, statement)) {
    if (negatedAt(statement, m.index) || AND_MORE.test(statement.slice(m.index + m[0].length))) continue;
    claims.push({ kind: 'component-count', role: m[2] ? 'firewall' : 'monitoring', n: numberOf(m[1]!), ...where });
  }
  for (const m of everyMatch(COUNT_AFTER, raw)) {
    claims.push({ kind: 'component-count', role: m[1] ? 'firewall' : 'monitoring', n: Number(m[3] ?? m[4] ?? m[5]), ...where });
  }
  for (const m of everyMatch(TIMES_BEFORE, raw)) {
    claims.push({ kind: 'component-count', role: m[3] ? 'firewall' : 'monitoring', n: Number(m[1] ?? m[2]), ...where });
  }
  return claims;
}

/**
 * A monitoring client on the load balancer's machine: "a Sumo Logic agent also runs on HAProxy",
 * "three collectors: one on the load balancer and one on each server" (not "the load balancer
 * monitors its backends").
 */
const ON_THE_LB = new RegExp(`\\b(?:${AGENTS}|one|another)(?: (?:also|too|is|runs?|sits?|installed|placed|deployed|running))*(?: \\w+){0,2}? (?:on|in|for|at|sur) (?:the |our )?(?:${LOAD_BALANCER_NAMES.join('|')})`);
const MONITORING_TALK = new RegExp(`\\b(?:${MONITOR_WORD}|${AGENT_NOUNS})\\b`);

export function lbMonitoredClaims(statement: string, where: Where): SecuredClaim[] {
  const m = ON_THE_LB.exec(statement);
  return m && MONITORING_TALK.test(statement) && !negatedAt(statement, m.index) ? [{ kind: 'lb-monitored', ...where }] : [];
}

// ---------------------------------------------------------------------------------------------
// HTTPS and where SSL stops.

const LB = `(?:${LOAD_BALANCER_NAMES.join('|')})`;
const SSL = `(?:${CERTIFICATE_NAMES.join('|')}|encryption)`;
const BEHIND = anyOf(...BEHIND_THE_LB);
const PLAIN = anyOf(...PLAIN_TRAFFIC);
/** Traffic sent in clear (not "decrypted by Nginx", which is where SSL stops). */
const UNENCRYPTED = anyOf(...PLAIN_TRAFFIC.filter((w) => !/crypted|chiffre/.test(w) || /^(?:un|not|non)/.test(w)));
const ENDS = `(?:${SSL_ENDS.join('|')})`;
/**
 * The site has no HTTPS: "no HTTPS", "HTTPS is not configured", "served over plain HTTP" (not "without
 * HTTPS, passwords leak"). This pattern and the two below are read only for whether and where they
 * match: anyStartOf looks ahead at what follows each opening instead of compiling it once per word of
 * the opening (on Node 24 every cold check compiles them: bench/regex-compile.mjs). Their ways of
 * saying it are exported for test/unit/lexicon-patterns.test.ts, which holds each to its anyOf.
 */
export const NO_HTTPS_WAYS = [
  `(?:no|not|never|lacks?|lacking|missing|absence of|lack of|isn t|aren t|don t|doesn t|do not|does not|pas de|aucun\\w*|sans)`
    + ` (?:(?:use|uses|using|used|served|serve|have|has|had|support\\w*|over|via|through|with|any|an?|the|valid|secure|proper|encrypted|configured|enabled|implement\\w*|le|la|de|en|utilis\\w*) ){0,2}`
    + `(?:\\w+ (?:or|nor|and|ni|ou) )?${SSL}`,
  `${SSL}(?: (?:certificates?|encryption|connections?|support))? (?:is |are )?(?:not (?:configured|enabled|used|set ?up|installed|present|implemented|available|in place)|missing|absent|disabled)`,
  '(?:only|plain|unencrypted|simple) http(?! s)', 'http only',
] as const;
export const NO_HTTPS = anyStartOf(...NO_HTTPS_WAYS);
/** SSL stops at the load balancer: "SSL is terminated at HAProxy", "HAProxy decrypts the traffic", "decrypted at the LB". */
export const ENDS_AT_LB_WAYS = [
  `${SSL}(?: \\w+){0,3} (?:is |gets |being |are |est )?${ENDS} (?:at|on|in|by|au niveau du|au niveau de l|sur le|sur l|par le|par l|au) (?:the |our )?${LB}`,
  `${LB}(?: \\w+){0,2} (?:terminates|offloads|ends) (?:the |all )?(?:\\w+ )?${SSL}`, `${LB}(?: \\w+){0,2} (?:decrypts|dechiffre)`,
  `(?:decrypted|terminated|dechiffre\\w*) (?:at|on|by|par) (?:the |le |la )?${LB}`,
  // "HAProxy forwards the requests to the servers over HTTP", "the backends get plain HTTP".
  `${LB}(?: \\w+){0,6} (?:forward|send|pass|relay|proxie|proxy|rout|transmet|envoie)\\w*(?: \\w+){0,7} (?:over |via |in |as |using |with |en )?(?:plain |clear |simple )?http(?! s)`,
  `(?:back ?ends?|servers?|serveurs?)(?: \\w+){0,2} (?:gets?|receives?|speaks?|talks?|only see|recoivent|recoit)(?: \\w+){0,2} (?:plain |clear |simple )?http(?! s)`,
] as const;
export const ENDS_AT_LB = anyStartOf(...ENDS_AT_LB_WAYS);
/**
 * SSL goes on past the load balancer: "SSL ends on the web servers", "HAProxy passes the encrypted
 * stream through", "the certificate is installed on both Nginx servers".
 */
export const PAST_THE_LB_WAYS = [
  `${SSL}(?: \\w+){0,3} (?:is |gets |are )?${ENDS} (?:on|at|in|by) (?:the |each |both |every |our )?(?:web|nginx|apache|back ?end|app\\w*|upstream)`,
  `pass(?:es|ed|ing)? (?:\\w+ ){0,4}(?:encrypted|ssl|tls|https)\\w* (?:\\w+ )?through`, 'ssl pass ?through', 'tls pass ?through', 'tcp mode',
  `(?:certificates?|ssl|tls)(?: \\w+){0,3} (?:is |are )?installed on (?:the |each |both |every )?(?:web|nginx|apache|back ?end|app\\w*)`,
  '(?:stays?|remains?|kept|keeps? it|still) (?:\\w+ )?encrypted (?:\\w+ ){0,4}(?:to|until|up to|as far as) (?:the |each |both )?(?:web |app\\w* |back ?end |nginx )?(?:servers?|back ?ends?)',
  '(?:is|are|uses?|provides?|with|ensures?|keeps?) end ?to ?end (?:encrypt\\w*|ssl|tls|https)',
] as const;
export const PAST_THE_LB = anyStartOf(...PAST_THE_LB_WAYS);
/** Decrypted at the load balancer and encrypted again on the way to the servers. */
const RE_ENCRYPTED = anyOf('re ?encrypt\\w*', 'chiffre\\w* a nouveau', 'rechiffr\\w*');
/**
 * A fix proposed, not this design: "Better: use SSL passthrough", "Solution: re-encrypt to the
 * backend", "Consider end-to-end TLS".
 */
const SUGGESTION = new RegExp(
  `^(?:(?:a |the )?(?:better|best practice|${SOLVED_LABELS.join('|')}|recommend\\w*|instead|alternatively|ideally|to (?:fix|solve|avoid) (?:this|it))\\b`
  + '|^(?:use|consider|add|implement|enable|switch|configure|set up|deploy|install|move|re ?encrypt|adopt|prefer|utilise\\w*|ajouter|mettre en place)\\b)',
);
/** A modal leaves what follows it unsaid: "attackers could read the traffic". */
const MODAL = anyOf(...MODALS, 'might', 'would', 'should', 'pourrait');

/** What a clause of any section (issues included) claims about HTTPS and where SSL stops. */
export function encryptionClaims(plain: string, where: Where): SecuredClaim[] {
  // "Without HTTPS, passwords can be sniffed" is what HTTPS prevents, not its absence.
  if (/^(?:without|sans)\b/.test(plain) || SUGGESTION.test(plain)) return [];
  const said = assertedPart(plain);
  if (!said) return [];
  const behind = BEHIND.test(said);
  const again = RE_ENCRYPTED.exec(said);
  if (again && !negatedAt(said, again.index)) return [{ kind: 'ssl-termination', at: 'servers', ...where }];
  const endsAtLb = ENDS_AT_LB.exec(said);
  // "No HTTPS between the load balancer and the servers" is where SSL stops, not a site without HTTPS.
  if ((endsAtLb && !negatedAt(said, endsAtLb.index)) || (behind && (PLAIN.test(said) || NO_HTTPS.test(said)))) return [{ kind: 'ssl-termination', at: 'load-balancer', ...where }];
  const pastLb = PAST_THE_LB.exec(said);
  if (pastLb && !negatedAt(said, pastLb.index)) return [{ kind: 'ssl-termination', at: 'servers', ...where }];
  if (NO_HTTPS.test(said) || UNENCRYPTED.test(said)) return [{ kind: 'no-https', ...where }];
  return [];
}

/** What a clause says before a modal or a condition: "SSL stops at HAProxy, so attackers could read ..." says where SSL stops. */
function assertedPart(plain: string): string {
  const modal = MODAL.exec(plain);
  return assertionOf(modal ? plain.slice(0, modal.index) : plain).trim();
}

// ---------------------------------------------------------------------------------------------
// Every server runs the whole stack.

const SERVERS = '(?:servers?|machines?|nodes?|hosts?|serveurs?)';
const EVERY_SERVER = `(?:each|every|all|both|chaque|tous les)(?: (?:of )?(?:the|our|my|these|those|les|nos))?(?: (?:two|2|three|3|deux|trois))?(?: (?:web|back ?end|app\\w*|application))? ${SERVERS}`;
const HOLDS = '(?:has|have|had|runs?|running|contains?|carr(?:y|ies)|hosts?|hold|holds|includes?|got|gets?|keeps?|with|ont|contient|contiennent|heberge\\w*)';
const WHOLE_STACK = '(?:my ?sql|mariadb|postgre ?s\\w*|data ?bases?|dbs?|base de donnees|all (?:the )?(?:same )?(?:components|services|software)|(?:the )?same (?:components|stack|software|services|setup)|(?:full|whole|complete|entire) stack|every component)';
/** "Each server runs its own MySQL", "all servers have the same components", "a database on each server". */
const SAME_STACK = anyOf(
  `${EVERY_SERVER}(?: \\w+){0,2}? ${HOLDS}(?: \\w+){0,8}? ${WHOLE_STACK}`,
  `(?:my ?sql|data ?bases?|dbs?)(?: \\w+){0,3} (?:on|in|sur) (?:each|every|both|all|chaque)(?: of)?(?: the| our)? ${SERVERS}`,
  `${SERVERS} (?:with|having|that have|which have|that run|which run|contain|have|run|carry) (?:all )?(?:the )?same (?:components|stack|software|services)`,
  `(?:my ?sql|data ?bases?|dbs?) (?:per|for each|on each|sur chaque) ${SERVERS}`, `${EVERY_SERVER} (?:is|are) (?:\\w+ )?(?:full ?stack|identical)`,
  `${SERVERS} (?:contain|have|run|carry|host|hold) (?:all|every) (?:the )?(?:components|services|tiers|parts)`,
  `identical (?:full ?stack )?(?:servers|machines)`, `${SERVERS} (?:are|look) (?:all |fully |completely )?identical`,
);
/** What links a server to a database is not a database on it: "each server has a connection to the database". */
const LINKED = /\b(?:to|from|access|connections?|links?|queries|through|via|reach\w*|talks?|connects?)\b/;
/** The reverse: "MySQL runs on its own server", "a dedicated database server". */
const DB_APART = anyOf(
  `(?:my ?sql|mariadb|postgre ?s\\w*|data ?bases?|dbs?)(?: \\w+){0,3}? (?:on|in|sur) (?:its own|their own|a separate|a dedicated|another|a different|a distinct|son propre|un serveur (?:separe|dedie))(?: \\w+)? (?:server|machine|host|box|vm|serveur)`,
  `(?:separate|dedicated|distinct|standalone|own) (?:my ?sql|mariadb|data ?base|db) (?:server|machine|host)`,
);
/** A general remark, not this design: "Having servers with the same components ...". */
const GENERAL = /^(?:having|to have|avoid\w*|when|if)\b/;

export function sameStackClaims(raw: string, plain: string, where: Where): SecuredClaim[] {
  if (GENERAL.test(plain) || SUGGESTION.test(plain)) return [];
  // Read part by part: "each server runs Nginx and the app, MySQL has its own server" says nothing of MySQL on each.
  for (const part of listParts(raw)) {
    const said = assertedPart(proseText(part));
    const m = SAME_STACK.exec(said);
    if (m && !negatedAt(said, m.index) && !/\b(?:no|not|never|without|no longer)\b/.test(m[0]) && !LINKED.test(m[0])) return [{ kind: 'same-stack', ...where }];
    const apart = DB_APART.exec(said);
    if (apart && !negatedAt(said, apart.index)) return [{ kind: 'same-stack', apart: true, ...where }];
  }
  return [];
}

/** A clause cut at its commas, a list kept whole: "Each server has web, application, and database" is one part. */
function listParts(raw: string): string[] {
  const parts: string[] = [];
  for (const segment of commaSegments(raw)) {
    if (parts.length && !hasFiniteVerb(proseText(segment))) parts[parts.length - 1] += `,${segment}`;
    else parts.push(segment);
  }
  return parts;
}
