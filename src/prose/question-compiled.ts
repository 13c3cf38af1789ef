/**
 * A rubric's questions compiled for reading (see questions.ts): the patterns of each question's
 * terms, its ways to answer, the task's words it must not merely restate. Compiled once per question
 * object, since a rubric's questions are read-only data read for every student.
 */
import { cachedByObject, cachedByString } from '../bounded-cache.js';
import {
  anyOf, APP_SERVER_NAMES, CERTIFICATE_NAMES, CODE_BASE_NAMES, DATABASE_NAMES, FIREWALL_NAMES, FUNCTION_WORDS, ISSUES_LABELS, LOAD_BALANCER_NAMES, MACHINE_NAMES,
  MONITORING_NAMES, WEB_SERVER_NAMES,
} from './lexicon.js';
import { termsPattern } from './question-text.js';
import type { AnswerGroup, Question } from './questions.js';
import { proseText } from './sentences.js';

export function answerGroups(question: Question): AnswerGroup[] {
  return groupsOf(question.answer ?? []);
}

/** An answer's groups: a list of terms is one group. */
export function groupsOf(answer: AnswerGroup[] | string[]): AnswerGroup[] {
  if (!answer.length) return [];
  return typeof answer[0] === 'string' ? [answer as string[]] : (answer as AnswerGroup[]).filter((g) => (Array.isArray(g) ? g.length : g.terms.length && g.of.length));
}


const NAMES = new RegExp(
  `\\b(?:${[...LOAD_BALANCER_NAMES, ...WEB_SERVER_NAMES, ...APP_SERVER_NAMES, ...CODE_BASE_NAMES, ...DATABASE_NAMES, ...MACHINE_NAMES, ...FIREWALL_NAMES, ...MONITORING_NAMES, ...CERTIFICATE_NAMES].join('|')}|\\d+|x|and|or|the|a|an|one|two|three|our|its|et|le|la|les|un|une|des|de|du)\\b`,
  'g',
);

/** A text that only names components: "1 server", "code base", "Nginx (web server)", "MySQL x2". */
export function namesOnly(plain: string): boolean {
  return !plain.replace(NAMES, ' ').replace(/[^a-z]+/g, '');
}

/** Words that say nothing of their own in a restatement: function words, and the words that call something an issue. */
const FILLERS: ReadonlySet<string> = new Set([...FUNCTION_WORDS.en, ...FUNCTION_WORDS.fr]);
const ISSUE_WORD = anyOf(...ISSUES_LABELS);

/** The content words of a plain text, reduced to a stem ("restarting", "restarted" -> "restart"; "scale", "scaling" -> "scal"). */
export function contentWords(plain: string): string[] {
  return plain.split(' ').filter((w) => w && !FILLERS.has(w) && !ISSUE_WORD.test(w)).map((w) => (w.length > 4 ? w.replace(/(?:ing|ed|es|s|e)$/, '') : w));
}

/**
 * Whether a sentence, by its content words, says nothing beyond the task's words: every one is one
 * of them (a stem one is a prefix of: "termination", "terminating"), but for one word where it
 * repeats two or more ("It cannot scale well if there is too much incoming traffic"). Whether a word
 * is one of the task's is kept per word: the same words come back in every sentence of every student.
 */
function restatesTask(taskWords: readonly string[]): (words: readonly string[]) => boolean {
  const isTaskWord = cachedByString((w: string) => taskWords.some((t) => t === w || (Math.min(t.length, w.length) >= 4 && (t.startsWith(w) || w.startsWith(t)))), 10_000);
  return (words) => {
    let own = 0;
    for (const w of words) if (!isTaskWord(w)) own++;
    return own === 0 || (own === 1 && words.length - own >= 2);
  };
}

/** A question compiled: its patterns. */
export interface Reader {
  about: RegExp | null;
  notAbout: RegExp | null;
  cancelledBy: RegExp | null;
  /** A term qualified by one of these is theirs: "the user's computer" (see Question.notOf). */
  ownedBefore: RegExp | null;
  ownedAfter: RegExp | null;
  notUnder: RegExp | null;
  otherJobs: RegExp | null;
  /** The subject counted ("three firewalls", "one SSL certificate"): a reason after it may explain the count. */
  counted: RegExp | null;
}

/** One way to answer, compiled: its groups. */
export interface Answer {
  groups: { of: RegExp | null; terms: RegExp }[];
  /** Subjects of the facts of a contrast, one per group (null for a group of no subject). */
  subjects: (RegExp | null)[];
}

function readerOf(question: Question): Reader {
  return {
    about: question.about?.length ? termsPattern(question.about) : null,
    notAbout: question.notAbout?.length ? termsPattern(question.notAbout) : null,
    cancelledBy: question.cancelledBy?.length ? termsPattern(question.cancelledBy) : null,
    notUnder: question.notUnder?.length ? termsPattern(question.notUnder) : null,
    otherJobs: question.otherJobs?.length ? termsPattern(question.otherJobs) : null,
    counted: question.about?.length ? new RegExp(`\\b(?:one|two|three|four|five|\\d+|a single|single|un|une|deux|trois)(?: \\w+)? ${termsPattern(question.about).source}`) : null,
    ownedBefore: question.notOf?.length ? new RegExp(`${termsPattern(question.notOf).source}(?: s)? $`) : null,
    ownedAfter: question.notOf?.length ? new RegExp(`^ (?:of|de|du|des) (?:(?:the|a|an|each|every|our|l|la|le|les|chaque) )?${termsPattern(question.notOf).source}`) : null,
  };
}

function answerOf(groups: AnswerGroup[]): Answer {
  const compiledGroups = groups.map((g) => (Array.isArray(g) ? { of: null, terms: termsPattern(g) } : { of: termsPattern(g.of), terms: termsPattern(g.terms) }));
  return { groups: compiledGroups, subjects: compiledGroups.map((g) => g.of) };
}

/** A question as read for every student: its patterns, its ways to answer, the task's words it must not merely restate. */
interface CompiledQuestion {
  reader: Reader;
  answers: Answer[];
  failing: RegExp | null;
  reject: RegExp | null;
  /** Whether a sentence's content words restate the task's words for the question (see Question.taskWords). */
  restates: ((words: readonly string[]) => boolean) | null;
}

/**
 * Each question compiled once, kept under the question itself: a rubric's questions are read-only
 * data, read for every student (compiling them per reading cost a tenth of the reading).
 */
export const compiledQuestion = cachedByObject((question: Question): CompiledQuestion => ({
  reader: readerOf(question),
  answers: [answerGroups(question), ...(question.orAnswer ? [groupsOf(question.orAnswer)] : [])].filter((g) => g.length).map(answerOf),
  failing: question.failureOf?.length ? termsPattern(question.failureOf) : null,
  reject: question.reject?.length ? termsPattern(question.reject) : null,
  restates: question.taskWords?.length ? restatesTask(contentWords(proseText([...question.taskWords, question.name].join('. ')))) : null,
}));
