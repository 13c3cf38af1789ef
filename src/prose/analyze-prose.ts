/**
 * Reads the prose of a submission as a document, the way a mentor does: each block under what it
 * is about (headings, a title line, the list item above it, a bold or "Label:" lead, a table's first
 * cell or column header), each sentence about its subject (named, or referred back to with "it",
 * "this machine", "the latter"), and a reason credited to the element its sentence is about.
 */
import { cachedByObject } from '../bounded-cache.js';
import { everyMatch } from '../every-match.js';
import type { ProseBlock } from '../markdown/parse-markdown.js';
import { ADDITIONS, mentionsOf, numbersServers, PARTS_OF, topicsOf, type Mention, type Topic } from './elements.js';
import {
  ADD_VERBS, anyOf, BEFORE_MARKERS, FUTURE, ISOLATION, ISSUES_LABELS, MACHINE_NAMES, NOW_MARKERS, PAIR_REFERENCES, READ_LANGUAGES, REFERENCES_BACK,
  SOLVED_LABELS, SUBORDINATORS, WHY_LABELS,
} from './lexicon.js';
import { reasonIn, type Reason } from './reasons.js';
import { clausesOf, commaSegments, proseText, type Clause } from './sentences.js';
import { titleOf, type Title } from './titles.js';
import { countWords, type Language } from './word-count.js';

export type { Topic } from './elements.js';

/** A clause as read: its subject and the reason it gives. */
export interface ReadClause {
  raw: string;
  plain: string;
  /** What the clause is about: named in it, or carried from before (a reference back, a label, a heading). */
  subject: Set<Topic>;
  /** The subject was carried from the context, not named in the clause. */
  carried: boolean;
  /** The subject in force before the clause: what "it" or a verb with no subject ("Serves static files") is about. */
  context: Set<Topic>;
  reason: Reason | null;
  /** The clause, or the label it sits under, speaks of a component on its own. */
  isolated: boolean;
  /** Index of its sentence in the block. */
  sentence: number;
  /** What the section, label or cell it was read under is about. */
  frame: Set<Topic>;
  /** Everything the clause names, wherever. */
  others: Set<Topic>;
  /** It is the first sentence after a label, about the label's element. */
  underLabel: boolean;
}

/** A prose block with what it is about and what it explains. */
export interface AnalysedBlock {
  file: string;
  line: number;
  kind: ProseBlock['kind'];
  text: string;
  /** Plain text (normalised, no accents): see plainText. */
  norm: string;
  headingPath: string[];
  /** Lead texts of the list items it is nested under. */
  listPath?: string[];
  /** A table row's cells, and its table's header cells. */
  cells?: string[];
  header?: string[];
  /** The title line heading it, when it has one ("1. Additional Server" in a plain-text answer). */
  title?: string;
  /** Under a heading such as "Issues" or "Weaknesses". */
  inIssuesSection: boolean;
}

/** A block's clauses as read, and what they explain: read on first need (see readingOf). */
export interface BlockReading {
  /** Topics of what the block sits under: headings, title line, list lead. */
  headingTopics: ReadonlySet<Topic>;
  clauses: readonly ReadClause[];
  /** Topics this block gives a reason for. */
  explained: ReadonlySet<Topic>;
}

export interface ProseAnalysis {
  blocks: AnalysedBlock[];
  /** The prose numbers its servers from 1 (see numbersServers): "Server 3" is then one of three, not the added one. */
  serversNumbered: boolean;
  wordCount: number;
  english: { englishWords: number; otherWords: number; isEnglish: boolean };
  /** The language most of the prose is written in (English when too little to tell). */
  language: Language;
}

export interface ProseSource {
  file: string;
  blocks: ProseBlock[];
}

const ISSUES = anyOf(...ISSUES_LABELS);
const SOLVED = anyOf(...SOLVED_LABELS);
const WHY = anyOf(...WHY_LABELS);
const WHY_OPENING = new RegExp(`^(?:the |la |le )?(?:${WHY_LABELS.join('|')})\\b`);
const ISOLATED = anyOf(...ISOLATION);
const BEFORE = anyOf(...BEFORE_MARKERS);
const PAIR = anyOf(...PAIR_REFERENCES);
// Verbs whose object is the addition: "we added a third server", "the site needs a third server".
const MACHINE_LABEL = anyOf(...MACHINE_NAMES);
const ADDED_FIRST = /^(?:(?:was|is|has been|got|a ete) )?(?:added|introduced|ajoute\w*)\b/;
const ADDING = new RegExp(`\\b(?:${[...ADD_VERBS, 'needs?', 'needed', 'requir\\w*'].join('|')})(?: \\w+){0,3} $`);
/** A clause that opens with a subordinate one or with its reason: "When...", "Because...", "To remove the SPOF, ...". */
const OPENING_SUBORDINATE = new RegExp(`^(?:${SUBORDINATORS.join('|')})\\b`);
const LB_PLURAL = /\b(?:load ?balancers|lbs|haproxies|haproxy (?:servers|nodes|instances))\b/;
const NOW = anyOf(...NOW_MARKERS);
/** A noun followed by a relative clause: "firewall 3 which only opens port 3306". */
const RELATIVE_AFTER = /^[\w ]{0,30}? (?:which|that|who|qui) /;
/** "I needed it because ...", "we added them so that ...": the pronoun is what came before. */
const NEEDED_IT = /^(?:i|we|you|they|on) (?:\w+ )?(?:needed|need|added|add|put|bought|introduced|chose|a ajoute|avons ajoute) (?:it|them|this one|that one|le|la|les)\b/;
const COPULA_BEFORE = /\b(?:is|are|was|were|est|sont) (?:a |an |the |one |un |une |le |la )?$/;
/** Reasons about a failure and what survives it: they involve every element they name. */
const FAILURE_SHAPES: readonly Reason['kind'][] = ['condition', 'counterfactual', 'problem', 'contrast'];
const TIERS: readonly Topic[] = ['web-server', 'app-server', 'database'];
/** Components that are no part of any addition: a sentence about them explains none. */
const NOT_PARTS: readonly Topic[] = ['firewall', 'monitoring', 'certificate'];
const FUTURE_REMARK = anyOf(...FUTURE);
const REFERS_BACK = new RegExp(`^(?:and |also |so |then |et |aussi )?(?:${REFERENCES_BACK.join('|')}|(?:this|that|the same|these|ce|cette|ces) \\w+)\\b`);
/** A "Label:" or "Label -" opening a block: the label is what the rest is about. */
const LABEL = /^\s*([^:.!?\n]{1,60}?)\s*(?::|\s(?:[-–—]|->|→|=>|=)\s)\s*(?=\S)/;
const MAX_LABEL_WORDS = 7;
const LINK_TEXT = /\b(?:https?:\/\/|www\.)\S+/gi;

interface Context {
  subject: Set<Topic>;
  /** The label asks why ("Why:", "Benefits", a "Reason" column): a quality or a problem under it answers. */
  why: boolean;
  /** The label speaks of a component on its own ("Why on its own", "Dedicated servers"). */
  isolation: boolean;
  /** How many sentences under it are about its subject whatever they name: a table cell's all, a label's first. */
  fixed?: number;
}

const NO_CONTEXT: Context = { subject: new Set(), why: false, isolation: false };

/** What holds for the whole document while its parts are read. */
interface DocumentFacts {
  /** It numbers its servers from 1: "Server 3" is then one of three, not the added one. */
  serversNumbered: boolean;
}

/** A chain of titles kept to this length: 5,000 title lines in a row made a text read 5,000 times. */
const MAX_TITLE_CHAIN = 1000;

/** "Parent / child": the child title under its parents, the farthest parents dropped past MAX_TITLE_CHAIN. */
function nestedTitle(parent: string, child: string): string {
  let head = parent;
  while (head && head.length + child.length + 3 > MAX_TITLE_CHAIN) {
    const cut = head.indexOf(' / ');
    head = cut < 0 ? '' : head.slice(cut + 3);
  }
  return head ? `${head} / ${child}` : child;
}

/** What a label, heading or cell says the text under it is about. */
function contextOf(text: string, doc: DocumentFacts): Context {
  const plain = stripEnumerator(proseText(text));
  return { subject: topicsOf(plain, doc.serversNumbered, true), why: WHY.test(plain), isolation: ISOLATED.test(plain) };
}

/** The nearest context that names an element, and whether any of them asks why. */
function nearest(contexts: Context[]): Context {
  const why = contexts.some((c) => c.why);
  const isolation = contexts.some((c) => c.isolation);
  for (let k = contexts.length - 1; k >= 0; k--) if (contexts[k]!.subject.size) return { subject: contexts[k]!.subject, why, isolation, ...(contexts[k]!.fixed ? { fixed: contexts[k]!.fixed } : {}) };
  return { ...NO_CONTEXT, why, isolation };
}

/**
 * What a clause explains. A reason explains the subject of its clause: the elements named before
 * it (or, for a failure and what survives it, anywhere in the clause), or what the clause refers
 * back to. A reason about the load balancer in general, or about the servers of a tier, explains
 * the pair or the added server only when it is about surviving a failure.
 */
function credited(clause: ReadClause, reason: Reason): Set<Topic> {
  const { subject, isolated, frame: context } = clause;
  const out = new Set<Topic>();
  // A sentence carried under a section that speaks of a firewall, a monitoring client or the certificate is about them:
  // "Split components: each server is protected by its own firewall, which ...".
  const aboutOther = clause.carried && !clause.underLabel && [...clause.others].some((t) => NOT_PARTS.includes(t)) && ![...clause.others].some((t) => ADDITIONS.includes(t));
  if (aboutOther) return out;
  // An answer under a label that asks why answers for the label's element ("Why one more server?"), unless the sentence
  // has a subject of its own that is no addition ("HAProxy is a reliable load balancer").
  const ownSubject = !clause.carried && ![...subject].some((t) => ADDITIONS.includes(t));
  if (reason.kind === 'answer' && !ownSubject) for (const t of context) if (ADDITIONS.includes(t)) out.add(t);
  // A load balancer in general explains the pair only by its own failure ("if the load balancer
  // dies, the site is down"), not by the failure of the servers behind it.
  // "Adding a load balancer ensures availability" is task 1's reason: the load balancer's own failure, the other one of a
  // pair, or load balancers in the plural make it a reason for the pair.
  const survivesLoadBalancer = reason.redundancy && (reason.failing === 'load-balancer' || PAIR.test(clause.plain) || (LB_PLURAL.test(clause.plain) && reason.failing !== 'other'));
  // "Web server (Nginx): alone, so the static pages keep coming": explaining a dedicated server explains the split.
  if (isolated && [...subject].some((t) => TIERS.includes(t))) out.add('split');
  const additions = [...subject].filter((t) => ADDITIONS.includes(t));
  for (const t of additions) out.add(t);
  // A second load balancer is there to survive a failure; sharing load is what any load balancer does.
  if (out.has('lb-cluster') && !reason.redundancy) out.delete('lb-cluster');
  if (reason.redundancy) {
    if (subject.has('load-balancer') && !subject.has('added-server') && survivesLoadBalancer) out.add('lb-cluster');
    if (subject.has('server-pool') && !subject.has('load-balancer') && !subject.has('lb-cluster')) out.add('added-server');
  }
  if (out.size) return out;
  // Components of the stack under a section about an addition: "Each tier on its own server: the
  // web server no longer competes with the database."
  const others = [...subject];
  for (const t of context) {
    const parts = PARTS_OF[t] ?? [];
    const fits = others.every((o) => parts.includes(o) && (o !== 'load-balancer' || survivesLoadBalancer));
    if (fits && (others.length > 0 || subject.size === 0)) out.add(t);
  }
  return out;
}

/**
 * What the clauses of a block explain. A reason that explains nothing in its own clause belongs to
 * the clause beside it in the same sentence that names an addition and gives no reason of its own:
 * "Before, all three sat on one machine, so one crash took them all down; now each has its own".
 */
function explainedBy(clauses: ReadClause[]): Set<Topic> {
  const explained = new Set<Topic>();
  clauses.forEach((clause, k) => {
    if (!clause.reason) return;
    const own = credited(clause, clause.reason);
    for (const t of own) explained.add(t);
    if (own.size) return;
    // Only a contrast of before and now lends a reason to its neighbour ("all SPOFs were removed and the tiers moved apart" gives the split none).
    const near = clauses[k + 1];
    if (near && !near.reason && near.sentence === clause.sentence && (BEFORE.test(clause.plain) || NOW.test(near.plain))) {
      for (const t of near.subject) if (ADDITIONS.includes(t) && !near.carried) explained.add(t);
    }
  });
  return explained;
}

/** Reads one text, cut in clauses (clausesOf), under a context; returns the clauses as read and the subject it ends on. */
function readClauses(cut: readonly Clause[], context: Context, carriedIn: Set<Topic>, doc: DocumentFacts, sentenceBase = 0): { clauses: ReadClause[]; last: Set<Topic> } {
  let current = context.subject.size ? context.subject : carriedIn;
  const clauses: ReadClause[] = [];
  // A block that states no frame of its own is framed by what its first sentence names: "Components split. ... When the database needs more memory, ...".
  let opening: Set<Topic> | null = null;
  let previousPlain = '';
  let previousReason: Reason | null = null;
  let isolatedBefore = false;
  // Two loops, not flatMap: V8's flatMap costs several times a loop, and this runs for every block read.
  for (const whole of cut) for (const clause of byElement(whole, doc)) {
    const future = FUTURE_REMARK.test(clause.plain);
    // "The reason: when the three shared one box, ..." asks why within the sentence.
    let reason = reasonIn(clause.plain, context.why || WHY_OPENING.test(clause.plain));
    // "That is why a second HAProxy was added": the reason, and whether it is about a failure, is the sentence before.
    if (reason?.opens && previousReason) reason = { ...reason, redundancy: reason.redundancy || previousReason.redundancy, failing: previousReason.failing };
    previousReason = reason;
    const mentions = relevant(mentionsOf(clause.plain, doc.serversNumbered, false, previousPlain), future);
    previousPlain = clause.plain;
    // "Why separate components? Done: they are separated": restating the split answers nothing.
    if (reason?.byIsolation && mentions.some((m) => m.topic === 'split')) reason = null;
    // "It ...", "This machine ...", "Added to ...": the clause is about what came before.
    const refersBack = REFERS_BACK.test(clause.plain) || ADDED_FIRST.test(clause.plain) || NEEDED_IT.test(clause.plain);
    const { named, predicate, ofRelative } = namesOf(clause, mentions, reason, doc);
    // The first sentence after a label is about the label's element, unless it names another component as its subject
    // ("HAProxy 2: the SSL certificate is installed on it, so ...").
    const underLabel = clause.sentence < (context.fixed ?? 0) && [...named].every((t) => ADDITIONS.includes(t) || [...context.subject].some((c) => PARTS_OF[c]?.includes(t)));
    // A reason given by a relative clause is its noun's, whatever the sentence refers back to.
    const carried = !ofRelative && (refersBack || named.size === 0 || underLabel);
    // A clause that states the split itself takes it as its subject; what it carries is then only its frame.
    const carriedIn = predicate.length ? context.subject : current;
    const subject = new Set<Topic>(carried ? carriedIn : named);
    if (carried) for (const t of named) if (ADDITIONS.includes(t)) subject.add(t);
    for (const t of predicate) subject.add(t);
    // A remark about later ("more servers can be added if we ever need them") explains nothing of this design, unless it
    // states an addition itself ("separating the tiers means we can add app servers later without touching the database").
    if (future) {
      subject.delete('added-server');
      if (!predicate.length && !named.has('split') && !named.has('lb-cluster')) reason = null;
    }
    // A component said to stand alone stays alone in the clauses that refer back to it: "X runs alone. That way ...".
    const isolated: boolean = context.isolation || ISOLATED.test(clause.plain) || (carried && isolatedBefore);
    isolatedBefore = carried ? isolatedBefore || isolated : isolated;
    const frame = context.subject.size ? context.subject : opening ?? new Set<Topic>();
    const others = new Set(mentions.map((m) => m.topic));
    clauses.push({ raw: clause.raw, plain: clause.plain, subject, carried, context: current, reason, isolated, sentence: sentenceBase + clause.sentence, frame, others, underLabel });
    opening ??= named.size ? named : null;
    // A clause that names an addition makes it the topic, even one that opens by referring back ("Added another load balancer ...").
    if (!carried || predicate.length || [...named].some((t) => ADDITIONS.includes(t))) current = subject;
  }
  return { clauses, last: current };
}

/**
 * What a clause names as its subject, not as its objects: the elements named first (in the main
 * clause after an opening subordinate), the additions a failure involves, what a copula or a verb
 * of adding names, appositions, and the noun of a relative clause that gives the reason; and the
 * split it states by a predicate ("... now live on separate servers").
 */
function namesOf(clause: Clause, mentions: readonly Mention[], reason: Reason | null, doc: DocumentFacts): { named: Set<Topic>; predicate: Topic[]; ofRelative: boolean } {
  // The part that states, not the part that gives the reason: "A third server was added | to give each tier its own machine".
  const head = reason ? headOf(clause, mentions, reason) : mentions;
  const mainStart = mainClauseStart(clause);
  // What a clause names late is its object ("Handles HTTPS requests"), not its subject; after an opening subordinate
  // ("When adding servers, monitoring becomes crucial") the subject is in the main clause.
  const atSubject = (m: Mention) => m.index >= mainStart && wordsBefore(clause.plain, m.index) - wordsBefore(clause.plain, mainStart) < SUBJECT_WORDS;
  // A failure and what survives it involves the pair or the added server it names, wherever ("the request reaches one of the two HAProxy: ... when one is down the other ...").
  const involved = (m: Mention) => reason !== null && (FAILURE_SHAPES.includes(reason.kind) || (reason.redundancy && m.index >= mainStart)) && (m.topic === 'lb-cluster' || m.topic === 'added-server');
  // "The first change is a second HAProxy": what a copula names is what the sentence is about.
  const predicateNoun = (m: Mention) => COPULA_BEFORE.test(clause.plain.slice(Math.max(0, m.index - 24), m.index));
  const added = (m: Mention) => ADDING.test(clause.plain.slice(Math.max(mainStart, m.index - 40), m.index));
  const named = new Set(head.filter((m) => atSubject(m) || involved(m) || predicateNoun(m) || added(m)).map((m) => m.topic));
  // An apposition names what an analogy is about: "a new room (the extra server), because ...".
  for (const t of appositions(clause.raw, doc)) named.add(t);
  const ofRelative = reason !== null && relativeNoun(clause, mentions, reason);
  if (ofRelative) named.add(head[0]!.topic);
  return { named, predicate: head.filter((m) => m.topic === 'split').map((m) => m.topic), ofRelative };
}

/** The additions named in brackets in a clause: "two cashiers (the HAProxy cluster)". */
function appositions(raw: string, doc: DocumentFacts): Topic[] {
  if (!raw.includes('(')) return [];
  return everyMatch(/\(([^()]{1,60})\)/g, raw).flatMap((m) => mentionsOf(proseText(m[1]!), doc.serversNumbered).map((x) => x.topic)).filter((t) => ADDITIONS.includes(t));
}

/** The mentions of the part of a clause that states, not of the part that gives the reason: "A third server was added | to give each tier its own machine". */
function headOf(clause: Clause, mentions: readonly Mention[], reason: Reason): readonly Mention[] {
  if (reason.opens) return mentions;
  if (!reason.whole) {
    // "To remove the SPOF, we added a second HAProxy": an opening reason leaves the clause after its comma.
    const mainStart = mainClauseStart(clause);
    const before = mentions.filter((m) => m.index <= reason.index);
    if (relativeNoun(clause, mentions, reason)) return [before[before.length - 1]!];
    return reason.index > 3 ? before : mentions.filter((m) => mainStart > 0 && m.index >= mainStart);
  }
  // "Added to make room for the database, which no longer shares a machine": a split said by the reason itself is what
  // the reason brings, not what it explains.
  if (mentions.some((m) => m.index < reason.index)) return mentions.filter((m) => m.topic !== 'split' || m.index < reason.index);
  return mentions;
}

/** "It sits behind firewall 3, which only opens port 3306, so ...": the reason belongs to the relative clause's noun. */
function relativeNoun(clause: Clause, mentions: readonly Mention[], reason: Reason): boolean {
  const before = mentions.filter((m) => m.index <= reason.index);
  const last = before[before.length - 1];
  return !reason.whole && !reason.opens && last !== undefined && RELATIVE_AFTER.test(clause.plain.slice(last.index, reason.index));
}

/** How far into a segment the addition of a list item stands: "and I split the tiers ...". */
const LIST_ITEM_WORDS = 4;

/** How far into a clause its subject may stand: "In this design the web server ...". */
const SUBJECT_WORDS = 5;

function wordsBefore(plain: string, index: number): number {
  let words = 0;
  for (let i = 0; i < index; i++) if (plain.charCodeAt(i) === 32) words++;
  return words;
}

/**
 * "I added a second HAProxy so that ..., a third server to ..., and split the tiers so that ...":
 * a list of additions, each with its own reason, is read as one clause per addition.
 */
function byElement(clause: Clause, doc: DocumentFacts): Clause[] {
  const segments = commaSegments(clause.raw);
  if (segments.length < 2) return [clause];
  const groups: string[] = [];
  for (const segment of segments) {
    // A segment that opens with an addition starts the next item: ", a third server to ...", ", and split the tiers so that ...".
    const plain = proseText(segment);
    const opensWithAddition = mentionsOf(plain, doc.serversNumbered).some((m) => ADDITIONS.includes(m.topic) && wordsBefore(plain, m.index) < LIST_ITEM_WORDS);
    if (opensWithAddition || !groups.length) groups.push(segment);
    else groups[groups.length - 1] += `,${segment}`;
  }
  const itemsWithReasons = groups.slice(1).every((g) => reasonIn(proseText(g)));
  if (groups.length < 2 || !itemsWithReasons || !namesAdditionBeforeReason(proseText(groups[0]!), doc)) return [clause];
  return groups.map((raw) => ({ raw, plain: proseText(raw), sentence: clause.sentence }));
}

/** The first item of such a list names its addition before its reason ("I added a second HAProxy so that ..."). */
function namesAdditionBeforeReason(plain: string, doc: DocumentFacts): boolean {
  const reason = reasonIn(plain);
  return reason !== null && mentionsOf(plain, doc.serversNumbered).some((m) => ADDITIONS.includes(m.topic) && m.index < reason.index);
}

/** A remark about scaling later (`future`: FUTURE_REMARK, read once per clause by the caller) is not about the server this design adds. */
function relevant(mentions: readonly Mention[], future: boolean): readonly Mention[] {
  if (!future) return mentions;
  return mentions.filter((m) => m.topic !== 'added-server' && m.topic !== 'server-pool');
}

/** Where the main clause starts in a clause that opens with a subordinate one ("Where task 2 had one HAProxy, a second one now ..."). */
function mainClauseStart(clause: { raw: string; plain: string }): number {
  if (!OPENING_SUBORDINATE.test(clause.plain)) return 0;
  // Past every comma that opens another subordinate: "Unlike task 2, where one HAProxy was the weak spot, two of them ...".
  let comma = clause.raw.indexOf(',');
  while (comma >= 0 && OPENING_SUBORDINATE.test(proseText(clause.raw.slice(comma + 1)))) comma = clause.raw.indexOf(',', comma + 1);
  return comma < 0 ? 0 : proseText(clause.raw.slice(0, comma)).length + 1;
}

/** Reads the prose of a submission (task file and the markdown it links to). */
export function analyseProse(sources: ProseSource[]): ProseAnalysis {
  const blocks: AnalysedBlock[] = [];
  const languages: Record<Language, number> = { en: 0, fr: 0, es: 0, de: 0, pt: 0 };
  let wordCount = 0;
  // Every block of a section repeats its headings: read each heading once.
  const headingIssues = new Map<string, boolean>();
  // Each block's plain text, read once here for the whole document's facts and the block's own.
  const norms = sources.map((source) => source.blocks.map((b) => proseText(b.text)));
  const doc: DocumentFacts = { serversNumbered: numbersServers(norms.flat().join('\n')) };
  const steps: ReadingStep[] = [];
  const listsIssues = (heading: string) => {
    let issues = headingIssues.get(heading);
    if (issues === undefined) {
      issues = isIssuesLabel(proseText(heading));
      headingIssues.set(heading, issues);
    }
    return issues;
  };
  for (const [s, source] of sources.entries()) {
    // A line standing as a title ("1. Additional Server", "Issues with this design:") heads what follows.
    let title = null as Title | null;
    let previousSection = '';
    for (const [k, block] of source.blocks.entries()) {
      const norm = norms[s]![k]!;
      title = title?.covers(block) ? title : null;
      const section = block.headingPath.join('\u0000');
      // What a sentence refers back to goes no further than its section (and its file).
      const fresh = k === 0 || section !== previousSection || block.kind === 'heading';
      previousSection = section;
      const inIssuesSection = (title?.issues ?? false) || block.headingPath.some(listsIssues);
      const analysed: AnalysedBlock = {
        file: source.file,
        line: block.line,
        kind: block.kind,
        text: block.text,
        norm,
        headingPath: block.headingPath,
        ...(block.listPath ? { listPath: block.listPath } : {}),
        ...(block.cells ? { cells: block.cells } : {}),
        ...(block.header ? { header: block.header } : {}),
        ...(title ? { title: title.text } : {}),
        inIssuesSection,
      };
      blocks.push(analysed);
      steps.push({ block, analysed, title, fresh });
      const next = block.kind === 'heading' ? null : titleOf(block, stripEnumerator(norm));
      // A title under an issues lead-in ("The issues:" then "1. SSL termination:") lists issues too.
      if (next) {
        const own = topicsOf(stripEnumerator(norm), doc.serversNumbered);
        // A generic label under a title ("Role:", "Why?") keeps the subject of the title above it.
        const parent = own.size === 0 && title?.covers(block) ? title : null;
        title = { ...next, text: parent ? nestedTitle(parent.text, block.text) : block.text, topics: parent ? parent.topics : own, issues: (title?.issues ?? false) || isIssuesLabel(norm) };
      } else if (block.kind === 'heading') title = null;
      // A link is no prose: a file that is only a URL has nothing to be in English.
      const counted = countWords(block.text.replace(LINK_TEXT, ' '));
      wordCount += counted.words;
      for (const l of Object.keys(languages) as Language[]) languages[l] += counted.byLanguage[l];
      if (wordCount === 0 && /\p{L}/u.test(block.text.replace(LINK_TEXT, ' '))) wordCount = 1;
    }
  }
  const englishWords = languages.en;
  const otherWords = languages.fr + languages.es + languages.de + languages.pt;
  // Technical words are the same in every language; function words tell the language apart.
  // Too few function words to tell, unless none of them is English ("Base de données : MySQL").
  const isEnglish = (englishWords + otherWords < 8 && !(englishWords === 0 && otherWords >= 3)) || englishWords >= otherWords;
  const language = isEnglish ? 'en' : (Object.keys(languages) as Language[]).reduce((a, b) => (languages[b] > languages[a] ? b : a));
  const analysis: ProseAnalysis = { blocks, serversNumbered: doc.serversNumbered, wordCount, english: { englishWords, otherWords, isEnglish }, language };
  toRead.set(analysis, { steps, doc });
  return analysis;
}

/** A block as the clause reading takes it: as parsed, as analysed, the title line above it, and whether it starts a section (nothing carried into it). */
interface ReadingStep {
  block: ProseBlock;
  analysed: AnalysedBlock;
  title: Title | null;
  fresh: boolean;
}

/** What each analysis leaves to read when asked (its blocks in order, and the document's facts). */
const toRead = new WeakMap<ProseAnalysis, { steps: readonly ReadingStep[]; doc: DocumentFacts }>();

/**
 * The clauses of every block as read, in order (a block's subject carries into the next one of its
 * section), made on first need: only the task-3 rules ask (what each block explains, how the web and
 * application servers are characterised); the four classic tasks' questions and every task's claims
 * read the text themselves, and reading every clause for its subject and reason was half their prose.
 */
const readings = cachedByObject((prose: ProseAnalysis): Map<AnalysedBlock, BlockReading> => {
  const read = new Map<AnalysedBlock, BlockReading>();
  const made = toRead.get(prose);
  if (!made) throw new Error('readingOf: a ProseAnalysis that analyseProse did not make');
  const { steps, doc } = made;
  // Every block of a section repeats its headings: read each heading once.
  const headings = new Map<string, Context>();
  const headingContext = (heading: string) => {
    let context = headings.get(heading);
    if (!context) {
      context = contextOf(heading, doc);
      headings.set(heading, context);
    }
    return context;
  };
  let carried = new Set<Topic>();
  for (const { block, analysed, title, fresh } of steps) {
    if (fresh) carried = new Set();
    const contexts: Context[] = [...block.headingPath.slice(-2).map(headingContext)];
    // Nearest last: the headings, the list item it is nested in, then a title line read just above it.
    for (const lead of (block.listPath ?? []).slice(-1)) contexts.push(contextOf(lead, doc));
    if (title) contexts.push({ ...contextOf(title.text, doc), subject: title.topics });
    const headingTopics = new Set<Topic>();
    for (const c of contexts) for (const t of c.subject) headingTopics.add(t);
    if (block.kind === 'heading') {
      read.set(analysed, { headingTopics, clauses: NO_CLAUSES, explained: NOTHING_EXPLAINED });
      continue;
    }
    const { clauses, last } = readBlock(block, analysed, contexts, carried, doc);
    carried = last;
    read.set(analysed, { headingTopics, clauses, explained: explainedBy(clauses) });
  }
  return read;
});

const NO_CLAUSES: readonly ReadClause[] = Object.freeze([]);
const NOTHING_EXPLAINED: ReadonlySet<Topic> = new Set<Topic>();

/** A block's clauses as read, and what they explain (a heading's: none). */
export function readingOf(prose: ProseAnalysis, block: AnalysedBlock): BlockReading {
  const reading = readings(prose).get(block);
  if (!reading) throw new Error('readingOf: a block of another analysis');
  return reading;
}

/**
 * A block's whole text cut in clauses (clausesOf), once per block: the clause reading of a block
 * without a lead label and the claims read the same cut.
 */
export const wholeClausesOf = cachedByObject((block: AnalysedBlock): readonly Clause[] => clausesOf(block.text));

/**
 * Reads a block: a table row cell by cell under its row's and column's subjects, other blocks after
 * their lead label. Returns its clauses as read and the subject it ends on.
 */
function readBlock(block: ProseBlock, analysed: AnalysedBlock, contexts: Context[], carried: Set<Topic>, doc: DocumentFacts): { clauses: ReadClause[]; last: Set<Topic> } {
  if (block.kind === 'table-row' && block.cells && block.header) {
    // The row's subject: its first cell, or a short second one ("Web | Nginx | serves static files").
    const names = block.cells.slice(0, 2).map((cell, k) => (k === 0 || cell.split(/\s+/).length <= 4 ? contextOf(cell, doc) : NO_CONTEXT));
    const named = names.find((c) => c.subject.size) ?? names[0] ?? NO_CONTEXT;
    // A row whose first cell is empty continues the row above ("| | if one stops, the other keeps serving |").
    const row = named.subject.size || block.cells[0]?.trim() ? named : { ...named, subject: carried };
    const clauses: ReadClause[] = [];
    block.cells.forEach((cell, k) => {
      const column = contextOf(block.header![k] ?? '', doc);
      // One row per element (Element | Why) or one column per element (| Web server | App server |).
      const own: Context = { subject: row.subject.size && k > 0 ? row.subject : column.subject, why: column.why || row.why, isolation: column.isolation || row.isolation, fixed: Infinity };
      clauses.push(...readClauses(clausesOf(cell), nearest([...contexts, own]), carried, doc, k * 100).clauses);
    });
    return { clauses, last: row.subject };
  }
  const label = labelOf(block);
  if (label) {
    // Text after a label is about the label's element: "Extra server — splitting the stack needs one server per tier".
    const own = { ...contextOf(label.label, doc), fixed: 1 };
    // "**Server 3.** Added because ...": a machine the text says was added is the added server.
    if (MACHINE_LABEL.test(proseText(label.label)) && ADDED_FIRST.test(proseText(label.rest))) own.subject = new Set([...own.subject, 'added-server']);
    const context = nearest([...contexts, own]);
    // The label is read too: a bold lead may be a sentence of its own.
    const head = readClauses(clausesOf(label.label), nearest(contexts), carried, doc);
    const rest = readClauses(clausesOf(label.rest), context, carried, doc, 100);
    return { clauses: [...head.clauses, ...rest.clauses], last: rest.last };
  }
  return readClauses(wholeClausesOf(analysed), nearest(contexts), carried, doc);
}

/** The lead label of a block ("**HAProxy 2.** It listens...", "Why: ...", "Server 3 – added to..."). */
function labelOf(block: ProseBlock): { label: string; rest: string } | null {
  if (block.lead && block.text.startsWith(block.lead)) return { label: block.lead, rest: block.text.slice(block.lead.length).replace(/^[\s:.–—-]+/, '') };
  const m = LABEL.exec(block.text);
  if (!m || m[1]!.trim().split(/\s+/).length > MAX_LABEL_WORDS) return null;
  return { label: m[1]!, rest: block.text.slice(m[0].length) };
}

/**
 * The topics a block's own text names. Read when a rule asks, not for every block: only
 * explain-additions asks, for an element it finds unexplained (reading each block's whole text for
 * mentions a second time, after its clauses, was a tenth of the reading).
 */
export function topicsOfBlock(prose: ProseAnalysis, block: AnalysedBlock): ReadonlySet<Topic> {
  return blockTopics(prose)(block);
}

/**
 * Read once per block: the rule asks about every block again for each element it finds
 * unexplained, and the block's whole text as a cache key was hashed and compared in full each time.
 */
const blockTopics = cachedByObject((prose: ProseAnalysis) => cachedByObject((block: AnalysedBlock): ReadonlySet<Topic> => topicsOf(block.norm, prose.serversNumbered)));

/** Blocks that explain `topic`, outside sections about problems. */
export function explanationsOf(prose: ProseAnalysis, topic: Topic): AnalysedBlock[] {
  return prose.blocks.filter((b) => b.kind !== 'heading' && !b.inIssuesSection && readingOf(prose, b).explained.has(topic));
}

/** Whether the prose is in a language whose explanations infralint reads. */
export function readsLanguage(prose: ProseAnalysis): boolean {
  return (READ_LANGUAGES as readonly string[]).includes(prose.language);
}

/** "Issues", "Weaknesses"..., but not "Solving previous issues" or "Separation of concerns". */
function isIssuesLabel(plain: string): boolean {
  // "No single point of failure" says there is none.
  return ISSUES.test(plain) && !SOLVED.test(plain) && !/^(?:no|without|zero|sans|aucune?)\b/.test(plain);
}

/** "2. Web Servers" is about web servers, not about two of them. */
export function stripEnumerator(norm: string): string {
  return norm.replace(/^(\d+|[a-z])[.)]\s+/, '');
}
