import { stringify } from 'csv-stringify/sync';
import { csvRecord } from '../../src/reporters/csv.js';
import { randomStrings, seededRandom } from '../helpers/random-strings.js';

// csvRecord replaces `stringify([cells]).slice(0, -1)` where bulk grading renders each student's
// rows: it must write every record byte for byte as csv-stringify does.
const plain = (cells: unknown[]) => stringify([cells]).slice(0, -1);

describe('csvRecord', () => {
  it('writes the cells that need quoting, empty cells and numbers as csv-stringify does', () => {
    const cells = ['a,b', 'say "hi"', 'two\nlines', 'cr\ronly', '', null, undefined, 0, -0, 87.5, 1e21, NaN, "'=1+1", ' x ', '"', ',', '\n', 'é\u2028'];
    for (const cell of cells) expect(csvRecord([cell])).toBe(plain([cell]));
    expect(csvRecord(cells)).toBe(plain(cells));
    expect(csvRecord(['', ''])).toBe(plain(['', '']));
    expect(csvRecord(['', 'x', ''])).toBe(plain(['', 'x', '']));
  });

  it('leaves other types of cells to csv-stringify', () => {
    const cells = [true, false, 10n, { a: 1 }, new Date(0)];
    expect(csvRecord(cells)).toBe(plain(cells));
  });

  it('agrees with csv-stringify on random records', () => {
    const random = seededRandom(7);
    const texts = randomStrings('ab ,"\n\r\t=-+@é', 400, 6, 11);
    for (let n = 0; n < 300; n++) {
      const cells = Array.from({ length: 1 + Math.floor(random() * 6) }, () => {
        const pick = random();
        return pick < 0.6 ? texts[Math.floor(random() * texts.length)] : pick < 0.8 ? Math.round(random() * 1000) / 8 : pick < 0.9 ? '' : null;
      });
      expect(csvRecord(cells)).toBe(plain(cells));
    }
  });
});
