import { parseMarkdown } from '../../src/markdown/parse-markdown.js';
import { extractDiagrams, findAsciiArt } from '../../src/diagrams/extract.js';

describe('markdown stage', () => {
  const text = '# Title\n\nIntro with ![img](a.png) and https://imgur.com/x\n\n## Why\n- because it scales\n\n  ```mermaid\n  flowchart LR\n    A --> B\n  ```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n';
  const doc = parseMarkdown(text);

  it('builds the heading tree and prose blocks with lines', () => {
    expect(doc.headings.map((h) => [h.level, h.text, h.line])).toEqual([[1, 'Title', 1], [2, 'Why', 5]]);
    expect(doc.prose.find((b) => b.kind === 'list-item')).toMatchObject({ text: 'because it scales', line: 6, headingPath: ['Title', 'Why'] });
    expect(doc.prose.filter((b) => b.kind === 'table-row').map((b) => b.text)).toEqual(['a | b', '1 | 2']);
  });

  it('collects images and bare links', () => {
    expect(doc.links.map((l) => [l.href, l.image])).toEqual([['a.png', true], ['https://imgur.com/x', false]]);
  });

  it('finds fenced diagrams with their file position and indentation', () => {
    const [d] = extractDiagrams('f.md', text, doc, true);
    expect(d).toMatchObject({ origin: 'fence', line: 9, indent: 2 });
  });

  it('finds Mermaid left outside a fence', () => {
    const t = '# X\n\nflowchart LR\n  A --> B\n\n# Next\n';
    const [d] = extractDiagrams('f.md', t, parseMarkdown(t), true);
    expect(d).toMatchObject({ origin: 'unfenced', line: 3 });
  });

  it('finds ASCII-art diagrams', () => {
    expect(findAsciiArt('User\n  |\n  v\n+-------+\n| LB    |\n+-------+\n', [])).toBe(2);
    expect(findAsciiArt('Plain prose.\nMore prose.\n', [])).toBeNull();
    // In a code block too, with box-drawing characters, or as arrows only.
    expect(findAsciiArt('# X\n\n```\n+--------+\n|  LB    |\n+--------+\n     |\n+--------+\n```\n', [])).toBe(4);
    expect(findAsciiArt('```\n┌────┐\n│ LB │\n└────┘\n```\n', [])).toBe(2);
    expect(findAsciiArt('    User --> LB --> Web\n    Web --> App\n    App --> DB\n', [])).toBe(1);
  });

  it('splits plain-text title lines and "Label: text" lines out of a paragraph, keeping wrapped sentences whole', () => {
    const pieces = (md: string) => parseMarkdown(md).prose.map((b) => [b.line, b.text]);
    expect(pieces('Issues With This Design\nHigh costs.\nMore servers cost more to run.\n')).toEqual([[1, 'Issues With This Design'], [2, 'High costs. More servers cost more to run.']]);
    expect(pieces('Web Server: serves static files\nApp Server: runs the code\n')).toEqual([[1, 'Web Server: serves static files'], [2, 'App Server: runs the code']]);
    // A sentence wrapped over lines stays one block, even when a line is short.
    expect(pieces('The second load balancer takes over when the first one\nfails, so the site stays up.\n')).toEqual([[1, 'The second load balancer takes over when the first one fails, so the site stays up.']]);
    expect(pieces('It runs on\nNginx and Gunicorn.\n')).toEqual([[1, 'It runs on Nginx and Gunicorn.']]);
    // A writer who capitalises nothing titles in lower case too; a short wrapped line goes on in lower case without being one.
    expect(pieces('primary replica\nthe app write only in the primary.\n')).toEqual([[1, 'primary replica'], [2, 'the app write only in the primary.']]);
    expect(pieces('the load balancer in front\nof both servers sends the requests.\n')).toEqual([[1, 'the load balancer in front of both servers sends the requests.']]);
    expect(pieces('the load balancer\nsends the requests to both servers.\n')).toEqual([[1, 'the load balancer sends the requests to both servers.']]);
  });

  it('reads an indented block of sentences as prose, but not indented ASCII art or Mermaid', () => {
    const texts = (md: string) => parseMarkdown(md).prose.map((b) => b.text);
    expect(texts('Intro\n\n    The web server serves static files.\n    It forwards the rest.\n')).toEqual(['Intro', 'The web server serves static files. It forwards the rest.']);
    expect(texts('Intro\n\n    [User] --> [LB] --> [Web]\n    |        |\n')).toEqual(['Intro']);
    expect(texts('Intro\n\n    graph LR\n    A --> B\n')).toEqual(['Intro']);
  });
});
