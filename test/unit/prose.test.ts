import { randomStrings } from '../helpers/random-strings.js';
import { countWords } from '../../src/prose/analyze-prose.js';
import { FUNCTION_WORDS } from '../../src/prose/lexicon.js';
import { clausesOf } from '../../src/prose/sentences.js';
import { isTranslation } from '../../src/submission/load-submission.js';

describe('clauses', () => {
  it('cuts coordinated independent clauses on the text as written, not lists, brackets or verb phrases', () => {
    expect(clausesOf('All SPOFs have been removed and the web, app (and database) servers have been moved to separate hosts.').map((c) => c.plain)).toEqual([
      'all spofs have been removed',
      'the web app and database servers have been moved to separate hosts.',
    ]);
    // No finite verb on the left: "and" joins a list, not two clauses.
    expect(clausesOf('Separating the web server, the app server and the database improves security.')).toHaveLength(1);
    // A semicolon always separates; a coordinated verb phrase keeps its subject.
    expect(clausesOf('Nginx serves the static files; Gunicorn runs the code.').map((c) => c.plain)).toEqual(['nginx serves the static files', 'gunicorn runs the code.']);
    expect(clausesOf('HAProxy 2 is passive and listens to heartbeats.')).toHaveLength(1);
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
    const byLanguage: Record<string, number> = { en: 0, fr: 0, es: 0, de: 0, pt: 0 };
    let words = 0;
    for (const word of text.toLowerCase().split(/[^a-z\u00df-\u00ff\u0100-\u024f']+/)) {
      if (!word) continue;
      words++;
      // A word two languages share counts for the first that lists it.
      const language = Object.keys(FUNCTION_WORDS).find((l) => FUNCTION_WORDS[l as keyof typeof FUNCTION_WORDS].includes(word));
      if (language) byLanguage[language]!++;
    }
    return { words, english: byLanguage.en!, other: byLanguage.fr! + byLanguage.es! + byLanguage.de! + byLanguage.pt!, byLanguage };
  };

  it('counts words and function words as a split on non-Latin characters does', () => {
    const samples = ['', 'The load balancer is in front of the web servers.', "Le serveur est là pour les requêtes et il n'est pas seul", 'Der Server ist für die Anfragen', 'İSTANBUL and ÉTÉ', 'x'];
    samples.push(...randomStrings("the and le la é ß ÿ Ā ɏ İ ' x-1\n東ü", 2000, 40, 5));
    for (const s of samples) expect([s, countWords(s)]).toEqual([s, reference(s)]);
  });
});
