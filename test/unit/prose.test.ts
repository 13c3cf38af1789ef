import { randomStrings } from '../helpers/random-strings.js';
import { countWords } from '../../src/prose/word-count.js';
import { mentionsOf } from '../../src/prose/elements.js';
import { reasonIn } from '../../src/prose/reasons.js';
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

describe('one reading of a clause for every way it is asked about', () => {
  // A clause's vocabulary scans are made once and shared by every way of asking (servers numbered or not,
  // a label, the text before): each way must get its own answer, whichever way asked first.
  const numbered = (text: string) => mentionsOf(text, true, false);
  const unnumbered = (text: string) => mentionsOf(text, false, false);

  it('counts a numbered server as the added one only where the document does not number its servers', () => {
    // Asked numbered first, then not; the twin sentence the other way round.
    expect(numbered('a new server 3 split the stack')).toEqual([{ topic: 'added-server', index: 2 }, { topic: 'split', index: 15 }]);
    expect(unnumbered('a new server 3 split the stack')).toEqual([{ topic: 'added-server', index: 2 }, { topic: 'added-server', index: 6 }, { topic: 'split', index: 15 }]);
    expect(unnumbered('server 3 now runs the database apart from the web server')).toEqual([{ topic: 'added-server', index: 0 }, { topic: 'database', index: 22 }, { topic: 'web-server', index: 46 }]);
    expect(numbered('server 3 now runs the database apart from the web server')).toEqual([{ topic: 'database', index: 22 }, { topic: 'web-server', index: 46 }]);
  });

  it('names the split in a label without its parts, and "a second one" by the text before it', () => {
    expect(mentionsOf('split', true, false)).toEqual([]);
    expect(mentionsOf('split', true, true)).toEqual([{ topic: 'split', index: 0 }]);
    expect(mentionsOf('split', false, false)).toEqual([]);
    const text = 'the second one and server 4 take the split web and app tiers';
    expect(mentionsOf(text, false, false)).toEqual([{ topic: 'added-server', index: 19 }, { topic: 'split', index: 37 }]);
    expect(mentionsOf(text, false, false, 'two haproxy servers')).toEqual([{ topic: 'lb-cluster', index: 0 }, { topic: 'added-server', index: 19 }, { topic: 'split', index: 37 }]);
    expect(mentionsOf(text, true, false, 'two haproxy servers')).toEqual([{ topic: 'lb-cluster', index: 0 }, { topic: 'split', index: 37 }]);
  });

  it('reads a clause under a label asking why as without one, unless no shape of reason was found', () => {
    // A shape of reason is the same answer under "Why:" or not, whichever was asked first.
    const purpose = 'we added a second haproxy so that the site stays up';
    expect(reasonIn(purpose, true)).toEqual(reasonIn(purpose, false));
    expect(reasonIn(purpose)).toMatchObject({ kind: 'purpose' });
    // A quality alone answers only a label that asks why.
    const quality = 'high availability';
    expect(reasonIn(quality)).toBeNull();
    expect(reasonIn(quality, true)).toMatchObject({ kind: 'answer', index: 0, whole: true });
    // Standing apart answers it too, said to be by isolation; a hollow justification answers nothing either way.
    expect(reasonIn('on its own', true)).toMatchObject({ kind: 'answer', byIsolation: true });
    expect(reasonIn('on its own')).toBeNull();
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
