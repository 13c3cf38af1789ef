import { Uint32Set } from '../../src/grade/similarity/hash-set.js';
import { seededRandom } from '../helpers/random-strings.js';

describe('Uint32Set', () => {
  it('holds what a Set<number> holds, through growing, with 0 and the largest value', () => {
    const random = seededRandom(3);
    const set = new Uint32Set(4);
    const reference = new Set<number>();
    // About 20,000 distinct values (0 among them now and then), values that share their low bits, the
    // edges of the range, then 3,000 of them added again.
    const sharingLowBits = Array.from({ length: 2000 }, (_, k) => ((k + 1) << 20) >>> 0);
    const values = [...Array.from({ length: 20_000 }, () => (random() * 5000) >>> 0 ? (random() * 2 ** 32) >>> 0 : 0), ...sharingLowBits, 0, 0xffffffff, 1, 0x80000000];
    for (const v of values.slice(0, 3000)) values.push(v);
    for (const v of values) expect(set.add(v)).toBe(!reference.has(v) && !!reference.add(v));
    expect(set.size).toBe(reference.size);
    for (const v of reference) expect(set.has(v)).toBe(true);
    for (let k = 0; k < 5000; k++) {
      const v = (random() * 2 ** 32) >>> 0;
      expect(set.has(v)).toBe(reference.has(v));
    }
  });

  it('tells 0 apart from an empty slot', () => {
    const set = new Uint32Set();
    expect(set.has(0)).toBe(false);
    expect(set.add(0)).toBe(true);
    expect(set.add(0)).toBe(false);
    expect(set.has(0)).toBe(true);
    expect(set.size).toBe(1);
  });
});
