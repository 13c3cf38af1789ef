/**
 * Mermaid passes every label through DOMPurify before storing it. DOMPurify returns a string
 * without `<` unchanged; otherwise it parses the HTML and serialises it again, which drops scripts,
 * keeps the common formatting tags and escapes stray `&`, `<` and `>`. This reproduces that for the
 * markup students put in labels (`<br>`, `<b>`, `<i>`...), without a DOM.
 */
const ALLOWED = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'big', 'blockquote', 'br', 'center', 'cite', 'code', 'del', 'dfn', 'div', 'em', 'font',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre', 'q', 's', 'samp',
  'small', 'span', 'strike', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'tt', 'u', 'ul', 'var',
]);
const VOID = new Set(['br', 'hr', 'img']);
const DROP_WITH_CONTENT = new Set(['script', 'style', 'iframe', 'object', 'embed', 'template', 'noscript', 'title', 'textarea', 'xmp', 'noembed', 'noframes']);

const ENTITY = /&(#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/gi;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0' };

function decodeText(text: string): string {
  return text.replace(ENTITY, (m, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
    }
    return NAMED[body.toLowerCase()] ?? m;
  });
}

function encodeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\u00A0/g, '&nbsp;');
}

/**
 * The tags of a text, as `/<(\/?)([a-zA-Z][\w-]*)([^>]*)>/g` finds them, in linear time: the regex
 * scans to the end of the text for a `>` from every `<` when none is left (`A[a<xxx...`).
 */
export function* tags(text: string): Iterable<{ index: number; 0: string; 1: string; 2: string; 3: string }> {
  for (let lt = text.indexOf('<'); lt >= 0; lt = text.indexOf('<', lt + 1)) {
    const slash = text[lt + 1] === '/' ? 1 : 0;
    const nameStart = lt + 1 + slash;
    if (!/[a-zA-Z]/.test(text[nameStart] ?? '')) continue;
    let nameEnd = nameStart + 1;
    while (nameEnd < text.length && /[\w-]/.test(text[nameEnd]!)) nameEnd++;
    const gt = text.indexOf('>', nameEnd);
    // No `>` after this `<`: none after any later one either.
    if (gt < 0) return;
    yield { index: lt, 0: text.slice(lt, gt + 1), 1: slash ? '/' : '', 2: text.slice(nameStart, nameEnd), 3: text.slice(nameEnd, gt) };
    lt = gt;
  }
}

export function sanitizeLabel(text: string): string {
  if (!text || !text.includes('<')) return text;
  let out = '';
  let dropping: string | null = null;
  let last = 0;
  for (const m of tags(text)) {
    const before = text.slice(last, m.index);
    if (!dropping) out += encodeText(decodeText(before));
    last = m.index + m[0].length;
    const name = m[2]!.toLowerCase();
    const closing = m[1] === '/';
    if (dropping) {
      if (closing && name === dropping) dropping = null;
      continue;
    }
    if (DROP_WITH_CONTENT.has(name)) {
      if (!closing) dropping = name;
      continue;
    }
    if (!ALLOWED.has(name)) continue;
    if (closing) {
      if (!VOID.has(name)) out += `</${name}>`;
      continue;
    }
    const attrs = [...m[3]!.matchAll(/([a-zA-Z_:][-\w:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)]
      .filter((a) => !/^on/i.test(a[1]!) && !/^\s*javascript:/i.test(a[2] ?? a[3] ?? a[4] ?? ''))
      .map((a) => ` ${a[1]!.toLowerCase()}="${(a[2] ?? a[3] ?? a[4] ?? '').replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`)
      .join('');
    out += `<${name}${attrs}>`;
  }
  if (!dropping) out += encodeText(decodeText(text.slice(last)));
  return out;
}
