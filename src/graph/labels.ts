/**
 * Labels as a reader sees them once Mermaid has drawn them, and a lenient way to tell whether a
 * student wrote a label a task prescribes (`Load balancer (HAProxy)`, `A record → 8.8.8.8`).
 */

/** The named character references students write in labels, as Mermaid renders them. */
const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: '\'', nbsp: ' ', rarr: '→', larr: '←', harr: '↔', rArr: '⇒', lArr: '⇐', hArr: '⇔',
  ndash: '–', mdash: '—', hellip: '…', middot: '·', times: '×', bull: '•',
};

/**
 * A label's shown text: character references decoded (`&rarr;`, `&#8594;`, and Mermaid's own `#rarr;`,
 * `#46;`), HTML tags dropped (`<br>` is a line break), markdown emphasis of a markdown string dropped,
 * and `\.` read as a dot.
 */
export function shownLabel(text: string): string {
  return text
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/[&#]#?(\d+);/g, (m, code: string) => (m.startsWith('&#') || m.startsWith('#') ? String.fromCodePoint(Number(code)) : m))
    .replace(/[&#]#?x([0-9a-f]+);/gi, (_m, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/[&#]([a-z]+);/gi, (m, name: string) => NAMED[name] ?? NAMED[name.toLowerCase()] ?? m)
    .replace(/\*\*|__|`/g, '')
    .replace(/\\\./g, '.')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Arrows students type instead of `→`: `->`, `-->`, `=>`, `⟶`, `➜`... */
const ARROWS = /\s*(?:-+>|=+>|[→⟶➔➜➝⇒⟹])\s*/g;

/**
 * The form two labels are compared in: shown text, lower case, every arrow one `→`, one space
 * between words and none beside punctuation ("PostgreSQL / MySQL" is "postgresql/mysql").
 */
export function labelForm(text: string): string {
  return shownLabel(text)
    .toLowerCase()
    .replace(/^["'“”‘’]+|["'“”‘’]+$/g, '')
    .replace(ARROWS, '→')
    .replace(/\s*([^\p{L}\p{N}\s])\s*/gu, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * True when `label` is `prescribed` as the task writes it, leniently: case, spacing and the way the
 * arrow is typed do not matter, and words may surround it ("Load balancer (HAProxy) 1", "async
 * replication") but not be glued to it ("Users" is not "User").
 */
export function labelHas(label: string, prescribed: string): boolean {
  const have = labelForm(label);
  const want = labelForm(prescribed);
  if (!want) return false;
  for (let at = have.indexOf(want); at >= 0; at = have.indexOf(want, at + 1)) {
    const before = have.charAt(at - 1);
    const after = have.charAt(at + want.length);
    if (!isWordChar(before, want.charAt(0)) && !isWordChar(after, want.charAt(want.length - 1))) return true;
  }
  return false;
}

/** A letter or digit glued to a letter or digit of the prescribed label makes another word. */
function isWordChar(neighbour: string, edge: string): boolean {
  return neighbour !== '' && /[\p{L}\p{N}]/u.test(neighbour) && /[\p{L}\p{N}]/u.test(edge);
}
