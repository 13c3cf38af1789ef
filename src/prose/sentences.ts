import { cachedByString } from '../bounded-cache.js';
import { normalise } from '../graph/roles.js';
import { APP_SERVER_NAMES, DATABASE_NAMES, LOAD_BALANCER_NAMES, MACHINE_NAMES, WEB_SERVER_NAMES } from './lexicon.js';

/**
 * Sentences and clauses, cut on the text as the student wrote it (its full stops, semicolons and
 * commas), before normalisation turns punctuation into spaces.
 */
export interface Clause {
  /** The clause as written. */
  raw: string;
  /** Normalised, without accents (see plainText): what the vocabulary is matched against. */
  plain: string;
  /** Index of its sentence within the text. */
  sentence: number;
}

/** Normalised text without accents or typographic apostrophes: "Répartiteur d’équilibre" -> "repartiteur d equilibre". */
export const plainText = cachedByString(readPlainText);

// normalise, not normaliseText: plainText keeps its own result, and a text it has not seen was
// almost never in normaliseText's cache either (99% of these asks missed, each a copy of the text
// for nothing: see ownCopy).
function readPlainText(text: string): string {
  return withoutAccents(normalise(text.includes('\u2019') ? text.replace(/\u2019/g, "'") : text));
}

/** "Répartiteur" -> "Repartiteur". Accents only matter to French: ASCII text skips the Unicode decomposition. */
export function withoutAccents(text: string): string {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return text;
}

// Abbreviations whose full stop ends no sentence.
const ABBREVIATION = /\b(?:e\.g|i\.e|etc|vs|ex|cf|approx|no|fig|incl|resp|p\.ex)\.$/i;
// Coordinators that may join two independent clauses: "X does A; it does B", "X is passive, but it ...".
// "Nginx serves files and Gunicorn runs code": "and" before a component named as the next subject; "A: x / B: y" pairs.
const COMPONENT = [...LOAD_BALANCER_NAMES, ...WEB_SERVER_NAMES, ...APP_SERVER_NAMES, ...DATABASE_NAMES].join('|');
// An alternative that starts with spaces is tried only where a run of spaces starts (`(?<!\s)`):
// it matches there or nowhere in the run, and trying it from every space of a long run was quadratic.
const COORDINATOR = new RegExp(
  `(?<!\\s)\\s*;\\s*|,?(?<!\\s)\\s+(?:but|while|whereas|whilst|mais|tandis que|alors que)\\s+|,\\s+and\\s+|(?<!\\s)\\s+(?:and|et)\\s+(?=(?:it|they|this|the|each|every|its|their|il|elle|le|la|${COMPONENT})\\b)|(?<!\\s)\\s+\\/\\s+(?=[^/:=]{1,40}(?::|=|->|→))`,
  'gi',
);
// A finite verb: what tells an independent clause ("SPOFs have been removed") from a list item.
const FINITE = new RegExp(`\\b(?:${[
  'is|are|was|were|has|have|had|will|would|can|could|should|may|might|must|does|do|did',
  'runs|hosts|handles|serves|listens|takes|keeps|sends|forwards|receives|stores|manages|processes|distributes|checks|monitors|executes|provides|makes',
  'lets|allows|removes|becomes|gets|goes|stays|works|needs|requires|uses|contains|holds|talks|answers|dies|fails|crashes',
  'generates|renders|builds|creates|produces|computes|delivers|connects|communicates|queries|reads|writes|returns|accepts|balances|spreads|routes',
  'caches|terminates|encrypts|protects|blocks|filters|collects|watches|replicates|syncs|sits|lives|saves|gives|ensures',
  'est|sont|ont|peut|peuvent|sera|seront|gere|sert|execute|envoie|recoit|permet',
].join('|')})\\b`, 'i');

/** Whether a plain text states something (has a finite verb), rather than naming it: "SPOF (single point of failure)" does not. */
export function hasFiniteVerb(plain: string): boolean {
  return FINITE.test(plain) || NEGATED_FINITE.test(plain);
}
// Negated forms and verbs of consequence the clause splitter does not need (it only tells clauses from list items):
// "deploying means restarting", "it restarts the services", "redundancy comes with a cost", "they compete for memory".
// Never a word that is also a noun (points, costs, shares, result, need): "Single points of failure" names, it does not state.
const NEGATED_FINITE = /\b(?:cannot|can t|won t|don t|doesn t|isn t|aren t|wasn t|couldn t|lacks|ne peut|n est|caused|require|required|led|mean|means|happens|occurs|exceeds|affects|become|go|fail|crash|comes|restarts|compete|competes|translates|resolves|get|brings|kills|causes|requires|overloads|overwhelms|slows|loses|lose|saturates|freezes)\b/;

/** The sentences of a text: at . ! ? followed by a space, or at a line that opens a bullet. */
export function sentencesOf(text: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    // An ellipsis before a lower-case word trails a list, not a sentence: "the 1st, 3rd, 5th... request goes to server 1".
    const trails = c === '.' && text[i - 1] === '.' && /^\s+\p{Ll}/u.test(text.slice(i + 1, i + 4));
    const end = (c === '.' || c === '!' || c === '?') && /\s/.test(text[i + 1] ?? ' ') && !trails && !ABBREVIATION.test(text.slice(Math.max(start, i - 8), i + 1));
    const bullet = c === '\n' && /^\s*(?:[-*•+]|\d+[.)])\s/.test(text.slice(i + 1, i + 8));
    if (!end && !bullet) continue;
    const sentence = text.slice(start, i + 1).trim();
    if (sentence) sentences.push(sentence);
    start = i + 1;
  }
  const rest = text.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences;
}

const LINK = /\b(?:https?:\/\/|www\.)\S+/gi;
// From where a run of spaces starts only (see COORDINATOR).
const ARROW = /(?<!\s)\s*(?:→|⇒|->|=>)\s*/g;

/**
 * "Added 1 more server → dedicated roles": one arrow between two statements reads as "therefore".
 * Several arrows draw a flow ("User -> DNS -> LB"), which says nothing of why.
 */
function readArrow(raw: string): string {
  const arrows = raw.match(ARROW);
  if (arrows?.length !== 1) return raw;
  // "+1 server → 3 servers" says a count, not why: what follows the arrow must say more than numbers and names.
  const after = plainText(raw.slice(raw.search(ARROW_ONCE) + arrows[0]!.length));
  return after.replace(COUNTS_AND_NAMES, ' ').trim() ? raw.replace(ARROW, ', therefore ') : raw;
}
const ARROW_ONCE = /(?<!\s)\s*(?:→|⇒|->|=>)\s*/;
const COUNTS_AND_NAMES = new RegExp(`\\b(?:\\d+|one|two|three|four|a|an|the|${[...MACHINE_NAMES, ...LOAD_BALANCER_NAMES].join('|')})\\b|[.!]`, 'g');

/**
 * The plain text the prose stage reads: links dropped (a link names no element: "https://..." is no
 * certificate) and one arrow read as "therefore".
 */
export const proseText = cachedByString((raw: string): string => plainText(readArrow(raw.replace(LINK, ' '))));

/**
 * The longest sentence read as one: longer runs without a full stop (a pasted log, 500 KB of "and")
 * are read in pieces of this size, cut at a space. Splitting a sentence at its coordinators reads
 * what follows each one, so a sentence costs the square of its length.
 */
const MAX_SENTENCE = 2000;

function pieces(sentence: string): string[] {
  if (sentence.length <= MAX_SENTENCE) return [sentence];
  const out: string[] = [];
  let start = 0;
  while (sentence.length - start > MAX_SENTENCE) {
    const space = sentence.lastIndexOf(' ', start + MAX_SENTENCE);
    const end = space > start ? space : start + MAX_SENTENCE;
    out.push(sentence.slice(start, end));
    start = end;
  }
  out.push(sentence.slice(start));
  return out;
}

/** A sentence of a text (sentencesOf) and its clauses. */
export interface CutSentence {
  raw: string;
  clauses: readonly Clause[];
}

/**
 * Texts up to this length keep their cut, as the same lines come back in many students' work (the
 * task's headings, a template's items); a longer one is some student's own text, cut again when
 * asked for rather than held in a worker's memory.
 */
const MAX_KEPT_CUT = 2000;

/**
 * A text cut in sentences, and each sentence in clauses: the one cut the prose analysis, the claims
 * and the question reader read (each cut the same text its own way, and cut it again for each
 * question's sentence). Shared by every reader, so frozen.
 */
export const cutOf = cachedByString(cut, undefined, { longestKept: MAX_KEPT_CUT });

function cut(text: string): readonly CutSentence[] {
  return Object.freeze(sentencesOf(text).map((raw, index) => Object.freeze({ raw, clauses: clausesOfSentence(raw, index) })));
}

function clausesOfSentence(sentence: string, index: number): readonly Clause[] {
  const clauses: Clause[] = [];
  // Loops, not flatMap, here and below: V8's flatMap costs several times a loop.
  for (const piece of pieces(sentence)) {
    for (const raw of splitCoordinated(piece)) {
      const plain = proseText(raw);
      if (plain) clauses.push(Object.freeze({ raw, plain, sentence: index }));
    }
  }
  return Object.freeze(clauses);
}

/** The clauses of a text, sentence by sentence. */
export function clausesOf(text: string): readonly Clause[] {
  const sentences = cutOf(text);
  if (sentences.length === 1) return sentences[0]!.clauses;
  const clauses: Clause[] = [];
  for (const sentence of sentences) clauses.push(...sentence.clauses);
  return clauses;
}

/**
 * Splits at a coordinator outside brackets when both sides have a finite verb of their own: "and"
 * between two nouns joins a list, and "X is passive and listens to Y" keeps its subject.
 */
function splitCoordinated(sentence: string): string[] {
  const parts: string[] = [];
  let start = 0;
  // The bracket depth, carried from match to match (matches come in order): recounting it from the
  // start of the sentence at every coordinator was quadratic.
  let depth = 0;
  let counted = 0;
  COORDINATOR.lastIndex = 0;
  for (let match = COORDINATOR.exec(sentence); match; match = COORDINATOR.exec(sentence)) {
    depth = depthAt(sentence, match.index, depth, counted);
    counted = match.index;
    if (depth > 0) continue;
    const left = sentence.slice(start, match.index);
    const right = sentence.slice(match.index + match[0].length);
    // A semicolon, "/" between two "Label: text" pairs, or a contrast ("whereas", "alors que") always separates.
    const semicolon = match[0].includes(';') || match[0].includes('/') || /whereas|while|whilst|but|mais|tandis|alors/i.test(match[0]);
    if (!semicolon && (!FINITE.test(plainText(left)) || !FINITE.test(plainText(right)))) continue;
    parts.push(left);
    start = match.index + match[0].length;
  }
  parts.push(sentence.slice(start));
  return parts.filter((p) => p.trim());
}

/** The bracket depth at `index`, from the depth `depth` at `from`. */
function depthAt(text: string, index: number, depth = 0, from = 0): number {
  for (let i = from; i < index; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 91) depth++;
    else if ((c === 41 || c === 93) && depth > 0) depth--;
  }
  return depth;
}

/** A clause cut at its commas outside brackets. */
export function commaSegments(raw: string): string[] {
  const segments: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '(' || c === '[') depth++;
    else if ((c === ')' || c === ']') && depth > 0) depth--;
    else if (c === ',' && depth === 0) {
      segments.push(raw.slice(start, i));
      start = i + 1;
    }
  }
  segments.push(raw.slice(start));
  return segments.filter((s) => s.trim());
}
