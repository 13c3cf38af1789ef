// Mutations of diagrams and submissions: what a hostile (or unlucky) student could commit.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Mermaid and markdown tokens, so that insertions often make almost-valid text (where parsers break). */
const TOKENS = [
  'flowchart TD\n', 'graph LR\n', 'sequenceDiagram\n', 'architecture-beta\n', 'subgraph S\n', 'end\n', '-->', '---', '->', '-.->', '==>', '--',
  '&', '|', '[', ']', '(', ')', '{', '}', '((', '))', '[[', ']]', '{{', '}}', '[(', ')]', '>', '"', '`', '"`', '@{ shape: cyl }', ':::c', ';',
  '%%', '%% c\n', '%%{init: {}}%%\n', '---\n', 'title: t\n', '#quot;', '#35;', '<br>', '<b>', '</b>', '<img src=x>', '<script>', '&amp;',
  'participant ', 'actor ', ' as ', '->>', '-->>', '-x', '-)', ': hi\n', 'loop x\n', 'alt y\n', 'else\n', 'par\n', 'and\n', 'Note over A,B: n\n',
  'activate A\n', 'deactivate A\n', '+', '-', 'create participant C\n', 'destroy C\n', 'box Aqua B\n', 'rect rgb(1,2,3)\n',
  'service s(server)[S]\n', 'group g(cloud)[G]\n', 'junction j\n', 's:R --> L:t\n', 'style A fill:#f9f;\n', 'classDef c fill:#f9f;\n', 'linkStyle 0 stroke:#f00;\n',
  'click A href "https://x"\n', 'direction LR\n', 'accTitle: t\n', '\n', ' ', '\t', '\r\n', '\r', '\u2028', '\u00a0', '\ufeff', '\u0000',
  '# H\n', '```mermaid\n', '```\n', '![img](a.png)', '[link](../x.md)', 'https://github.com/a/b/blob/main/x.md ', '<div>', '<p ', '\\', 'é', '😀', '\u202e',
];

/** Unicode from every plane people paste from: accents, CJK, emoji, controls, lone surrogates, combining marks. */
function randomUnicode(r, n) {
  let s = '';
  for (let k = 0; k < n; k++) {
    const plane = r.int(8);
    const code =
      plane === 0 ? 32 + r.int(95) :
      plane === 1 ? r.int(32) :
      plane === 2 ? 0x80 + r.int(0x780) :
      plane === 3 ? 0x300 + r.int(0x70) :
      plane === 4 ? 0x4e00 + r.int(0x5000) :
      plane === 5 ? 0xd800 + r.int(0x800) :
      plane === 6 ? 0x2000 + r.int(0x70) :
      0x1f300 + r.int(0x300);
    s += String.fromCodePoint(code);
  }
  return s;
}

/** Deep nesting of one kind: subgraphs, brackets, quotes, blocks. */
function nesting(r) {
  const depth = 1 + r.int(r.chance(0.2) ? 5000 : 200);
  switch (r.int(5)) {
    case 0: return `${'subgraph s\n'.repeat(depth)}A\n${'end\n'.repeat(r.int(depth + 1))}`;
    case 1: return `A${'['.repeat(depth)}x${']'.repeat(r.int(depth + 1))}`;
    case 2: return `A["${'"'.repeat(depth)}`;
    case 3: return `${'loop x\n'.repeat(depth)}A->>B: m\n${'end\n'.repeat(r.int(depth + 1))}`;
    default: return `${'('.repeat(depth)}${'{'.repeat(depth)}`;
  }
}

/** One seeded mutation of `text` (and sometimes a `donor` text, for splices). */
export function mutate(r, text, donor = '') {
  const at = () => r.int(text.length + 1);
  switch (r.int(12)) {
    case 0: { // byte flip
      if (!text.length) return TOKENS[r.int(TOKENS.length)];
      const i = r.int(text.length);
      return text.slice(0, i) + String.fromCharCode(text.charCodeAt(i) ^ (1 << r.int(8))) + text.slice(i + 1);
    }
    case 1: { // token insertion
      const i = at();
      return text.slice(0, i) + r.pick(TOKENS) + text.slice(i);
    }
    case 2: { // deletion of a span
      const i = at();
      return text.slice(0, i) + text.slice(i + 1 + r.int(40));
    }
    case 3: { // duplication of a span
      const i = at();
      const j = Math.min(text.length, i + 1 + r.int(200));
      return text.slice(0, j) + text.slice(i, j).repeat(1 + r.int(r.chance(0.1) ? 2000 : 20)) + text.slice(j);
    }
    case 4: { // splice with another text
      const i = at();
      const j = r.int(donor.length + 1);
      return text.slice(0, i) + donor.slice(j, j + 1 + r.int(400)) + text.slice(i);
    }
    case 5: // deep nesting
      return text.slice(0, at()) + nesting(r) + text;
    case 6: { // a very long line
      const i = at();
      return text.slice(0, i) + r.pick(TOKENS).replace(/\n/g, '').repeat(1000 + r.int(20000)) + text.slice(i);
    }
    case 7: { // random Unicode
      const i = at();
      return text.slice(0, i) + randomUnicode(r, 1 + r.int(60)) + text.slice(i);
    }
    case 8: // a BOM, where it belongs or not
      return r.chance(0.5) ? `\ufeff${text}` : text.replace(/\n/, '\n\ufeff');
    case 9: // mixed line endings
      return text.replace(/\n/g, () => r.pick(['\n', '\r\n', '\r', '\n\r']));
    case 10: { // swap two spans
      const i = r.int(text.length + 1);
      const j = r.int(text.length + 1);
      const [a, b] = i < j ? [i, j] : [j, i];
      return text.slice(0, a) + text.slice(b, b + 30) + text.slice(a + 30, b) + text.slice(a, a + 30) + text.slice(b + 30);
    }
    default: { // several small edits
      let out = text;
      for (let k = 1 + r.int(5); k > 0; k--) out = mutate(r, out, donor);
      return out;
    }
  }
}

/** Every `.mmd` of the Mermaid conformance suite (when ../shared is there), else the diagrams of the fixtures. */
export function seedDiagrams(shared, fixtures) {
  const dir = path.join(shared, 'mermaid-conformance');
  const texts = [];
  if (existsSync(dir)) {
    for (const kind of readdirSync(dir)) {
      if (!statSync(path.join(dir, kind)).isDirectory()) continue;
      for (const f of readdirSync(path.join(dir, kind)).sort()) if (f.endsWith('.mmd')) texts.push(readFileSync(path.join(dir, kind, f), 'utf8'));
    }
  }
  for (const file of walk(fixtures)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/```mermaid\n([\s\S]*?)```/g)) texts.push(m[1]);
    if (file.endsWith('.mmd')) texts.push(text);
  }
  return texts;
}

/** Task files to mutate: the fixtures', and the labelled corpus's (read, never copied) when present. */
export function seedSubmissions(shared, fixtures, limit = 400) {
  const texts = [];
  for (const file of walk(fixtures)) if (/\.(md|mmd)$|\/3-scale_up$|\/[0-3]-[a-z_]+$/.test(file)) texts.push(readFileSync(file, 'utf8'));
  const corpus = path.join(shared, 'corpus', 'real');
  if (existsSync(corpus)) {
    for (const student of readdirSync(corpus).sort()) {
      if (texts.length >= limit) break;
      for (const file of walk(path.join(corpus, student))) {
        if (!/web_infrastructure_design\/[0-3]-[^/]*$/.test(file)) continue;
        try {
          if (statSync(file).size < 200_000) texts.push(readFileSync(file, 'utf8'));
        } catch {
          // unreadable in the corpus: skipped
        }
      }
    }
  }
  return texts;
}

function* walk(dir) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile()) yield full;
  }
}
