/**
 * Whether the prose answers a question a rubric asks ("what a server is", "which DNS record www
 * is"), read the way a mentor reads: a sentence answers when it is about the question's subject
 * (it names it, or sits under a heading, list item or label that does, or follows a sentence that
 * does) and states the answer; some questions want a reason, purpose or consequence, and some
 * answers are spoilt by a hedge or the wrong fact in the same sentence ("a CNAME or an A record").
 *
 * The questions are rubric data, so their words are too: each term is a phrase over plain text
 * (lower case, no accents, punctuation read as spaces: "TCP/IP" is "tcp ip"), `*` ends a word with
 * any letters ("replicat*"), and `@name` stands for a vocabulary of the lexicon (`@web-server`).
 */
import { cachedByString } from '../bounded-cache.js';
import type { AnalysedBlock, ProseAnalysis } from './analyze-prose.js';
import { APP_SERVER_NAMES, DATABASE_NAMES, FIREWALL_NAMES, LOAD_BALANCER_NAMES, MACHINE_NAMES, MONITORING_NAMES, NEGATIONS, WEB_SERVER_NAMES, CERTIFICATE_NAMES } from './lexicon.js';
import { reasonIn } from './reasons.js';
import { hasFiniteVerb, proseText, sentencesOf } from './sentences.js';

/** One question of a rubric's explanation requirement (rules/<task>.json, options.questions). */
export interface Question {
  /** Stable id: the part's name in results (`parts`) and in the paraphrase banks. */
  id: string;
  /** What it asks, as a student reads it in a message: "what a server is". */
  name: string;
  /** What the answer is about: the sentence or what it sits under names one. None: any sentence. */
  about?: string[];
  /** What the answer states: one term of each group (a list of terms is one group). */
  answer: string[] | string[][];
  /** The answer must give a reason, a purpose or a consequence, in its sentence or the next. */
  reason?: boolean;
  /** The answer must be a statement (a finite verb), not a label that names it ("Downtime when maintenance needed"). */
  statement?: boolean;
  /**
   * A hedge or the wrong fact ("either", "CNAME"): a sentence stating the answer beside one of these
   * spoils the answer in its whole section ("www is either an A record or a CNAME:" then a list of
   * both). Said under a negation ("an A record, not a CNAME") it spoils nothing.
   */
  reject?: string[];
  /** A concrete example of an answer, for the hint. */
  hint?: string;
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

/** A rubric term as a pattern source: `@name`, or a phrase with `*` word endings. */
function termSource(term: string): string {
  const trimmed = term.trim().toLowerCase();
  if (trimmed.startsWith('@')) {
    const words = VOCABULARIES[trimmed.slice(1)];
    if (!words) throw new Error(`unknown vocabulary "${trimmed}" (known: ${VOCABULARY_NAMES.map((n) => `@${n}`).join(', ')})`);
    return `(?:${words.join('|')})`;
  }
  return trimmed
    .split(/\s+/)
    .map((word) => word.split('*').map((piece) => piece.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('\\w*'))
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

/** Checks a question's terms and names a bad one: a rubric author's mistake is a usage error, not a crash. */
export function questionProblem(question: Question): string | null {
  try {
    for (const list of [question.about ?? [], ...answerGroups(question), question.reject ?? []]) if (list.length) termsPattern(list);
  } catch (error) {
    return (error as Error).message;
  }
  return answerGroups(question).length ? null : 'it has no answer terms';
}

function answerGroups(question: Question): string[][] {
  const answer = question.answer;
  if (!answer.length) return [];
  return typeof answer[0] === 'string' ? [answer as string[]] : (answer as string[][]).filter((g) => g.length);
}

/** A sentence as read: plain text, and whether it asks rather than states. */
interface ReadSentence {
  plain: string;
  asks: boolean;
}

const sentencesRead = cachedByString((text: string): readonly ReadSentence[] =>
  Object.freeze(sentencesOf(text).map((raw) => ({ plain: proseText(raw), asks: /\?\s*$/.test(raw) }))),
);

/** Reads the whole prose for one question. */
export function readQuestion(prose: ProseAnalysis, question: Question): QuestionReading {
  const about = question.about?.length ? termsPattern(question.about) : null;
  const groups = answerGroups(question).map((g) => termsPattern(g));
  const states = (plain: string) => groups.every((g) => g.test(plain));
  const spoiled = question.reject?.length ? spoiledSections(prose, states, termsPattern(question.reject)) : new Set<string>();
  let mentionedAt: QuestionReading['mentionedAt'] = null;
  let asked: { section: string; index: number; plain: string } | null = null;
  for (const [index, block] of prose.blocks.entries()) {
    if (spoiled.has(sectionOf(block))) continue;
    if (block.kind === 'heading') {
      if (about && !mentionedAt && about.test(block.norm)) mentionedAt = { file: block.file, line: block.line };
      continue;
    }
    const sentences = sentencesRead(block.text);
    // A line that asks ("Q: What is a server?") heads the answer under it, as a heading does.
    if (asked && (asked.section !== sectionOf(block) || asked.index !== index - 1)) asked = null;
    const framed = about === null || frameOf(block).some((text) => about.test(text)) || (asked !== null && about.test(asked.plain));
    if (sentences.length && sentences[sentences.length - 1]!.asks) asked = { section: sectionOf(block), index, plain: sentences.map((x) => x.plain).join(' ') };
    for (let i = 0; i < sentences.length; i++) {
      const { plain, asks } = sentences[i]!;
      const named = about !== null && about.test(plain);
      if (named && !mentionedAt) mentionedAt = { file: block.file, line: block.line };
      // A question copied from the task ("What is a server?") is not its answer.
      if (asks) continue;
      const isAbout = framed || named || (i > 0 && about!.test(sentences[i - 1]!.plain)) || about!.test(sentences[0]!.plain);
      if (!isAbout || !states(plain) || (question.statement && !hasFiniteVerb(plain))) continue;
      // The reason may follow in the next sentence: "SPOF: one server runs everything. If it dies, the site is down."
      // A bare name ("- Single point of failure") is a label: the list item or paragraph after it goes on about it.
      const next = sentences[i + 1]?.plain ?? (hasFiniteVerb(plain) ? undefined : firstSentenceAfter(prose, index));
      if (question.reason && !givesReason(plain) && !(next !== undefined && givesReason(next))) continue;
      return { answeredAt: { file: block.file, line: block.line }, mentionedAt };
    }
  }
  return { answeredAt: null, mentionedAt };
}

/**
 * A reason, purpose or consequence. A problem counts when a sentence states it ("if it dies the
 * site goes down"), not when a label names it ("SPOF (single point of failure)", "Downtime when
 * maintenance needed"): the name is what the question asks about, not its explanation.
 */
function givesReason(plain: string): boolean {
  const reason = reasonIn(plain);
  if (reason === null || reason.kind === 'quality') return false;
  return reason.kind !== 'problem' || hasFiniteVerb(plain);
}

/** The first sentence of the block after `index`, when it is in the same section. */
function firstSentenceAfter(prose: ProseAnalysis, index: number): string | undefined {
  const block = prose.blocks[index]!;
  const next = prose.blocks[index + 1];
  if (!next || next.kind === 'heading' || sectionOf(next) !== sectionOf(block)) return undefined;
  return sentencesRead(next.text)[0]?.plain;
}

function sectionOf(block: AnalysedBlock): string {
  return `${block.file}\u0000${block.headingPath.join('\u0000')}`;
}

/** "not", "rather than", "instead of" just before a word: the sentence sets it aside. */
const SET_ASIDE = new RegExp(`\\b(?:${[...NEGATIONS, 'rather than', 'instead of', 'unlike', 'pas', 'non', 'plutot que', 'au lieu d\\w*'].join('|')})(?: \\w+){0,2} $`);

/** The sections where a sentence states the answer beside a hedge or the wrong fact that it does not set aside. */
function spoiledSections(prose: ProseAnalysis, states: (plain: string) => boolean, reject: RegExp): Set<string> {
  const spoiled = new Set<string>();
  const global = new RegExp(reject.source, 'g');
  for (const block of prose.blocks) {
    if (block.kind === 'heading') continue;
    for (const { plain } of sentencesRead(block.text)) {
      if (!states(plain)) continue;
      if ([...plain.matchAll(global)].some((m) => !SET_ASIDE.test(plain.slice(0, m.index)))) spoiled.add(sectionOf(block));
    }
  }
  return spoiled;
}

/** What a block sits under: its headings, the title line above it, the list items it is nested in. */
function frameOf(block: AnalysedBlock): string[] {
  return [...block.headingPath.map((h) => proseText(h)), ...(block.title ? [proseText(block.title)] : []), ...(block.listPath ?? []).map((l) => proseText(l))];
}
