/**
 * Whether the prose answers a question a rubric asks ("what a server is", "which DNS record www
 * is"), read the way a mentor reads: a sentence answers when it is about the question's subject
 * (it names it, or sits under a heading, list item, label or table cell that does, or follows a
 * sentence that does) and states the answer; some questions want a reason, purpose or consequence,
 * and some answers are spoilt by a hedge or the wrong fact in the same sentence ("a CNAME or an A
 * record").
 *
 * The questions are rubric data, so their words are too: each term is a phrase over plain text
 * (lower case, no accents, punctuation read as spaces: "TCP/IP" is "tcp ip"), `*` ends a word with
 * any letters ("replicat*"), and a word `@name` stands for a vocabulary of the lexicon (`@web-server`,
 * "second @server").
 */
import { cachedByString } from '../bounded-cache.js';
import type { AnalysedBlock, ProseAnalysis } from './analyze-prose.js';
import {
  anyOf, APP_SERVER_NAMES, everyOf, PRODUCT_NAMES, CERTIFICATE_NAMES, DATABASE_NAMES, FIREWALL_NAMES, FUTURE, LOAD_BALANCER_NAMES, MACHINE_NAMES, MONITORING_NAMES, NEGATIONS, TASK_REQUIREMENTS, TASK_STATEMENT, THIS_DESIGN,
  WEB_SERVER_NAMES, WHY_LABELS,
} from './lexicon.js';
import { reasonIn, type ReasonKind } from './reasons.js';
import { clausesOf, hasFiniteVerb, proseText, sentencesOf, withoutAccents } from './sentences.js';

/** One question of a rubric's explanation requirement (rules/<task>.json, options.questions). */
export interface Question {
  /** Stable id: the part's name in results (`parts`) and in the paraphrase banks. */
  id: string;
  /** What it asks, as a student reads it in a message: "what a server is". */
  name: string;
  /** What the answer is about: the sentence or what it sits under names one. None: any sentence. */
  about?: string[];
  /**
   * Other subjects, whose sentences answer other questions ("the database" for the load balancer's
   * mode): a sentence whose first subject named before its answer is one of these is about that one
   * ("Our database is active-passive" says nothing of the load balancer; "HAProxy spreads the traffic
   * over both servers" explains HAProxy, not the second server). A sentence that names neither
   * subject takes the nearest frame (label, list item, cell, heading) that does.
   */
  notAbout?: string[];
  /**
   * What the answer states: one term of each group (a list of terms is one group). Several groups are
   * a contrast: they may be stated by several sentences about the subject in one section, as students
   * set them out in a list or a table ("Primary: takes the writes." / "Replica: serves the reads.").
   * A group `{ of, terms }` is a fact about one subject of the contrast: its term counts only where
   * that subject is the one it is said of (the nearest one before it, or the one it goes to: "writes go
   * to the primary"), so that roles swapped ("the replica takes the writes") state nothing.
   */
  answer?: AnswerGroup[] | string[];
  /**
   * Another way to answer, read the same way: "a QPS measure and a means, in one sentence" or "a
   * request log or status page, under a QPS heading" (the first needs its terms together, the
   * second is specific enough under its subject).
   */
  orAnswer?: AnswerGroup[] | string[];
  /**
   * The answer is one option among several (active-active or active-passive): one list of terms each,
   * instead of `answer`. A sentence answers when it names one option and sets the others aside, and
   * applies it to this design: the prose names no other option, or the sentence says it is this
   * design's ("here", "our setup", "is used"), or sets another option aside ("rather than"), or is the
   * bare option ("Active-Active.", a table cell), or a table row headed by this design holds it.
   * Defining each option in turn chooses none. An option is not answered when the student's own text
   * contradicts it: a sentence naming no option states one of its `contradictedBy` terms.
   */
  choices?: Choice[];
  /** The answer must give a reason, a purpose or a consequence, in its sentence or the next. */
  reason?: boolean;
  /**
   * The question asks why an element is there: besides the answer's terms (what it is for), any
   * reason given in a sentence about it answers ("so that nobody on the wifi can read it", "without
   * them anyone could reach MySQL"), except under a heading that lists problems.
   */
  why?: boolean;
  /**
   * Words that turn a sentence against its answer: the issue said to be solved ("eliminates the
   * SPOF", "to avoid a single point of failure"). A sentence with one of these, not set aside, does
   * not answer (and, unlike `reject`, spoils nothing else).
   */
  cancelledBy?: string[];
  /**
   * A hedge or the wrong fact ("either", "CNAME"): a sentence stating the answer beside one of these
   * spoils the answer in its whole section ("www is either an A record or a CNAME:" then a list of
   * both). Said under a negation ("an A record, not a CNAME") it spoils nothing.
   */
  reject?: string[];
  /** A concrete example of an answer, for the hint. */
  hint?: string;
}

/** A group of answer terms, or a fact about one subject of a contrast (see Question.answer). */
export type AnswerGroup = string[] | { of: string[]; terms: string[] };

/** One option of a question that asks which one this design is (see Question.choices). */
export interface Choice {
  terms: string[];
  /** What, stated in the student's own text, contradicts the option. */
  contradictedBy?: string[];
}

/** Where a question was answered, or where it was only asked or named. */
export interface QuestionReading {
  answeredAt: { file: string; line: number } | null;
  /** A heading or sentence naming the subject without answering: "asked but not answered". */
  mentionedAt: { file: string; line: number } | null;
}

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
};

export const VOCABULARY_NAMES: readonly string[] = Object.keys(VOCABULARIES);

/** A rubric term as a pattern source: a phrase whose words may end with `*` or be a vocabulary (`@server`, "second @server"). */
function termSource(term: string): string {
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

/** Terms compiled once per distinct list: a rubric's questions are read for every student. */
const compiled = new Map<string, RegExp>();

export function termsPattern(terms: readonly string[]): RegExp {
  const key = terms.join('\u0000');
  let pattern = compiled.get(key);
  if (!pattern) {
    pattern = new RegExp(`\\b(?:${terms.map(termSource).join('|')})\\b`);
    compiled.set(key, pattern);
  }
  return pattern;
}

/** Every match of a pattern: where each starts and ends. */
function matchesOf(pattern: RegExp, plain: string): { start: number; end: number }[] {
  return [...plain.matchAll(new RegExp(pattern.source, 'g'))].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/** Checks a question's terms and names a bad one: a rubric author's mistake is a usage error, not a crash. */
export function questionProblem(question: Question): string | null {
  try {
    const groups = [...answerGroups(question), ...groupsOf(question.orAnswer ?? [])];
    const lists = [question.about ?? [], question.notAbout ?? [], question.cancelledBy ?? [], ...groups.flatMap((g) => (Array.isArray(g) ? [g] : [g.of, g.terms])), question.reject ?? []];
    for (const choice of question.choices ?? []) lists.push(choice.terms, choice.contradictedBy ?? []);
    for (const list of lists) if (list.length) termsPattern(list);
  } catch (error) {
    return (error as Error).message;
  }
  if (question.choices) return question.choices.length >= 2 && question.choices.every((c) => c.terms?.length) ? null : 'its choices need at least two options, each with terms';
  return answerGroups(question).length ? null : 'it has no answer terms';
}

function answerGroups(question: Question): AnswerGroup[] {
  return groupsOf(question.answer ?? []);
}

/** An answer's groups: a list of terms is one group. */
function groupsOf(answer: AnswerGroup[] | string[]): AnswerGroup[] {
  if (!answer.length) return [];
  return typeof answer[0] === 'string' ? [answer as string[]] : (answer as AnswerGroup[]).filter((g) => (Array.isArray(g) ? g.length : g.terms.length && g.of.length));
}

/** A sentence as read: as written, plain text, and whether it asks rather than states. */
interface ReadSentence {
  raw: string;
  plain: string;
  asks: boolean;
}

// A product's name is no statement: "a certificate from Let's Encrypt" encrypts nothing.
const sentencesRead = cachedByString((text: string): readonly ReadSentence[] =>
  Object.freeze(sentencesOf(text).map((raw) => ({ raw, plain: plainOf(raw), asks: asks(raw) }))),
);
const PRODUCTS = everyOf(...PRODUCT_NAMES);

function plainOf(raw: string): string {
  return proseText(raw).replace(PRODUCTS, 'product');
}

/** An interrogative opening: "What distribution algorithm your load balancer is configured with". */
const INTERROGATIVE = /^(?:what|how|why|where|whether|(?:is|are|does|do) (?:your|you)|quel\w*|comment|pourquoi|est ce)\b/;
const TASK = anyOf(...TASK_STATEMENT);
const REQUIREMENTS = anyOf(...TASK_REQUIREMENTS);

/**
 * A sentence that asks rather than answers: it ends with a question mark, or opens like a question
 * and gives no answer after a colon (the task's questions copied without "?"), or speaks of the task.
 */
function asks(raw: string): boolean {
  if (/\?\s*$/.test(raw)) return true;
  const plain = proseText(raw);
  if (TASK.test(plain)) return true;
  return INTERROGATIVE.test(plain) && !/[:=–—]\s*\S|\s-\s*\S/.test(raw);
}

/** The sentences of a block: a table row's cell by cell (a cell is read under its row's first cell and its column's header). */
function sentencesOfBlock(block: AnalysedBlock): { sentence: ReadSentence; cell: number }[] {
  if (block.kind === 'table-row' && block.cells) return block.cells.flatMap((cell, k) => sentencesRead(cell).map((sentence) => ({ sentence, cell: k })));
  return sentencesRead(block.text).map((sentence) => ({ sentence, cell: -1 }));
}

/** A question compiled: its patterns. */
interface Reader {
  about: RegExp | null;
  notAbout: RegExp | null;
  cancelledBy: RegExp | null;
}

/** One way to answer, compiled: its groups. */
interface Answer {
  groups: { of: RegExp | null; terms: RegExp }[];
  /** Subjects of the facts of a contrast, one per group (null for a group of no subject). */
  subjects: (RegExp | null)[];
}

function readerOf(question: Question): Reader {
  return {
    about: question.about?.length ? termsPattern(question.about) : null,
    notAbout: question.notAbout?.length ? termsPattern(question.notAbout) : null,
    cancelledBy: question.cancelledBy?.length ? termsPattern(question.cancelledBy) : null,
  };
}

function answerOf(groups: AnswerGroup[]): Answer {
  const compiledGroups = groups.map((g) => (Array.isArray(g) ? { of: null, terms: termsPattern(g) } : { of: termsPattern(g.of), terms: termsPattern(g.terms) }));
  return { groups: compiledGroups, subjects: compiledGroups.map((g) => g.of) };
}

/** Reads the whole prose for one question. */
export function readQuestion(prose: ProseAnalysis, question: Question): QuestionReading {
  const reader = readerOf(question);
  const { about } = reader;
  const answers = [answerGroups(question), ...(question.orAnswer ? [groupsOf(question.orAnswer)] : [])].filter((g) => g.length).map(answerOf);
  const choices = question.choices?.length ? readChoices(prose, question.choices) : null;
  const states = (sentence: ReadSentence, context: Context) => (choices ? choices.named(sentence.plain).length > 0 : answers.some((a) => groupsStated(reader, a, sentence, context).size > 0));
  const spoiled = question.reject?.length ? spoiledSections(prose, states, termsPattern(question.reject)) : new Set<string>();
  let mentionedAt: QuestionReading['mentionedAt'] = null;
  // The groups of a contrast stated so far in each section (for each answer), and whether one of their sentences gave a reason.
  const contrasts = new Map<string, { groups: Set<number>; reasoned: boolean }>();
  const blocks = prose.blocks;
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b]!;
    const before = b > 0 ? blocks[b - 1]! : null;
    if (spoiled.has(sectionOf(block))) continue;
    if (block.kind === 'heading') {
      if (about && !mentionedAt && about.test(block.norm)) mentionedAt = { file: block.file, line: block.line };
      const parents = block.headingPath.map((h) => proseText(h));
      // A heading may give the option itself: "## Load balancer setup: Active-Active".
      if (choices?.chosenInHeading(block.text, (index) => aboutElse(reader, block.norm, index, { frames: parents, before: [] }))) return { answeredAt: { file: block.file, line: block.line }, mentionedAt };
      // A heading over its own text states what it names ("## Round Robin" then how it works); a reason is never a heading's.
      if (!choices && !question.reason && headsText(block, blocks[b + 1]) && !asks(block.text) && (!about || about.test(block.norm) || parents.some((h) => about.test(h)))) {
        const heading: ReadSentence = { raw: block.text, plain: block.norm, asks: false };
        if (answers.some((a) => groupsStated(reader, a, heading, { frames: parents, before: [] }).size === a.groups.length)) return { answeredAt: { file: block.file, line: block.line }, mentionedAt };
      }
      continue;
    }
    // A flat list read as a nested one: an item follows the item before it as a sentence follows another
    // ("- Single points of failure" then "- The load balancer (only one)").
    const itemBefore = block.kind === 'list-item' && before?.kind === 'list-item' && sectionOf(before) === sectionOf(block) && sameList(before, block) && !hasFiniteVerb(before.norm) ? before.norm : null;
    const frames = [...frameOf(block), ...(itemBefore ? [itemBefore] : [])];
    const copiedList = [block.title?.split(' / ').pop(), ...(block.listPath ?? [])].some((lead) => lead !== undefined && REQUIREMENTS.test(proseText(lead)));
    const sentences = sentencesOfBlock(block);
    for (let i = 0; i < sentences.length; i++) {
      const { sentence, cell } = sentences[i]!;
      const { plain, asks } = sentence;
      // Nearest last: the headings, title and list items above, a cell's column header and row head, the sentence before.
      const context: Context = { frames: [...frames, ...cellFrames(block, cell)], before: i > 0 ? [sentences[0]!.sentence.plain, sentences[i - 1]!.sentence.plain] : [] };
      const named = about !== null && about.test(plain);
      if (named && !mentionedAt) mentionedAt = { file: block.file, line: block.line };
      // A question copied from the task ("What is a server?") is not its answer, nor is the task's list ("You must add:" then its items).
      if (asks || copiedList) continue;
      if (about && !named && !textsOf(context).some((text) => about.test(text))) continue;
      const answeredAt = { file: block.file, line: block.line };
      if (choices) {
        const sentenceBefore = i > 0 && sentences[i - 1]!.cell === cell ? sentences[i - 1]!.sentence : null;
        if (choices.chosenIn(sentence, sentenceBefore, cell > 0 ? rowHead(block) : null, (index) => aboutElse(reader, plain, index, context))) return { answeredAt, mentionedAt };
        continue;
      }
      // Under a label that asks why ("Why:", a "Reason" column), a quality is the reason: "Server 2: redundancy".
      const why = textsOf(context).some((text) => WHY.test(text));
      const stated = answers.map((a) => groupsStated(reader, a, sentence, context));
      if (stated.every((g) => !g.size)) {
        // A question that asks why an element is there is answered by any reason about it ("so that nobody on the wifi can read
        // it"), outside the sections that list problems, where a reason explains a problem.
        const reason = question.why && !block.inIssuesSection && !FUTURE_REMARK.test(plain) ? reasonIn(plain, why) : null;
        if (reason && WHY_KINDS.has(reason.kind) && !aboutElse(reader, plain, reason.index, context)) return { answeredAt, mentionedAt };
        continue;
      }
      // The reason may follow in the next sentence: "SPOF: one server runs everything. If it dies, the site is down."
      const next = sentences[i + 1]?.sentence.plain;
      // A remark about later ("more servers can be added if needed") is no reason for this design.
      const reasoned = !question.reason || (!FUTURE_REMARK.test(plain) && (reasonIn(plain, why) !== null || (next !== undefined && reasonIn(next, why) !== null)));
      for (const [a, answer] of answers.entries()) {
        const groups = stated[a]!;
        if (!groups.size) continue;
        if (groups.size === answer.groups.length) {
          if (reasoned) return { answeredAt, mentionedAt };
          continue;
        }
        const key = `${a}\u0000${sectionOf(block)}`;
        const contrast = contrasts.get(key) ?? { groups: new Set<number>(), reasoned: false };
        for (const g of groups) contrast.groups.add(g);
        contrast.reasoned ||= reasoned;
        contrasts.set(key, contrast);
        if (contrast.groups.size === answer.groups.length && contrast.reasoned) return { answeredAt, mentionedAt };
      }
    }
  }
  return { answeredAt: null, mentionedAt };
}

const WHY = anyOf(...WHY_LABELS);
/**
 * The reasons that say why an element is there by their shape. A quality under a why-label ("Why: secure"), an
 * effect ("is kept in git"), a need ("what the requirements ask for") or a problem named ("tails the error log")
 * says it only with the answer's own terms.
 */
const WHY_KINDS: ReadonlySet<ReasonKind> = new Set(['purpose', 'cause', 'consequence', 'condition', 'counterfactual', 'enabling', 'contrast']);
const FUTURE_REMARK = anyOf(...FUTURE);

/** A heading with text of its own under it. */
function headsText(heading: AnalysedBlock, next: AnalysedBlock | undefined): boolean {
  return next !== undefined && next.kind !== 'heading' && next.file === heading.file && next.headingPath[next.headingPath.length - 1] === heading.text;
}

/** Two list items of one list: nested under the same items. */
function sameList(a: AnalysedBlock, b: AnalysedBlock): boolean {
  const pa = a.listPath ?? [];
  const pb = b.listPath ?? [];
  return pa.length === pb.length && pa.every((x, k) => x === pb[k]);
}

/** What a sentence is read under: the frames of its block (headings, title, list items, cells), then the sentences before it. */
interface Context {
  frames: string[];
  before: string[];
}

/** Nearest last. */
function textsOf(context: Context): string[] {
  return [...context.frames, ...context.before];
}

/**
 * Whether the sentence is about another subject than the question's: the first subject it names
 * before its answer (at `index`) is one of the question's others; naming none, the nearest frame or
 * sentence before that names one says which ("It runs active-passive" under "Database cluster").
 * A sentence that names the question's subject only as an object ("spreads the requests between
 * the two servers") is read under its frames alone, not under the sentence before it.
 */
function aboutElse(reader: Reader, plain: string, index: number, context: Context): boolean {
  const { about, notAbout } = reader;
  if (!notAbout) return false;
  // The first subject a text names, not counting a thing named as an object ("spreads the requests between the two servers").
  const first = (text: string): 'about' | 'else' | null => {
    const subjects = [...matchesOf(notAbout, text).map((m) => ({ ...m, other: true })), ...(about ? matchesOf(about, text).map((m) => ({ ...m, other: false })) : [])]
      .filter((m) => !OBJECT_OF.test(text.slice(0, m.start)))
      .sort((a, b) => a.start - b.start);
    return subjects[0] ? (subjects[0].other ? 'else' : 'about') : null;
  };
  const own = first(plain.slice(0, index));
  if (own) return own === 'else';
  const mentions = about ? matchesOf(about, plain) : [];
  if (mentions.some((m) => !OBJECT_OF.test(plain.slice(0, m.start)))) return false;
  const texts = mentions.length ? context.frames : textsOf(context);
  for (let k = texts.length - 1; k >= 0; k--) {
    const framed = first(texts[k]!);
    if (framed) return framed === 'else';
  }
  return false;
}

/**
 * The groups of the answer a sentence states. A fact about one subject of a contrast counts where
 * its term is said of that subject: the subject it goes to ("writes go to the primary", "reads from
 * the replica"), else the nearest one named before it, else the nearest after, else the subject of
 * the nearest frame that names one ("**Primary**: takes every write").
 */
function groupsStated(reader: Reader, answer: Answer, sentence: ReadSentence, context: Context): Set<number> {
  const stated = new Set<number>();
  const { plain } = sentence;
  if (reader.cancelledBy && matchesOf(reader.cancelledBy, plain).some((m) => !SET_ASIDE.test(plain.slice(0, m.start)))) return stated;
  // Read clause by clause: "the firewalls keep scanners out, whereas the certificate lets browsers check the site";
  // "the primary takes the writes; the replica is read-only".
  const clauses = clausesOf(sentence.raw);
  const plains = clauses.length ? clauses.map((c) => plainOf(c.raw)) : [plain];
  for (const [c, clause] of plains.entries()) {
    const around: Context = { frames: context.frames, before: [...context.before, ...plains.slice(0, c)] };
    const mentions = answer.subjects.flatMap((subject, k) => (subject ? matchesOf(subject, clause).map((m) => ({ ...m, k })) : []));
    // What a clause is about is read without its brackets: "Connections on the list (HTTP and HTTPS from anyone) get in".
    const bare = clauses[c] && clauses[c]!.raw.includes('(') ? plainOf(clauses[c]!.raw.replace(/\([^()]*\)/g, ' ')) : clause;
    answer.groups.forEach((group, g) => {
      if (stated.has(g)) return;
      const terms = matchesOf(group.terms, clause);
      // A fact about one subject of a contrast counts where that subject is the one it is said of.
      const said = group.of ? terms.filter((term) => subjectOf(term, mentions, clause, answer, around) === g) : terms;
      if (!said.length) return;
      const inBare = matchesOf(group.terms, bare)[0];
      if (inBare ? !aboutElse(reader, bare, inBare.start, around) : !aboutElse(reader, clause, said[0]!.start, around)) stated.add(g);
    });
  }
  return stated;
}

/** A term, then a few words ending in a preposition, then its subject: "writes go to the primary". */
const GOES_TO = /^ (?:\w+ ){0,2}(?:to|from|on|onto|into|at|by|via|against|sur|vers|depuis|a|au|aux|par|dans)(?: (?:the|a|an|its|le|la|les|l|du|des))? $/;

// "spreads the requests between the two servers", "sends them to the primary": a thing named after a preposition is an
// object ("to monitor" is a verb: "to" and "for" need a determiner; one word may stand between it and the name: "the two").
const OBJECT_OF = /\b(?:(?:from|of|on|onto|into|with|by|than|via|at|between|across|over|among|behind|sur|vers|depuis|du|de|des|avec|par|entre)(?: (?:the|a|an|its|both|all|each|every|our|their|le|la|les|l)(?: \w+)?)?|(?:to|for|a|au|aux|pour) (?:the|a|an|its|both|all|each|every|our|their|le|la|les|l)(?: \w+)?) $/;

function subjectOf(term: { start: number; end: number }, mentions: { start: number; end: number; k: number }[], plain: string, answer: Answer, context: Context): number {
  const after = mentions.filter((m) => m.start >= term.end).sort((a, b) => a.start - b.start);
  const goesTo = after[0] && GOES_TO.test(plain.slice(term.end, after[0].start)) ? after[0] : undefined;
  if (goesTo) return goesTo.k;
  // "The replica copies data from the primary and handles reads": a subject after a preposition is an object, not who does what follows.
  const before = mentions.filter((m) => m.end <= term.start && !OBJECT_OF.test(plain.slice(0, m.start))).sort((a, b) => b.end - a.end);
  if (before[0]) return before[0].k;
  if (after[0]) return after[0].k;
  const texts = textsOf(context);
  for (let c = texts.length - 1; c >= 0; c--) {
    const framed = answer.subjects
      .map((subject, k) => ({ k, at: subject ? (subject.exec(texts[c]!)?.index ?? -1) : -1 }))
      .filter((x) => x.at >= 0)
      .sort((a, b) => a.at - b.at);
    if (framed[0]) return framed[0].k;
  }
  return -1;
}

/** How a question of choices is read over the whole prose (see Question.choices). */
interface ChoicesReading {
  /** The options a sentence names and does not set aside. */
  named(plain: string): number[];
  /**
   * Whether the sentence applies exactly one option, uncontradicted, to this design; `before` is the
   * sentence before it in its block, `rowHead` the first cell of its table row.
   */
  chosenIn(sentence: ReadSentence, before: ReadSentence | null, rowHead: string | null, aboutElse: (index: number) => boolean): boolean;
  /** Whether a heading gives the option as its answer ("Load balancer setup: Active-Active") or says it is this design's. */
  chosenInHeading(text: string, aboutElse: (index: number) => boolean): boolean;
}

const THIS = anyOf(...THIS_DESIGN);
/** Words around a bare option: "Active-Active setup.", "Mode: active-active". */
const FILLER = /\b(?:the|a|an|is|it|its|it s|setup|set up|mode|configuration|config|one|answer|le|la|un|une|est|c est)\b/g;
/** "Active-Active: both servers..." or "**Active-Passive** - one waits": a label that the rest of the sentence defines. */
const LEADING_LABEL = /^\W*([^:.!?\n]{1,60}?)\W*(?::|\s[-–—=]\s)/;
/** "In an Active-Passive setup, ...", "With active-active ...": an option set up as a case, not as this design. */
const AS_A_CASE = /^(?:(?:on the other hand|however|whereas|by contrast|in contrast|conversely|en revanche|par contre|a l inverse) )?(?:in|with|for|under|en|avec|dans|pour)(?: (?:an?|the|un|une|le|la|l))?(?: (?:cluster|setup|configuration|mode|architecture|systeme))? $/;
const SETUP_WORDS = '(?:cluster|setup|set up|configuration|mode|architecture|systeme|model|modele)s?';

/**
 * "..., whereas in an active-passive cluster, the backup waits": an option in a phrase that opens a
 * clause of its own (read on the text as written, its commas kept), a case set up, not this design
 * ("the servers operate in an active-active setup because ..." states the design).
 */
function caseOpening(raw: string, option: RegExp): boolean {
  const text = withoutAccents(raw.toLowerCase()).replace(/[-–—_*'’`]/g, ' ').replace(/\s+/g, ' ');
  return new RegExp(`\\b(?:in|with|for|under|dans|en|avec|pour) (?:(?:an?|the|un|une|le|la|l) )?(?:${SETUP_WORDS} )?${option.source}(?: ${SETUP_WORDS})? ?[,:]`).test(text);
}

/** "The advantages of an active-active cluster": an option named as a kind of setup. */
const KIND_OF = /\b(?:of|d|de|des)(?: (?:an?|un|une|the|les))?(?: (?:cluster|setup|configuration|mode|architecture|systeme))? $/;
/** "Active-active clusters give ...", "les clusters actif-actif": an option in the plural is a kind of setup, not this one. */
const PLURAL_BEFORE = /\b(?:clusters|setups|configurations|architectures|systemes)(?: \w+)? $/;
const PLURAL_AFTER = /^ (?:clusters|setups|configurations|architectures|systems|systemes)\b/;
const DEFINING = /^(?: (?:setups?|set ups?|modes?|configurations?|clusters?|architectures?|systems?))? (?:means?|is when|is where|is a|is an|refers?|describes?|involves?|consists?|signifie|consiste|designe)\b/;
const NEGATED_BEFORE_END = /\b(?:not|no|never|isn t|aren t|pas|non|jamais)(?: \w+){1,3}$/;
const HYPOTHETICAL = /\b(?:would|could|might|pourrai\w*|serai\w*|aurai\w*)\b/;

function readChoices(prose: ProseAnalysis, choices: Choice[]): ChoicesReading {
  const patterns = choices.map((c) => termsPattern(c.terms));
  const contradictions = choices.map((c) => (c.contradictedBy?.length ? termsPattern(c.contradictedBy) : null));
  const namedIn = (plain: string): number[] => patterns.flatMap((p, k) => (matchesOf(p, plain).some((m) => !SET_ASIDE.test(plain.slice(0, m.start))) ? [k] : []));
  const mentioned = (plain: string) => patterns.some((p) => p.test(plain));
  const mentionedAnywhere = new Set<number>();
  const contradicted = new Set<number>();
  for (const block of prose.blocks) {
    if (block.kind === 'heading') continue;
    for (const { sentence: { plain, asks } } of sentencesOfBlock(block)) {
      if (asks) continue;
      patterns.forEach((p, k) => {
        if (p.test(plain)) mentionedAnywhere.add(k);
      });
      // "HAProxy alternates requests between both servers" contradicts active-passive; a sentence defining an option does not.
      if (mentioned(plain)) continue;
      contradictions.forEach((c, k) => {
        if (c?.test(plain)) contradicted.add(k);
      });
    }
  }
  /** The option a sentence names, when it names exactly one and does not reject it ("Active-Passive (not used here)"). */
  const oneOption = (plain: string, aboutElse: (index: number) => boolean): number | null => {
    const named = namedIn(plain);
    if (named.length !== 1 || contradicted.has(named[0]!)) return null;
    const at = patterns[named[0]!]!.exec(plain)!.index;
    return aboutElse(at) ? null : named[0]!;
  };
  // "Active-Passive (not used here)" rejects the option.
  const appliedHere = (plain: string) => {
    const m = THIS.exec(plain);
    return m !== null && !NEGATED_BEFORE_END.test(plain.slice(0, m.index + m[0].length));
  };
  /** The label a sentence opens with, when it has one, in plain text. */
  // "It is Active-Active: ..." states before its colon: a label names, it does not say.
  const labelOf = (raw: string) => {
    const m = LEADING_LABEL.exec(raw);
    const label = m && m[1]!.trim().split(/\s+/).length <= 6 ? proseText(m[1]!) : null;
    return label !== null && !hasFiniteVerb(label) ? label : null;
  };
  return {
    named: namedIn,
    chosenIn({ raw, plain }, before, rowHead, aboutElse) {
      const k = oneOption(plain, aboutElse);
      if (k === null) {
        // "Active-Active: both servers take requests. This is the case here.": the sentence before gave the option.
        return !mentioned(plain) && before !== null && appliedHere(plain) && oneOption(before.plain, aboutElse) !== null;
      }
      const pattern = patterns[k]!;
      if (mentionedAnywhere.size === 1 || appliedHere(plain)) return true;
      // "Active-Active: both servers serve at once" defines the option; after "Setup:" or "A:" the rest is read on its own.
      const label = labelOf(raw);
      if (label !== null && mentioned(label)) return false;
      const body = label !== null ? proseText(raw.slice(LEADING_LABEL.exec(raw)![0].length)) : plain;
      const at = matchesOf(pattern, body)[0];
      if (!at) return false;
      if (patterns.some((p, j) => j !== k && p.test(body))) return true;
      if (!body.replace(new RegExp(pattern.source, 'g'), ' ').replace(FILLER, ' ').trim()) return true;
      if (rowHead !== null && appliedHere(rowHead) && !mentioned(rowHead)) return true;
      // Defining each option in turn chooses none: "In an Active-Passive setup, one would wait"; "Active-active means ...".
      const opening = body.slice(0, at.start);
      return !AS_A_CASE.test(opening) && !caseOpening(raw, pattern) && !KIND_OF.test(opening) && !PLURAL_BEFORE.test(opening) && !PLURAL_AFTER.test(body.slice(at.end))
        && !DEFINING.test(body.slice(at.end)) && !HYPOTHETICAL.test(body);
    },
    chosenInHeading(text, aboutElse) {
      const plain = proseText(text);
      if (oneOption(plain, aboutElse) === null) return false;
      const label = labelOf(text);
      return appliedHere(plain) || (label !== null && !mentioned(label));
    },
  };
}

function sectionOf(block: AnalysedBlock): string {
  return `${block.file}\u0000${block.headingPath.join('\u0000')}`;
}

/** "not", "rather than", "whereas" just before a word: the sentence sets it aside (or contrasts it with what it states). */
const SET_ASIDE = new RegExp(`\\b(?:${[
  ...NEGATIONS, 'rather than', 'instead of', 'unlike', 'whereas', 'while', 'compared to', 'as opposed to', 'contrary to', 'in contrast to', 'pas', 'non', 'plutot que', 'au lieu d\\w*',
  'alors que', 'tandis que', 'contrairement a',
].join('|')})(?: \\w+){0,2} $`);

/** The sections where a sentence states (part of) the answer beside a hedge or the wrong fact that it does not set aside. */
function spoiledSections(prose: ProseAnalysis, states: (sentence: ReadSentence, context: Context) => boolean, reject: RegExp): Set<string> {
  const spoiled = new Set<string>();
  const global = new RegExp(reject.source, 'g');
  for (const block of prose.blocks) {
    if (block.kind === 'heading') continue;
    const frames = frameOf(block);
    for (const { sentence } of sentencesOfBlock(block)) {
      const { plain } = sentence;
      if (!states(sentence, { frames, before: [] })) continue;
      if ([...plain.matchAll(global)].some((m) => !SET_ASIDE.test(plain.slice(0, m.index)))) spoiled.add(sectionOf(block));
    }
  }
  return spoiled;
}

/** What a block sits under, nearest last: its headings, the title line above it, the list items it is nested in. */
function frameOf(block: AnalysedBlock): string[] {
  // A title line is read as the line it is ("Issues:"), not with the titles the analysis chained above it ("Primary-Replica: / Issues:").
  const title = block.title?.split(' / ').pop();
  return [...block.headingPath.map((h) => proseText(h)), ...(title ? [proseText(title)] : []), ...(block.listPath ?? []).map((l) => proseText(l))];
}

/** What a table cell sits under besides its block's frame: its column's header, then its row's first cell. */
function cellFrames(block: AnalysedBlock, cell: number): string[] {
  if (cell < 0) return [];
  const header = block.header?.[cell];
  return [...(header ? [proseText(header)] : []), ...(cell > 0 && block.cells?.[0] ? [proseText(block.cells[0])] : [])];
}

function rowHead(block: AnalysedBlock): string | null {
  return block.cells?.[0] ? proseText(block.cells[0]) : null;
}
