/**
 * How many words a text has, and how many of them are function words of each language the prose may
 * be written in: what tells the language of a submission apart (technical words are the same in
 * every language).
 */
import { FUNCTION_WORDS } from './lexicon.js';

export type Language = 'en' | 'fr' | 'es' | 'de' | 'pt';

/** Words of a text per language (function words), in one pass. */
const LANGUAGE_OF = new Map<string, Language>();
for (const [language, words] of Object.entries(FUNCTION_WORDS) as [Language, readonly string[]][]) for (const w of words) if (!LANGUAGE_OF.has(w)) LANGUAGE_OF.set(w, language);
const LONGEST_FUNCTION_WORD = Math.max(...[...LANGUAGE_OF.keys()].map((w) => w.length));

/** A hash of a word's characters, built as they are read: a word of the text is looked up without becoming a string. */
const nextHash = (hash: number, code: number) => (Math.imul(hash, 31) + code) | 0;
/** The function words by that hash (words that share one are told apart by their characters). */
const FUNCTION_WORDS_BY_HASH = new Map<number, [string, Language][]>();
for (const [word, language] of LANGUAGE_OF) {
  let hash = 0;
  for (let i = 0; i < word.length; i++) hash = nextHash(hash, word.charCodeAt(i));
  FUNCTION_WORDS_BY_HASH.set(hash, [...(FUNCTION_WORDS_BY_HASH.get(hash) ?? []), [word, language]]);
}

/** The language of the function word `text` holds from `start` to `end` (by its hash), or undefined. */
function functionWordAt(text: string, start: number, end: number, hash: number): Language | undefined {
  const candidates = FUNCTION_WORDS_BY_HASH.get(hash);
  if (candidates) for (const [word, language] of candidates) if (word.length === end - start && text.startsWith(word, start)) return language;
  return undefined;
}

/** `[a-z\u00df-\u00ff\u0100-\u024f']` on a lower-cased character: function words are Latin-script, so this is enough. */
function isLatinWordCode(code: number): boolean {
  return (code >= 97 && code <= 122) || code === 39 || (code >= 0xdf && code <= 0x24f);
}

/**
 * Words of a text, and how many are function words of each language. One pass over the
 * characters; no word becomes a string (each a slice to look up made a long text's reading slow).
 */
export function countWords(text: string): { words: number; english: number; other: number; byLanguage: Record<Language, number> } {
  const lower = text.toLowerCase();
  const byLanguage: Record<Language, number> = { en: 0, fr: 0, es: 0, de: 0, pt: 0 };
  let words = 0;
  let start = -1;
  let hash = 0;
  for (let i = 0; i <= lower.length; i++) {
    const code = i < lower.length ? lower.charCodeAt(i) : 32;
    if (isLatinWordCode(code)) {
      if (start < 0) {
        start = i;
        hash = 0;
      }
      hash = nextHash(hash, code);
      continue;
    }
    if (start < 0) continue;
    words++;
    if (i - start <= LONGEST_FUNCTION_WORD) {
      const language = functionWordAt(lower, start, i, hash);
      if (language) byLanguage[language]++;
    }
    start = -1;
  }
  const english = byLanguage.en;
  return { words, english, other: byLanguage.fr + byLanguage.es + byLanguage.de + byLanguage.pt, byLanguage };
}
