/**
 * Strings a regular expression of the lexicon is about, made from its source: every alternative of
 * every group at least once (each word of each vocabulary, in each place the pattern puts it), each
 * optional part with and without it, each counted repetition at its least and at more. For
 * differential tests (an old pattern against its rewriting): what both are asked about is what the
 * vocabulary says, not only what students happened to write. Lookarounds are left out of the
 * samples (they constrain, they add no text), so some samples do not match: those are wanted too.
 *
 * The grammar read is the one the lexicon uses: literals and escapes, classes, groups (capturing,
 * non-capturing, lookarounds), alternation, and the quantifiers ?, *, +, {m}, {m,}, {m,n} (lazy or not).
 */

type Node =
  | { kind: 'text'; samples: string[] }
  | { kind: 'alt'; branches: Node[][] }
  | { kind: 'look' }
  | { kind: 'repeat'; node: Node; min: number; max: number };

/** At most this many samples per node: enough for every branch of the lexicon's largest lists. */
const CAP = 400;

export function samplesOf(source: string): string[] {
  const parser = new Parser(source);
  const branches = parser.alternatives();
  if (parser.at < source.length) throw new Error(`samplesOf: unexpected ${source[parser.at]} at ${parser.at} in ${source}`);
  return [...new Set(sample({ kind: 'alt', branches }))];
}

class Parser {
  at = 0;
  constructor(private readonly source: string) {}

  alternatives(): Node[][] {
    const branches: Node[][] = [[]];
    while (this.at < this.source.length) {
      const c = this.source[this.at]!;
      if (c === ')') break;
      if (c === '|') {
        this.at++;
        branches.push([]);
        continue;
      }
      branches[branches.length - 1]!.push(this.quantified(this.atom()));
    }
    return branches;
  }

  private atom(): Node {
    const s = this.source;
    const c = s[this.at++]!;
    if (c === '(') {
      const look = /^\?<?[=!]/.exec(s.slice(this.at));
      if (look) this.at += look[0].length;
      else if (s.startsWith('?:', this.at)) this.at += 2;
      else if (s.startsWith('?<', this.at)) this.at = s.indexOf('>', this.at) + 1;
      const branches = this.alternatives();
      if (s[this.at++] !== ')') throw new Error(`samplesOf: unclosed group in ${s}`);
      return look ? { kind: 'look' } : { kind: 'alt', branches };
    }
    if (c === '[') {
      let end = this.at;
      while (s[end] !== ']') end += s[end] === '\\' ? 2 : 1;
      const body = s.slice(this.at, end);
      this.at = end + 1;
      return { kind: 'text', samples: classSamples(body) };
    }
    if (c === '^' || c === '$') return { kind: 'text', samples: [''] };
    if (c === '.') return { kind: 'text', samples: ['x'] };
    if (c === '\\') {
      const e = s[this.at++]!;
      const escapes: Record<string, string[]> = { w: ['e'], W: [' '], d: ['2'], D: ['x'], s: [' '], S: ['x'], b: [''], B: [''] };
      return { kind: 'text', samples: escapes[e] ?? [e] };
    }
    return { kind: 'text', samples: [c] };
  }

  private quantified(node: Node): Node {
    const s = this.source;
    const m = /^(?:\?|\*|\+|\{(\d+)(,(\d*))?\})\??/.exec(s.slice(this.at));
    if (!m) return node;
    this.at += m[0].length;
    const q = m[0][0];
    if (q === '?') return { kind: 'repeat', node, min: 0, max: 1 };
    if (q === '*') return { kind: 'repeat', node, min: 0, max: 2 };
    if (q === '+') return { kind: 'repeat', node, min: 1, max: 2 };
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] ? Number(m[3]) : min + 2;
    return { kind: 'repeat', node, min, max };
  }
}

/** A class's characters: each single one listed and each range's ends ("[2-9]" -> 2, 9); a negated class, a letter it leaves out. */
function classSamples(body: string): string[] {
  if (body.startsWith('^')) return [/[xq]/.test(body) ? '#' : 'x'];
  const out: string[] = [];
  for (let i = 0; i < body.length; i++) {
    let c = body[i]!;
    if (c === '\\') c = { w: 'e', d: '2', s: ' ' }[body[++i]!] ?? body[i]!;
    if (body[i + 1] === '-' && i + 2 < body.length) {
      out.push(c, body[i + 2]!);
      i += 2;
    } else out.push(c);
  }
  return out;
}

/** A word's ending for `\w*` and `\w+`: none, a suffix, a longer one (so `secur\w*` gives secur, security, securing). */
const WORD_TAILS = { star: ['', 'ity', 'ing'], plus: ['very', 'data'] };

function sample(node: Node): string[] {
  switch (node.kind) {
    case 'text':
      return node.samples;
    case 'look':
      return [''];
    case 'alt':
      return node.branches.flatMap(sequence).slice(0, CAP);
    case 'repeat': {
      if (node.node.kind === 'text' && node.node.samples.length === 1 && node.node.samples[0] === 'e' && node.max > 1) {
        return node.min === 0 ? WORD_TAILS.star : WORD_TAILS.plus;
      }
      const inner = sample(node.node);
      const counts = [...new Set([node.min, Math.min(node.max, node.min + 1), node.max])];
      return counts.flatMap((count) => Array.from({ length: Math.max(1, inner.length) }, (_, k) => inner.length ? Array.from({ length: count }, (_, j) => inner[(k + j) % inner.length]).join('') : '')).slice(0, CAP);
    }
  }
}

/** A sequence's samples: every sample of every part at least once (the longest part's count), the parts' samples zipped. */
function sequence(parts: Node[]): string[] {
  const lists = parts.map(sample);
  const count = Math.max(1, ...lists.map((l) => l.length));
  return Array.from({ length: Math.min(count, CAP) }, (_, k) => lists.map((l) => (l.length ? l[k % l.length] : '')).join(''));
}

/**
 * The contexts a pattern's samples are read in: alone (text start and end), after and before other
 * words, glued to neighbours that share their letters (a word boundary that is not there), cut short.
 */
export function inContexts(samples: readonly string[]): string[] {
  const out = new Set<string>();
  for (const s of samples) {
    out.add(s);
    out.add(`we say ${s}`);
    out.add(`${s} and so on`);
    out.add(`the ${s} is here, ${s}`);
    out.add(`${s}s`);
    out.add(`un${s}`);
    out.add(`x ${s}x y`);
    out.add(s.slice(0, -1));
    out.add(s.slice(s.indexOf(' ') + 1));
    out.add(`${s.slice(0, s.lastIndexOf(' ') + 1)}zz`);
  }
  return [...out];
}
