import type { Rubric } from '../../config/rubric.js';
import { shinglesInOrder, wordHashes } from './features.js';
import { Uint32Set } from './hash-set.js';

/**
 * What every student of a task legitimately shares, as MOSS's base code: the task's statement, what
 * its rubric says (title, description, each rule's description, each question's name and hint) and
 * any text the mentor gave out (`grade --base-text`, a README template).
 * Its shingles are no evidence of copying, and neither is a diagram label made of its words (or of
 * the generic words below) only: "Load Balancer", "Server 1", "MySQL primary". What stays is what a
 * copy shares: sentences of one's own, unusual labels, the same typos.
 */
export interface BaseText {
  /** Hashed 5-word shingles of the base text (looked up for every shingle of every student). */
  shingles: Uint32Set;
  /** Hashed words of the base text and of the generic diagram vocabulary. */
  words: Uint32Set;
}

/**
 * Words any infrastructure diagram may be labelled with, whatever the statement says: a label of
 * these (and of the statement's words, numbers and single letters) is no one's own.
 */
const DIAGRAM_WORDS =
  'user users client clients browser internet www dns domain server servers web app application apps code codebase base files file ' +
  'database databases db dbs sql mysql postgresql postgres mariadb mongodb redis nginx apache haproxy gunicorn uwsgi php python node ' +
  'load balancer balancers lb lbs proxy reverse primary replica master slave replication cluster node nodes tier tiers layer ' +
  'firewall firewalls monitoring monitor client agent agents collector ssl tls https http certificate cdn cache storage backend ' +
  'frontend front back end request requests response responses traffic the a an of to and or for with on in from via';

/** What a run gives students: its rubrics, and texts the mentor names (`grade --base-text`). */
export interface BaseTextSources {
  rubrics: readonly Rubric[];
  baseText?: readonly string[];
}

const cache = new WeakMap<BaseTextSources, BaseText>();

/** The base text of a run (one value per settings object: a worker computes it once). */
export function baseTextOf(sources: BaseTextSources): BaseText {
  let base = cache.get(sources);
  if (!base) {
    base = buildBaseText([...sources.rubrics.flatMap(rubricTexts), ...(sources.baseText ?? [])]);
    cache.set(sources, base);
  }
  return base;
}

export function buildBaseText(texts: string[]): BaseText {
  const shingles = new Uint32Set();
  const words = new Uint32Set();
  for (const w of wordHashes(DIAGRAM_WORDS)) words.add(w);
  // Each text whole, and all of them in a row: a student who pastes the statement pastes its
  // sentences together, and the shingles across them are no one's own either.
  for (const text of [...texts, texts.join(' ')]) {
    const hashed = wordHashes(text);
    for (const w of hashed) words.add(w);
    for (const s of shinglesInOrder(hashed)) shingles.add(s);
  }
  return { shingles, words };
}

/** The texts of a rubric that students see or echo. */
function rubricTexts(rubric: Rubric): string[] {
  const texts = [rubric.title, rubric.description ?? '', ...(rubric.statement ?? [])];
  for (const rule of rubric.rules) {
    if (rule.description) texts.push(rule.description);
    const questions = (rule.options as { questions?: unknown } | undefined)?.questions;
    if (!Array.isArray(questions)) continue;
    for (const q of questions as { name?: unknown; hint?: unknown }[]) {
      if (typeof q.name === 'string') texts.push(q.name);
      if (typeof q.hint === 'string') texts.push(q.hint);
    }
  }
  return texts;
}
