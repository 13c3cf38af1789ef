/**
 * What the prose claims about this design, as structured facts a diagram can confirm or
 * contradict: how many load balancers, that they form a cluster and in which mode, how many
 * servers, that each component has its own server, which components exist (and, read by
 * claims-stack.ts and claims-secured.ts: which DNS record www is, which server holds the primary
 * database, how many firewalls and monitoring clients, HTTPS and where SSL stops, every server
 * running the whole stack). A claim is a statement about this design: questions, conditions ("if
 * one load balancer fails"), counterfactuals ("one HAProxy alone"), other designs ("task 2 had two
 * servers"), future scaling and sections about problems claim nothing, and neither do incidental
 * words ("the load balancer monitors its backends"). What an issues section says about HTTPS, SSL
 * and the stack of each server is a claim, unless it is a hypothetical ("if SSL is terminated...").
 */
import { cachedByText, ownCopy } from '../bounded-cache.js';
import { everyMatch } from '../every-match.js';
import { wholeClausesOf, type AnalysedBlock, type ProseAnalysis } from './analyze-prose.js';
import { CARRIED, ELSEWHERE, NEGATED, negatedAt, NUMBER, opensWithCondition, statementOf, type Where } from './claim-reading.js';
import { componentCountClaims, encryptionClaims, lbMonitoredClaims, sameStackClaims, type SecuredClaim } from './claims-secured.js';
import { dbRoleClaims, dnsRecordClaims, namedServerClaims, oneMachineClaim, type StackClaim } from './claims-stack.js';
import { mentionsOf, type Topic } from './elements.js';
import {
  ACTIVE_ACTIVE_TERMS, ACTIVE_PASSIVE_TERMS, anyOf, CLUSTER_TERMS, DEFINITION_LABELS, DESIGN_STATEMENTS, everyOf, FAILURE_PROBLEMS, FAILURES, LOAD_BALANCER_NAMES, OTHER_CLUSTERS,
  PASSIVE_BEHAVIOUR,
} from './lexicon.js';
import { plainText, withoutAccents } from './sentences.js';

export type ClusterMode = 'active-active' | 'active-passive';
export type { Where } from './claim-reading.js';

export type Claim =
  | ({ kind: 'lb-count'; n: number; atLeast?: boolean } & Where)
  | ({ kind: 'cluster' } & Where)
  | ({ kind: 'cluster-mode'; mode: ClusterMode; database?: boolean } & Where)
  | ({ kind: 'server-count'; role: 'server' | 'web-server' | 'app-server' | 'database'; n: number; behind?: boolean; atLeast?: boolean } & Where)
  | ({ kind: 'own-servers' } & Where)
  | ({ kind: 'component'; role: Topic } & Where)
  | StackClaim
  | SecuredClaim;

const LB = `(?:${LOAD_BALANCER_NAMES.join('|')})`;
// "1 load balancer in a cluster" is the task's way to name one more: a single one is said so ("a single", "only one").
const COUNT = '(a single|single|only one|just one|one single|(?:has|have|uses?|runs?|there is|contains?|includes?) (?:one|1)|un seul|une seule|two|three|four|deux|trois|quatre|[2-4])';
/** "a single HAProxy", "three HAProxy machines", "two load balancers" (not "4 servers (HAProxy 1, ...)"). */
const LB_COUNT = new RegExp(`\\b${COUNT} (?:(?!servers?|machines?|hosts?|serveurs?)\\w+ )?${LB}(?! (?:of|per|in front|for each|fails|dies|crashes|goes))`);
/** "a second load balancer", "both HAProxy", "HAProxy 2": at least two. */
const PAIR_OF_LBS = anyOf(`(?:second|2nd|both|pair of|dual|deuxieme) (?:\\w+ )?${LB}`, `${LB} ?(?:#|no )?2`, `${LB} pair`);
const CLUSTER = anyOf(...CLUSTER_TERMS);
const REPLICA = anyOf('(?:my ?sql|data ?base|db) (?:replicas?|slaves?|secondary)', 'replicas?', 'slaves?', 'read replicas?');
const LB_NAMED = anyOf(...LOAD_BALANCER_NAMES);
const RISK = anyOf(...FAILURES, ...FAILURE_PROBLEMS);
/** "With only one HAProxy, ...": the single one is what the design leaves behind. */
const HYPOTHETICAL_ONE = /^(?:with|having) (?:only |just )?(?:one|a single)\b/;
const BEHIND_LBS = new RegExp(`\\b(?:behind|after|besides|apart from|excluding|not counting|plus|in addition to|derriere) (?:the |both |our |le |les )?(?:two |deux )?${LB}|^(?:behind|derriere) (?!the firewall)`);
/** What a load balancer sends to: "HAProxy spreads the requests across the two servers". */
const SENT_TO = /\b(?:to|across|between|among|amongst|over|onto|towards)(?: (?:one|each|both|all|any|either) of)?(?: the| our| its| his| their)? $/;
const OTHER_CLUSTER = anyOf(...OTHER_CLUSTERS);
const ACTIVE_ACTIVE = anyOf(...ACTIVE_ACTIVE_TERMS);
const ACTIVE_PASSIVE = anyOf(...ACTIVE_PASSIVE_TERMS, ...PASSIVE_BEHAVIOUR);
/** The tier a word before "servers" counts: "two Nginx servers", "2 database servers". */
const TIER_OF: Record<string, 'web-server' | 'app-server' | 'database'> = {
  web: 'web-server', nginx: 'web-server', apache: 'web-server',
  app: 'app-server', application: 'app-server', gunicorn: 'app-server', 'd application': 'app-server', applicatifs: 'app-server',
  database: 'database', db: 'database', mysql: 'database', 'my sql': 'database', 'de base de donnees': 'database',
};
const SERVER_COUNT = everyOf(
  '(two|three|four|five|six|seven|eight|deux|trois|quatre|cinq|[2-8]) '
  // "two Nginx web servers": the first tier word says the tier.
  + `(?:(${Object.keys(TIER_OF).join('|')}) (?:web |app |application |database |db )?)?`
  + '(?:(?:new|dedicated|separate|distinct|physical|different|individual|identical|similar|back ?end|linux|gnu linux|total) )?(?:servers|serveurs|machines)'
  // French puts the tier after the noun: "deux serveurs web".
  + `|(deux|trois|quatre|cinq|[2-8]) serveurs (${Object.keys(TIER_OF).join('|')})`,
);
const TIER_WORDS = new RegExp(`\\b(?:${Object.keys(TIER_OF).join('|')})\\b`, 'g');
/** "The web server and the application server are two different servers": a count of what the sentence names. */
const NAMED_TIERS_COUNTED = new RegExp(`(?:${Object.keys(TIER_OF).join('|')})\\b.*\\b(?:are|sont|on|sur)(?: \\w+)? $`);
/** A count that belongs to the load balancers: "the LB cluster (2 servers)", "two servers for the load balancers". Read on the clause as written (brackets kept), without accents. */
const LB_SCOPED = new RegExp(`${LB}[^.()]{0,30}\\(\\s*(?:two|deux|2)\\s+(?:servers|machines)|(?:servers|machines) (?:for|of) the ${LB}`, 'i');
const STATES_DESIGN = anyOf(...DESIGN_STATEMENTS);
const DEFINING = anyOf(...DEFINITION_LABELS);

/** The claims the prose makes about this design. */
export function claimsOf(prose: ProseAnalysis): Claim[] {
  return prose.blocks.flatMap((block) => {
    const where = { file: block.file, line: block.line };
    // A long block is some student's own text: kept, it would only hold a worker's memory.
    if (block.text.length > MAX_CACHED_BLOCK) return readBlockClaims(block, where);
    return blockClaims(block).map((claim) => ({ ...claim, ...where }));
  });
}

/** Blocks longer than this (characters) are read each time, not kept. */
const MAX_CACHED_BLOCK = 2000;

/** Everything of a block besides its text that its claims depend on: its kind, whether it stands in an issues section, and what it sits under. */
type BlockContext = Pick<AnalysedBlock, 'kind' | 'inIssuesSection' | 'title' | 'listPath' | 'headingPath'>;

/** The context a reading is kept in: own copies of the headings and leads, which are slices of the student's file (see ownCopy). */
const contextOfBlock = ({ kind, inIssuesSection, title, listPath, headingPath }: AnalysedBlock): BlockContext => ({
  kind,
  inIssuesSection,
  ...(title === undefined ? {} : { title: ownCopy(title) }),
  ...(listPath ? { listPath: listPath.map(ownCopy) } : {}),
  headingPath: headingPath.map(ownCopy),
});

function inContext(kept: BlockContext, block: AnalysedBlock): boolean {
  return kept.kind === block.kind && kept.inIssuesSection === block.inIssuesSection && kept.title === block.title && samePath(kept.listPath ?? [], block.listPath ?? []) && samePath(kept.headingPath, block.headingPath);
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a === b || (a.length === b.length && a.every((s, k) => s === b[k]));
}

/**
 * What one block claims, placed nowhere yet (claimsOf places it): read once per distinct block,
 * since the students of a cohort write many of the same lines (the task's own headings, a template's
 * list items). Kept under the block's text, in the contexts it was read in.
 */
const blockClaims = cachedByText((block: AnalysedBlock) => block.text, contextOfBlock, inContext, (block: AnalysedBlock): Claim[] => readBlockClaims(block, { file: '', line: 0 }));

/** The claims of one block, each at `where`. */
function readBlockClaims(block: AnalysedBlock, where: Where): Claim[] {
  const claims: Claim[] = [];
  // A heading states a fact ("A second load balancer, clustered"), unless it asks a question.
  if (block.kind === 'heading' && /\?\s*$/.test(block.text)) return claims;
  let hypothetical = false;
  let sentence = -1;
  // Under "Key concepts" or "Active-Active vs Active-Passive", "both load balancers share the traffic" defines a term.
  const defining = DEFINING.test(plainText([...block.headingPath, block.title ?? '', ...(block.listPath ?? [])].join(' | ')));
  for (const clause of wholeClausesOf(block)) {
    // A sentence that opens with a condition is a hypothetical, every clause of it.
    if (clause.sentence !== sentence) {
      sentence = clause.sentence;
      hypothetical = opensWithCondition(clause.plain);
    }
    if (/\?\s*$/.test(clause.raw)) continue;
    // What any section, the issues included, says of HTTPS and of the servers' stacks.
    // A heading names an issue ("SSL termination at the load balancer") rather than states it.
    if (!hypothetical) claims.push(...encryptionClaims(clause.plain, where).filter((c) => block.kind !== 'heading' || c.kind !== 'ssl-termination'), ...sameStackClaims(clause.raw, clause.plain, where));
    const statement = statementOf(clause);
    const states = statement && (!ELSEWHERE.test(statement) || CARRIED.test(statement));
    // Counts of firewalls and monitoring clients are claims wherever they stand ("Issues: our three firewalls ...").
    if (states && !defining) claims.push(...componentCountClaims(statement, clause.raw, where), ...lbMonitoredClaims(statement, where));
    if (block.inIssuesSection) continue;
    claims.push(...modeClaims(clause.plain, where));
    if (!states) continue;
    if (!defining) claims.push(...clauseClaims(statement, clause, block, where));
    claims.push(...dnsRecordClaims(statement, clause.raw, block, where), ...dbRoleClaims(clause.raw, where), ...namedServerClaims(statement, where));
  }
  return claims;
}

/** The cluster mode a clause states: read on the whole clause, since a mode is often said by its condition ("only takes over when HAProxy 1 fails"). */
function modeClaims(plain: string, where: Where): Claim[] {
  if (ELSEWHERE_MODE.test(plain)) return [];
  // "The MySQL master-slave pair is active-passive" is the database's mode, not the load balancer's.
  const database = DATABASE_MODE.test(plain) && !LB_NAMED.test(plain) ? { database: true } : {};
  if (ACTIVE_ACTIVE.test(plain)) return [{ kind: 'cluster-mode', mode: 'active-active', ...database, ...where }];
  const passive = ACTIVE_PASSIVE.exec(plain);
  if (passive && !OTHER_CLUSTER.test(plain) && !NEGATED_BEFORE.test(plain.slice(0, passive.index))) return [{ kind: 'cluster-mode', mode: 'active-passive', ...database, ...where }];
  return [];
}
const DATABASE_MODE = /\b(?:my ?sql|data ?bases?|dbs?|master|slaves?|primary|replicas?)\b/;
const ELSEWHERE_MODE = anyOf('could', 'would', 'might', 'future', 'later', 'task ?[0-2]', 'previous\\w*', 'either', 'or active', 'vs', 'versus');
const NEGATED_BEFORE = /\b(?:not|never|no|isn t|isnt)(?: \w+){0,2} $/;

function clauseClaims(plain: string, clause: { raw: string; plain: string }, block: AnalysedBlock, where: Where): Claim[] {
  const claims: Claim[] = [];
  const { raw } = clause;
  // A negation denies what follows it closely ("there is no firewall"), not the whole sentence ("..., so a crash does not kill the others").
  const denied = (index: number) => negatedAt(plain, index);
  const negated = (pattern: RegExp) => {
    const m = pattern.exec(plain);
    return m !== null && denied(m.index);
  };
  const counted = LB_COUNT.exec(plain);
  const n = counted && !denied(counted.index) ? countOf(counted[1]!) : 0;
  if (n > 2) claims.push({ kind: 'lb-count', n, ...where });
  else if (PAIR_OF_LBS.test(plain) && !negated(PAIR_OF_LBS)) claims.push({ kind: 'lb-count', n: 2, atLeast: true, ...where });
  // "With a single HAProxy, the site dies with it": the single one is the risk, not this design.
  else if (n && !(n === 1 && (RISK.test(clause.plain) || HYPOTHETICAL_ONE.test(plain)))) claims.push({ kind: 'lb-count', n, ...where });
  if (CLUSTER.test(plain) && !OTHER_CLUSTER.test(plain) && !negated(CLUSTER)) claims.push({ kind: 'cluster', ...where });
  // "Two machines were not enough": a count denied is no count of this design.
  if (block.kind !== 'heading' && !NEGATED.test(plain) && !LB_SCOPED.test(withoutAccents(raw))) {
    for (const m of everyMatch(SERVER_COUNT, plain)) {
      // "We went from two servers to three": the count before "to" is the old one.
      if (/\bfrom $/.test(plain.slice(0, m.index))) continue;
      // "HAProxy now runs on two machines": a count after a load balancer named as the subject is the load balancers'.
      const before = plain.slice(0, m.index);
      // "HAProxy sends the requests to the two servers" counts the servers it sends to.
      const sentTo = SENT_TO.test(before);
      if (LB_NAMED.test(before) && !BEHIND_LBS.test(plain) && !sentTo) continue;
      // "Web server and application server are two servers" counts what it names: one tier named, its count; several, nothing to check.
      const counted = NAMED_TIERS_COUNTED.test(before) ? new Set(everyMatch(TIER_WORDS, before).map((t) => TIER_OF[t[0]]!)) : null;
      if (counted && counted.size !== 1) continue;
      const tier = m[2] ?? m[4];
      const count = m[1] ?? m[3]!;
      const role = counted ? [...counted][0]! : tier ? TIER_OF[tier] ?? 'server' : 'server';
      // "Behind the load balancers, four servers": the count leaves the load balancers out.
      const behind = BEHIND_LBS.exec(plain);
      // The count next to the phrase: "three servers behind two load balancers", "behind the load balancers, four servers".
      const next = sentTo || (behind && (behind.index < m.index || behind.index === m.index + m[0].length + 1));
      claims.push({ kind: 'server-count', role, n: NUMBER[count] ?? Number(count), ...(next ? { behind: true } : {}), ...where });
    }
  }
  // "Everything runs on a single server": the design's machines counted as one.
  if (block.kind !== 'heading' && oneMachineClaim(plain, clause.plain)) claims.push({ kind: 'one-server', ...where });
  const mentions = mentionsOf(plain);
  const split = mentions.find((m) => m.topic === 'split');
  if (split && !denied(split.index)) claims.push({ kind: 'own-servers', ...where });
  // "a MySQL primary replicating to a replica on another server": at least two databases.
  const replica = REPLICA.exec(plain);
  if (replica && !denied(replica.index)) claims.push({ kind: 'server-count', role: 'database', n: 2, atLeast: true, ...where });
  if (block.kind !== 'heading') {
    for (const m of mentions) {
      if (!CLAIMABLE.includes(m.topic) || denied(m.index)) continue;
      // A web or application server named in a definition ("the application server runs code") is no claim about this design.
      if ((m.topic === 'web-server' || m.topic === 'app-server') && !STATES_DESIGN.test(plain)) continue;
      claims.push({ kind: 'component', role: m.topic, ...where });
    }
  }
  return claims;
}

/** "a single" -> 1, "three" -> 3, "2" -> 2. */
function countOf(words: string): number {
  const last = words.split(' ').pop()!;
  if (/^(?:single|seule?|one)$/.test(last)) return 1;
  return NUMBER[last] ?? Number(last);
}

const CLAIMABLE: readonly Topic[] = ['firewall', 'monitoring', 'database', 'web-server', 'app-server'];

/**
 * The cluster mode the prose states, when it states exactly one (definitions of both say nothing).
 * `aboutServers`: the mode of the servers behind a load balancer, which the database's own mode
 * ("a master-slave pair") is not.
 */
export function claimedClusterMode(claims: Claim[], aboutServers = false): { mode: ClusterMode; at: Where } | null {
  const modes = claims.filter((c): c is Extract<Claim, { kind: 'cluster-mode' }> => c.kind === 'cluster-mode' && !(aboutServers && c.database));
  const distinct = new Set(modes.map((c) => c.mode));
  return distinct.size === 1 ? { mode: modes[0]!.mode, at: modes[0]! } : null;
}

export { ACTIVE_ACTIVE, ACTIVE_PASSIVE };
