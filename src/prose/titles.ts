import { looksLikeTitle, type ProseBlock } from '../markdown/parse-markdown.js';
import type { Topic } from './elements.js';

/**
 * A line that stands as a title without being a markdown heading: plain-text files ("Overview",
 * "1. Additional Server") and lead-ins to a list ("Now the issues with this infrastructure:").
 */
export interface Title {
  /** Whether the title still heads `block`. */
  covers(block: ProseBlock): boolean;
  text: string;
  topics: Set<Topic>;
  /** The title announces problems ("Issues:"). */
  issues: boolean;
}

const MAX_LEAD_IN_WORDS = 15;

function wordsIn(norm: string): number {
  let words = norm ? 1 : 0;
  for (let i = 0; i < norm.length && words <= MAX_LEAD_IN_WORDS; i++) if (norm.charCodeAt(i) === 32) words++;
  return words;
}

/** The scope of `block` as a title, or null when it is a sentence of its own. */
export function titleOf(block: ProseBlock, norm: string): Pick<Title, 'covers'> | null {
  if (block.kind !== 'paragraph' && block.kind !== 'list-item') return null;
  const section = block.headingPath.join('\u0000');
  const sameSection = (b: ProseBlock) => b.headingPath.join('\u0000') === section;
  // A short list item is an item of its list, not a title over the items after it.
  if (block.kind === 'paragraph' && looksLikeTitle(block.text)) return { covers: (b) => b.kind !== 'heading' && sameSection(b) };
  // A lead-in heads the list right after it, not the paragraphs after that list.
  const text = block.text.trim();
  if (text.endsWith(':') && wordsIn(norm) <= MAX_LEAD_IN_WORDS) return { covers: (b) => b.kind === 'list-item' && sameSection(b) };
  return null;
}
