/**
 * Plain sentences (see plainText) of every text the project reads prose from: the paraphrase banks
 * (test/paraphrase-bank, held-out included), the bundled fixtures and, where shared/ sits beside the
 * clone, the real corpus, read at test time and never copied into the project. For differential
 * tests of the lexicon's patterns: an old pattern and its rewriting read the same sentences alike.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { plainText, sentencesOf } from '../../src/prose/sentences.js';
import { FIXTURES, HAS_SHARED, PROJECT, SHARED } from './paths.js';

function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) found.push(...filesUnder(full, keep));
    else if (keep(name)) found.push(full);
  }
  return found;
}

/** The markdown of every case of the paraphrase banks. */
function bankTexts(): string[] {
  return filesUnder(path.join(PROJECT, 'test', 'paraphrase-bank'), (n) => n.endsWith('.yaml')).flatMap((file) => {
    const cases = yaml.load(readFileSync(file, 'utf8')) as { markdown?: string }[] | null;
    return (cases ?? []).map((c) => c.markdown ?? '').filter(Boolean);
  });
}

const markdown = (n: string) => /\.(md|markdown)$/i.test(n) || /README$/i.test(n);

/** The texts by where they come from: banks, fixtures, corpus (empty without shared/). */
export function proseSources(): Record<'banks' | 'fixtures' | 'corpus', string[]> {
  const corpus = HAS_SHARED ? filesUnder(path.join(SHARED, 'corpus', 'real'), markdown).map((f) => readFileSync(f, 'utf8')) : [];
  return { banks: bankTexts(), fixtures: filesUnder(FIXTURES, markdown).map((f) => readFileSync(f, 'utf8')), corpus };
}

/** Every distinct sentence of `texts` and every line, as written (for patterns read on the text itself, not its plain form). */
export function writtenSentences(texts: readonly string[]): string[] {
  const out = new Set<string>();
  for (const text of texts) {
    for (const sentence of sentencesOf(text)) out.add(sentence);
    for (const line of text.split('\n')) if (line.trim()) out.add(line);
  }
  return [...out];
}

/** Every distinct plain sentence of `texts`, and every plain line (a heading, a table row, a diagram label). */
export function plainSentences(texts: readonly string[]): string[] {
  const out = new Set(writtenSentences(texts).map(plainText));
  out.delete('');
  return [...out];
}
