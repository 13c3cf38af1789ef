/**
 * Questions that ask which of several options this design is ("is the load balancer enabling an
 * active-active or an active-passive setup?"): see Question.choices in questions.ts.
 */
import { cachedByObject } from '../bounded-cache.js';
import { globalOf } from '../every-match.js';
import type { ProseAnalysis } from './analyze-prose.js';
import { anyOf, LOAD_BALANCER_NAMES, THIS_DESIGN } from './lexicon.js';
import { clausesRead, labelOf, LEADING_LABEL, matchesOf, SET_ASIDE, sentencesOfBlock, termsPattern, type ReadSentence } from './question-text.js';
import { commaSegments, proseText, withoutAccents } from './sentences.js';

/** One option of a question that asks which one this design is (see Question.choices). */
export interface Choice {
  terms: string[];
  /** What, stated in the student's own text, contradicts the option. */
  contradictedBy?: string[];
}

/** How a question of choices is read over the whole prose (see Question.choices). */
export interface ChoicesReading {
  /** The options a sentence names and does not set aside. */
  named(plain: string): number[];
  /** Where the student's own text contradicts the one option the sentence names ("our setup is active-passive" beside "round robin"). */
  contradiction(plain: string): { file: string; line: number } | null;
  /**
   * Whether the sentence applies exactly one option, uncontradicted, to this design; `before` is the
   * sentence before it in its block, `rowHead` the first cell of its table row.
   */
  chosenIn(sentence: ReadSentence, before: ReadSentence | null, rowHead: string | null, aboutElse: (index: number) => boolean): boolean;
  /** Whether a text is an option and nothing more ("Active-Active.", "the active-active setup"). */
  bare(plain: string): boolean;
  /**
   * The pieces of a sentence that may state an option apart from the rest: its clauses, and the
   * comma-spliced parts of a clause that names several ("it's active-active because both work,
   * active-passive is when one waits"), after a label that names them all.
   */
  pieces(raw: string): ReadSentence[];
  /** Whether a heading gives the option as its answer ("Load balancer setup: Active-Active") or says it is this design's. */
  chosenInHeading(text: string, aboutElse: (index: number) => boolean): boolean;
}

const THIS = anyOf(...THIS_DESIGN);
/** Words around a bare option: "Active-Active setup.", "Mode: active-active". */
const FILLER = /\b(?:the|a|an|is|it|its|it s|setup|set up|mode|configuration|config|one|answer|le|la|un|une|est|c est)\b/g;
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
  return caseOpeningOf(option).test(text);
}
/** Each option's case opening, made once (an option's pattern is its terms' pattern, made once per rubric). */
const caseOpeningOf = cachedByObject(
  (option: RegExp) => new RegExp(`\\b(?:in|with|for|under|dans|en|avec|pour) (?:(?:an?|the|un|une|le|la|l) )?(?:${SETUP_WORDS} )?${option.source}(?: ${SETUP_WORDS})? ?[,:]`),
);

/** "The advantages of an active-active cluster": an option named as a kind of setup. */
const KIND_OF = /\b(?:of|d|de|des)(?: (?:an?|un|une|the|les))?(?: (?:cluster|setup|configuration|mode|architecture|systeme))? $/;
/** "Active-active clusters give ...", "les clusters actif-actif": an option in the plural is a kind of setup, not this one. */
const PLURAL_BEFORE = /\b(?:clusters|setups|configurations|architectures|systemes)(?: \w+)? $/;
const PLURAL_AFTER = /^ (?:clusters|setups|configurations|architectures|systems|systemes)\b/;
const DEFINING = /^(?: (?:setups?|set ups?|modes?|configurations?|clusters?|architectures?|systems?))? (?:means?|is when|is where|is a|is an|refers?|describes?|involves?|consists?|signifie|consiste|designe)\b/;
const NEGATED_BEFORE_END = /\b(?:not|no|never|isn t|aren t|pas|non|jamais)(?: \w+){1,3}$/;
const HYPOTHETICAL = /\b(?:would|could|might|pourrai\w*|serai\w*|aurai\w*)\b/;

/**
 * A heading or row head that is the question's name and nothing more ("Mode", "Load balancer setup"): what
 * follows it answers it, as what follows "Active-Active or Active-Passive?" does.
 */
function namesTheQuestion(plain: string): boolean {
  return SETUP_NAME.test(plain) && !plain.replace(SETUP_NAMES, ' ').replace(LOAD_BALANCER, ' ').replace(FILLER, ' ').trim();
}
const SETUP_NAME = /\b(?:mode|setup|set up|configuration|config)s?\b/;
const SETUP_NAMES = new RegExp(SETUP_NAME.source, 'g');
const LOAD_BALANCER = new RegExp(anyOf(...LOAD_BALANCER_NAMES).source, 'g');

export function readChoices(prose: ProseAnalysis, choices: Choice[]): ChoicesReading {
  const patterns = choices.map((c) => termsPattern(c.terms));
  const contradictions = choices.map((c) => (c.contradictedBy?.length ? termsPattern(c.contradictedBy) : null));
  const namedIn = (plain: string): number[] => patterns.flatMap((p, k) => (matchesOf(p, plain).some((m) => !SET_ASIDE.test(plain.slice(0, m.start))) ? [k] : []));
  const mentioned = (plain: string) => patterns.some((p) => p.test(plain));
  const mentionedAnywhere = new Set<number>();
  // Where the student's own text contradicts each option: the first such line.
  const contradicted = new Map<number, { file: string; line: number }>();
  for (const block of prose.blocks) {
    if (block.kind === 'heading') continue;
    let previous = '';
    for (const { sentence: { plain, asks } } of sentencesOfBlock(block)) {
      if (asks) continue;
      patterns.forEach((p, k) => {
        if (p.test(plain)) mentionedAnywhere.add(k);
      });
      // "HAProxy alternates requests between both servers" contradicts active-passive; a sentence defining an option does not,
      // nor does the sentence after a definition, which goes on defining ("In active-passive one server serves. The other is a
      // spare."), unlike the sentence after this design's option ("We use active-passive. Requests go round robin to both").
      const defining = mentioned(plain) || (mentioned(previous) && !THIS.test(previous));
      previous = plain;
      if (defining) continue;
      contradictions.forEach((c, k) => {
        if (c?.test(plain) && !contradicted.has(k)) contradicted.set(k, { file: block.file, line: block.line });
      });
    }
  }
  // The options the prose sets out as labels ("Active-Passive: one server waits"): a label of an option defines it, unless it alone answers a question.
  const labelled = new Set<number>();
  for (const block of prose.blocks) {
    if (block.kind === 'heading') continue;
    for (const { sentence } of sentencesOfBlock(block)) {
      const label = labelOf(sentence.raw);
      if (label === null) continue;
      const named = patterns.flatMap((p, k) => (p.test(label) ? [k] : []));
      if (named.length === 1) labelled.add(named[0]!);
    }
  }
  /** Whether a text asks which option: a question, or a text naming several ("Active-Active or Active-Passive"). */
  const asksWhich = (text: { raw: string; plain: string; asks?: boolean } | null) =>
    text !== null && (text.asks === true || /\?\s*$/.test(text.raw) || patterns.filter((p) => p.test(text.plain)).length >= 2 || namesTheQuestion(text.plain));
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
  const bare = (plain: string) => patterns.some((p) => p.test(plain)) && !patterns.reduce((text, p) => text.replace(globalOf(p), ' '), plain).replace(FILLER, ' ').trim();
  const pieces = (raw: string): ReadSentence[] => {
    const label = labelOf(raw);
    const body = label !== null && patterns.filter((p) => p.test(label)).length >= 2 ? raw.slice(LEADING_LABEL.exec(raw)![0].length) : raw;
    return clausesRead(body).flatMap((c) => (namedIn(c.plain).length >= 2 ? commaSegments(c.raw).map((r) => ({ raw: r, plain: proseText(r), asks: false })) : [{ raw: c.raw, plain: c.plain, asks: false }]));
  };
  return {
    named: namedIn,
    bare,
    pieces,
    contradiction(plain) {
      const named = namedIn(plain);
      return named.length === 1 ? (contradicted.get(named[0]!) ?? null) : null;
    },
    chosenIn({ raw, plain }, before, rowHead, aboutElse) {
      // "Active-Active vs Active-Passive: our load balancer runs both servers active-active": a label naming the options asks, the rest answers.
      const asked = labelOf(raw);
      if (asked !== null && patterns.filter((p) => p.test(asked)).length >= 2) {
        const body = raw.slice(LEADING_LABEL.exec(raw)![0].length);
        const bodyPlain = proseText(body);
        return bodyPlain !== plain && this.chosenIn({ raw: body, plain: bodyPlain, asks: false }, before, rowHead, (index) => aboutElse(index + plain.length - bodyPlain.length));
      }
      const k = oneOption(plain, aboutElse);
      if (k === null) {
        // "Active-Active: both servers take requests. This is the case here.": the sentence before gave the option.
        return !mentioned(plain) && before !== null && appliedHere(plain) && oneOption(before.plain, aboutElse) !== null;
      }
      const pattern = patterns[k]!;
      if (mentionedAnywhere.size === 1 || appliedHere(plain)) return true;
      // "Active-Active: both servers serve at once" defines the option; after "Setup:" or "A:" the rest is read on its own.
      const label = labelOf(raw);
      // "| Active-Active or Active-Passive? | Active-Active: both servers take traffic |": the label answers the question asked
      // right before it, when the prose sets out no other option as a label.
      if (label !== null && mentioned(label)) return (asksWhich(before) || asksWhich(rowHead === null ? null : { raw: rowHead, plain: rowHead })) && patterns.every((_, j) => j === k || !labelled.has(j)) && namedIn(label).length === 1;
      const body = label !== null ? proseText(raw.slice(LEADING_LABEL.exec(raw)![0].length)) : plain;
      const at = matchesOf(pattern, body)[0];
      if (!at) return false;
      if (patterns.some((p, j) => j !== k && p.test(body))) return true;
      if (!body.replace(globalOf(pattern), ' ').replace(FILLER, ' ').trim()) return true;
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

