/**
 * The words and sentences of the explanation questions (see questions.ts): rubric terms compiled to
 * patterns over plain text, and sentences as the question reader reads them (a table row cell by
 * cell, a product's name read as no statement, the task's own questions recognised).
 */
import { cachedByObject, cachedByString } from '../bounded-cache.js';
import { everyMatch, globalOf } from '../every-match.js';
import type { AnalysedBlock } from './analyze-prose.js';
import {
  anyOf, APP_SERVER_NAMES, CAPACITY_PROBLEMS, LOAD_SHARING, PLAIN_TRAFFIC, CERTIFICATE_NAMES, DATABASE_NAMES, DENIED_ISSUES, everyOf, FIREWALL_NAMES, LOAD_BALANCER_NAMES, MACHINE_NAMES, MONITORING_NAMES, NEGATIONS, OUTAGE,
  DESIGN_KINDS, PRODUCT_NAMES, STANDBY_BEHAVIOUR, TASK_STATEMENT, WEB_SERVER_NAMES,
} from './lexicon.js';
import { reasonIn } from './reasons.js';
import { clausesOf, cutOf, hasFiniteVerb, proseText, type Clause } from './sentences.js';

/** Vocabularies a rubric may name with `@name`. */
const VOCABULARIES: Record<string, readonly string[]> = {
  'load-balancer': LOAD_BALANCER_NAMES,
  'web-server': WEB_SERVER_NAMES,
  'app-server': APP_SERVER_NAMES,
  database: DATABASE_NAMES,
  firewall: FIREWALL_NAMES,
  monitoring: MONITORING_NAMES,
  certificate: CERTIFICATE_NAMES,
  server: MACHINE_NAMES,
  negation: NEGATIONS,
  outage: OUTAGE,
  overload: CAPACITY_PROBLEMS,
  standby: STANDBY_BEHAVIOUR,
  'denied-issue': DENIED_ISSUES,
  'load-sharing': LOAD_SHARING,
  'plain-traffic': PLAIN_TRAFFIC,
};

export const VOCABULARY_NAMES: readonly string[] = Object.keys(VOCABULARIES);

/**
 * The spelling slips students make in common words, tolerated in every term (a defined matcher, not
 * a list of misspellings): a doubled consonant written single in a word of five letters or more
 * ("trafic", "adress", "firewal", "acording", "conection"), a "n't" written without its
 * apostrophe ("cant", "dont", "doesnt", "isnt"), and "cannot" written any of its ways ("can not",
 * "can't", "cant"). A term's source is rewritten so that every spelling matches.
 */
export function tolerant(source: string): string {
  // Letters after a backslash belong to an escape ("\\w", "\\b"), not to a word.
  return source
    .replace(/(?<![\\a-z])can(?:not| t)(?![a-z])/g, 'can(?:not| not| ?t)')
    .replace(/(?<![\\a-z])[a-z]{5,}/g, (word) => word.replace(/([b-df-hj-np-tv-z])\1/g, '$1$1?'))
    .replace(/n t(?![a-z])/g, 'n ?t');
}

/** A rubric term as a pattern source: a phrase whose words may end with `*` or be a vocabulary (`@server`, "second @server"). */
function termSource(term: string): string {
  return tolerant(termSourceAsWritten(term));
}

function termSourceAsWritten(term: string): string {
  return term
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .map((word) => {
      if (!word.startsWith('@')) return word.split('*').map((piece) => piece.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('\\w*');
      const words = VOCABULARIES[word.slice(1)];
      if (!words) throw new Error(`unknown vocabulary "${word}" (known: ${VOCABULARY_NAMES.map((n) => `@${n}`).join(', ')})`);
      return `(?:${words.join('|')})`;
    })
    .join(' ');
}

/**
 * Terms compiled once per distinct list: a rubric's questions are read for every student. A list is
 * found first by its identity (a rubric's lists are read-only data, asked of for every sentence of
 * every student), so that no key is joined from its terms per call; a list not seen before, by its
 * terms (equal lists share one pattern, and what is kept under it).
 */
const compiledByTerms = new Map<string, RegExp>();

export const termsPattern = cachedByObject((terms: readonly string[]): RegExp => {
  const key = terms.join('\u0000');
  let pattern = compiledByTerms.get(key);
  if (!pattern) {
    pattern = new RegExp(`\\b(?:${terms.map(termSource).join('|')})\\b`);
    compiledByTerms.set(key, pattern);
  }
  return pattern;
});

/** Every match of a pattern: where each starts and ends. */
export function matchesOf(pattern: RegExp, plain: string): { start: number; end: number }[] {
  return everyMatch(globalOf(pattern), plain).map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/** A sentence as read: as written, plain text, and whether it asks rather than states. */
export interface ReadSentence {
  raw: string;
  plain: string;
  asks: boolean;
  /** Its clauses as cut with the text it stands in (cutOf), when it was read from one: see clausesReadOf. */
  cut?: readonly Clause[];
}

// A product's name is no statement: "a certificate from Let's Encrypt" encrypts nothing.
const sentencesRead = cachedByString((text: string): readonly ReadSentence[] =>
  Object.freeze(cutOf(text).map(({ raw, clauses }) => ({ raw, plain: plainOf(raw), asks: asks(raw), cut: clauses }))),
);
const PRODUCTS = everyOf(...PRODUCT_NAMES);
const DESIGN_KIND = everyOf(...DESIGN_KINDS);

export function plainOf(raw: string): string {
  // An ellipsis is no part of a word: "the 1st, 3rd, 5th... request" reads "5 th request".
  // Nor is the name of a kind of design: "a distributed infrastructure is better" distributes nothing.
  return proseText(raw).replace(PRODUCTS, 'product').replace(DESIGN_KIND, 'design').replace(/ ?\.{2,} ?/g, ' ').trim();
}

/**
 * The clauses of a sentence, as written and in plain text: "the primary takes the writes; the replica
 * is read-only"; a relative clause apart ("...to the application server, which runs the code").
 */
export const clausesRead = cachedByString((raw: string): readonly { raw: string; plain: string }[] => readClauses(clausesOf(raw)));

/**
 * clausesRead for a sentence read from a text, from the clauses its text was cut in (a sentence cut
 * again on its own gives the same clauses: sentencesOf finds no other sentence in one of its own).
 */
export function clausesReadOf(sentence: ReadSentence): readonly { raw: string; plain: string }[] {
  return sentence.cut ? clausesOfCut(sentence) : clausesRead(sentence.raw);
}
const clausesOfCut = cachedByObject((sentence: ReadSentence) => readClauses(sentence.cut!));

function readClauses(cut: readonly Clause[]): readonly { raw: string; plain: string }[] {
  return Object.freeze(cut.flatMap((c) => relativesOf(c.raw)).map((r) => ({ raw: r, plain: plainOf(r) })));
}

const RELATIVE_OPENING = /,\s+(?=(?:which|who|qui)\s)/i;
const RELATIVE_OPENINGS = new RegExp(RELATIVE_OPENING.source, 'gi');

/**
 * A clause cut around ", which ..." / ", who ..." outside brackets: the relative runs to its next comma,
 * where the main clause may go on ("Unlike Nginx, which only hands out files, the app server runs the code").
 */
function relativesOf(raw: string): string[] {
  // Most clauses hold no relative: read once for it, not cut.
  if (!RELATIVE_OPENING.test(raw)) return raw.trim() ? [raw] : [];
  const parts: string[] = [];
  let start = 0;
  for (const m of everyMatch(RELATIVE_OPENINGS, raw)) {
    if (m.index < start) continue;
    const before = raw.slice(0, m.index);
    if ((before.match(/\(/g)?.length ?? 0) !== (before.match(/\)/g)?.length ?? 0)) continue;
    const from = m.index + m[0].length;
    const comma = raw.slice(from).search(/,\s/);
    const end = comma < 0 ? raw.length : from + comma;
    if (!hasFiniteVerb(proseText(raw.slice(from, end)))) continue;
    parts.push(raw.slice(start, m.index), raw.slice(from, end));
    start = comma < 0 ? raw.length : end + 1;
  }
  parts.push(raw.slice(start));
  return parts.filter((p) => p.trim());
}

/** An interrogative opening: "What distribution algorithm your load balancer is configured with". */
const INTERROGATIVE = /^(?:what|how|why|where|whether|(?:is|are|does|do) (?:your|you)|quel\w*|comment|pourquoi|est ce)\b/;
const TASK = anyOf(...TASK_STATEMENT);

/**
 * A sentence that asks rather than answers: it ends with a question mark, or opens like a question
 * and gives no answer after a colon (the task's questions copied without "?"), or speaks of the task.
 */
export function asks(raw: string): boolean {
  if (/\?\s*$/.test(raw)) return true;
  const plain = proseText(raw);
  if (TASK.test(plain)) return true;
  return INTERROGATIVE.test(plain) && !/[:=–—]\s*\S|\s-\s*\S/.test(raw) && !freeRelative(plain);
}

/**
 * "What goes between the browser and the site is scrambled, so eavesdroppers get gibberish": an
 * interrogative word opening the subject of a statement, which goes on to its cause or consequence
 * (a question copied from the task gives none).
 */
function freeRelative(plain: string): boolean {
  const reason = reasonIn(plain);
  return reason !== null && (reason.kind === 'cause' || reason.kind === 'consequence') && /^(?:what|how)\b/.test(plain);
}

/** The sentences of a block: a table row's cell by cell (a cell is read under its row's first cell and its column's header). */
export function sentencesOfBlock(block: AnalysedBlock): { sentence: ReadSentence; cell: number }[] {
  if (block.kind === 'table-row' && block.cells) return block.cells.flatMap((cell, k) => sentencesRead(cell).map((sentence) => ({ sentence, cell: k })));
  return sentencesRead(block.text).map((sentence) => ({ sentence, cell: -1 }));
}

/** "not", "rather than", "whereas" just before a word: the sentence sets it aside (or contrasts it with what it states). */
export const SET_ASIDE = new RegExp(`\\b(?:${[
  ...NEGATIONS, 'rather than', 'instead of', 'unlike', 'whereas', 'while', 'compared to', 'as opposed to', 'contrary to', 'in contrast to', 'pas', 'non', 'plutot que', 'au lieu d\\w*',
  'alors que', 'tandis que', 'contrairement a',
].join('|')})(?: \\w+){0,2} $`);

/** "Active-Active: both servers..." or "**Active-Passive** - one waits": a label that the rest of the sentence speaks of. */
export const LEADING_LABEL = /^\W*([^:.!?\n]{1,60}?)\W*(?::|\s[-–—=]\s)/;
/** What every leading label ends with. */
const LABEL_END = /:|\s[-–—=]\s/;

/** The label a sentence opens with, when it has one, in plain text. "It is Active-Active: ..." states before its colon: a label names, it does not say. */
export function labelOf(raw: string): string | null {
  // Most sentences have no colon nor spaced dash: LEADING_LABEL, which tries every length of label, is not run on them.
  if (!LABEL_END.test(raw)) return null;
  const m = LEADING_LABEL.exec(raw);
  const label = m && m[1]!.trim().split(/\s+/).length <= 6 ? proseText(m[1]!) : null;
  return label !== null && !hasFiniteVerb(label) ? label : null;
}
