import { stringify } from 'csv-stringify/sync';
import { csvCells } from '../../src/grade/gradebook.js';
import { seededRandom } from '../helpers/random-strings.js';

/** csv-stringify's record for `cells`, without its newline: what csvCells must write. */
const reference = (cells: unknown[]) => stringify([cells]).slice(0, -1);

describe('csvCells: a CSV record written as csv-stringify writes it', () => {
  it('quotes a cell holding a comma, a quote or a line feed, and no other', () => {
    const cells = ['plain', 'a,b', 'say "hi"', 'two\nlines', 'carriage\rreturn', 'tab\there', '', ' ', '""', ',', '\n', "'=1+1", 'é — ✅ 😀', 'a\r\nb', '"', 'x"', '"x'];
    expect(csvCells(cells)).toBe(reference(cells));
    for (const cell of cells) expect(csvCells([cell])).toBe(reference([cell]));
  });

  it('writes numbers, booleans, null and undefined as csv-stringify casts them', () => {
    const cells = [0, -0, 1.5, 87.53, -3, 1e21, 1 / 3, Number.NaN, Number.POSITIVE_INFINITY, true, false, null, undefined, ''];
    expect(csvCells(cells)).toBe(reference(cells));
  });

  it('agrees on random cells drawn from the characters that matter', () => {
    const alphabet = ['a', 'Z', '0', ',', '"', '\n', '\r', ' ', '=', '-', '@', '\t', 'é', '😀', '\u2028', ';'];
    const random = seededRandom(7);
    for (let k = 0; k < 500; k++) {
      const cells = Array.from({ length: 1 + Math.floor(random() * 6) }, () => {
        if (random() < 0.2) return Math.round(random() * 10000) / 100;
        return Array.from({ length: Math.floor(random() * 8) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      });
      expect(csvCells(cells)).toBe(reference(cells));
    }
  });

  it('leaves any other kind of cell to csv-stringify', () => {
    const cells = ['a', { b: 1 }, 2n, new Date(0)];
    expect(csvCells(cells)).toBe(reference(cells));
  });
});
