import type { Heading } from '../markdown/parse-markdown.js';

/**
 * The README section that holds a task's explanations, for curricula whose answer is a diagram file
 * plus one README with a section per task. A rubric lists what the section's heading says
 * (`answerSection`): phrases ("Model a Single-Server Web Stack", "single server stack") and the task's
 * number ("0."). Pure: works on the headings markdown parsing found.
 */

export interface SectionRange {
  heading: Heading;
  /** Last line of the section (1-based, inclusive): the line before the next heading of the same or a higher level. */
  endLine: number;
}

/** A number entry: "0.", "3" (the task's number at the start of its heading). */
const NUMBER_ENTRY = /^\s*(\d+)\s*\.?\s*$/;

/** Heading or phrase as words: lower case, accents and punctuation gone ("Single-Server" = "single server"). */
export function headingWords(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** True for an entry that is the task's number rather than words of its title. */
export function isNumberEntry(entry: string): boolean {
  return NUMBER_ENTRY.test(entry);
}

/**
 * Whether a heading says `entry`. A phrase matches as whole words in order; a number matches a
 * heading that starts with it ("0. Model...", "Task 0 -", "0) ...", "Task 0:"), not one that merely
 * holds it ("Top 10 tips").
 */
export function headingMatches(headingText: string, entry: string): boolean {
  const number = NUMBER_ENTRY.exec(entry)?.[1];
  if (number !== undefined) return new RegExp(`^\\s*(?:task\\s*#?\\s*)?${number}(?![0-9])(?:\\s*[.):\\-–—]|\\s|$)`, 'i').test(headingText.replace(/^[*_`\s]+/, ''));
  const phrase = headingWords(entry);
  return phrase !== '' && ` ${headingWords(headingText)} `.includes(` ${phrase} `);
}

/** How many of `entries` a heading says; phrases only when `phrasesOnly`. */
function score(heading: Heading, entries: readonly string[], phrasesOnly: boolean): number {
  return entries.filter((e) => !(phrasesOnly && isNumberEntry(e)) && headingMatches(heading.text, e)).length;
}

/**
 * The section of a task: the heading that says the most of `entries` (the shallowest, then the
 * first, among equals: "# 0. Model a Single-Server Web Stack" wins over its own sub-heading
 * "## 0. Server"), down to the next heading of the same or a higher level. Null when no heading
 * says any of them.
 */
export function findSection(headings: readonly Heading[], entries: readonly string[], lineCount: number): SectionRange | null {
  let best: { heading: Heading; score: number } | null = null;
  for (const heading of headings) {
    const s = score(heading, entries, false);
    if (s === 0) continue;
    if (!best || s > best.score || (s === best.score && heading.level < best.heading.level)) best = { heading, score: s };
  }
  if (!best) return null;
  const start = best.heading;
  const next = headings.find((h) => h.line > start.line && h.level <= start.level);
  return { heading: start, endLine: next ? next.line - 1 : lineCount };
}

/** True when a heading names the task by its words (its number alone is not enough: every project numbers its tasks). */
export function namesTask(headings: readonly Heading[], entries: readonly string[]): Heading | null {
  return headings.find((h) => score(h, entries, true) > 0) ?? null;
}

/**
 * The text with every line outside `[from, to]` emptied: parsed again, it yields only the section's
 * prose, fences and links, each at its line in the whole file.
 */
export function keepLines(text: string, from: number, to: number): string {
  return text
    .split('\n')
    .map((line, i) => (i + 1 >= from && i + 1 <= to ? line : ''))
    .join('\n');
}
