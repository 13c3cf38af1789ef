import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseHeadings, parseMarkdown } from '../../src/markdown/parse-markdown.js';
import { FIXTURES, HAS_SHARED, PROJECT, SHARED } from '../helpers/paths.js';

/** Every markdown file under `dir` (hidden folders and node_modules left out). */
function markdownFiles(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const full = path.join(dir, name);
    const stat = statSync(full);
    if (stat.isDirectory()) found.push(...markdownFiles(full));
    else if (/\.(md|markdown)$/i.test(name) || /README$/i.test(name)) found.push(full);
  }
  return found;
}

describe('parseHeadings: the headings of parseMarkdown, without reading the rest', () => {
  const cases: [string, string][] = [
    ['ATX and setext headings', '# One\n\nText\n\nTwo\n===\n\nThree\n---\n\n###### Six ######\n'],
    ['markup in a heading', '## **Bold** _em_ `code` and [a link](x.md) ![img](i.png) <b>tag</b>\n'],
    ['a bare URL in a heading (linkify)', '## See https://example.com/a%20b and www.foobar.com\n'],
    ['an e-mail and escapes in a heading', '## Mail me@example.com \\*not em\\* &amp; &copy;\n'],
    ['a reference link defined after its heading', '## [Ref][r] heading\n\ntext\n\n[r]: https://example.com\n'],
    ['a heading inside a fence, an HTML block and an indented code block is no heading', '```\n# not\n```\n\n<div>\n# not\n</div>\n\n    # not\n\n# yes\n'],
    ['headings in lists and block quotes', '- # in a list\n  ## nested\n\n> # quoted\n> text\n'],
    ['an empty heading and a heading with a hard break', '#\n\n## \n\nA  \nB\n---\n'],
    ['CRLF line endings and NUL characters', '# One\r\ntext\r\n## Two\u0000x\r\n'],
    ['a link inside an HTML anchor', '## <a href="https://x.io">https://x.io</a> after\n'],
  ];
  it.each(cases)('%s', (_name, text) => {
    expect(parseHeadings(text)).toEqual(parseMarkdown(text).headings);
  });

  it('holds for every markdown file of the project (fixtures, rule docs, README)', () => {
    const files = [...markdownFiles(FIXTURES), ...markdownFiles(path.join(PROJECT, 'rules')), path.join(PROJECT, 'README.md')];
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect({ file, headings: parseHeadings(text) }).toEqual({ file, headings: parseMarkdown(text).headings });
    }
  });

  (HAS_SHARED ? it : it.skip)('holds for every markdown file of the real corpus (shared/corpus/real)', () => {
    const files = markdownFiles(path.join(SHARED, 'corpus', 'real'));
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect({ file, headings: parseHeadings(text) }).toEqual({ file, headings: parseMarkdown(text).headings });
    }
  });

  it('leaves a whole parse of the same text as it was (the headings-only rule is off there)', () => {
    const text = '# T\n\nA paragraph with https://example.com.\n';
    parseHeadings(text);
    expect(parseMarkdown(text).prose.map((b) => b.text)).toEqual(['T', 'A paragraph with https://example.com.']);
  });
});
