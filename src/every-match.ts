import { cachedByObject } from './bounded-cache.js';

/** A pattern's global twin (its source, flag g alone: for everyMatch and replace), made once per pattern. */
export const globalOf = cachedByObject((pattern: RegExp): RegExp => new RegExp(pattern.source, 'g'));

/**
 * Every match of a global pattern in a text, as `text.matchAll(pattern)` gives them, from the start
 * of the text. `matchAll` first copies the pattern (a new RegExp of the same source, looked up in
 * V8's compilation cache by that source): for the lexicon's concept patterns, some kilobytes of
 * source each, the copy cost ten times the matching itself (the prose reader asks for the mentions
 * of every clause with a dozen of them). Here the pattern runs as it is, and its `lastIndex` is left
 * at 0 as found; the matches are collected before any is read, so a caller may use the same pattern
 * again while it goes through them.
 */
export function everyMatch(pattern: RegExp, text: string): RegExpExecArray[] {
  // As matchAll: a pattern without the g flag would match in the same place forever.
  if (!pattern.global) throw new TypeError(`everyMatch needs a global pattern: ${pattern}`);
  const matches: RegExpExecArray[] = [];
  pattern.lastIndex = 0;
  try {
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      matches.push(m);
      // An empty match moves on by one character (a code point in a Unicode pattern), as matchAll does.
      if (m[0] === '') pattern.lastIndex = nextIndex(text, pattern.lastIndex, pattern.unicode || pattern.flags.includes('v'));
    }
  } finally {
    pattern.lastIndex = 0;
  }
  return matches;
}

function nextIndex(text: string, index: number, unicode: boolean): number {
  if (!unicode || index + 1 >= text.length) return index + 1;
  const code = text.charCodeAt(index);
  const next = text.charCodeAt(index + 1);
  return code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? index + 2 : index + 1;
}
