import type { ProseBlock } from '../markdown/parse-markdown.js';
import { normaliseText } from '../graph/roles.js';
import { clausesOf } from './clauses.js';
import { titleOf, type Title } from './titles.js';
import {
  ACTIVE_ACTIVE, ACTIVE_PASSIVE, ENGLISH_WORDS, FUTURE_SCALING, ISSUES_HEADING, LOAD_BALANCER, NEGATION, OTHER_LANGUAGE_WORDS, REASON, REDUNDANCY, SOLVED_HEADING,
  SPLIT_SUBJECT, TOPIC_PATTERNS, TOPIC_PREFILTERS, type Topic,
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
  /** The title line heading it, when it has one ("1. Additional Server" in a plain-text answer). */
  title?: string;
  /** Topics of the block's own text. */
  topics: Set<Topic>;
  /** Topics of the nearest headings above it ("Why a second load balancer?"), or of a title line. */
  headingTopics: Set<Topic>;
  reasoned: boolean;
  /** Topics this block gives a reason for: in the same clause, or in a clause that refers back. */
  explained: Set<Topic>;
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

const TOPIC_ENTRIES = Object.entries(TOPIC_PATTERNS) as [Topic, RegExp][];

export function topicsOf(norm: string): Set<Topic> {
  const topics = new Set<Topic>();
  for (const [topic, pattern] of TOPIC_ENTRIES) if (TOPIC_PREFILTERS[topic]?.test(norm) !== false && pattern.test(norm)) topics.add(topic);
  if (topics.has('split') && !SPLIT_SUBJECT.test(norm)) topics.delete('split');
  return topics;
}

/** Adds what a reason explains: several servers of a tier explain the added server only by redundancy. */
function credit(topics: Set<Topic>, reason: string, into: Set<Topic>): void {
  for (const topic of topics) {
    if (topic !== 'server-pool') into.add(topic);
    // Redundancy of the load balancers, or of the servers behind them, is the cluster's reason.
    else if (REDUNDANCY.test(reason) && !topics.has('lb-cluster') && !LOAD_BALANCER.test(reason) && !FUTURE_SCALING.test(reason)) into.add('added-server');
  }
}

/**
 * Topics a block explains. A reason belongs to its own clause, or to the clause before when it
 * refers back ("This removes the SPOF"); a reason anywhere in the block explains the heading's topic.
 */
function explainedTopics(text: string, norm: string, reasoned: boolean, topics: Set<Topic>, headingTopics: Set<Topic>): Set<Topic> {
  const explained = new Set<Topic>();
  // No reason anywhere, or no topic in the block's own text: no clause can explain anything more.
  if (!reasoned) return explained;
  credit(headingTopics, norm, explained);
  if (topics.size === 0) return explained;
  let previous = new Set<Topic>();
  for (const clause of clausesOf(text)) {
    const topics = topicsOf(clause.main);
    // "When adding a load balancer, monitoring becomes crucial": the addition is the circumstance,
    // unless what follows refers back to it ("When adding a second LB, it removes the SPOF").
    if (clause.setting && clause.continues) for (const t of topicsOf(clause.setting)) topics.add(t);
    if (REASON.test(clause.main)) {
      credit(topics, clause.main, explained);
      if (clause.continues) credit(previous, clause.main, explained);
    }
    if (topics.size) previous = topics;
    else if (!clause.continues) previous = new Set();
  }
  return explained;
}

/** The longest function word: a longer word need not be looked up. */
const LONGEST_FUNCTION_WORD = Math.max(...[...ENGLISH_WORDS, ...OTHER_LANGUAGE_WORDS].map((w) => w.length));

/** `[a-z\u00df-\u00ff\u0100-\u024f']` on a lower-cased character: function words are Latin-script, so this is enough. */
function isLatinWordCode(code: number): boolean {
  return (code >= 97 && code <= 122) || code === 39 || (code >= 0xdf && code <= 0x24f);
}

/**
 * Words of a text, and how many are English or other-language function words. One pass over the
 * characters; only words short enough to be function words become strings.
 */
export function countWords(text: string): { words: number; english: number; other: number } {
  const lower = text.toLowerCase();
  let words = 0;
  let english = 0;
  let other = 0;
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    if (i < lower.length && isLatinWordCode(lower.charCodeAt(i))) {
      if (start < 0) start = i;
      continue;
    }
    if (start < 0) continue;
    words++;
    if (i - start <= LONGEST_FUNCTION_WORD) {
      const word = lower.slice(start, i);
      if (ENGLISH_WORDS.has(word)) english++;
      else if (OTHER_LANGUAGE_WORDS.has(word)) other++;
    }
    start = -1;
  }
  return { words, english, other };
}

/** Reads the prose of a submission (task file and the markdown it links to). */
export function analyseProse(sources: ProseSource[]): ProseAnalysis {
  const blocks: AnalysedBlock[] = [];
  let englishWords = 0;
  let otherWords = 0;
  let wordCount = 0;
  // Every block of a section repeats its headings: read each heading once.
  const contexts = new Map<string, { topics: Set<Topic>; issues: boolean }>();
  const contextOf = (heading: string) => {
    let context = contexts.get(heading);
    if (!context) {
      const norm = normaliseText(heading);
      context = { topics: topicsOf(stripEnumerator(norm)), issues: isIssuesHeading(norm) };
      contexts.set(heading, context);
    }
    return context;
  };
  for (const source of sources) {
    // A line standing as a title ("1. Additional Server", "Issues with this design:") heads what follows.
    let title = null as Title | null;
    for (const block of source.blocks) {
      const norm = normaliseText(block.text);
      title = title?.covers(block) ? title : null;
      // What a block is about may be said above it: in the nearest headings, in the list item it
      // is nested under ("**Web server:**" then "- serves static files"), or in a title line.
      const headingTopics = new Set<Topic>(title?.topics);
      for (const h of [...block.headingPath.slice(-2), ...(block.listPath ?? []).slice(-1)]) for (const t of contextOf(h).topics) headingTopics.add(t);
      const titleIssues = title?.issues ?? false;
      const inIssuesSection = titleIssues || block.headingPath.some((h) => contextOf(h).issues);
      const topics = topicsOf(norm);
      const reasoned = REASON.test(norm);
      blocks.push({
        file: source.file,
        line: block.line,
        kind: block.kind,
        text: block.text,
        norm,
        headingPath: block.headingPath,
        ...(block.listPath ? { listPath: block.listPath } : {}),
        ...(title ? { title: title.text } : {}),
        topics,
        headingTopics,
        reasoned,
        explained: explainedTopics(block.text, norm, reasoned, topics, headingTopics),
        inIssuesSection,
      });
      const next: Pick<Title, 'covers'> | null = block.kind === 'heading' ? null : titleOf(block, stripEnumerator(norm));
      // A title under an issues lead-in ("The issues:" then "1. SSL termination:") lists issues too.
      if (next) {
        const own = topicsOf(stripEnumerator(norm));
        // A generic label under a title ("Role:", "Why?") keeps the subject of the title above it.
        const parent = own.size === 0 && title?.covers(block) ? title : null;
        const nextTitle: Title = {
          ...next,
          text: parent ? `${parent.text} / ${block.text}` : block.text,
          topics: parent ? parent.topics : own,
          issues: titleIssues || isIssuesHeading(norm),
        };
        title = nextTitle;
      }
      else if (block.kind === 'heading') title = null;
      const counted = countWords(block.text);
      wordCount += counted.words;
      englishWords += counted.english;
      otherWords += counted.other;
      if (wordCount === 0 && /\p{L}/u.test(block.text)) wordCount = 1;
    }
  }
  // Technical words are the same in every language; function words tell the language apart.
  const isEnglish = englishWords + otherWords < 8 || englishWords >= otherWords;
  return { blocks, wordCount, english: { englishWords, otherWords, isEnglish } };
}

/** Blocks that explain `topic`: a reason tied to it by its clause or by the heading above. */
export function explanationsOf(prose: ProseAnalysis, topic: Topic): AnalysedBlock[] {
  return prose.blocks.filter((b) => b.kind !== 'heading' && !b.inIssuesSection && b.explained.has(topic));
}

/** "Issues", "Weaknesses"..., but not "Solving previous issues" or "Separation of concerns". */
function isIssuesHeading(norm: string): boolean {
  return ISSUES_HEADING.test(norm) && !SOLVED_HEADING.test(norm);
}

/** "2. Web Servers" is about web servers, not about two of them. */
function stripEnumerator(norm: string): string {
  return norm.replace(/^(\d+|[a-z])[.)]\s+/, '');
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
