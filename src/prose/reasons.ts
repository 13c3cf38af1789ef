/**
 * Whether a clause gives a reason, found by the shape of the sentence, not by a word in it: a
 * purpose ("added to give each tier its own machine", "so that"), a cause ("because"), a
 * consequence ("so there is no SPOF", "which means"), what an element makes possible ("lets each
 * part restart alone"), what it does to a quality or a problem ("removes the single point of
 * failure", "adds redundancy"), a failure and what survives it ("if HAProxy 1 dies, HAProxy 2 takes
 * over"), a counterfactual ("without it, one crash stops the site"), a need ("is needed because").
 * A quality named on its own ("scalability" in a heading) is no reason.
 */
import { cachedByString } from '../bounded-cache.js';
import { everyMatch, globalOf } from '../every-match.js';
import {
  anyOf, anyStartOf, APP_SERVER_NAMES, BEFORE_MARKERS, CAPACITY_PROBLEMS, CAUSE_MARKERS, CONDITION_MARKERS, CONSEQUENCE_MARKERS, CONTAINMENT, CONTINUITY, COUNTERFACTUAL_MARKERS,
  DATABASE_NAMES, EFFECT_VERBS, ENABLING_VERBS, FAILURE_PROBLEMS, FAILURES, FIREWALL_NAMES, GENERIC_STATEMENTS, GIVING_VERBS, HOLLOW_JUSTIFICATIONS, INDEPENDENCE, ISOLATION, LOAD_BALANCER_NAMES, MACHINE_NAMES,
  MONITORING_NAMES,
  MODALS, OUTAGE, NEED_MARKERS, NOW_MARKERS, PURPOSE_MARKERS, QUALITIES, REDUNDANCY_QUALITIES, ROLE_STATEMENTS, SECURITY_PROBLEMS, TASK_STATEMENT, WEB_SERVER_NAMES, WITH_IT,
} from './lexicon.js';

export type ReasonKind =
  | 'contrast' | 'purpose' | 'cause' | 'consequence' | 'enabling' | 'effect' | 'condition' | 'counterfactual' | 'problem' | 'need' | 'quality' | 'capability' | 'answer';

export interface Reason {
  kind: ReasonKind;
  /** The reason opens the clause and what it explains follows: "That is why a second HAProxy was added". */
  opens?: true;
  /** Where the reason starts in the clause: what stands before it is what it explains. */
  index: number;
  /**
   * The reason speaks of its whole clause: a failure and what survives it, a problem, a
   * counterfactual ("If HAProxy 1 dies, HAProxy 2 takes over" explains both load balancers).
   */
  whole: boolean;
  /** The reason is about surviving a failure (what a second machine gives), not about sharing load or speed. */
  redundancy: boolean;
  /** What the failure it speaks of befalls: a load balancer, another component, or nothing named. */
  failing: 'load-balancer' | 'other' | null;
  /** An answer under a why-label that only says the element stands apart ("Why separated: on its own"). */
  byIsolation?: true;
}

// Read only for whether and where they match (test, at): anyStartOf, which compiles smaller than anyOf
// (src/vocabulary.ts). FAILURE is read for the text it matched too (outageAfter, failureCosts): anyOf.
// TASK, ISOLATED and FAILURE_WORD stay anyOf: other modules compile the same anyOf, which V8 compiles once.
const PURPOSE = anyOf(...PURPOSE_MARKERS);
const CAUSE = anyOf(...CAUSE_MARKERS);
const CONSEQUENCE = anyStartOf(...CONSEQUENCE_MARKERS);
// "so" as a conjunction ("..., so neither one gets swamped"), not "do so", "so far", "so many".
// The words set aside are whole words: "so one box fails", "so only one server answers" are conjunctions ("so on" is not).
const SO_CLAUSE = /(?<!\b(?:do|did|does|doing|is|are|was|were|be|been|not|or|and) )\bso (?!(?:far|on|called|much|many|long|as|to|well|too|good|easy|important)\b)(?=\w)/;
const ENABLING = anyStartOf(...ENABLING_VERBS);
const EFFECT = anyStartOf(...EFFECT_VERBS);
const CONDITION = anyOf(...CONDITION_MARKERS);
const FAILURE = anyOf(...FAILURES);
const CONTINUES = anyStartOf(...CONTINUITY);
const OUTAGE_OF = anyStartOf(...OUTAGE);
const COUNTERFACTUAL = anyStartOf(...COUNTERFACTUAL_MARKERS);
// "Otherwise anyone on the café wifi could read the forms": what happens without the element, whatever follows.
const STRONG_COUNTERFACTUAL = anyOf('no longer', 'not anymore', 'otherwise', 'or else', 'sinon', 'ne \\w+ plus', 'n \\w+ plus', '(?:instead of|rather than|au lieu de|plutot que) (?:shar|mix|cohabit|partag|melang)\\w*');
const HYPOTHETICAL = anyOf('would', 'could not', 'couldn t', 'cannot', 'can t', 'will not', 'won t', '(?:ser|pourr|devr|aur)(?:ait|aient)');
const FAILURE_PROBLEM = anyStartOf(...FAILURE_PROBLEMS);
const PROBLEM = anyStartOf(...FAILURE_PROBLEMS, ...CAPACITY_PROBLEMS, ...SECURITY_PROBLEMS);
const NEGATED_FAILURE = /\b(?:never|not|no longer|doesn t|does not|won t|will not|don t|do not) (?:\w+ )?(?:stops?|go(?:es)? down|fails?|falls?|breaks?|crash\w*|dies?)\s*$/;
// The negation is the clause's own: "no redundancy, so when it fails" negates the redundancy, not the condition.
const NEGATED_BEFORE = /\b(?:not|never|no|doesn t|don t|isn t|won t|cannot|can t)(?: (?!(?:so|and|but|because|therefore|thus)\b)\w+){0,2}\s*$/;
const NEED = anyStartOf(...NEED_MARKERS);
const QUALITY = `(?:${QUALITIES.join('|')})`;
const ANY_QUALITY = anyOf(QUALITY);
/**
 * Where a clause aims at a quality: "for better availability", "adds redundancy", "more capacity", "for
 * monitoring purposes", "uptime is improved". Read for where it starts alone (at(), never the text
 * matched), so each opening looks ahead at the quality instead of matching it: V8 compiles what follows
 * an alternation once for each of its words, and the quality vocabulary after three lists of openings
 * was 417 KB of bytecode in the startup snapshot (84 KB so). Same starts as the plain alternation
 * (`(?:A|B) Q`): test/unit/lexicon-patterns.test.ts holds them equal.
 */
export const AIMED_QUALITY = new RegExp(`\\b(?:${[
  `(?:${[
    '(?:for|pour|toward|towards) (?:(?:the|a|an|better|more|higher|greater|extra|added|la|une|plus de|meilleure?) )?',
    `(?:${GIVING_VERBS.join('|')})(?: \\w+){0,3} `,
    '(?:better|more|higher|greater|improved|increased|extra|added|meilleure?|plus de) ',
  ].join('|')})(?=${QUALITY}\\b)`,
  'for (?:\\w+ ){1,3}purposes?\\b',
  `(?=${QUALITY} (?:is|are|gets?|becomes?) (?:better|higher|improved|increased|guaranteed|ensured)\\b)`,
].join('|')})`);
const REDUNDANCY = anyOf(...REDUNDANCY_QUALITIES);
const CAPABILITY = anyStartOf(...INDEPENDENCE);
const MODAL = anyOf(...MODALS);
const RESULT_FIRST = /^(?:that is why|this is why|which is why|that s why|c est pourquoi|voila pourquoi)\b/;
const WITH_IT_FIRST = new RegExp(`^(?:${WITH_IT.join('|')})\\b`);
const ROLE = anyOf(...ROLE_STATEMENTS);
const BEFORE = anyOf(...BEFORE_MARKERS);
const NOW = anyOf(...NOW_MARKERS);
const CONTAINED = anyStartOf(...CONTAINMENT);
const ISOLATED = anyOf(...ISOLATION);
const TASK = anyOf(...TASK_STATEMENT);
const GENERIC = anyStartOf(...GENERIC_STATEMENTS);
const HOLLOW = anyStartOf(...HOLLOW_JUSTIFICATIONS);
// Reasons that only restate the task's title: "this lets us scale up".
const ONLY_THE_TASK = /^(?:\S+ ){0,4}scal\w*(?: up| out)?(?: (?:the|our|this|my) \w+)?[.!]?$/;

// "to + verb": the word after "to" is a verb when it is none of these, and "to" follows no verb of motion.
const NOT_A_VERB = new Set(
  ('the a an each every all both its their his her our your my this that these those one two three four any some another other more many much it them us him me you '
    + 'port ports http https ip disk memory traffic internet network backend frontend production users clients visitors ssl tls dns www date scale point end '
    + 'server servers machine machines host hosts database databases db nginx haproxy gunicorn mysql web app application load lb lbs node nodes '
    + 'le la les l un une des du chaque ce cette ces son sa ses leur leurs notre nos votre vos tout tous toute toutes plus').split(' '),
);
const MOTION_BEFORE_TO = /\b(?:from|up|due|according|next|close|similar|compared|access|connections?|requests?|traffic|routes?|routed|routing|forward\w*|sends?|sent|sending|redirect\w*|point\w*|connect\w*|goes|go|going|went|pass\w*|prox\w*|respond\w*|repl\w*|return\w*|talks?|talking|listen\w*|belongs?|linked|attached|related|relative|opposed|prior|exposed|open|closed|calls?|writes?|reads?|delivers?|delivered|distribut\w*|spread\w*|dispatch\w*|send|mapped|maps?|resolv\w*|switch\w*|moved?|migrat\w*|added|add|adding|assigned|dedicated|specific|unique|limited|restricted|visible|available|known|equal|identical|near|addition|thanks|in|out)$/;
const COMPONENT_WORD = anyOf(...LOAD_BALANCER_NAMES, ...WEB_SERVER_NAMES, ...APP_SERVER_NAMES, ...DATABASE_NAMES, ...MACHINE_NAMES);
/** A component or a service named right after "to": "ships the logs to Sumo Logic" is a destination. */
const COMPONENT_NEXT = new RegExp(`^(?:${[...LOAD_BALANCER_NAMES, ...WEB_SERVER_NAMES, ...APP_SERVER_NAMES, ...DATABASE_NAMES, ...MONITORING_NAMES, ...FIREWALL_NAMES].join('|')})\\b`);

/** Where a purpose infinitive ("to give", "to avoid") starts in `plain`, or -1. */
export function purposeInfinitive(plain: string): number {
  for (const m of everyMatch(/\b(?:to|pour) (\w+)/g, plain)) {
    const word = m[1]!;
    const before = plain.slice(0, m.index).trimEnd();
    if (MOTION_BEFORE_TO.test(before) && !/\b(?:added|add|adding)$/.test(before)) continue;
    // "It has to be renewed" is an obligation, "a user wants to access the site" a wish, not a purpose.
    if (/\b(?:has|have|had|having|ought|got|going|wants?|wanted|wanting|tries|try|tried|trying|likes?|would like)$/.test(before)) continue;
    // "two servers used to do all the work" is a past habit, "is used to serve" a purpose.
    if (/\bused$/.test(before) && !/\b(?:is|are|was|were|be|been|being)(?: \w+)? used$/.test(before)) continue;
    // "to host" is a verb however often "host" is a noun.
    if (word !== 'host' && (NOT_A_VERB.has(word) || /^\d/.test(word) || COMPONENT_WORD.test(word) || COMPONENT_NEXT.test(plain.slice(m.index + m[0].length - word.length)))) continue;
    if (/(?:[^s]s|tion|ment|ness|ity|ance|ence|ers)$/.test(word) && !/^(?:focus|access|process|address|pass|bypass|miss)$/.test(word)) continue;
    // "added to the cluster": "added to" + noun is a place; "added to give" is a purpose.
    if (/\b(?:added|add|adding)$/.test(before) && NOT_A_VERB.has(word)) continue;
    return m.index;
  }
  return -1;
}

const FAILURE_WORD = anyOf(...FAILURES, ...FAILURE_PROBLEMS);
// Global: every mention before the failure is walked to find the last one.
const LOAD_BALANCER_ALL = new RegExp(anyOf(...LOAD_BALANCER_NAMES).source, 'g');
const OTHER_COMPONENT_ALL = new RegExp(anyOf(...WEB_SERVER_NAMES, ...APP_SERVER_NAMES, ...DATABASE_NAMES, ...MACHINE_NAMES).source, 'g');

/** The component named last before the first failure of a clause: "if the load balancer fails" -> load balancer; "a server failure" -> other. */
function failingIn(plain: string): Reason['failing'] {
  const failure = FAILURE_WORD.exec(plain);
  if (!failure) return null;
  const before = plain.slice(0, failure.index);
  const lastOf = (pattern: RegExp) => Math.max(-1, ...everyMatch(pattern, before).map((m) => m.index));
  const lb = lastOf(LOAD_BALANCER_ALL);
  const other = lastOf(OTHER_COMPONENT_ALL);
  if (lb < 0 && other < 0) return null;
  return lb > other ? 'load-balancer' : 'other';
}

const FAILURE_ALL = new RegExp(FAILURE.source, 'g');
const COMPONENT_ALL = new RegExp(anyOf(...LOAD_BALANCER_NAMES, ...WEB_SERVER_NAMES, ...APP_SERVER_NAMES, ...DATABASE_NAMES, ...MACHINE_NAMES).source, 'g');
// "that box", "this machine": a reference back to the component named before, not another one.
const REFERENCE_BEFORE = /\b(?:that|this|the same|its|the said) $/;

/**
 * Whether a clause tells what the failure of one of `failing` costs the users: a failure of the
 * component named last before it (a machine word right after a name, "the HAProxy machine", or after
 * "that", "this", is that component), then the service lost: "the day HAProxy crashes the site is
 * down", "HAProxy is alone, if that box dies nobody reaches any server". "If one server dies, HAProxy
 * sends the traffic to the other" loses a server and nothing of the service.
 */
export function failureCosts(plain: string, failing: RegExp): boolean {
  for (const failure of everyMatch(FAILURE_ALL, plain)) {
    const before = plain.slice(0, failure.index);
    // The components named before it, the question's own among them ("the primary"), in order.
    const mentions = [...everyMatch(COMPONENT_ALL, before), ...everyMatch(globalOf(failing), before)]
      .map((m) => ({ start: m.index, end: m.index + m[0].length }))
      .sort((a, b) => a.start - b.start);
    let named: { start: number; end: number } | null = null;
    for (const m of mentions) {
      if (named !== null && m.start < named.end) continue;
      const joined = named !== null && (/^ ?$/.test(before.slice(named.end, m.start)) || REFERENCE_BEFORE.test(before.slice(0, m.start)));
      if (!joined) named = m;
    }
    if (!named || !failing.test(plain.slice(named.start, named.end))) continue;
    if (NEGATED_BEFORE.test(before)) continue;
    if (OUTAGE_OF.test(plain.slice(failure.index + failure[0].length))) return true;
  }
  return false;
}

/**
 * The reason `plain` gives, or null. `why` is true under a label that asks why ("Why:", "Benefits").
 * A clause is asked about several times (its own reason, its list's, its sentence's): read once, and
 * the reason returned is shared, so callers copy it to change it.
 */
export function reasonIn(plain: string, why = false): Reason | null {
  return why ? readReasonWhy(plain) : readReason(plain).reason;
}

/**
 * A clause's reason as read without a label asking why, and whether the clause went through every
 * shape of reason without one: only then does a label that asks why change the answer (a quality,
 * a problem or standing apart answers it). The shapes are read once per clause for both.
 */
interface ReasonRead {
  reason: Reason | null;
  /** No shape of reason found, and nothing ruled the clause out: under a why-label, an answer may still be. */
  open: boolean;
  redundancy: boolean;
}

// Keyed by the clause's own string (no key built per call: V8 keeps a string's hash once computed).
const readReason = cachedByString(findReason);
const readReasonWhy = cachedByString((plain: string): Reason | null => {
  const { reason, open, redundancy } = readReason(plain);
  return open ? whyAnswer(plain, redundancy) : reason;
});

/** Under "Why:" or "Benefits", a quality is the answer. */
function whyAnswer(plain: string, redundancy: boolean): Reason | null {
  const answer = (): Reason => ({ kind: 'answer', index: 0, whole: true, redundancy, failing: failingIn(plain) });
  if (ANY_QUALITY.test(plain) || redundancy || PROBLEM.test(plain) || OUTAGE_OF.test(plain)) return answer();
  if (ISOLATED.test(plain)) return { ...answer(), byIsolation: true };
  return null;
}

const NO_REASON: ReasonRead = Object.freeze({ reason: null, open: false, redundancy: false });

function findReason(plain: string): ReasonRead {
  if (TASK.test(plain) || GENERIC.test(plain)) return NO_REASON;
  const redundancy = REDUNDANCY.test(plain) || FAILURE.test(plain) || CONTINUES.test(plain) || FAILURE_PROBLEM.test(plain);
  // "because a distributed design is better and more professional", "because master-slave is the standard way": praise or
  // convention with nothing the element makes possible or prevents is no reason.
  if (HOLLOW.test(plain) && !redundancy && !ANY_QUALITY.test(plain) && !PROBLEM.test(plain) && !OUTAGE_OF.test(plain) && !CAPABILITY.test(plain) && !ENABLING.test(plain)) return NO_REASON;
  const closed = (reason: Reason | null): ReasonRead => ({ reason: reason && Object.freeze(reason), open: false, redundancy });
  const found = (kind: ReasonKind, index: number, whole = false): Reason | null => {
    // "This lets us scale up": the task's title is not a reason.
    if (!whole && ONLY_THE_TASK.test(plain.slice(index))) return null;
    return { kind, index, whole, redundancy, failing: failingIn(plain) };
  };
  const at = (pattern: RegExp) => pattern.exec(plain)?.index ?? -1;

  // A failure and what survives it, or what it costs: about every element of the clause.
  const condition = at(CONDITION);
  const continues = at(CONTINUES);
  // "HAProxy 2 does not take over when HAProxy 1 fails" says what does not happen.
  // "The traffic never stops when one fails" denies the failure, not the take-over.
  const negated = (index: number) => index > 0 && NEGATED_BEFORE.test(plain.slice(0, index)) && !NEGATED_FAILURE.test(plain.slice(0, index));
  if (negated(continues) || negated(condition)) return NO_REASON;
  const counterfactual = at(COUNTERFACTUAL);
  // A failure and what survives it, a counterfactual, a problem: about every element of the clause.
  // What the service loses after a failure or a condition: "if it loses power, nobody can load the site", "a crash stops the whole website".
  const failure = at(FAILURE);
  const outageAfter = (index: number) => {
    if (index < 0) return false;
    const m = FAILURE.exec(plain.slice(index));
    const from = index + (m ? m.index + m[0].length : 0);
    return OUTAGE_OF.test(plain.slice(from));
  };
  const whole: [ReasonKind, number][] = [
    ['condition', condition >= 0 && (FAILURE.test(plain.slice(condition)) || continues >= 0 || outageAfter(condition)) ? condition : -1],
    ['consequence', outageAfter(failure) ? failure : -1],
    ['condition', continues],
    ['counterfactual', counterfactual >= 0 && (STRONG_COUNTERFACTUAL.test(plain) || FAILURE.test(plain) || PROBLEM.test(plain) || HYPOTHETICAL.test(plain)) ? counterfactual : -1],
    ['problem', at(PROBLEM)],
    ['consequence', at(CONTAINED)],
    // The old design against this one: "where two servers used to do all the work, a third one now shares it".
    ['contrast', BEFORE.test(plain) && NOW.test(plain) && at(BEFORE) < at(NOW) ? at(NOW) : -1],
  ];
  // "That is why a second HAProxy was added": the reason was the sentence before, the element follows.
  if (RESULT_FIRST.test(plain)) return closed({ ...found('consequence', 0)!, opens: true });
  // "With it, the database finally has its own machine": what the element before brings.
  if (WITH_IT_FIRST.test(plain)) return closed(found('consequence', 0));

  const candidates: [ReasonKind, number][] = [
    ['purpose', at(PURPOSE)],
    ['purpose', purposeInfinitive(plain)],
    ['cause', at(CAUSE)],
    ['consequence', Math.max(at(CONSEQUENCE), -1)],
    ['consequence', at(SO_CLAUSE)],
    ['enabling', at(ENABLING)],
    ['effect', at(EFFECT)],
    ['quality', at(AIMED_QUALITY)],
    // What the change makes possible: "each tier can be scaled independently", "app servers can scale horizontally".
    ['capability', CAPABILITY.test(plain) && (MODAL.test(plain) || /\bindependent|independamment\b/.test(plain)) ? at(CAPABILITY) : -1],
    ['capability', MODAL.test(plain) && REDUNDANCY.test(plain) ? at(MODAL) : -1],
  ];
  // A gerund opening the clause is its subject, not its verb: "Keeping MySQL on its own box means ...".
  const opensWithGerund = /^\w+ing\b/.test(plain);
  const usable = candidates.filter(([kind, index]) => index > 0 || (index === 0 && !(opensWithGerund && (kind === 'effect' || kind === 'enabling'))));
  // "The site needs a third server": what is needed is after the need.
  const need = at(NEED);
  // The first reason of the sentence starts it: "We add one server because two servers are not enough to put each component alone".
  const first = [...whole.filter(([, i]) => i >= 0).map(([k, i]) => [k, i, true] as const), ...usable.map(([k, i]) => [k, i, false] as const), ...(need >= 0 ? [['need', need, true] as const] : [])]
    .sort((a, b) => a[1] - b[1] || Number(b[2]) - Number(a[2]))[0];
  // "Acts as the web server to handle requests": the purpose of a role is what the role does.
  if (first && first[0] === 'purpose' && ROLE.test(plain.slice(0, first[1]))) return NO_REASON;
  if (first) return closed(found(first[0], first[1], first[2]));
  return { reason: null, open: true, redundancy };
}
