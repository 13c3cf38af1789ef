import { parseDiagram } from '../../src/diagrams/parse-diagram.js';

// Diagrams Mermaid accepts and rejects, of each type the repairing pass reads, and a mistyped header.
const DIAGRAMS = [
  'flowchart TD\n  U[User] --> LB[Load balancer]\n  LB --> W1[Web 1]\n  LB --> W2[Web 2]\n',
  'flowchart TD\n  U[User] -> LB[Load balancer]\n  LB --> W1[Web (Nginx)]\n',
  'graph LR\n  A --> end\n  end --> B\n',
  'flowchart TD\n  subgraph Cluster\n    A --> B\n',
  'flowchart TD\n  A["say "hi""] --> B\n  B --> C %% trailing\n',
  'grpah TD\n  A --> B\n  B -> C\n',
  'sequenceDiagram\n  User->>LB: request\n  LB->>Web: forward\n',
  'sequenceDiagram\n  User->>LB request\n  alt ok\n    LB->>Web: forward\n',
  'sequenceDiagram\n  participant End\n  End->>A: hi\n',
  'sequencediagram\n  A->>B: hi\n',
];

describe("parseDiagram's verdict reading", () => {
  it.each(DIAGRAMS)('gives the whole reading\'s verdict and errors, and its graph when one pass reads it: %j', async (text) => {
    const whole = await parseDiagram(text);
    const verdict = await parseDiagram(text, undefined, 'verdict');
    expect({ ...verdict, ast: null }).toEqual({ ...whole, ast: null });
    // A rejected diagram's graph, read by the repairing pass, is left out (a mistyped header's inner parse may read it).
    if (whole.valid || verdict.ast) expect(verdict.ast).toEqual(whole.ast);
  });

  it('skips the repairing pass: its cases include rejected flowcharts and sequences whose graph only that pass reads', async () => {
    const skipped: string[] = [];
    for (const text of DIAGRAMS) {
      const [whole, verdict] = [await parseDiagram(text), await parseDiagram(text, undefined, 'verdict')];
      if (!whole.valid && whole.ast && !verdict.ast) skipped.push(whole.kind);
    }
    expect(skipped).toEqual(expect.arrayContaining(['flowchart', 'sequence']));
  });
});
