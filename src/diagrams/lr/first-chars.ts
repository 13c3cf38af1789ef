/**
 * The characters a regular expression's match can start with, read from its source, so that a
 * lexer tries at each position only the rules that could match there (most of a diagram's text is
 * words and punctuation that rule out most rules by their first character). Conservative: `null`
 * when the expression can match the empty string or uses what this reader does not follow
 * (lookarounds, backreferences, \p{...}); the lexer then always tries it.
 */
export interface FirstChars {
  /** Indexed by char code 0-127: 1 when a match can start with it. */
  ascii: Uint8Array;
  /** A match can start with a character above 127. */
  other: boolean;
}

class Unknown extends Error {}

interface Parsed {
  chars: FirstChars;
  /** The part read can match the empty string. */
  empty: boolean;
}

const none = (): FirstChars => ({ ascii: new Uint8Array(128), other: false });
const all = (): FirstChars => ({ ascii: new Uint8Array(128).fill(1), other: true });

function union(into: FirstChars, from: FirstChars): void {
  for (let i = 0; i < 128; i++) if (from.ascii[i]) into.ascii[i] = 1;
  if (from.other) into.other = true;
}

function complement(set: FirstChars): FirstChars {
  const out = none();
  for (let i = 0; i < 128; i++) out.ascii[i] = set.ascii[i] ? 0 : 1;
  // Above 127 a complement holds almost everything.
  out.other = true;
  return out;
}

function range(from: number, to: number): FirstChars {
  const set = none();
  for (let c = from; c <= to; c++) if (c < 128) set.ascii[c] = 1;
  if (to >= 128) set.other = true;
  return set;
}

const SPACE = (() => {
  const set = none();
  for (const c of [9, 10, 11, 12, 13, 32]) set.ascii[c] = 1;
  set.other = true;
  return set;
})();
const DIGIT = range(48, 57);
const WORD = (() => {
  const set = range(48, 57);
  union(set, range(65, 90));
  union(set, range(97, 122));
  set.ascii[95] = 1;
  return set;
})();

class Reader {
  private i = 0;
  constructor(private readonly src: string, private readonly ignoreCase: boolean) {}

  parse(): Parsed {
    const result = this.alternation();
    if (this.i < this.src.length) throw new Unknown();
    return result;
  }

  private alternation(): Parsed {
    const chars = none();
    let empty = false;
    for (;;) {
      const branch = this.sequence();
      union(chars, branch.chars);
      empty ||= branch.empty;
      if (this.src[this.i] !== '|') return { chars, empty };
      this.i++;
    }
  }

  private sequence(): Parsed {
    const chars = none();
    // Until an atom that cannot be empty, every atom may supply the first character.
    let empty = true;
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const atom = this.atom();
      const optional = this.quantifier();
      if (empty) union(chars, atom.chars);
      if (!(atom.empty || optional)) empty = false;
    }
    return { chars, empty };
  }

  private quantifier(): boolean {
    const c = this.src[this.i];
    let optional = false;
    if (c === '?' || c === '*') {
      optional = true;
      this.i++;
    } else if (c === '+') {
      this.i++;
    } else if (c === '{') {
      const m = /^\{(\d*)(,\d*)?\}/.exec(this.src.slice(this.i));
      if (!m) throw new Unknown();
      optional = !m[1] || Number(m[1]) === 0;
      this.i += m[0].length;
    } else {
      return false;
    }
    if (this.src[this.i] === '?') this.i++;
    return optional;
  }

  private atom(): Parsed {
    const c = this.src[this.i]!;
    if (c === '(') {
      this.i++;
      if (this.src[this.i] === '?') {
        if (this.src[this.i + 1] === ':') this.i += 2;
        else if (this.src[this.i + 1] === '<' && /[A-Za-z]/.test(this.src[this.i + 2] ?? '')) this.i = this.src.indexOf('>', this.i) + 1;
        else throw new Unknown();
      }
      const inner = this.alternation();
      if (this.src[this.i] !== ')') throw new Unknown();
      this.i++;
      return inner;
    }
    if (c === '[') return { chars: this.characterClass(), empty: false };
    if (c === '.') {
      this.i++;
      const set = all();
      set.ascii[10] = 0;
      set.ascii[13] = 0;
      return { chars: set, empty: false };
    }
    if (c === '^' || c === '$') {
      this.i++;
      return { chars: none(), empty: true };
    }
    if (c === '\\') {
      const next = this.src[this.i + 1];
      if (next === 'b' || next === 'B') {
        this.i += 2;
        return { chars: none(), empty: true };
      }
      if (next !== undefined && /[1-9kpP]/.test(next)) throw new Unknown();
      return { chars: this.escape(), empty: false };
    }
    this.i++;
    return { chars: this.literal(c.charCodeAt(0)), empty: false };
  }

  private literal(code: number): FirstChars {
    const set = none();
    const add = (k: number) => (k < 128 ? (set.ascii[k] = 1) : (set.other = true));
    add(code);
    if (this.ignoreCase) {
      const ch = String.fromCharCode(code);
      add(ch.toLowerCase().charCodeAt(0));
      add(ch.toUpperCase().charCodeAt(0));
    }
    return set;
  }

  /** An escape at `i` (a backslash), outside or inside a class. */
  private escape(): FirstChars {
    const next = this.src[this.i + 1];
    if (next === undefined) throw new Unknown();
    this.i += 2;
    switch (next) {
      case 's': return SPACE;
      case 'S': return complement(SPACE);
      case 'd': return DIGIT;
      case 'D': return complement(DIGIT);
      case 'w': return WORD;
      case 'W': return complement(WORD);
      case 'n': return this.literal(10);
      case 'r': return this.literal(13);
      case 't': return this.literal(9);
      case 'f': return this.literal(12);
      case 'v': return this.literal(11);
      case 'x': {
        const hex = this.src.slice(this.i, this.i + 2);
        this.i += 2;
        return this.literal(parseInt(hex, 16));
      }
      case 'u': {
        const hex = this.src.slice(this.i, this.i + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new Unknown();
        this.i += 4;
        return this.literal(parseInt(hex, 16));
      }
      default:
        return this.literal(next.charCodeAt(0));
    }
  }

  private characterClass(): FirstChars {
    this.i++;
    const negated = this.src[this.i] === '^';
    if (negated) this.i++;
    const set = none();
    let first = true;
    while (this.i < this.src.length && (this.src[this.i] !== ']' || first)) {
      first = false;
      let from: number;
      if (this.src[this.i] === '\\') {
        const escaped = this.escape();
        const only = singleChar(escaped);
        if (only === null) {
          union(set, escaped);
          continue;
        }
        from = only;
      } else {
        from = this.src.charCodeAt(this.i++);
      }
      if (this.src[this.i] === '-' && this.i + 1 < this.src.length && this.src[this.i + 1] !== ']') {
        this.i++;
        const to = this.src[this.i] === '\\' ? singleChar(this.escape()) : this.src.charCodeAt(this.i++);
        if (to === null) throw new Unknown();
        union(set, range(from, to));
        if (this.ignoreCase) for (let k = from; k <= to && k < 128; k++) union(set, this.literal(k));
      } else {
        union(set, this.literal(from));
      }
    }
    if (this.src[this.i] !== ']') throw new Unknown();
    this.i++;
    return negated ? complement(set) : set;
  }
}

/** The one ASCII character a set holds, or null (a class such as \\s, or a case pair). */
function singleChar(set: FirstChars): number | null {
  if (set.other) return null;
  let found: number | null = null;
  for (let k = 0; k < 128; k++) {
    if (!set.ascii[k]) continue;
    if (found !== null) return null;
    found = k;
  }
  return found;
}

/** First characters of `pattern`'s matches, or null when it must always be tried. */
export function firstChars(pattern: RegExp): FirstChars | null {
  if (pattern.flags.includes('u') || pattern.flags.includes('v')) return null;
  try {
    const parsed = new Reader(pattern.source, pattern.flags.includes('i')).parse();
    return parsed.empty ? null : parsed.chars;
  } catch (error) {
    if (error instanceof Unknown) return null;
    throw error;
  }
}
