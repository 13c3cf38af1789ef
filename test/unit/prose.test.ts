import { randomStrings } from '../helpers/random-strings.js';
import { countWords } from '../../src/prose/analyze-prose.js';
import { ENGLISH_WORDS, OTHER_LANGUAGE_WORDS } from '../../src/prose/vocabulary.js';
import { clausesOf } from '../../src/prose/clauses.js';
import { isTranslation } from '../../src/api/load-submission.js';

describe('clauses', () => {
  it('cuts coordinated independent clauses, not lists or brackets', () => {
    expect(clausesOf('All SPOFs have been removed and the web, app (and database) servers have been moved to separate hosts.').map((c) => c.norm)).toEqual([
      'all spofs have been removed',
      'the web app and database servers have been moved to separate hosts.',
    ]);
    // No finite verb on the left: "and" joins a list, not two clauses.
    expect(clausesOf('Separating the web server, the app server and the database improves security.')).toHaveLength(1);
  });

  it('marks clauses that refer back and leading circumstances', () => {
    const [first, second] = clausesOf('We added a second HAProxy. This removes the SPOF.');
    expect([first!.continues, second!.continues]).toEqual([false, true]);
    const [setting] = clausesOf('When adding a load balancer, monitoring becomes crucial.');
    expect([setting!.setting, setting!.main]).toEqual(['when adding a load balancer', 'monitoring becomes crucial.']);
    // A condition is part of an explanation, not a circumstance.
    expect(clausesOf('If one fails, the other takes over.')[0]!.setting).toBe('');
  });
});

describe('translations beside the task file', () => {
  it.each([
    ['3-scale_up_FR.md', true],
    ['3-scale_up.fr.md', true],
    ['3-scale_up-es.md', true],
    ['3-scale_up.md', false],
    ['3-scale_up.mmd', false],
    ['3-scale_up_README.md', false],
    ['3-scale_up_diagram.mmd', false],
  ])('%s -> %s', (name, expected) => {
    expect(isTranslation(name, '3-scale_up')).toBe(expected);
  });
});

describe('countWords', () => {
  // The split it replaces, kept as the specification.
  const reference = (text: string) => {
    const counted = { words: 0, english: 0, other: 0 };
    for (const word of text.toLowerCase().split(/[^a-z\u00df-\u00ff\u0100-\u024f']+/)) {
      if (!word) continue;
      counted.words++;
      if (ENGLISH_WORDS.has(word)) counted.english++;
      else if (OTHER_LANGUAGE_WORDS.has(word)) counted.other++;
    }
    return counted;
  };

  it('counts words and function words as a split on non-Latin characters does', () => {
    const samples = ['', 'The load balancer is in front of the web servers.', "Le serveur est là pour les requêtes et il n'est pas seul", 'Der Server ist für die Anfragen', 'İSTANBUL and ÉTÉ', 'x'];
    samples.push(...randomStrings("the and le la é ß ÿ Ā ɏ İ ' x-1\n東ü", 2000, 40, 5));
    for (const s of samples) expect([s, countWords(s)]).toEqual([s, reference(s)]);
  });
});
