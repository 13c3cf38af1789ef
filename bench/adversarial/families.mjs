// Pathological families for the size-scaling runs: each builds a task file of about `bytes` bytes
// that stresses one construct (issue 18's list, and what the fuzzer found). Time must grow linearly.

const fence = (diagram) => `# 3-scale_up\n\n\`\`\`mermaid\n${diagram}\n\`\`\`\n`;
/** `unit` repeated to about `bytes` bytes. */
const fill = (unit, bytes) => unit.repeat(Math.max(1, Math.ceil(bytes / unit.length)));
const lines = (bytes, line) => {
  const out = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const l = line(i);
    out.push(l);
    size += l.length + 1;
  }
  return out.join('\n');
};

export const FAMILIES = {
  // Flowcharts
  'edge chain, one line': (b) => fence(`flowchart TD\n${fill('A-->', b)}A`),
  'edges, one a line': (b) => fence(`flowchart TD\n${lines(b, (i) => `N${i}["node ${i} (x)"] --> N${i + 1}{"y [z]"}`)}`),
  '& lists': (b) => fence(`flowchart TD\n${fill('A & ', b)}A --> B`),
  'nested subgraphs': (b) => fence(`flowchart TD\n${fill('subgraph s\n', b / 2)}A\n${fill('end\n', b / 2)}`),
  '[ brackets': (b) => fence(`flowchart TD\n${fill('[', b)}`),
  'unclosed quotes': (b) => fence(`flowchart TD\n${fill('A["x\n', b)}`),
  '%% comment lines': (b) => fence(`flowchart TD\n${fill('%% c\n', b)}A`),
  '<br> in a label': (b) => fence(`flowchart TD\nA["${fill('a<br>', b)}"]`),
  'blank lines': (b) => fence(`flowchart TD${'\n'.repeat(b)}`),
  'dashes after an id': (b) => fence(`flowchart TD\nA--${'-'.repeat(b)}`),
  '< then text': (b) => fence(`flowchart TD\nA[a<${'x'.repeat(b)}`),
  'style:# runs': (b) => fence(`flowchart TD\n${fill('style:#', b)}`),
  'classDef colons': (b) => fence(`flowchart TD\nA\nclassDef x ${fill(':#', b)}`),
  'tag name without >': (b) => fence(`flowchart TD\nA["<p${'p'.repeat(b)}"]`),
  '<img  in a diagram': (b) => fence(`flowchart TD\n${fill('<img ', b)}`),
  'line separators': (b) => fence(`flowchart TD\nA${fill('\u2028', b)}`),
  '} and spaces': (b) => fence(`flowchart TD\nA{x} ${fill('} ', b)}`),
  'labels to quote': (b) => fence(`flowchart TD\n${fill('A[a(b] ', b)}`),
  'words before an opener': (b) => fence(`flowchart TD\n${fill('sequenceDiagram', b)}[`),
  'openers then separators': (b) => fence(`flowchart TD\nA-->B[a call${'['.repeat(b / 4)}${'\u2028'.repeat(b / 2)}x`),
  'pipe labels': (b) => fence(`flowchart TD\nA -->|${fill('(', b)}`),
  'quotes in a label': (b) => fence(`flowchart TD\nA[${"'".repeat(b)}x]`),
  'closers after a label': (b) => fence(`flowchart TD\nA[/x] -->|y| B(z${'\u007d'.repeat(b)}`),
  'a label left open, then spaces': (b) => fence(`flowchart TD\nA[x${' '.repeat(b)}(y`),
  'a label left open, then dashes': (b) => fence(`flowchart TD\nA[x ${'-'.repeat(b)}(y`),
  'an edge label left open, then words': (b) => fence(`flowchart TD\nA -->|x${fill(' a', b)} [`),
  'a quote left open, then spaces': (b) => fence(`flowchart TD\nA["x${' '.repeat(b)}" ;${' '.repeat(b)}(`),
  'sequence arrows in a flowchart': (b) => fence(`flowchart TD\n${fill('A ->> B => C\n', b)}`),
  // Sequence and architecture diagrams
  'messages': (b) => fence(`sequenceDiagram\n${fill('A->>B: hello\n', b)}`),
  'nested loops': (b) => fence(`sequenceDiagram\n${fill('loop x\n', b / 2)}A->>B: hi\n${fill('end\n', b / 2)}`),
  'else sections': (b) => fence(`sequenceDiagram\nalt x\n${fill('A->>B: m\nelse y\n', b)}end`),
  'arrow then spaces': (b) => fence(`sequenceDiagram\nA->${' '.repeat(b)}`),
  'spaces in a participant name': (b) => fence(`sequenceDiagram\nAlice->>+John: Hello\nJohn-->>-Ali${' '.repeat(b)}ce: `),
  'arrows without text': (b) => fence(`sequenceDiagram\n${fill('->', b)};`),
  'architecture services': (b) => fence(`architecture-beta\n${lines(b, (i) => `service s${i}(server)[S ${i}]`)}`),
  'architecture junk': (b) => fence(`architecture-beta\n    service a(server)[A]\n    ${fill('#35;', b)}`),
  // Markdown and prose
  'URLs then a word': (b) => `# 3\n\nhttps://github.com/me/repo/blob/main/nothere.md\n\n${fill('https://a', b)} x\n`,
  'GitHub links': (b) => `# 3\n\n${fill('https://github.com/a/b/blob/main/x.md ', b)}\n`,
  'long GitHub path': (b) => `# 3\n\n[x](https://github.com/a/b/blob/main/${fill('a/', b)}x.md)\n`,
  '< in an HTML block': (b) => `<div>\n<p ${'<'.repeat(b)}`,
  '<img  in markdown': (b) => `<img ${fill('<img ', b)}`,
  'one long sentence': (b) => `# 3\n\n${fill('nginx serves files and it forwards requests ; ', b)}\n`,
  'arrows in prose': (b) => `# 3\n\n${fill('a -> b   ', b)}\n`,
  'a line of dashes': (b) => `# 3\n\n    ${'-'.repeat(b)}\n`,
  'headings': (b) => fill('# h\n\n', b),
  'table rows': (b) => `| a | b |\n|---|---|\n${fill('| load balancer | web server |\n', b)}`,
  'emphasis': (b) => `# 3\n\n${fill('*a _b ', b)}\n`,
  'local links': (b) => `# 3\n\n${fill('[x](y.md) ![i](z.png) ', b)}\n`,
  'brackets in prose': (b) => `# 3\n\n${fill('(the load balancer and it [serves ', b)}\n`,
};
