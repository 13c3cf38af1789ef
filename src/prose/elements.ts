/**
 * Which elements of the design a piece of prose speaks of, and where: the pair of load balancers,
 * the added server, the split, and the components the rest of the design is made of.
 */
import { cachedByString } from '../bounded-cache.js';
import { everyMatch } from '../every-match.js';
import {
  ADD_VERBS, ADDED_MODIFIERS, ADDED_MODIFIERS_AFTER, APP_SERVER_NAMES, CERTIFICATE_NAMES, CLUSTER_TERMS, DATABASE_NAMES, everyOf, FIREWALL_NAMES, LOAD_BALANCER_NAMES, MACHINE_NAMES,
  MONITORING_NAMES, NOT_SPLIT, OTHER_CLUSTERS, PAIR_MODIFIERS, SPLIT_PARTS, SPLIT_TERMS, WEB_SERVER_NAMES, anyOf,
} from './lexicon.js';

/** The elements prose can be about. The first three are task 3's additions. */
export type Topic =
  | 'lb-cluster' | 'added-server' | 'split'
  | 'server-pool' | 'load-balancer' | 'web-server' | 'app-server' | 'database' | 'firewall' | 'monitoring' | 'certificate';

export interface Mention {
  topic: Topic;
  /** Where it starts in the plain text. */
  index: number;
}

const LB = `(?:${LOAD_BALANCER_NAMES.join('|')})`;
const MACHINE = `(?:${MACHINE_NAMES.join('|')})`;
const TIER_WORD = '(?:web|app|application|database|db|data|my ?sql|nginx|gunicorn|haproxy|lbs?|balanc\\w*|proxy|monitoring|firewall)';
/** A component name that a modifier must not reach past: "a new web server" is no added server. */
const NOT_BEFORE_MACHINE = `(?<!\\b${TIER_WORD} )`;

const PATTERNS: [Topic, RegExp, RegExp?][] = [
  ['lb-cluster', everyOf(
    `(?:${PAIR_MODIFIERS.join('|')})(?: \\w+){0,2} ${LB}`,
    `${LB} ?(?:#|no |n° ?|numero |number )?(?:[0-9]|one|two|deux)`,
    `${LB}(?: \\w+){0,3} (?:pair|redundan\\w*|standby|passive|backup|secondary)`,
    `(?:${CLUSTER_TERMS.join('|')})`,
    '(?:the|a|an|our) (?:standby|passive|backup|secondary)(?: one| node| machine| balancer)?', 'la paire',
  ), /balanc|lb|haproxy|ha proxy|cluster|activ|keepalived|vrrp|heartbeat|fail|stand|floating|virtual|vip|grappe|basculement|ip |backup|secondary|paire|repartiteur|equilibr|passive/],
  ['added-server', everyOf(
    `(?:${ADDED_MODIFIERS.join('|')})(?: \\w+){0,1} ${NOT_BEFORE_MACHINE}${MACHINE}`,
    `${MACHINE} (?:${ADDED_MODIFIERS_AFTER.join('|')})`,
    `${MACHINE} (?:that |which )?(?:we|i|they) (?:have |had |just )?(?:added|ajoute\\w*)`,
    // "Server 3 was added", "Server 3 – added to...": a numbered server is the added one only when said so.
    `${MACHINE}(?: ?(?:#|no )?[0-9a-z]{1,2})? (?:(?:was|were|is|are|has been|have been|got|gets|est|a ete|sont) )?(?:just |newly |also |then )?(?:added|ajoute\\w*)`,
    `(?:${ADD_VERBS.join('|')})(?: also| then| now| just| aussi)? (?:a|an|one|1|another|two|2|a third|an extra|un|une|deux)(?: more| extra| additional| new| third| plus)? ${NOT_BEFORE_MACHINE}${MACHINE}`,
    '(?:1|one|un) (?:more |extra |additional |new )?(?:server|machine|serveur)(?= (?:is|was|has been|are|were) added| added|$)',
    '(?:two|2|deux) (?:more |extra |additional |new )?(?:servers|machines|serveurs) (?:are|were|have been|sont) (?:added|ajoutes)',
  ), /server|machine|host|box|node|instance|vm|droplet|serveur/],
  ['server-pool', everyOf('(?:web|app|application|back ?end) ?servers', '(?:two|2|several|multiple|many) (?:web|app|application) (?:servers|nodes|instances)')],
  ['load-balancer', everyOf(LB)],
  ['web-server', everyOf(...WEB_SERVER_NAMES)],
  ['app-server', everyOf(...APP_SERVER_NAMES)],
  ['database', everyOf(...DATABASE_NAMES)],
  ['firewall', everyOf(...FIREWALL_NAMES)],
  ['monitoring', everyOf(...MONITORING_NAMES, 'monitoring (?:client|agent|tool|system)s?')],
  ['certificate', everyOf(...CERTIFICATE_NAMES)],
];

const SPLIT = everyOf(...SPLIT_TERMS);
const SPLIT_PART = anyOf(...SPLIT_PARTS);
const NOT_A_SPLIT = everyOf(...NOT_SPLIT);
const OTHER_CLUSTER = anyOf(...OTHER_CLUSTERS);
const ORDINAL_ONE = /\b(?:(?:a|the|one) (second|2nd|other|backup|standby|third|3rd|fourth|4th|new|extra|additional) one|(two of them|both of them))\b/g;
const LB_NAME = anyOf(...LOAD_BALANCER_NAMES);
const MACHINE_NAME = anyOf(...MACHINE_NAMES);

/** A numbered server past the second: the added one, unless the prose lists servers 1 and 2 too. */
const NUMBERED_SERVER = new RegExp(`\\b${MACHINE} ?(?:#|no |n° ?|number |numero )?(?:[3-9]|three|c)\\b`, 'g');
const FIRST_SERVERS = [new RegExp(`\\b${MACHINE} ?(?:#|no )?(?:1|one|a)\\b`), new RegExp(`\\b${MACHINE} ?(?:#|no )?(?:2|two|b)\\b`)];

/** Whether a text numbers its servers from 1 ("Server 1", "Server 2", "Server 3"): then "Server 3" is one of three, not the added one. */
export function numbersServers(plain: string): boolean {
  return FIRST_SERVERS.every((p) => p.test(plain));
}

/**
 * Every element `plain` mentions, in order of position (a cluster mention is not also a load
 * balancer mention). `serversNumbered`: the document numbers its servers from 1 (see numbersServers);
 * `label`: the text is a label ("Split:"); `preceding`: the text just before it.
 */
export function mentionsOf(plain: string, serversNumbered = true, label = false, preceding = ''): readonly Mention[] {
  // The reader asks about the same clause several times (its head, its claims, web vs app): read it once,
  // keyed by the clause's own string. What comes before matters only to "a second one", "both of them".
  const ordinal = (plain.includes(' one') || plain.includes(' of them')) && ORDINAL_ONE.test(plain);
  ORDINAL_ONE.lastIndex = 0;
  const reading = textReading(plain);
  if (ordinal) return findMentions(plain, reading, serversNumbered, label, preceding);
  const way = (serversNumbered ? 1 : 0) + (label ? 2 : 0);
  return (reading.asked[way] ??= Object.freeze(findMentions(plain, reading, serversNumbered, label, '')));
}

/**
 * What a text names, read against each vocabulary once for every way it is asked about (a document
 * that numbers its servers or not, a label or not, the text before it): only which of the readings
 * count depends on those. One cache for them all: a reading per way and per vocabulary, each cached
 * on its own, made a new text cost five cache entries (each a copy of the text: see ownCopy) where
 * it now costs one.
 */
interface TextReading {
  /** The components named by the vocabulary of each (namedIn). */
  named: readonly Mention[];
  split: SplitReading;
  /** The mentions as asked for each way (serversNumbered + 2 * label), assembled on first ask: the one part of a reading filled in after it is made. */
  asked: (readonly Mention[] | undefined)[];
}

const textReading = cachedByString((plain: string): TextReading => ({ named: namedIn(plain), split: splitIn(plain), asked: [] }));

/** The mentions of a text, assembled from its reading. */
function findMentions(plain: string, reading: TextReading, serversNumbered: boolean, label: boolean, preceding: string): Mention[] {
  const mentions = [...reading.named];
  if (!serversNumbered) mentions.push(...numberedServersIn(plain));
  // "a second one", "a third one": the noun is the one named before.
  for (const m of everyMatch(ORDINAL_ONE, plain)) {
    // The noun may be in the sentence before: "... three servers instead of two. The new one was added because ...".
    const before = `${preceding} ${plain.slice(0, m.index)}`;
    const word = m[1] ?? m[2]!;
    if (/^(?:second|2nd|other|backup|standby|two of them|both of them)$/.test(word) && LB_NAME.test(before)) mentions.push({ topic: 'lb-cluster', index: m.index });
    if (/^(?:third|3rd|fourth|4th|new|extra|additional)$/.test(word) && MACHINE_NAME.test(before)) mentions.push({ topic: 'added-server', index: m.index });
  }
  // A label "Split:" names the split without naming its parts.
  const { split } = reading;
  if (split.parts || label) mentions.push(...(split.mentions ?? splitMentions(split.cleaned)));
  return mentions.sort((a, b) => a.index - b.index);
}

/** The components a text names by the vocabulary of each, in the vocabulary's order (a cluster mention is not also a load balancer mention). */
function namedIn(plain: string): readonly Mention[] {
  const mentions: Mention[] = [];
  const taken: [number, number][] = [];
  for (const [topic, pattern, needs] of PATTERNS) {
    // Most clauses name no load balancer or machine: a cheap test skips the costly patterns.
    if (needs && !needs.test(plain)) continue;
    for (const m of everyMatch(pattern, plain)) {
      const end = m.index + m[0].length;
      // "database cluster" is about the database; a load balancer inside a cluster mention is that mention.
      if (topic === 'lb-cluster' && /cluster/.test(m[0]) && OTHER_CLUSTER.test(plain.slice(Math.max(0, m.index - 20), end + 20))) continue;
      if (topic === 'load-balancer' && taken.some(([s, e]) => m.index < e && end > s)) continue;
      if (topic === 'lb-cluster' || topic === 'added-server') taken.push([m.index, end]);
      mentions.push({ topic, index: m.index });
    }
  }
  return Object.freeze(mentions);
}

/** Numbered servers past the second ("Server 3"): the added one, where the document does not number its servers from 1. */
function numberedServersIn(plain: string): Mention[] {
  return everyMatch(NUMBERED_SERVER, plain).map((m) => ({ topic: 'added-server', index: m.index }));
}

/**
 * The split as a text states it: its words outside what is no split ("split brain"), whether it names
 * parts of the stack to split, and then the split's mentions (a label names the split without them:
 * splitMentions reads them for it).
 */
interface SplitReading {
  cleaned: string;
  parts: boolean;
  mentions: readonly Mention[] | null;
}

function splitIn(plain: string): SplitReading {
  const cleaned = plain.replace(NOT_A_SPLIT, (s) => ' '.repeat(s.length));
  const parts = SPLIT_PART.test(cleaned);
  return Object.freeze({ cleaned, parts, mentions: parts ? Object.freeze(splitMentions(cleaned)) : null });
}

function splitMentions(cleaned: string): Mention[] {
  return everyMatch(SPLIT, cleaned).map((m) => ({ topic: 'split', index: m.index }));
}

export function topicsOf(plain: string, serversNumbered = true, label = false): Set<Topic> {
  return new Set(mentionsOf(plain, serversNumbered, label).map((m) => m.topic));
}

/** The elements whose explanation a rubric grades (task 3's additions). */
export const ADDITIONS: readonly Topic[] = ['lb-cluster', 'added-server', 'split'];
/** Parts of the stack a section about an addition may speak of without changing its subject. */
export const PARTS_OF: Partial<Record<Topic, readonly Topic[]>> = {
  'lb-cluster': ['load-balancer'],
  'added-server': ['web-server', 'app-server', 'database', 'server-pool', 'split'],
  split: ['web-server', 'app-server', 'database', 'server-pool', 'added-server'],
};
