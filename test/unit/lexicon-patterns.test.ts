/**
 * The lexicon's patterns rewritten to compile smaller (bench/regex-size.mjs) against the patterns
 * they replace, kept here only: the same matches where their callers read them (whether one
 * matches, where it starts and, where the caller reads it, the text matched), on every sentence the
 * project reads (paraphrase banks, fixtures, the real corpus where shared/ is present) read from
 * every word on, and on sentences made from the vocabularies themselves (test/helpers/pattern-samples.ts).
 */
import {
  anyOf, anyStartOf, APP_SERVER_NAMES, WEB_SERVER_NAMES, CAPACITY_PROBLEMS, CONSEQUENCE_MARKERS, CONTAINMENT, CONTINUITY, COUNTERFACTUAL_MARKERS, EFFECT_VERBS, ENABLING_VERBS, FAILURE_PROBLEMS,
  GENERIC_STATEMENTS, GIVING_VERBS, HOLLOW_JUSTIFICATIONS, INDEPENDENCE, NEED_MARKERS, OUTAGE, QUALITIES, SECURITY_PROBLEMS,
} from '../../src/prose/lexicon.js';
import { ENDS_AT_LB, ENDS_AT_LB_WAYS, NO_HTTPS, NO_HTTPS_WAYS, PAST_THE_LB, PAST_THE_LB_WAYS } from '../../src/prose/claims-secured.js';
import { ONE_MACHINE, ONE_MACHINE_WAYS } from '../../src/prose/claims-stack.js';
import { AIMED_QUALITY } from '../../src/prose/reasons.js';
import { SECOND_SUBJECT } from '../../src/rules/explain-web-vs-app.js';
import { inContexts, samplesOf } from '../helpers/pattern-samples.js';
import { plainSentences, proseSources, writtenSentences } from '../helpers/plain-sentences.js';

const sources = proseSources();
const texts = [...sources.banks, ...sources.fixtures, ...sources.corpus];
const written = plainSentences(texts);

/** Every word start of a text: where a caller's slice of it may begin. */
function wordStarts(text: string): number[] {
  const starts = [0];
  for (let i = 1; i < text.length; i++) if (text[i - 1] === ' ' && text[i] !== ' ') starts.push(i);
  return starts;
}

/**
 * Where `before` and `after` disagree on the texts, each read from every word on: the first
 * disagreements, with what each found (the start, and the text matched when `matched` is read).
 */
function disagreements(before: RegExp, after: RegExp, texts: readonly string[], reads: 'start' | 'match'): string[] {
  const found: string[] = [];
  const read = (pattern: RegExp, text: string) => {
    const m = pattern.exec(text);
    return m ? (reads === 'match' ? `${m.index}:${m[0]}` : String(m.index)) : 'none';
  };
  for (const text of texts) {
    for (const from of wordStarts(text)) {
      const slice = text.slice(from);
      const [was, is] = [read(before, slice), read(after, slice)];
      if (was !== is) found.push(`"${slice}": was ${was}, now ${is}`);
      if (found.length >= 5) return found;
    }
  }
  return found;
}

/** A rewritten pattern, the one it replaces and what its callers read of a match. */
interface Rewriting {
  name: string;
  before: RegExp;
  after: RegExp;
  reads: 'start' | 'match';
  /** Read on the text as written, not its plain form: the sentences are read both ways. */
  asWritten?: true;
}

const QUALITY = `(?:${QUALITIES.join('|')})`;
const REWRITINGS: Rewriting[] = [
  {
    // reasons.ts: at(AIMED_QUALITY), the start of the reason.
    name: 'AIMED_QUALITY (reasons.ts)',
    reads: 'start',
    after: AIMED_QUALITY,
    before: anyOf(
      `(?:for|pour|toward|towards) (?:(?:the|a|an|better|more|higher|greater|extra|added|la|une|plus de|meilleure?) )?${QUALITY}`,
      `(?:${GIVING_VERBS.join('|')})(?: \\w+){0,3} ${QUALITY}`,
      `(?:better|more|higher|greater|improved|increased|extra|added|meilleure?|plus de) ${QUALITY}`,
      'for (?:\\w+ ){1,3}purposes?',
      `${QUALITY} (?:is|are|gets?|becomes?) (?:better|higher|improved|increased|guaranteed|ensured)`,
    ),
  },
  {
    // explain-web-vs-app.ts: segment.search(SECOND_SUBJECT), where the second part starts, on the text as written.
    name: 'SECOND_SUBJECT (explain-web-vs-app.ts)',
    reads: 'start',
    asWritten: true,
    after: SECOND_SUBJECT,
    before: new RegExp(`\\s(?:and|et)\\s+(?:the |a |an |our |le |la |l')?(?:${[...WEB_SERVER_NAMES, ...APP_SERVER_NAMES].join('|')})\\b`, 'i'),
  },
  {
    // claims-stack.ts: ONE_MACHINE.exec(statement).index. It was its ways joined by hand, each between word boundaries.
    name: 'ONE_MACHINE (claims-stack.ts)',
    reads: 'start',
    after: ONE_MACHINE,
    before: new RegExp(ONE_MACHINE_WAYS.map((way) => `\\b${way}\\b`).join('|')),
  },
];

// claims-secured.ts: test() and exec(...).index, on a clause's asserted part; they were anyOf of their ways.
const SECURED_WAYS: Record<string, readonly string[]> = { NO_HTTPS: NO_HTTPS_WAYS, ENDS_AT_LB: ENDS_AT_LB_WAYS, PAST_THE_LB: PAST_THE_LB_WAYS };
const SECURED: Record<string, RegExp> = { NO_HTTPS, ENDS_AT_LB, PAST_THE_LB };
for (const [name, ways] of Object.entries(SECURED_WAYS)) {
  REWRITINGS.push({ name: `${name} (claims-secured.ts)`, reads: 'start', before: anyOf(...ways), after: SECURED[name]! });
}

// The vocabularies reasons.ts reads with anyStartOf (whether and where they match, never the text matched).
const READ_FOR_WHERE: Record<string, readonly string[]> = {
  CONSEQUENCE_MARKERS, ENABLING_VERBS, EFFECT_VERBS, CONTINUITY, OUTAGE, COUNTERFACTUAL_MARKERS, FAILURE_PROBLEMS, NEED_MARKERS, INDEPENDENCE,
  CONTAINMENT, GENERIC_STATEMENTS, HOLLOW_JUSTIFICATIONS,
  'FAILURE_PROBLEMS, CAPACITY_PROBLEMS, SECURITY_PROBLEMS': [...FAILURE_PROBLEMS, ...CAPACITY_PROBLEMS, ...SECURITY_PROBLEMS],
};
for (const [name, list] of Object.entries(READ_FOR_WHERE)) {
  REWRITINGS.push({ name: `anyStartOf(${name}) (reasons.ts)`, reads: 'start', before: anyOf(...list), after: anyStartOf(...list) });
}

describe('anyStartOf', () => {
  it('looks ahead at what follows an alternative\'s group, and leaves an alternative without one as it is', () => {
    expect(anyStartOf('(?:users?|clients?) (?:cannot|can t)', 'offline', '(?:is|are) down').source)
      .toBe('\\b(?:(?:users?|clients?)(?= (?:cannot|can t)\\b)|offline\\b|(?:is|are)(?= down\\b))');
    // A group that ends the alternative, a quantified group, a lookbehind first, a class holding a parenthesis.
    expect(anyStartOf('fail(?:s|ed)?', 'the (?:new )?one', '(?<!no )code', '[(]x (?:a|b) y').source)
      .toBe('\\b(?:fail(?:s|ed)?\\b|the (?:new )?(?=one\\b)|(?<!no )(?=code\\b)|[(]x (?:a|b)(?= y\\b))');
  });

  it('nests a look-ahead after each group: each part is looked for after the one before', () => {
    const pattern = anyStartOf('(?:users?|clients?) (?:\\w+ )?(?:cannot|can t) (?:reach|load)');
    expect(pattern.source).toBe('\\b(?:(?:users?|clients?)(?= (?:\\w+ )?(?=(?:cannot|can t)(?= (?:reach|load)\\b))))');
    expect(pattern.exec('so the users simply cannot reach it')?.index).toBe(7);
    expect(pattern.test('users cannot see it')).toBe(false);
  });

  it('refuses an alternative that is itself several (a bare |), which it could not look ahead in', () => {
    expect(() => anyStartOf('a (?:b) c|d')).toThrow(/bare \|/);
  });
});

describe('the lexicon patterns rewritten to compile smaller match as the patterns they replace', () => {
  it('has sentences to read: the banks and the fixtures (and the corpus where shared/ is present)', () => {
    expect(sources.banks.length).toBeGreaterThan(300);
    expect(sources.fixtures.length).toBeGreaterThan(5);
    expect(written.length).toBeGreaterThan(3000);
  });

  describe.each(REWRITINGS)('$name', ({ before, after, reads, asWritten }) => {
    it('is a rewriting: another source, the same flags', () => {
      expect(after.source).not.toBe(before.source);
      expect(after.flags).toBe(before.flags);
    });

    it('reads every written sentence alike, from every word on', () => {
      expect(disagreements(before, after, asWritten ? [...written, ...writtenSentences(texts)] : written, reads)).toEqual([]);
    });

    it('reads sentences made from its vocabularies alike: each word in each place, at the ends, beside neighbours', () => {
      const made = inContexts(samplesOf(before.source));
      expect(made.length).toBeGreaterThan(20);
      // The samples are about the vocabulary: most of them match.
      expect(made.filter((s) => before.test(s)).length).toBeGreaterThan(made.length / 4);
      // A pattern read on the text as written meets capitals too.
      expect(disagreements(before, after, asWritten ? [...made, ...made.map((s) => s.toUpperCase())] : made, reads)).toEqual([]);
    });
  });
});
