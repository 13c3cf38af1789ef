import { parseFlowchart } from '../../src/diagrams/flowchart/parse-flowchart.js';
import { toOracleGraph } from '../../src/diagrams/oracle-record.js';
import type { FlowchartAst } from '../../src/diagrams/types.js';

const ast = (text: string) => parseFlowchart(text).ast as FlowchartAst;

describe('flowchart parser', () => {
  it('reads nodes, shapes, labels and edges in order', () => {
    const r = parseFlowchart('flowchart LR\n  A[Load balancer] -->|HTTPS| B(Web)\n  B --- C[(MySQL)]\n  C -.-> D{{Firewall}}\n  D ==> E((User))');
    expect(r.valid).toBe(true);
    expect(toOracleGraph(r)).toEqual({
      direction: 'LR',
      vertices: [
        { id: 'A', label: 'Load balancer', labelType: 'text', shape: 'square' },
        { id: 'B', label: 'Web', labelType: 'text', shape: 'round' },
        { id: 'C', label: 'MySQL', labelType: 'text', shape: 'cylinder' },
        { id: 'D', label: 'Firewall', labelType: 'text', shape: 'hexagon' },
        { id: 'E', label: 'User', labelType: 'text', shape: 'circle' },
      ],
      edges: [
        { from: 'A', to: 'B', label: 'HTTPS', labelType: 'text', type: 'arrow_point', stroke: 'normal', length: 1 },
        { from: 'B', to: 'C', label: '', labelType: 'text', type: 'arrow_open', stroke: 'normal', length: 1 },
        { from: 'C', to: 'D', label: '', labelType: 'text', type: 'arrow_point', stroke: 'dotted', length: 1 },
        { from: 'D', to: 'E', label: '', labelType: 'text', type: 'arrow_point', stroke: 'thick', length: 1 },
      ],
      subgraphs: [],
    });
  });

  it('expands chains and & groups', () => {
    const a = ast('graph TD\n  A & B --> C --> D');
    expect(a.edges.map((e) => `${e.from}>${e.to}`)).toEqual(['A>C', 'B>C', 'C>D']);
  });

  it('reads `-- text -->` labels and `web--1 --> db` as Mermaid does', () => {
    expect(ast('flowchart LR\n  App -- SQL (read only) --> DB').edges[0]).toMatchObject({ from: 'App', to: 'DB', label: 'SQL (read only)' });
    expect(ast('flowchart LR\n  web--1 --> db').edges[0]).toMatchObject({ from: 'web', to: 'db', label: '1' });
  });

  it('collects subgraph members, titles and nesting', () => {
    const a = ast('flowchart TB\n  subgraph C["LB cluster"]\n    direction LR\n    L1 --- L2\n  end\n  subgraph S1 [Server 1]\n    N[Nginx]\n  end');
    expect(a.subgraphs.map((s) => ({ ...s, nodes: [...s.nodes].sort() }))).toEqual([
      expect.objectContaining({ id: 'C', title: 'LB cluster', dir: 'LR', nodes: ['L1', 'L2'] }),
      expect.objectContaining({ id: 'S1', title: 'Server 1', nodes: ['N'] }),
    ]);
  });

  it('rejects unquoted parentheses with the position of the `(` and a quoted fix, and recovers the node', () => {
    const r = parseFlowchart('graph TD\n    AS1[App] -->|Queries| DB[Database (MySQL)]\n    DB --> X');
    expect(r.valid).toBe(false);
    expect(r.errors[0]).toMatchObject({ code: 'unquoted-parenthesis-in-label', line: 2, column: 39 });
    expect(r.errors[0]!.hint).toContain('["Database (MySQL)"]');
    const a = r.ast as FlowchartAst;
    expect(a.vertices.get('DB')?.label).toBe('Database (MySQL)');
    expect(a.edges.map((e) => `${e.from}>${e.to}`)).toEqual(['AS1>DB', 'DB>X']);
  });

  it.each([
    ['flowchart LR\n  A --> end', 'end-as-node-id'],
    ['flowchart LR\n  A -> B', 'single-dash-arrow'],
    ['flowchart LR\n  DB [Database] --> B', 'space-before-shape'],
    ['graph lr\n  A --> B', 'bad-direction'],
    ['flowchart LR\n  subgraph X\n  A --> B', 'unclosed-subgraph'],
    ['Flowchart LR\n  A --> B', 'missing-header'],
    ['flowchart LR\n  A[x --> B', 'unclosed-label'],
  ])('reports %j as %s', (text, code) => {
    const r = parseFlowchart(text);
    expect(r.valid).toBe(false);
    expect(r.errors[0]!.code).toBe(code);
    expect(r.errors[0]!.line).toBeGreaterThanOrEqual(1);
  });

  it('names a label left open, not the bracket or quote Mermaid fails at later, and the place to close it', () => {
    const cases: [string, string, { line: number; column: number }, string][] = [
      ['flowchart LR\n  A[Client --> B[Server]', 'unclosed-label', { line: 2, column: 4 }, '`A[Client] --> B[Server]`'],
      ['flowchart LR\n  A --> B[Web\n  B --> C(App)', 'unclosed-label', { line: 2, column: 10 }, 'where its line ends: `A --> B[Web]`'],
      ['flowchart LR\n  A -->|yes B(Round)', 'unclosed-label', { line: 2, column: 8 }, 'second `|`'],
      ['flowchart LR\n  B["Load balancer] --> C["x"]', 'unclosed-quote', { line: 2, column: 4 }, '`B["Load balancer"] --> C["x"]`'],
    ];
    for (const [text, code, cause, hint] of cases) {
      const error = parseFlowchart(text).errors[0]!;
      expect(error).toMatchObject({ code, cause });
      expect(error.hint).toContain(hint);
    }
    // Closed labels holding brackets are still labels to quote.
    expect(parseFlowchart('flowchart LR\n  A[Array[0]] --> B').errors[0]!.code).toBe('unquoted-special-in-label');
    expect(parseFlowchart('flowchart LR\n  A[Web (x)] --> B').errors[0]!.code).toBe('unquoted-parenthesis-in-label');
  });

  it('names the arrow that opened a shape, and an `end` that closes no subgraph', () => {
    // `A->B` is the node `A-` with the asymmetric shape `>B...`: Mermaid fails at the quote on the next line.
    expect(parseFlowchart('flowchart LR\n  A->B\n  click A "https://example.com"').errors[0]).toMatchObject({ code: 'single-dash-arrow', line: 3, cause: { line: 2, column: 4 } });
    expect(parseFlowchart('flowchart LR\n  A ->> B').errors[0]).toMatchObject({ code: 'single-dash-arrow', text: '->>' });
    expect(parseFlowchart('flowchart LR\n  subgraph S\n    A\n  end\n  end').errors[0]).toMatchObject({ code: 'end-without-subgraph', line: 5 });
    expect(parseFlowchart('flowchart LR\n  A --> end').errors[0]!.code).toBe('end-as-node-id');
    // A subgraph title may follow its id after a space; one starting with `/` opens a shape.
    expect(parseFlowchart('flowchart LR\n  subgraph DMZ [/Public zone]\n    A\n  end').errors[0]).toMatchObject({ code: 'unquoted-special-in-label', hint: 'Put the title in double quotes: `subgraph DMZ ["/Public zone"]`.' });
  });

  it('reads an accDescr block as a description, not as nodes, in a broken diagram', () => {
    const broken = parseFlowchart('flowchart LR\n  accDescr {\n    Web servers behind a balancer\n  }\n  A[Web (x)] --> B');
    expect([...(broken.ast as FlowchartAst).vertices.keys()]).toEqual(['A', 'B']);
  });

  it('keeps statements after an error (recovery), mending the mistake when it can', () => {
    const a = ast('flowchart LR\n  A --> end\n  B --> C\n  C --> D');
    expect(a.edges.map((e) => `${e.from}>${e.to}`)).toEqual(['A>end', 'B>C', 'C>D']);
    const b = ast('flowchart LR\n  A --> B\n  B --> [x]\n  C --> D');
    expect(b.edges.map((e) => `${e.from}>${e.to}`)).toEqual(['A>B', 'C>D']);
  });

  it('ignores front matter, directives and comment lines but keeps their lines for positions', () => {
    const r = parseFlowchart('---\ntitle: X\n---\n%%{init: {"theme": "dark"}}%%\n%% a comment\nflowchart LR\n  A --> B(\n');
    // Mermaid reports the end of the text; the unclosed label itself is the cause, in the same error.
    expect(r.errors[0]).toMatchObject({ code: 'unclosed-label', line: 8, cause: { line: 7, column: 10 } });
    expect(r.errors).toHaveLength(1);
  });

  it('accepts quoted and markdown labels with any character', () => {
    const a = ast('flowchart LR\n  A["Database (MySQL) [primary]"] --> B["`**Web** server`"]');
    expect(a.vertices.get('A')).toMatchObject({ label: 'Database (MySQL) [primary]', labelType: 'string' });
    expect(a.vertices.get('B')).toMatchObject({ label: '**Web** server', labelType: 'markdown' });
  });

  it('is linear on a pathological input', () => {
    const text = `flowchart LR\n${'A['.repeat(20000)}\n${'A-'.repeat(20000)}\n`;
    const r = parseFlowchart(text);
    expect(r.valid).toBe(false);
  });
});
