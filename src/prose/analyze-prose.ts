import type { ProseBlock } from '../markdown/parse-markdown.js';
import { normaliseText } from '../graph/roles.js';
import {
  ACTIVE_ACTIVE, ACTIVE_PASSIVE, ENGLISH_WORDS, ISSUES_HEADING, NEGATION, OTHER_LANGUAGE_WORDS, REASON, SPLIT_SUBJECT,
  TOPIC_PATTERNS, type Topic,
} from './vocabulary.js';

/** A prose block with what it is about and whether it gives a reason. */
export interface AnalysedBlock {
  file: string;
  line: number;
  kind: ProseBlock['kind'];
  text: string;
  norm: string;
  headingPath: string[];
  /** Lead texts of the list items it is nested under. */
  listPath?: string[];
  /** Topics of the block's own text. */
  topics: Set<Topic>;
  /** Topics of the nearest headings above it ("Why a second load balancer?"). */
  headingTopics: Set<Topic>;
  reasoned: boolean;
  /** Under a heading such as "Issues" or "Weaknesses". */
  inIssuesSection: boolean;
}

export interface ProseAnalysis {
  blocks: AnalysedBlock[];
  wordCount: number;
  english: { englishWords: number; otherWords: number; isEnglish: boolean };
}

export interface ProseSource {
  file: string;
  blocks: ProseBlock[];
}

function topicsOf(norm: string): Set<Topic> {
  const topics = new Set<Topic>();
  for (const [topic, pattern] of Object.entries(TOPIC_PATTERNS) as [Topic, RegExp][]) if (pattern.test(norm)) topics.add(topic);
  if (topics.has('split') && !SPLIT_SUBJECT.test(norm)) topics.delete('split');
  return topics;
}

/** Reads the prose of a submission (task file and the markdown it links to). */
export function analyseProse(sources: ProseSource[]): ProseAnalysis {
  const blocks: AnalysedBlock[] = [];
  let englishWords = 0;
  let otherWords = 0;
  let wordCount = 0;
  for (const source of sources) {
    for (const block of source.blocks) {
      const norm = normaliseText(block.text);
      // What a block is about may be said above it: in the nearest headings, or in the list item it
      // is nested under ("**Web server:**" then "- serves static files").
      const headings = [...block.headingPath.slice(-2), ...(block.listPath ?? []).slice(-1)].map(normaliseText);
      const headingTopics = new Set<Topic>();
      for (const h of headings) for (const t of topicsOf(h)) headingTopics.add(t);
      blocks.push({
        file: source.file,
        line: block.line,
        kind: block.kind,
        text: block.text,
        norm,
        headingPath: block.headingPath,
        ...(block.listPath ? { listPath: block.listPath } : {}),
        topics: topicsOf(norm),
        headingTopics,
        reasoned: REASON.test(norm),
        inIssuesSection: block.headingPath.some((h) => ISSUES_HEADING.test(normaliseText(h))),
      });
      for (const word of block.text.toLowerCase().split(/[^\p{L}']+/u)) {
        if (!word) continue;
        wordCount++;
        if (ENGLISH_WORDS.has(word)) englishWords++;
        else if (OTHER_LANGUAGE_WORDS.has(word)) otherWords++;
      }
    }
  }
  // Technical words are the same in every language; function words tell the language apart.
  const isEnglish = englishWords + otherWords < 8 || englishWords >= otherWords;
  return { blocks, wordCount, english: { englishWords, otherWords, isEnglish } };
}

/** Blocks that explain `topic`: about it (by their text or their heading) and giving a reason. */
export function explanationsOf(prose: ProseAnalysis, topic: Topic): AnalysedBlock[] {
  return prose.blocks.filter(
    (b) => b.kind !== 'heading' && b.reasoned && !b.inIssuesSection && (b.topics.has(topic) || b.headingTopics.has(topic)),
  );
}

/** Blocks that mention `pattern` without negating it, outside issues sections: things the prose says exist. */
export function affirmedMentions(prose: ProseAnalysis, pattern: RegExp): AnalysedBlock[] {
  return prose.blocks.filter((b) => {
    if (b.inIssuesSection) return false;
    const match = pattern.exec(b.norm);
    if (!match) return false;
    const before = b.norm.slice(Math.max(0, match.index - 30), match.index);
    return !NEGATION.test(before);
  });
}

export type ClusterMode = 'active-active' | 'active-passive';

/** The cluster mode the prose states, when it states exactly one (definitions of both say nothing). */
export function proseClusterMode(prose: ProseAnalysis): { mode: ClusterMode; block: AnalysedBlock } | null {
  const aa = prose.blocks.filter((b) => ACTIVE_ACTIVE.test(b.norm));
  const ap = prose.blocks.filter((b) => ACTIVE_PASSIVE.test(b.norm.replace(ACTIVE_ACTIVE, '')));
  if (aa.length && !ap.length) return { mode: 'active-active', block: aa[0]! };
  if (ap.length && !aa.length) return { mode: 'active-passive', block: ap[0]! };
  return null;
}
