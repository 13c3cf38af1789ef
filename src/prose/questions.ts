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
import type { AnalysedBlock, ProseAnalysis } from './analyze-prose.js';
import { cachedByObject } from '../bounded-cache.js';
import { anyOf, ELLIPTIC_LABELS, FUTURE, KINDS_OF, TASK_REQUIREMENTS, WHY_LABELS, WORD_HISTORY } from './lexicon.js';
import { answerGroups, compiledQuestion, contentWords, groupsOf, namesOnly, type Answer, type Reader } from './question-compiled.js';
import { readChoices, type Choice } from './question-choices.js';
import { asks, clausesReadOf, labelOf, matchesOf, plainOf, SET_ASIDE, sentencesOfBlock, termsPattern, type ReadSentence } from './question-text.js';
import { elementReason, reasonOfAnother } from './element-reasons.js';
import { failureCosts, reasonIn, type ReasonKind } from './reasons.js';
import { commaSegments, hasFiniteVerb, proseText } from './sentences.js';

export type { Choice } from './question-choices.js';
export { termsPattern, VOCABULARY_NAMES } from './question-text.js';

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
  /**
   * The answer must give a reason, a purpose or a consequence, in its sentence or the next. A problem
   * counts when a sentence states it ("if it dies the site goes down"), not when a label names it
   * ("SPOF (single point of failure)"): the name is what the question asks about.
   */
  reason?: boolean;
  /**
   * What other elements are for ("@load-sharing", "ports" for the certificate): where a question
   * asks why an element is there, a reason in a sentence stating one of these, and none of the
   * answer's terms, gives another element's purpose ("We serve the site over HTTPS so that only the
   * ports we need stay open"), not this one's.
   */
  otherJobs?: string[];
  /** The answer must be a statement (a finite verb), not a label that names it ("Downtime when maintenance needed"). */
  statement?: boolean;
  /**
   * The question asks why an element is there: besides the answer's terms (what it is for), any
   * reason given in a sentence about it answers ("so that nobody on the wifi can read it", "without
   * them anyone could reach MySQL"), except a reason that names the element again ("a certificate to
   * serve the site over HTTPS": the task's words). A section that lists problems answers nothing of it.
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
  /**
   * The sections of other questions: a sentence whose nearest frame (heading, label, list item, cell
   * header, or its own lead label) that names a subject names one of these (and does not ask why)
   * answers this question only by a reason that names the element. What HAProxy does under
   * "Algorithm" or "Active-Active or Active-Passive" says how it picks a server or which mode it
   * gives, not why it was added.
   */
  notUnder?: string[];
  /**
   * Whose an answer term is when one of these qualifies it: "the user's computer", "the computer of
   * the client" speak of the user's machine, not of what a server is.
   */
  notOf?: string[];
  /**
   * The task's own words for what it asks, as students receive them ("Downtime when maintenance
   * needed (like deploying new code web server needs to be restarted)"): a sentence that says nothing
   * beyond them and the question's name (its other words function words or issue words) restates the
   * question, it does not answer it ("Downtime when maintenance is needed.", "SPOF is an issue.").
   */
  taskWords?: string[];
  /**
   * Components whose failure is what the question asks about (where the single points of failure are):
   * a sentence that tells what the failure of one of them costs the users names and answers it in its
   * own words ("the day HAProxy crashes, both servers are unreachable"; "the primary is alone, if that
   * box dies nobody can save anything"). `cancelledBy` still turns it against its answer.
   */
  failureOf?: string[];
  /** A concrete example of an answer, for the hint. */
  hint?: string;
}

/** A group of answer terms, or a fact about one subject of a contrast (see Question.answer). */
export type AnswerGroup = string[] | { of: string[]; terms: string[] };

/** Where a question was answered, or where it was only asked or named. */
export interface QuestionReading {
  answeredAt: { file: string; line: number } | null;
  /** A heading or sentence naming the subject without answering: "asked but not answered". */
  mentionedAt: { file: string; line: number } | null;
  /** An option stated (`at`) that the student's own text contradicts (`by`): see Question.choices. */
  contradicted?: { at: { file: string; line: number }; by: { file: string; line: number } };
}

/** Checks a question's terms and names a bad one: a rubric author's mistake is a usage error, not a crash. */
export function questionProblem(question: Question): string | null {
  try {
    const groups = [...answerGroups(question), ...groupsOf(question.orAnswer ?? [])];
    const lists = [question.about ?? [], question.failureOf ?? [], question.notAbout ?? [], question.otherJobs ?? [], question.notOf ?? [], question.notUnder ?? [], question.cancelledBy ?? [], ...groups.flatMap((g) => (Array.isArray(g) ? [g] : [g.of, g.terms])), question.reject ?? []];
    for (const choice of question.choices ?? []) lists.push(choice.terms, choice.contradictedBy ?? []);
    for (const list of lists) if (list.length) termsPattern(list);
  } catch (error) {
    return (error as Error).message;
  }
  if (question.choices) return question.choices.length >= 2 && question.choices.every((c) => c.terms?.length) ? null : 'its choices need at least two options, each with terms';
  return answerGroups(question).length ? null : 'it has no answer terms';
}

const REQUIREMENTS = anyOf(...TASK_REQUIREMENTS);

/** A sentence ready to be read for any question: its place and what it is read under. */
interface PreparedSentence {
  sentence: ReadSentence;
  /** Its table cell, -1 outside a table row. */
  cell: number;
  context: Context;
  /** The sentence before it in the same cell or block; for a block's first sentence, the heading right above it. */
  before: ReadSentence | null;
  /** The next sentence of its block. */
  next: string | undefined;
  /** Under a lead label that asks of no subject ("What for:"), the sentences after it in its section, which name the subject. */
  ahead: string[];
  /** The label it opens with, in plain text, if any (see labelOf). */
  label: string | null;
  /** It answers no question, whatever the question: it asks (a question copied from the task), or it is an item of the task's requirement list. */
  asksOrListed: boolean;
  /** Nor does it answer when it only names components ("- code base", "Nginx (web server)"): read on first need. */
  namesOnly?: boolean;
  /** It tells where a word comes from ("The term firewall comes from buildings"): no answer either, but after a failure's cost. */
  wordHistory: boolean;
  /** It has a finite verb: it states rather than names. */
  finite: boolean;
  /** Its content words, for the questions that must not merely restate the task (read on first need). */
  contentWords?: string[];
  /** Its clauses (read on first need, then by every question). */
  clauses?: SentenceClauses;
}

/** A sentence's clauses as written, and the plain text of each (the sentence's own when it has none). */
interface SentenceClauses {
  clauses: readonly { raw: string; plain: string }[];
  plains: readonly string[];
}

function clausesOfSentence(sentence: ReadSentence): SentenceClauses {
  const clauses = clausesReadOf(sentence);
  return { clauses, plains: clauses.length ? clauses.map((c) => c.plain) : [sentence.plain] };
}

/** A block ready to be read for any question: what every question reads of it, computed once per submission. */
interface PreparedBlock {
  block: AnalysedBlock;
  section: string;
  /** Its frames, nearest last (headings, title, list items, the label item before it in a flat list); a heading's: its parents. */
  frames: string[];
  /** A heading with text of its own under it, that asks nothing: it may state what it names ("## Round Robin"). */
  statingHeading: boolean;
  /** It is an item of the task's requirement list copied ("You must add:"). */
  copiedList: boolean;
  /** A list item that goes on about the bare label item before it ("- No monitoring" then "- Failures seen only by users"). */
  continuesLabel: boolean;
  /** An item of a list of kinds ("There are many kinds of firewalls:"): without a verb it names a kind, it says nothing the thing is for. */
  kindNamed: boolean;
  sentences: PreparedSentence[];
}

/** The blocks of a submission as every question reads them (the same prose is read for every question of every rule). */
const prepared = cachedByObject((prose: ProseAnalysis): PreparedBlock[] =>
  prose.blocks.map((block, b) => {
    const section = sectionOf(block);
    if (block.kind === 'heading') {
      const frames = block.headingPath.map((h) => proseText(h));
      return { block, section, frames, statingHeading: headsText(block, prose.blocks[b + 1]) && !asks(block.text), copiedList: false, continuesLabel: false, kindNamed: false, sentences: [] };
    }
    // A flat list read as a nested one: an item follows the item before it as a sentence follows another
    // ("- Single points of failure" then "- The load balancer (only one)").
    const before = b > 0 ? prose.blocks[b - 1]! : null;
    const itemBefore = block.kind === 'list-item' && before?.kind === 'list-item' && sectionOf(before) === section && sameList(before, block) && !hasFiniteVerb(before.norm) ? before.norm : null;
    // A line that asks ("Q: What is a server?") heads the answer under it, as a heading does.
    const askedBefore = before && before.kind !== 'heading' && sectionOf(before) === section && /\?\s*$/.test(before.text) ? before.norm : null;
    const frames = [...frameOf(block), ...(askedBefore ? [askedBefore] : []), ...(itemBefore ? [itemBefore] : [])];
    const copiedList = [block.title?.split(' / ').pop(), ...(block.listPath ?? [])].some((lead) => lead !== undefined && REQUIREMENTS.test(proseText(lead)));
    const read = sentencesOfBlock(block);
    const cellFramesOf = new Map<number, string[]>();
    const sentences = read.map(({ sentence, cell }, i): PreparedSentence => {
      let cellFrames = cellFramesOf.get(cell);
      if (!cellFrames) {
        cellFrames = [...frames, ...framesOfCell(block, cell)];
        cellFramesOf.set(cell, cellFrames);
      }
      // A question asked earlier in the block heads what follows it: "4. What is the role of the web server? It receives the requests...".
      const asked = read.slice(0, i).filter((r) => r.cell === cell && r.sentence.asks).map((r) => r.sentence.plain);
      // Nearest last: the headings, title and list items above, a cell's column header and row head, the sentences before.
      const context = contextOf(asked.length ? [...cellFrames, ...asked] : cellFrames, i > 0 ? [read[0]!.sentence.plain, read[i - 1]!.sentence.plain] : []);
      // The first sentence under a heading follows it: "## Active-Active" then "Our load balancer sends requests to both servers".
      const headingAbove = i === 0 && cell < 0 && before?.kind === 'heading' ? { raw: before.text, plain: before.norm, asks: asks(before.text) } : null;
      const label = labelOf(sentence.raw);
      const ahead = label !== null && ELLIPTIC.test(label) ? sentencesAhead(prose.blocks, b, i) : [];
      const { plain } = sentence;
      return {
        sentence, cell, context, before: i > 0 && read[i - 1]!.cell === cell ? read[i - 1]!.sentence : headingAbove, next: read[i + 1]?.sentence.plain, ahead, label,
        asksOrListed: sentence.asks || copiedList, wordHistory: HISTORY.test(plain), finite: hasFiniteVerb(plain),
      };
    });
    const kindNamed = block.kind === 'list-item' && frames.some((frame) => KINDS.test(frame));
    return { block, section, frames, statingHeading: false, copiedList, continuesLabel: itemBefore !== null, kindNamed, sentences };
  }),
);

const ELLIPTIC = new RegExp(`^(?:${ELLIPTIC_LABELS.join('|')})$`);
const KINDS = anyOf(...KINDS_OF);
const HISTORY = anyOf(...WORD_HISTORY);
/** How far a label that asks of no subject looks for it: the labels of a short answer ("What for:", "How:"). */
const AHEAD = 3;

/** The sentences after sentence `i` of block `b`, in its section: where a label that asks of no subject finds it. */
function sentencesAhead(blocks: AnalysedBlock[], b: number, i: number): string[] {
  const section = sectionOf(blocks[b]!);
  const texts = sentencesOfBlock(blocks[b]!).slice(i + 1).map((r) => r.sentence.plain);
  for (let k = b + 1; k < blocks.length && texts.length < AHEAD && blocks[k]!.kind !== 'heading' && sectionOf(blocks[k]!) === section; k++) {
    texts.push(...sentencesOfBlock(blocks[k]!).map((r) => r.sentence.plain));
  }
  return texts.slice(0, AHEAD);
}

/** Reads the whole prose for one question. */
export function readQuestion(prose: ProseAnalysis, question: Question): QuestionReading {
  const { reader, answers, failing, reject, restates } = compiledQuestion(question);
  const { about } = reader;
  const choices = question.choices?.length ? readChoices(prose, question.choices) : null;
  const blocks = prepared(prose);
  // What each sentence states of each answer, when the hedges were looked for first: the reading of the answer takes it from there.
  const statedFirst = new Map<PreparedSentence, Set<number>[]>();
  const states = (entry: PreparedSentence) => {
    if (choices) return choices.named(entry.sentence.plain).length > 0;
    const stated = answers.map((a) => groupsStated(reader, a, entry.sentence, entry.context, (entry.clauses ??= clausesOfSentence(entry.sentence))));
    statedFirst.set(entry, stated);
    return stated.some((groups) => groups.size > 0);
  };
  const spoiled = reject ? spoiledSections(blocks, states, reject) : null;
  // Whether a text names the subject, asked once per distinct text (a frame is shared by every sentence under it).
  const namedIn = new Map<string, boolean>();
  const names = (text: string) => {
    let found = namedIn.get(text);
    if (found === undefined) {
      found = about!.test(text);
      namedIn.set(text, found);
    }
    return found;
  };
  let mentionedAt: QuestionReading['mentionedAt'] = null;
  let contradicted: QuestionReading['contradicted'];
  // The groups of a contrast stated so far in each section (for each answer), and whether one of their sentences gave a reason.
  const contrasts = new Map<string, { groups: Set<number>; reasoned: boolean }>();
  for (const { block, section, frames, statingHeading, continuesLabel, kindNamed, sentences } of blocks) {
    if (spoiled?.has(section)) continue;
    const at = { file: block.file, line: block.line };
    if (block.kind === 'heading') {
      if (about && !mentionedAt && about.test(block.norm)) mentionedAt = at;
      const headingContext = contextOf(frames, []);
      // A heading may give the option itself: "## Load balancer setup: Active-Active".
      if (choices?.chosenInHeading(block.text, (index) => aboutElse(reader, block.norm, index, headingContext))) return { answeredAt: at, mentionedAt };
      // A heading over its own text states what it names ("## Round Robin" then how it works); a reason is never a heading's.
      if (!choices && !question.reason && statingHeading && (!about || names(block.norm) || frames.some(names))) {
        const heading: ReadSentence = { raw: block.text, plain: block.norm, asks: false };
        if (answers.some((a) => groupsStated(reader, a, heading, headingContext).size === a.groups.length)) return { answeredAt: at, mentionedAt };
      }
      continue;
    }
    for (const entry of sentences) {
      const { sentence, cell, context, before, next, ahead, finite } = entry;
      const { plain } = sentence;
      const named = about !== null && about.test(plain);
      if (named && !mentionedAt) mentionedAt = at;
      // A question copied from the task ("What is a server?") is no answer, nor the task's list ("You must add:" then its items),
      // nor a bare name ("- code base", "Nginx (web server)"). The tests that pass a sentence over may come in any order, but
      // before the failure's cost, which answers: the costlier ones come last.
      if (entry.asksOrListed) continue;
      if (restates?.(entry.contentWords ??= contentWords(plain))) continue;
      if (failing) {
        if (entry.namesOnly ??= namesOnly(plain)) continue;
        if (failureCosts(plain, failing) && !(reader.cancelledBy && matchesOf(reader.cancelledBy, plain).some((m) => !SET_ASIDE.test(plain.slice(0, m.start))))) {
          return { answeredAt: at, mentionedAt: mentionedAt ?? at };
        }
      }
      // Where the word comes from is no answer: "The term firewall comes from buildings, where a wall stops a fire".
      if ((kindNamed && !finite) || entry.wordHistory) continue;
      if (about && !named && !context.all.some(names) && !ahead.some(names)) continue;
      if (entry.namesOnly ??= namesOnly(plain)) continue;
      // A section that lists problems says what is wrong with the design, not what an element is for ("the traffic behind the load
      // balancer is not encrypted" gives no reason for the certificate).
      if (question.why && block.inIssuesSection) continue;
      if (choices) {
        // A table's header cell or row head naming an option titles a column or a row ("| | Active-Active | Active-Passive |"), it chooses nothing.
        if (block.kind === 'table-row' && (!block.header || cell === 0) && choices.bare(plain)) continue;
        if (choices.chosenIn(sentence, before, cell > 0 ? rowHead(block) : null, (index) => aboutElse(reader, plain, index, context))) return { answeredAt: at, mentionedAt };
        // A sentence that states this design's option in one clause and sets out the other in the next: "Ours is active-active, both
        // serve at once; in active-passive one would wait".
        const pieces = choices.pieces(sentence.raw);
        if (pieces.length > 1 && pieces.some((piece, k) => choices.chosenIn(piece, k > 0 ? pieces[k - 1]! : before, null, (index) => aboutElse(reader, piece.plain, index, context)))) {
          return { answeredAt: at, mentionedAt };
        }
        const by = contradicted ? null : choices.contradiction(plain);
        if (by) contradicted = { at, by };
        continue;
      }
      const stated = question.statement && !finite ? answers.map(() => new Set<number>()) : (statedFirst.get(entry) ?? answers.map((a) => groupsStated(reader, a, sentence, context, (entry.clauses ??= clausesOfSentence(sentence)))));
      // A table row is one statement: what its head or its column's header states goes with the cell's own ("| Heavy traffic | the machine saturates |").
      if (cell >= 0) {
        for (const [a, answer] of answers.entries()) {
          if (!stated[a]!.size || stated[a]!.size === answer.groups.length) continue;
          for (const frame of framesOfCell(block, cell)) for (const g of groupsStated(reader, answer, { raw: frame, plain: frame, asks: false }, context)) stated[a]!.add(g);
        }
      }
      // Under another question's section, what the element does answers that question ("Algorithm: HAProxy sends each request to
      // the next server"); a reason the sentence gives of the element itself still answers this one ("the replica can take reads to
      // prevent the primary from overloading").
      if (reader.notUnder && underOther(reader, entry.label, context)) {
        const reason = named ? reasonIn(plain, context.why) : null;
        // "The load balancer enables an active-active setup" gives the other question's answer, not a reason for this one.
        if (!reason || !(WHY_KINDS.has(reason.kind) || reason.kind === 'effect') || reader.notUnder.test(plain.slice(reason.index))) continue;
      }
      if (stated.every((g) => !g.size)) {
        // A question that asks why an element is there is answered by any reason about it ("so that nobody on the wifi can read
        // it"), outside the sections that list problems, where a reason explains a problem.
        // A reason that names the element again is circular ("a certificate to serve the site over HTTPS": the task's words):
        // elementReason passes over it to a reason that follows. Another element's job, a product choice or a count is no reason.
        if (!question.why || block.inIssuesSection || FUTURE_REMARK.test(plain)) continue;
        const givesWhy = (text: string) => {
          const reason = elementReason(about, text, context.why);
          return reason !== null && WHY_KINDS.has(reason.kind) && !aboutElse(reader, text, reason.index, context) && !reasonOfAnother(reader, text, reason.index);
        };
        // A sentence that gives each element its clause gives each its own reason: "the second box means a crash no longer takes
        // the site offline, HAProxy is what lets both boxes receive visitors".
        // Comma-spliced ones too, when the segment names the element and states something of its own.
        if (givesWhy(plain)) return { answeredAt: at, mentionedAt };
        const pieces = clausesReadOf(sentence).flatMap((c) => commaSegments(c.raw)).map((raw) => plainOf(raw));
        const ownPiece = (text: string) => about !== null && about.test(text) && hasFiniteVerb(text) && givesWhy(text);
        if (pieces.length > 1 && pieces.some(ownPiece)) return { answeredAt: at, mentionedAt };
        continue;
      }
      // The reason may follow in the next sentence: "SPOF: one server runs everything. If it dies, the site is down."
      // A remark about later ("more servers can be added if needed") is no reason for this design.
      const reasoned = !question.reason || (!FUTURE_REMARK.test(plain) && (givesReason(plain, context.why, continuesLabel) || (next !== undefined && givesReason(next, context.why, true))));
      for (const [a, answer] of answers.entries()) {
        const groups = stated[a]!;
        if (!groups.size) continue;
        if (groups.size === answer.groups.length) {
          if (reasoned) return { answeredAt: at, mentionedAt };
          continue;
        }
        const key = `${a}\u0000${section}`;
        const contrast = contrasts.get(key) ?? { groups: new Set<number>(), reasoned: false };
        for (const g of groups) contrast.groups.add(g);
        contrast.reasoned ||= reasoned;
        contrasts.set(key, contrast);
        if (contrast.groups.size === answer.groups.length && contrast.reasoned) return { answeredAt: at, mentionedAt };
      }
    }
  }
  return { answeredAt: null, mentionedAt, ...(contradicted ? { contradicted } : {}) };
}

/**
 * A reason, purpose or consequence. A problem counts as a statement ("if it dies the site goes
 * down"), or as what follows a label (`continuing`: the sentence after it, the item after a bare
 * label item: "- No monitoring" / "- Failures seen only by users"); a problem that names itself
 * ("SPOF (single point of failure)") is what the question asks about, not its explanation.
 */
function givesReason(plain: string, why: boolean, continuing: boolean): boolean {
  const reason = reasonIn(plain, why);
  return reason !== null && (reason.kind !== 'problem' || continuing || hasFiniteVerb(plain));
}

const WHY = anyOf(...WHY_LABELS);
/**
 * The reasons that say why an element is there by their shape. A quality under a why-label ("Why: secure"), an
 * effect ("is kept in git"), a need ("what the requirements ask for") or a problem named ("tails the error log")
 * says it only with the answer's own terms.
 */
const WHY_KINDS: ReadonlySet<ReasonKind> = new Set(['purpose', 'cause', 'consequence', 'condition', 'counterfactual', 'enabling', 'contrast']);
const FUTURE_REMARK = anyOf(...FUTURE);

/** Whether a sentence (its lead `label`, if any) sits under another question's section (see Question.notUnder): its nearest frame naming a subject names one of those. */
function underOther(reader: Reader, label: string | null, context: Context): boolean {
  const texts = label !== null ? [...context.frames, label] : context.frames;
  for (let k = texts.length - 1; k >= 0; k--) {
    const text = texts[k]!;
    if (WHY.test(text)) return false;
    if (reader.notUnder!.test(text)) return true;
    if (reader.about?.test(text)) return false;
  }
  return false;
}

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
  /** Both, nearest last. */
  all: string[];
  /** One of them asks why ("Why:", a "Reason" column): a quality is then a reason ("Server 2: redundancy"). */
  why: boolean;
}

function contextOf(frames: string[], before: string[]): Context {
  const all = before.length ? [...frames, ...before] : frames;
  return { frames, before, all, why: all.some((text) => WHY.test(text)) };
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
  // "Nginx, the app server and MySQL respectively serve files, run the code and store the data": each subject has its own part.
  if (!notAbout || RESPECTIVELY.test(plain)) return false;
  // The first subject a text names, not counting a thing named as an object ("spreads the requests between the two servers").
  // A frame is about what it names, object or not: "## Role of the web server".
  const first = (text: string, frame = false): 'about' | 'else' | null => {
    const subjects = [...matchesOf(notAbout, text).map((m) => ({ ...m, other: true })), ...(about ? matchesOf(about, text).map((m) => ({ ...m, other: false })) : [])]
      .filter((m) => frame || !OBJECT_OF.test(text.slice(0, m.start)))
      .sort((a, b) => a.start - b.start);
    return subjects[0] ? (subjects[0].other ? 'else' : 'about') : null;
  };
  const own = first(plain.slice(0, index));
  if (own) return own === 'else';
  const mentions = about ? matchesOf(about, plain) : [];
  if (mentions.some((m) => !OBJECT_OF.test(plain.slice(0, m.start)))) return false;
  const texts = mentions.length ? context.frames : context.all;
  for (let k = texts.length - 1; k >= 0; k--) {
    const framed = first(texts[k]!, k < context.frames.length);
    if (framed) return framed === 'else';
  }
  return false;
}

/**
 * The groups of the answer a sentence states. A fact about one subject of a contrast counts where
 * its term is said of that subject: the subject it goes to ("writes go to the primary", "reads from
 * the replica"), else the nearest one named before it, else the nearest after, else the subject of
 * the nearest frame that names one ("**Primary**: takes every write"). `read`: the sentence's clauses,
 * when already read.
 */
function groupsStated(reader: Reader, answer: Answer, sentence: ReadSentence, context: Context, read?: SentenceClauses): Set<number> {
  const stated = new Set<number>();
  const { plain } = sentence;
  if (reader.cancelledBy?.test(plain) && matchesOf(reader.cancelledBy, plain).some((m) => !SET_ASIDE.test(plain.slice(0, m.start)))) return stated;
  // Read clause by clause: "the firewalls keep scanners out, whereas the certificate lets browsers check the site";
  // "the primary takes the writes; the replica is read-only".
  const { clauses, plains } = read ?? clausesOfSentence(sentence);
  for (const [c, clause] of plains.entries()) {
    // What the clause is read under, the subjects it names and its text without brackets are read only for a clause that
    // holds an answer term: most hold none.
    if (!answer.groups.some((group, g) => !stated.has(g) && group.terms.test(clause))) continue;
    let around: Context | undefined;
    let mentions: { start: number; end: number; k: number }[] | undefined;
    let bare: string | undefined;
    // The clauses before are the same sentence: their subject goes on ("Nginx serves the files; dynamic ones go to the app server").
    // The first clause of several, naming no subject, is about what its own sentence names next, before the sentence before it:
    // "Before, the only copy of the data was on one disk; now the replica holds a second one".
    const aroundOf = () => (around ??= c > 0 ? contextOf([...context.frames, ...plains.slice(0, c)], context.before) : plains.length > 1 ? contextOf(context.frames, [...context.before, ...plains.slice(1).reverse()]) : context);
    const mentionsOf = () => (mentions ??= answer.subjects.flatMap((subject, k) => (subject ? matchesOf(subject, clause).map((m) => ({ ...m, k })) : [])));
    // What a clause is about is read without its brackets: "Connections on the list (HTTP and HTTPS from anyone) get in".
    const bareOf = () => (bare ??= clauses[c] && clauses[c]!.raw.includes('(') ? plainOf(clauses[c]!.raw.replace(/\([^()]*\)/g, ' ')) : clause);
    answer.groups.forEach((group, g) => {
      if (stated.has(g)) return;
      // "the user's computer" is the user's, not what the question asks of its subject.
      // A purpose denied is not stated: "the replica is not for performance".
      const terms = matchesOf(group.terms, clause).filter((t) => !reader.ownedBefore?.test(clause.slice(0, t.start)) && !reader.ownedAfter?.test(clause.slice(t.end)) && !DENIED_PURPOSE.test(clause.slice(0, t.start)));
      if (!terms.length) return;
      // A fact about one subject of a contrast counts where that subject is the one it is said of.
      const said = group.of ? terms.filter((term) => subjectOf(term, mentionsOf(), clause, answer, aroundOf()) === g) : terms;
      if (!said.length) return;
      // A relative clause is said of what the clause before named last: "...hands the rest to the application server, which runs the code".
      const antecedent = c > 0 && RELATIVE.test(clause) ? lastSubject(reader, plains[c - 1]!) : '';
      const text = antecedent ? `${antecedent} ${clause}` : '';
      if (text) {
        if (!aboutElse(reader, text, antecedent.length + 1 + said[0]!.start, aroundOf())) stated.add(g);
        return;
      }
      const inBare = matchesOf(group.terms, bareOf())[0];
      if (inBare ? !aboutElse(reader, bareOf(), inBare.start, aroundOf()) : !aboutElse(reader, clause, said[0]!.start, aroundOf())) stated.add(g);
    });
  }
  return stated;
}

const RESPECTIVELY = /\b(?:respectively|respectivement)\b/;
// "is not for performance", "isn't there for backups", "n'est pas pour les lectures" ("not only for" still states it).
const DENIED_PURPOSE = /\b(?:not|never|isn t|aren t|nor|pas)(?: (?!only\b|just\b|seulement\b)\w+)? (?:for|pour)(?: (?:the|its|our|a|an|any|le|la|les|l))? $/;
const RELATIVE = /^(?:which|who|qui|lequel|laquelle)\b/;

/** The subject a clause names last, object or not ("...hands the rest to the application server"), or ''. */
function lastSubject(reader: Reader, plain: string): string {
  const found = [...(reader.notAbout ? matchesOf(reader.notAbout, plain) : []), ...(reader.about ? matchesOf(reader.about, plain) : [])].sort((a, b) => b.start - a.start)[0];
  return found ? plain.slice(found.start, found.end) : '';
}

/** A term, then a few words ending in a preposition, then its subject: "writes go to the primary". */
const GOES_TO = /^ (?:\w+ ){0,2}(?:to|from|in|on|onto|into|at|by|via|against|sur|vers|depuis|a|au|aux|par|dans)(?: (?:the|a|an|its|le|la|les|l|du|des))? $/;

// "spreads the requests between the two servers", "sends them to the primary", "unlike Nginx": a thing named after a preposition is an
// object ("to monitor" is a verb: "to" and "for" need a determiner; one word may stand between it and the name: "the two").
const OBJECT_OF = /\b(?:(?:from|of|on|onto|into|with|by|than|via|at|between|across|over|among|behind|unlike|like|besides|sur|vers|depuis|du|de|des|avec|par|entre|contrairement a)(?: (?:the|a|an|its|both|all|each|every|our|their|le|la|les|l)(?: \w+){0,3})?|(?:to|for|a|au|aux|pour) (?:the|a|an|its|both|all|each|every|our|their|le|la|les|l)(?: \w+)?) $/;

function subjectOf(term: { start: number; end: number }, mentions: { start: number; end: number; k: number }[], plain: string, answer: Answer, context: Context): number {
  const after = mentions.filter((m) => m.start >= term.end).sort((a, b) => a.start - b.start);
  const goesTo = after[0] && GOES_TO.test(plain.slice(term.end, after[0].start)) ? after[0] : undefined;
  if (goesTo) return goesTo.k;
  // "The replica copies data from the primary and handles reads": a subject after a preposition is an object, not who does what follows.
  const before = mentions.filter((m) => m.end <= term.start && !OBJECT_OF.test(plain.slice(0, m.start))).sort((a, b) => b.end - a.end);
  if (before[0]) return before[0].k;
  if (after[0]) return after[0].k;
  const texts = context.all;
  for (let c = texts.length - 1; c >= 0; c--) {
    const framed = answer.subjects
      .map((subject, k) => ({ k, at: subject ? (subject.exec(texts[c]!)?.index ?? -1) : -1 }))
      .filter((x) => x.at >= 0)
      .sort((a, b) => a.at - b.at);
    if (framed[0]) return framed[0].k;
  }
  return -1;
}

function sectionOf(block: AnalysedBlock): string {
  return `${block.file}\u0000${block.headingPath.join('\u0000')}`;
}

/** The sections where a sentence states (part of) the answer beside a hedge or the wrong fact that it does not set aside. */
function spoiledSections(blocks: PreparedBlock[], states: (entry: PreparedSentence) => boolean, reject: RegExp): Set<string> {
  const spoiled = new Set<string>();
  for (const { section, sentences } of blocks) {
    for (const entry of sentences) {
      const { plain } = entry.sentence;
      if (!states(entry)) continue;
      // "it is not a CNAME, since a CNAME can only point to a name": once ruled out, the wrong fact is talked about, not stated.
      const first = matchesOf(reject, plain)[0];
      if (first && !SET_ASIDE.test(plain.slice(0, first.start))) spoiled.add(section);
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
function framesOfCell(block: AnalysedBlock, cell: number): string[] {
  if (cell < 0) return [];
  const header = block.header?.[cell];
  // A row head that names (no verb) is read under the rest of its row: "| TCP/IP + HTTP | what the server uses to talk to the browser |".
  const head = block.cells?.[0];
  const rowOfHead = cell === 0 && head !== undefined && !hasFiniteVerb(proseText(head)) ? block.cells!.slice(1).map((c) => proseText(c)) : [];
  return [...(header ? [proseText(header)] : []), ...rowOfHead, ...(cell > 0 && head ? [proseText(head)] : [])];
}

function rowHead(block: AnalysedBlock): string | null {
  return block.cells?.[0] ? proseText(block.cells[0]) : null;
}
