import { firstChars } from '../../src/diagrams/lr/first-chars.js';
import { randomStrings } from '../helpers/random-strings.js';

describe('first characters of a lexer rule', () => {
  const starts = (re: RegExp) => {
    const first = firstChars(re);
    if (!first) return null;
    return [...first.ascii.keys()].filter((k) => first.ascii[k]).map((k) => String.fromCharCode(k)).join('') + (first.other ? '+' : '');
  };

  it('reads literals, classes, groups, alternatives and optional prefixes', () => {
    expect(starts(/graph\b/y)).toBe('g');
    expect(starts(/style\b/iy)).toBe('Ss');
    expect(starts(/[xo<]?--+[-xo>]/y)).toBe('-<ox');
    expect(starts(/(_self|_blank)\b/y)).toBe('_');
    expect(starts(/\s*(LR|RL)\b/y)).toBe('\t\n\u000b\f\r LR+');
    expect(starts(/[^"]+/y)!.includes('"')).toBe(false);
    expect(starts(/[0-9]+/y)).toBe('0123456789');
    expect(starts(/\(\[/y)).toBe('(');
  });

  it('gives up (always try) on what can match nothing or what it does not follow', () => {
    expect(starts(/[^\n]*/y)).toBeNull();
    expect(starts(/(?=a)a/y)).toBeNull();
    expect(starts(/\p{L}+/uy)).toBeNull();
    expect(starts(/(a)\1/y)).toBeNull();
  });

  it('never leaves out a character a match can start with (checked against the regex itself)', () => {
    const patterns = [/[xo<]?-?\.+-[xo>]?/y, /\s*[<>^]/y, /end\b\s*/y, /[-/)]\)/y, /(?:\r?\n)*\s*\n/y, /[^()[\]{}]/y, /accDescr\s*\{\s*/y, /[a-z]{0,2}x/iy, /\x41|\u0042c/y];
    const alphabet = 'xo<>-.=~ \n\r\tLRendEND(){}[]/|"aAbBcC0129_é';
    for (const [k, pattern] of patterns.entries()) {
      const first = firstChars(pattern);
      for (const s of randomStrings(alphabet, 2000, 6, 3 + k)) {
        pattern.lastIndex = 0;
        const m = pattern.exec(s);
        if (!m || m.index !== 0 || m[0] === '') continue;
        const code = s.charCodeAt(0);
        expect(first === null || (code < 128 ? first.ascii[code] === 1 : first.other)).toBe(true);
      }
    }
  });
});
