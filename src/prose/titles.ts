import type { ProseBlock } from '../markdown/parse-markdown.js';
import type { Topic } from './vocabulary.js';

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

const MAX_TITLE_WORDS = 6;
const MAX_LEAD_IN_WORDS = 15;

/** The scope of `block` as a title, or null when it is a sentence of its own. */
export function titleOf(block: ProseBlock, norm: string): Pick<Title, 'covers'> | null {
  if (block.kind !== 'paragraph' && block.kind !== 'list-item') return null;
  const text = block.text.trim();
  const words = norm.split(' ').filter(Boolean).length;
  const section = block.headingPath.join('\u0000');
  const sameSection = (b: ProseBlock) => b.headingPath.join('\u0000') === section;
  // A sentence ends with a full stop or has one inside; a title has neither.
  if (words > 0 && words <= MAX_TITLE_WORDS && !/[.!?]\s/.test(text) && !/[.!?]$/.test(text)) {
    return { covers: (b) => b.kind !== 'heading' && sameSection(b) };
  }
  // A lead-in heads the list right after it, not the paragraphs after that list.
  if (words <= MAX_LEAD_IN_WORDS && text.endsWith(':')) return { covers: (b) => b.kind === 'list-item' && sameSection(b) };
  return null;
}
