import { randomStrings } from '../helpers/random-strings.js';
import { everyMatch } from '../../src/every-match.js';
import { anyOf, everyOf, LOAD_BALANCER_NAMES, SPLIT_TERMS } from '../../src/prose/lexicon.js';

/** What matchAll gives, in a comparable form: each match's index, text and groups. */
const shape = (matches: Iterable<RegExpMatchArray>) => [...matches].map((m) => [m.index, ...m]);

describe('everyMatch', () => {
  const patterns = [
    everyOf(...SPLIT_TERMS),
    everyOf(...LOAD_BALANCER_NAMES),
    /\b(?:to|pour) (\w+)/g,
    // Empty matches, where matchAll moves on by itself.
    /x*/g,
    /(?=a)|b?/g,
    /\b/g,
    // Case-insensitive, and Unicode: an empty match steps over a whole surrogate pair.
    /(?<!\s)\s*;\s*|,\s+and\s+/gi,
    /\p{L}?/gu,
  ];
  const texts = [
    '',
    'the web and app tiers are split apart; each has its own server, and the load balancer sends to both',
    'aaxbab; xx and b',
    'emoji \u{1F600} and \u{1F600}\u{1F600}, a lone \ud83d surrogate',
    ...randomStrings('ab x;,\u{1F600}', 40, 25, 7),
    ...randomStrings('load balancer split to apart x;, and', 40, 60, 11),
  ];

  it('gives what matchAll gives, empty matches and surrogate pairs included', () => {
    for (const pattern of patterns) for (const text of texts) expect(shape(everyMatch(pattern, text))).toEqual(shape(text.matchAll(pattern)));
  });

  it('starts from the beginning whatever the last use left, and leaves the pattern ready for the next', () => {
    const pattern = /a/g;
    pattern.lastIndex = 2;
    expect(everyMatch(pattern, 'aaa').map((m) => m.index)).toEqual([0, 1, 2]);
    expect(pattern.lastIndex).toBe(0);
    // A caller may use the pattern again while it reads the matches.
    const nested = everyMatch(pattern, 'a a').map((m) => [m.index, everyMatch(pattern, 'aaa').length]);
    expect(nested).toEqual([[0, 3], [2, 3]]);
  });

  it('refuses a pattern without the g flag, as matchAll does, rather than matching forever', () => {
    expect(() => everyMatch(anyOf('a'), 'aaa')).toThrow(TypeError);
  });
});
