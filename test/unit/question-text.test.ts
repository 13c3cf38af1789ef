// The words and sentences the question reader reads (src/prose/question-text.ts): the shortcuts it
// takes for speed (a term list's pattern found by the list, a label looked for only where one can
// end, a clause cut for relatives only where one opens) must read exactly what the full reading does.
import { globalOf } from '../../src/every-match.js';
import type { AnalysedBlock } from '../../src/prose/analyze-prose.js';
import { clausesRead, clausesReadOf, labelOf, matchesOf, sentencesOfBlock, termsPattern } from '../../src/prose/question-text.js';

describe('termsPattern', () => {
  it('gives one pattern per list of terms, whether asked with the same list or an equal one', () => {
    const terms = ['web server', 'nginx'];
    expect(termsPattern(terms)).toBe(termsPattern(terms));
    expect(termsPattern(['web server', 'nginx'])).toBe(termsPattern(terms));
    expect(termsPattern(['nginx'])).not.toBe(termsPattern(terms));
    expect(termsPattern(['nginx', 'web server'])).not.toBe(termsPattern(terms));
  });

  it('names an unknown vocabulary', () => {
    expect(() => termsPattern(['@no-such-thing'])).toThrow(/unknown vocabulary "@no-such-thing"/);
  });
});

describe('matchesOf', () => {
  it('gives every match, where it starts and ends, with one global twin per pattern left ready for the next caller', () => {
    const pattern = termsPattern(['web server', 'nginx']);
    expect(matchesOf(pattern, 'the nginx web server and nginx')).toEqual([{ start: 4, end: 9 }, { start: 10, end: 20 }, { start: 25, end: 30 }]);
    expect(globalOf(pattern)).toBe(globalOf(pattern));
    expect(globalOf(pattern).flags).toBe('g');
    expect(globalOf(pattern).lastIndex).toBe(0);
    expect(matchesOf(pattern, 'no such thing here')).toEqual([]);
  });
});

describe('labelOf', () => {
  it.each([
    ['Active-Active: both servers take requests.', 'active active'],
    ['Load balancer - spreads the requests', 'load balancer'],
    ['Mode – active-passive', 'mode'],
    ['Algorithm = round robin', 'algorithm'],
    ['Note:', 'note'],
  ])('reads the label of %j', (raw, label) => {
    expect(labelOf(raw)).toBe(label);
  });

  it.each([
    // No colon nor spaced dash: no label can end anywhere.
    'We use round-robin balancing on both servers.',
    'Active-Active',
    // A colon after a finite verb ends a statement, not a label.
    'It is Active-Active: both serve.',
  ])('finds no label in %j', (raw) => {
    expect(labelOf(raw)).toBeNull();
  });
});

describe('clausesRead', () => {
  it('cuts a relative clause from the clause it follows, and leaves a clause with none whole', () => {
    expect(clausesRead('The load balancer sends requests to the application server, which runs the code').map((c) => c.raw)).toEqual([
      'The load balancer sends requests to the application server',
      'which runs the code',
    ]);
    expect(clausesRead('Nginx serves static files').map((c) => c.raw)).toEqual(['Nginx serves static files']);
  });

  it('leaves a relative inside brackets in its clause', () => {
    expect(clausesRead('The proxy (HAProxy, which balances) sends requests on').map((c) => c.raw)).toEqual(['The proxy (HAProxy, which balances) sends requests on']);
  });
});

describe('clausesReadOf', () => {
  const paragraph = (text: string) => ({ kind: 'paragraph', text }) as AnalysedBlock;

  it("reads a sentence's clauses from its text's cut, as the sentence cut again on its own", () => {
    const texts = [
      'Nginx serves the static files; Gunicorn runs the code. The load balancer sends requests to the application server, which runs the code!',
      'E.g. the web server, i.e. Nginx, takes the 1st, 3rd, 5th... request and the app server the rest. Active-Active: both serve at once',
      'Server 1 – primary\n- Server 2: the replica takes the reads, whereas the primary takes the writes? Yes etc. and so on.',
      'Added 1 more server → dedicated roles. HAProxy 2 is passive and listens to heartbeats (see https://example.com/a. b).',
    ];
    let sentences = 0;
    for (const text of texts) {
      for (const { sentence } of sentencesOfBlock(paragraph(text))) {
        sentences++;
        expect(sentence.cut).toBeDefined();
        expect(clausesReadOf(sentence)).toEqual(clausesRead(sentence.raw));
      }
    }
    expect(sentences).toBeGreaterThanOrEqual(10);
  });

  it('cuts a sentence read on its own (a heading, a frame) as clausesRead does', () => {
    const sentence = { raw: 'Nginx serves files, which are static; Gunicorn runs the code', plain: 'nginx serves files which are static gunicorn runs the code', asks: false };
    expect(clausesReadOf(sentence).map((c) => c.raw)).toEqual(['Nginx serves files', 'which are static', 'Gunicorn runs the code']);
  });
});
