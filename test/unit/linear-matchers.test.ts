import { braceThenLineFeeds, commentLines, htmlTags, keywordColourLines, withoutCommentLines, type Match, type Matcher } from '../../src/diagrams/mermaid-source.js';
import { idSpaceAfterArrow, idSpaceAtLineStart, idStartBefore, pipeLabelsToQuote, singleDashArrows, spacedArrowAt } from '../../src/diagrams/flowchart/source-fixes.js';
import { tags } from '../../src/diagrams/flowchart/sanitize.js';
import { KEYWORD_AFTER_ARROW, keywordParticipants, messagesWithoutText } from '../../src/diagrams/sequence/mend-matchers.js';
import { ART_LINE } from '../../src/markdown/drawn-lines.js';
import { imgSources } from '../../src/markdown/parse-markdown.js';
import { seededRandom } from '../helpers/random-strings.js';
import { isOnlyUrls } from '../../src/submission/load-submission.js';
import { ARROW_IN_LABEL } from '../../src/graph/roles.js';

/**
 * The hand-written matchers that replace super-linear regular expressions (issue 18) find exactly
 * what the regexes find: compared on random strings over the characters that matter to each.
 */
function viaRegex(re: RegExp, text: string): string[] {
  const out: string[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    out.push(JSON.stringify([m.index, ...m]));
  }
  return out;
}

function viaMatcher(matcher: Matcher, text: string): string[] {
  return [...matcher(text)].map((m: Match) => JSON.stringify([m.index, ...m]));
}

/** Each case's texts: random strings of its pieces (characters, or words such as `style`). */
const CASES: { name: string; re: RegExp; matcher: Matcher; alphabet: string | string[]; length?: number }[] = [
  { name: '%% comment lines', re: /^\s*%%(?!{)[^\n]+\n?/gm, matcher: commentLines, alphabet: '%%% \n\n\t{a\r\u2028\u00a0' },
  { name: 'HTML tags', re: /<(\w+)([^>]*)>/g, matcher: htmlTags, alphabet: '<<>a1_ ="\n' },
  { name: 'style colours', re: /style.*:\S*#.*;/g, matcher: keywordColourLines('style'), alphabet: [':', '#', ';', ' ', '\n', 'style', 'sty', '\u2028', 'a'], length: 24 },
  { name: 'classDef colours', re: /classDef.*:\S*#.*;/g, matcher: keywordColourLines('classDef'), alphabet: [':', '#', ';', ' ', '\n', 'classDef', '\t', 'a'], length: 24 },
  { name: '} then line feeds', re: /\}\s*\n/g, matcher: braceThenLineFeeds, alphabet: '}} \n\n\ta\u2028' },
  { name: 'id and space at a line start', re: /^(\s*[\p{L}\w.-]+)[ \t]+(?=[[({])/gmu, matcher: idSpaceAtLineStart, alphabet: 'aé.- \t\n\n[({)\u2028😀' },
  { name: 'id and space after an arrow', re: /(-->|---|==>|-\.->|&)(\s*[\p{L}\w.-]+)[ \t]+(?=[[({])/gu, matcher: idSpaceAfterArrow, alphabet: ['-->', '---', '==>', '-.->', '-', '&', '=', '.', 'a', ' ', '\t', '\n', '[', '(', '{', '😀'] },
  { name: 'pipe labels to quote', re: /\|(?!")([^|\n]*[()[\]{}"][^|\n]*)\|/g, matcher: pipeLabelsToQuote, alphabet: '||"(a]\n ' },
  {
    name: 'sequence: keywords as participants',
    re: /^(\s*)(alt|loop|opt|par|else|and|end|rect|critical|option|break|box|note|over|create|destroy|activate|deactivate)(?=\s*(?:-|<<|\+|,|:))/gim,
    matcher: keywordParticipants,
    alphabet: ['alt', 'Loop', 'opt', 'option', 'end', ' ', '\n', '\u2028', '-', '<<', '+', ',', ':', 'x', 'box'],
  },
  {
    name: 'sequence: keywords after an arrow',
    re: /(-{1,2}>{1,2}|-{1,2}[x)])\s*[+-]?\s*(alt|loop|opt|par|else|and|end|rect|critical|option|break|box|note)\b/gi,
    matcher: (text) => {
      const out: Match[] = [];
      KEYWORD_AFTER_ARROW.lastIndex = 0;
      for (let m = KEYWORD_AFTER_ARROW.exec(text); m; m = KEYWORD_AFTER_ARROW.exec(text)) out.push(m as unknown as Match);
      return out;
    },
    alphabet: ['-', '>', '->>', 'x', ')', ' ', '+', '-', 'loop', 'End', 'a', '\n'],
  },
  {
    name: 'sequence: messages without text',
    re: /^([^\n:%#]*?(?:->>|-->>|->|-->|-x|--x|-\)|--\))[^\n:;#]*?)$/gm,
    matcher: messagesWithoutText,
    alphabet: ['-', '>', '->>', '-->', 'x', ')', ':', ';', '%', '#', '\n', '\r', '\u2028', 'A', ' '],
  },
  {
    name: 'sanitiser tags',
    re: /<(\/?)([a-zA-Z][\w-]*)([^>]*)>/g,
    matcher: (text) => [...tags(text)].map((t) => Object.assign([t[0], t[1], t[2], t[3]], { index: t.index }) as Match),
    alphabet: '<</>>a-1 =',
  },
];

describe('linear matchers equal the regular expressions they replace', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const texts = pieces(typeof c.alphabet === 'string' ? [...c.alphabet] : c.alphabet, 3000, c.length ?? 24, 18);
      let matched = 0;
      for (const text of texts) {
        const expected = viaRegex(c.re, text);
        expect(viaMatcher(c.matcher, text)).toEqual(expected);
        if (expected.length) matched++;
      }
      // The texts exercise both outcomes.
      expect(matched).toBeGreaterThan(30);
      expect(matched).toBeLessThan(texts.length);
    });
  }

  it('text without comment lines', () => {
    for (const text of pieces([...'%% \n{a'], 2000, 24, 5)) expect(withoutCommentLines(text)).toBe(text.replace(/^\s*%%(?!{)[^\n]+\n?/gm, ''));
  });

  it('img sources', () => {
    const re = /<img\b[^>]*?\bsrc\s*=\s*["']?([^"'\s>]+)/gi;
    for (const text of pieces(['<img ', '<IMG', 'src', ' src=', '=', '"', '>', ' ', 'a', 'x.png'], 3000, 12, 9)) {
      expect(imgSources(text)).toEqual([...text.matchAll(re)].map((m) => m[1]));
    }
  });

  it('the start of the id before an opener', () => {
    for (const text of pieces(['a', 'é', '.', '_', '1', ' ', '[', '😀', '-', '\ud800'], 3000, 16, 11)) {
      for (const at of [0, text.length >> 1, text.length]) expect(idStartBefore(text, at)).toBe(at - (/[\p{L}\w.]*$/u.exec(text.slice(0, at))?.[0].length ?? 0));
    }
  });

  it('ASCII-art lines', () => {
    const re = /[┌┐└┘│─├┤┬┴┼╔╗╚╝║═▼▲►◄]|\+-{2,}|-{2,}\+|^\s*[|+]\s*$|^\s*[|v^▼]\s*$|\S\s{3,}\|\s{2,}|\|\s{3,}\S|-{1,}>|<-{1,}|={2,}>/;
    for (const text of pieces(['-', '+', '>', '<', '=', '|', ' ', '\t', 'a', 'v', '│'], 5000, 14, 12)) expect(ART_LINE.test(text)).toBe(re.test(text));
  });

  it('single-dash arrows, spaces before them', () => {
    const re = /(^|[^-=.<>\s|])(\s*)(->>?|=>)(?![>x)=])/gm;
    let found = 0;
    for (const text of pieces(['-', '>', '->', '->>', '=>', '=', '.', '<', '|', ' ', '\t', '\n', '\r', '\u2028', 'a', 'x', ')'], 5000, 14, 21)) {
      const expected = [...text.matchAll(re)].map((m) => ({ at: m.index + m[1]!.length + m[2]!.length, arrow: m[3] }));
      expect(singleDashArrows(text)).toEqual(expected);
      found += expected.length;
    }
    expect(found).toBeGreaterThan(500);
  });

  it('the spaces before the first link of a line', () => {
    const re = /\s*(-->|---|==>|-\.->|~~~|&\s)/;
    for (const text of pieces(['-', '-->', '---', '==>', '-.->', '~~~', '&', '=', '.', '>', ' ', '\u2028', '\t', 'a'], 5000, 12, 22)) {
      expect(spacedArrowAt(text, /-->|---|==>|-\.->|~~~|&\s/)).toBe(text.search(re));
    }
  });

  it('an arrow in a label, the spaces around it trimmed', () => {
    const re = /\s*(?:→|⟶|➔|➜|⇒|-+>|=+>)\s*/;
    for (const text of pieces(['-', '>', '=', '→', '⇒', ' ', '\u2028', 'a', 'b'], 5000, 12, 23)) {
      const arrow = ARROW_IN_LABEL.exec(text);
      const ours = arrow ? `${text.slice(0, arrow.index).trimEnd()} points to ${text.slice(arrow.index + arrow[0].length).trimStart()}` : text;
      expect(ours).toBe(re.test(text) ? text.replace(re, ' points to ') : text);
    }
  });

  it('only URLs', () => {
    const re = /^\s*(https?:\/\/\S+\s*)+$/;
    for (const text of pieces(['https://a', 'http://', 'https://', ' ', '\n', 'x', 'b'], 3000, 6, 4)) expect(isOnlyUrls(text)).toBe(re.test(text));
  });
});

/** Random texts made of whole pieces (so that keywords appear often), of 1 to `length` pieces. */
function pieces(parts: string[], count: number, length: number, seed: number): string[] {
  const next = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const n = 1 + Math.floor(next() * length);
    let s = '';
    for (let k = 0; k < n; k++) s += parts[Math.floor(next() * parts.length)];
    return s;
  });
}
