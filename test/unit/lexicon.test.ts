import { anyOf, APP_SERVER_NAMES, DATABASE_NAMES, WEB_SERVER_NAMES } from '../../src/vocabulary.js';
import * as lexicon from '../../src/prose/lexicon.js';
import { plainText } from '../../src/prose/sentences.js';
import { LEXICON_EXAMPLES } from './lexicon-examples.js';

/** Every exported list of alternatives (FUNCTION_WORDS is a record, anyOf/everyOf are functions). */
const lists = Object.entries(lexicon as Record<string, unknown>).filter(
  (entry): entry is [string, readonly string[]] => Array.isArray(entry[1]) && entry[1].every((x) => typeof x === 'string'),
);
const examplesOf = (name: string) => LEXICON_EXAMPLES[name] ?? { match: [], miss: [] };

/** An entry may embed whole component vocabularies (ISOLATION's "only Nginx"): the length limit holds the hand-written rest. */
const handWritten = (entry: string) => [WEB_SERVER_NAMES, APP_SERVER_NAMES, DATABASE_NAMES].reduce((rest: string, names) => rest.replace(names.join('|'), '…'), entry);

describe('lexicon', () => {
  it('has examples for exactly the exported lists', () => {
    expect(Object.keys(LEXICON_EXAMPLES).sort()).toEqual(lists.map(([name]) => name).sort());
  });

  it.each(lists)('%s: every entry is matched by an example', (name, entries) => {
    const { match } = examplesOf(name);
    const unmatched = entries.filter((entry) => !match.some((phrase) => anyOf(entry).test(phrase)));
    expect(unmatched).toEqual([]);
  });

  it.each(lists)('%s: every example is plain text and matched by the list', (name, entries) => {
    const { match, miss } = examplesOf(name);
    expect([...match, ...miss].filter((phrase) => plainText(phrase) !== phrase)).toEqual([]);
    expect(match.filter((phrase) => !anyOf(...entries).test(phrase))).toEqual([]);
  });

  it.each(lists)('%s: no counter-example is matched by any entry', (name, entries) => {
    const { miss } = examplesOf(name);
    expect(miss.length).toBeGreaterThanOrEqual(2);
    expect(miss.flatMap((phrase) => entries.filter((entry) => anyOf(entry).test(phrase)).map((entry) => `"${phrase}" <- ${entry}`))).toEqual([]);
  });

  it.each(lists)('%s: every entry compiles and is at most 160 characters long', (_name, entries) => {
    expect(entries.filter((entry) => handWritten(entry).length > 160)).toEqual([]);
    for (const entry of entries) expect(() => anyOf(entry)).not.toThrow();
  });
});
