/**
 * What the prose claims about this design, as structured facts a diagram can confirm or
 * contradict: how many load balancers, that they form a cluster and in which mode, how many
 * servers, that each component has its own server, which components exist. A claim is a statement
 * about this design: questions, conditions ("if one load balancer fails"), counterfactuals ("one
 * HAProxy alone"), other designs ("task 2 had two servers"), future scaling and sections about
 * problems claim nothing, and neither do incidental words ("the load balancer monitors its backends").
 */
import type { AnalysedBlock, ProseAnalysis } from './analyze-prose.js';
import { mentionsOf, type Topic } from './elements.js';
import {
  ACTIVE_ACTIVE_TERMS, ACTIVE_PASSIVE_TERMS, anyOf, CLUSTER_TERMS, COUNTERFACTUAL_MARKERS, everyOf, FUTURE, LOAD_BALANCER_NAMES, NEGATIONS, NOT_THIS_DESIGN, OTHER_CLUSTERS,
} from './lexicon.js';
import { clausesOf } from './sentences.js';

export type ClusterMode = 'active-active' | 'active-passive';

export interface Where {
  file: string;
  line: number;
}

export type Claim =
  | ({ kind: 'lb-count'; n: number } & Where)
  | ({ kind: 'cluster' } & Where)
  | ({ kind: 'cluster-mode'; mode: ClusterMode } & Where)
  | ({ kind: 'server-count'; role: 'server' | 'web-server' | 'app-server' | 'database'; n: number } & Where)
  | ({ kind: 'own-servers' } & Where)
  | ({ kind: 'component'; role: Topic } & Where);

const LB = `(?:${LOAD_BALANCER_NAMES.join('|')})`;
// "Only one load balancer" is a count, not a counterfactual.
const ELSEWHERE = anyOf(...NOT_THIS_DESIGN, ...FUTURE, ...COUNTERFACTUAL_MARKERS.filter((m) => !/one/.test(m)));
const NEGATED = anyOf(...NEGATIONS);
const ONE_LB = anyOf(`(?:a single|single|only one|just one|one single|one|1|un seul|une seule) ${LB}(?! (?:of|per|in front|for each))`, `${LB} (?:is|stays) (?:single|alone)`);
const TWO_LBS = anyOf(`(?:two|2|second|2nd|both|pair of|dual|deux|deuxieme) (?:\\w+ )?${LB}`, `${LB} ?(?:#|no )?2`);
const CLUSTER = anyOf(...CLUSTER_TERMS);
const OTHER_CLUSTER = anyOf(...OTHER_CLUSTERS);
const ACTIVE_ACTIVE = anyOf(...ACTIVE_ACTIVE_TERMS);
const ACTIVE_PASSIVE = anyOf(...ACTIVE_PASSIVE_TERMS);
const NUMBER: Record<string, number> = { two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, deux: 2, trois: 3, quatre: 4, cinq: 5 };
const SERVER_COUNT = everyOf(
  `(two|three|four|five|six|seven|eight|deux|trois|quatre|cinq|[2-8]) (?:(web|app|application|database|db) )?(?:(?:new|dedicated|separate|distinct|physical|different|individual|linux|gnu linux|total) )?(?:servers|serveurs|machines)`,
);
/** A count that belongs to the load balancers: "the LB cluster (2 servers)". */
const LB_SCOPED = new RegExp(`${LB}(?: \\w+){0,3} (?:two|deux|2) (?:servers|machines)|(?:servers|machines) (?:for|of) the ${LB}`);
/** A sentence that states what this design is: "we use", "there is", "the design has". */
const STATES_DESIGN = anyOf('we (?:use|have|added|add|run|deploy)', 'our', 'there (?:is|are)', 'this (?:design|infrastructure|setup|architecture)', 'the (?:design|infrastructure|setup|architecture) (?:has|uses|includes|contains)', '(?:is|are|was|were) (?:added|used|deployed|installed|placed)', 'consists? of', 'includes?', 'contains?');

/** The claims the prose makes about this design. */
export function claimsOf(prose: ProseAnalysis): Claim[] {
  const claims: Claim[] = [];
  for (const block of prose.blocks) {
    if (block.inIssuesSection) continue;
    // A heading states a fact ("A second load balancer, clustered"), unless it asks a question.
    if (block.kind === 'heading' && /\?\s*$/.test(block.text)) continue;
    for (const { plain } of clausesOf(block.text)) {
      if (ELSEWHERE.test(plain) || /\?\s*$/.test(plain)) continue;
      const where = { file: block.file, line: block.line };
      claims.push(...clauseClaims(plain, block, where));
    }
  }
  return claims;
}

function clauseClaims(plain: string, block: AnalysedBlock, where: Where): Claim[] {
  const claims: Claim[] = [];
  if (ONE_LB.test(plain) && !TWO_LBS.test(plain) && !NEGATED.test(plain)) claims.push({ kind: 'lb-count', n: 1, ...where });
  else if (TWO_LBS.test(plain) && !NEGATED.test(plain)) claims.push({ kind: 'lb-count', n: 2, ...where });
  if (CLUSTER.test(plain) && !OTHER_CLUSTER.test(plain) && !NEGATED.test(plain)) claims.push({ kind: 'cluster', ...where });
  if (ACTIVE_ACTIVE.test(plain)) claims.push({ kind: 'cluster-mode', mode: 'active-active', ...where });
  else if (ACTIVE_PASSIVE.test(plain) && !OTHER_CLUSTER.test(plain)) claims.push({ kind: 'cluster-mode', mode: 'active-passive', ...where });
  if (block.kind !== 'heading' && !LB_SCOPED.test(plain)) {
    for (const m of plain.matchAll(SERVER_COUNT)) {
      const tier = m[2];
      const role = !tier ? 'server' : tier === 'web' ? 'web-server' : tier === 'database' || tier === 'db' ? 'database' : 'app-server';
      claims.push({ kind: 'server-count', role, n: NUMBER[m[1]!] ?? Number(m[1]), ...where });
    }
  }
  const mentions = mentionsOf(plain);
  if (mentions.some((m) => m.topic === 'split') && !NEGATED.test(plain)) claims.push({ kind: 'own-servers', ...where });
  if (block.kind !== 'heading') {
    for (const m of mentions) {
      if (!CLAIMABLE.includes(m.topic) || NEGATED.test(plain.slice(Math.max(0, m.index - 30), m.index))) continue;
      // A web or application server named in a definition ("the application server runs code") is no claim about this design.
      if ((m.topic === 'web-server' || m.topic === 'app-server') && !STATES_DESIGN.test(plain)) continue;
      claims.push({ kind: 'component', role: m.topic, ...where });
    }
  }
  return claims;
}

const CLAIMABLE: readonly Topic[] = ['firewall', 'monitoring', 'database', 'web-server', 'app-server'];

/** The cluster mode the prose states, when it states exactly one (definitions of both say nothing). */
export function claimedClusterMode(claims: Claim[]): { mode: ClusterMode; at: Where } | null {
  const modes = claims.filter((c): c is Extract<Claim, { kind: 'cluster-mode' }> => c.kind === 'cluster-mode');
  const distinct = new Set(modes.map((c) => c.mode));
  return distinct.size === 1 ? { mode: modes[0]!.mode, at: modes[0]! } : null;
}

export { ACTIVE_ACTIVE, ACTIVE_PASSIVE };
