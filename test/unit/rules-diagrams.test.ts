import { lintText } from '../../src/api/lint-submission.js';
import { parseDiagram } from '../../src/diagrams/parse-diagram.js';
import { inferRoles } from '../../src/graph/roles.js';
import type { FlowchartAst, SequenceAst } from '../../src/diagrams/types.js';
import { mermaid, ruleTester } from '../helpers/rule-tester.js';

/**
 * Diagrams read as the student drew them (issue 19): roles from labels and tier groups, cluster
 * evidence about the load balancers themselves, absent elements, all diagrams together, header typos,
 * an open fence, a message without its colon, links standing as the diagram, the student's names.
 */
const flow = (body: string) => mermaid(`flowchart TD\n${body}`);
/** A complete task-3 design around an application box labelled `app`. */
const design = (app: string) =>
  flow(`  U[User] -->|HTTPS| LB1[HAProxy 1]\n  LB1 <-->|heartbeat| LB2[HAProxy 2]\n  FW[Firewall] --- LB1\n  M[Monitoring client]\n  LB1 --> W1[Nginx]\n  W1 --> A1[${app}]\n  A1 --> D1[(MySQL)]`);
/** The same, each server a bare name inside a group titled for its tier. */
const tiers = (web: string, app: string, db: string) =>
  flow(
    `  U[User] -->|HTTPS| LB1[HAProxy 1]\n  LB1 <-->|heartbeat| LB2[HAProxy 2]\n  FW[Firewall] --- LB1\n  M[Monitoring client]\n  LB1 --> W1\n` +
      `  subgraph WT["${web}"]\n    W1[Web 1]\n  end\n  subgraph AT["${app}"]\n    A1[Node 1]\n  end\n  subgraph DT["${db}"]\n    D1[Node 2]\n  end\n  W1 --> A1 --> D1`,
  );

describe('roles from the label as written', () => {
  ruleTester('app-tier', [
    { name: 'App: Node.js', markdown: design('App: Node.js'), status: 'pass', message: '`A1` ("App: Node.js") is an application server' },
    { name: 'uWSGI', markdown: design('uWSGI'), status: 'pass' },
    { name: 'PHP-FPM', markdown: design('PHP-FPM'), status: 'pass' },
    { name: 'a box saying there is no app server', markdown: design('No app server yet'), status: 'fail', message: 'No application server' },
  ]);
  ruleTester('web-tier', [
    { name: 'the id says what a generic label does not: Web1[Server 1]', markdown: design('Gunicorn').replace('W1[Nginx]', 'Web1[Server 1]').replace('W1 -->', 'Web1 -->'), status: 'pass', message: '`Web1` ("Server 1") is a web server' },
    { name: 'a bare id WS2', markdown: design('Gunicorn').replace('W1[Nginx]', 'WS2').replace('W1 -->', 'WS2 -->'), status: 'pass' },
  ]);
  ruleTester('db-tier', [
    { name: 'PostgreSQL in a plain box', markdown: design('Gunicorn').replace('D1[(MySQL)]', 'D1[PostgreSQL]'), status: 'pass' },
    { name: 'MariaDB', markdown: design('Gunicorn').replace('D1[(MySQL)]', 'D1[MariaDB]'), status: 'pass' },
  ]);
});

describe('product and machine names written whole', () => {
  it.each([
    ['DataDog', ['monitoring']],
    ['CloudFlare', ['cdn']],
    ['DBServer', ['database']],
    ['ApacheTomcat', ['app-server']],
    ['Apache + Tomcat', ['web-server', 'app-server']],
    ['Known gap: no firewall yet', []],
    ['Monitoring agent: not installed', []],
    ['MySQL (not publicly available)', ['database']],
  ])('%s', (label, roles) => {
    expect(inferRoles(label).sort()).toEqual([...roles].sort());
  });
});

describe('roles from tier groups', () => {
  ruleTester('web-tier', [
    { name: '"Web 1" inside "Web tier"', markdown: tiers('Web tier', 'Application tier', 'Database tier'), status: 'pass', message: '`W1` ("Web 1") is a web server' },
    { name: 'a group naming the servers in the plural', markdown: tiers('Web servers', 'App servers', 'DB servers'), status: 'pass' },
    { name: 'a group named for no tier', markdown: tiers('Front', 'Application tier', 'Database tier'), status: 'fail', message: 'No web server' },
  ]);
  ruleTester('app-tier', [
    { name: '"Node 1" inside "Application tier"', markdown: tiers('Web tier', 'Application tier', 'Database tier'), status: 'pass' },
    { name: 'the logic layer', markdown: tiers('Web tier', 'Business logic layer', 'Data layer'), status: 'pass' },
    { name: '"Backend" alone names no set of machines', markdown: tiers('Web tier', 'Backend', 'Database tier'), status: 'fail' },
  ]);
  ruleTester('db-tier', [
    { name: '"Node 2" inside "Database tier"', markdown: tiers('Web tier', 'Application tier', 'Database tier'), status: 'pass', message: '`D1` ("Node 2") is a database' },
    { name: 'a data tier', markdown: tiers('Web tier', 'Application tier', 'Data tier'), status: 'pass' },
  ]);
  const machines = flow(
    '  U[User] -->|HTTPS| LB1[HAProxy 1]\n  LB1 <-->|heartbeat| LB2[HAProxy 2]\n  LB1 --> S1\n' +
      '  subgraph WT["Web tier"]\n    S1[Server 1]\n  end\n  subgraph AT["Application tier"]\n    A1[App 1]\n  end\n  subgraph DT["Database tier"]\n    D1[Server 3]\n  end\n  S1 --> A1 --> D1',
  );
  ruleTester('app-tier', [{ name: 'a machine of the web tier does not take in the next tier\'s box', markdown: machines, status: 'pass', message: '`A1` ("App 1")' }]);
  ruleTester('web-tier', [{ name: '"Server 1" inside "Web tier" is the web server\'s machine', markdown: machines, status: 'pass', message: '`S1` ("Server 1")' }]);
  ruleTester(
    'server-stack',
    [{
      name: 'a server node leading to its parts stays the machine of its parts',
      markdown: flow('  U[User] --> LB[HAProxy]\n  subgraph WS["Web servers"]\n    S1[Server 1]\n    S2[Server 2]\n  end\n  LB --> S1 & S2\n  S1 --> N1[Nginx] --> A1[App server] --> D[(MySQL)]\n  S2 --> N2[Nginx] --> A2[App server] --> D'),
      status: 'pass',
      message: '"Server 1", "Server 2"',
    }],
    '1-distributed_web_infrastructure',
  );
  ruleTester('server-added', [{ name: 'three tier groups, one server each', markdown: tiers('Web tier', 'Application tier', 'Database tier'), status: 'pass' }]);
  ruleTester('request-flow', [{ name: 'through the tier groups', markdown: tiers('Web tier', 'Application tier', 'Database tier'), status: 'pass' }]);
  ruleTester('carried-over', [
    // A box that says what it is keeps its role inside a tier group.
    { name: 'a firewall inside the web tier stays a firewall', markdown: tiers('Web tier', 'Application tier', 'Database tier').replace('  FW[Firewall] --- LB1\n', '').replace('    W1[Web 1]\n', '    W1[Web 1]\n    FW[Firewall]\n'), status: 'pass' },
  ]);
});

describe('lb-cluster: evidence about the load balancers themselves', () => {
  const stack = '  W1[Nginx] --> A1[Gunicorn] --> D1[(MySQL)]';
  ruleTester('lb-pair', [
    { name: 'a keepalived VIP is not counted', markdown: flow(`  U[User] --> VIP[Keepalived VIP]\n  VIP --> LB1[HAProxy 1]\n  VIP --> LB2[HAProxy 2]\n  LB1 & LB2 --> W1\n${stack}`), status: 'pass', message: '2 load balancers: `LB1` ("HAProxy 1"), `LB2` ("HAProxy 2").' },
  ]);
  ruleTester('lb-cluster', [
    {
      name: 'a group around the load balancers, named in the message',
      markdown: flow(`  subgraph C["HAProxy pair"]\n    LB1[HAProxy 1]\n    LB2[HAProxy 2]\n  end\n  U[User] --> LB1 & LB2\n  LB1 & LB2 --> W1\n${stack}`),
      status: 'pass',
      message: '`LB1` ("HAProxy 1") and `LB2` ("HAProxy 2") are grouped in "HAProxy pair"',
    },
    {
      name: 'a group around the whole infrastructure is no cluster',
      markdown: flow(`  subgraph Infra["Infrastructure"]\n    U[User] --> LB1[HAProxy 1]\n    U --> LB2[HAProxy 2]\n    LB1 & LB2 --> W1\n${stack}\n  end`),
      status: 'fail',
      message: 'only grouped with other servers ("Infrastructure")',
      findings: [{ line: 5, column: 3, message: 'holds more than the load balancers' }],
    },
    {
      name: 'a cluster title does not make a group around everything a cluster',
      markdown: flow(`  subgraph HA["High availability cluster"]\n    U[User] --> LB1[HAProxy 1]\n    U --> LB2[HAProxy 2]\n    LB1 & LB2 --> W1\n${stack}\n  end`),
      status: 'fail',
    },
    {
      name: 'two load balancers in series on the request path',
      markdown: flow(`  U[User] --> LB1[HAProxy 1]\n  LB1 --> LB2[HAProxy 2]\n  LB2 --> W1\n${stack}`),
      status: 'fail',
      message: 'chained in series',
      findings: [{ line: 6, message: 'chained one after the other' }],
    },
    {
      name: 'in series, but the link says failover',
      markdown: flow(`  U[User] --> LB1[HAProxy 1]\n  LB1 -->|failover| LB2[HAProxy 2]\n  LB2 --> W1\n${stack}`),
      status: 'pass',
      message: 'linked to each other ("failover")',
    },
    {
      name: 'a plain arrow between two that both serve',
      markdown: flow(`  U[User] --> LB1[HAProxy 1]\n  U --> LB2[HAProxy 2]\n  LB1 --> LB2\n  LB1 & LB2 --> W1\n${stack}`),
      status: 'pass',
      message: 'linked to each other',
    },
    {
      name: 'a heartbeat in a sequence diagram',
      markdown: mermaid('sequenceDiagram\n  participant LB1 as HAProxy 1\n  participant LB2 as HAProxy 2\n  User->>LB1: HTTPS\n  LB1-->>LB2: heartbeat\n  LB1->>Web server: forward'),
      status: 'pass',
    },
    {
      name: 'a sequence chaining one balancer to the other',
      markdown: mermaid('sequenceDiagram\n  participant LB1 as HAProxy 1\n  participant LB2 as HAProxy 2\n  User->>LB1: HTTPS\n  LB1->>LB2: forward\n  LB2->>Web server: forward'),
      status: 'fail',
      message: 'chained in series',
    },
    {
      name: 'a note over both that is not about clustering',
      markdown: mermaid('sequenceDiagram\n  participant LB1 as HAProxy 1\n  participant LB2 as HAProxy 2\n  User->>LB1: HTTPS\n  User->>LB2: HTTPS\n  Note over LB1,LB2: both forward to the web server'),
      status: 'fail',
    },
    {
      name: 'a keepalived VIP is the address they share, not a third balancer',
      markdown: flow(`  U[User] --> VIP[Keepalived VIP]\n  VIP --> LB1[HAProxy primary]\n  VIP -.-> LB2[HAProxy standby]\n  LB1 & LB2 --> W1\n${stack}`),
      status: 'pass',
      message: 'share a virtual IP (`VIP` ("Keepalived VIP"))',
    },
    {
      name: 'a label saying there is no failover',
      markdown: flow(`  U[User] --> LB1[HAProxy 1]\n  U --> LB2["HAProxy 2 (no failover)"]\n  LB1 & LB2 --> W1\n${stack}`),
      status: 'fail',
      message: 'nothing tying them',
    },
  ]);
});

describe('absent elements and all the diagrams together', () => {
  const servers = '  LB1 <-->|heartbeat| LB2[HAProxy 2]\n  LB1 --> W1[Nginx] --> A1[Gunicorn] --> D1[(MySQL)]';
  ruleTester('carried-over', [
    {
      name: 'a note "Issues: No firewall"',
      markdown: mermaid('sequenceDiagram\n  participant M as Monitoring client\n  User->>HAProxy: HTTPS request\n  HAProxy->>Nginx: forward\n  Note over User,HAProxy: Issues: No firewall'),
      status: 'partial',
      message: 'Missing from the diagram: firewalls',
    },
    { name: 'a box "Known gap: no firewall yet"', markdown: flow(`  U[User] -->|HTTPS| LB1[HAProxy 1]\n${servers}\n  M[Monitoring client]\n  G[Known gap: no firewall yet]`), status: 'partial', message: 'firewalls' },
    { name: 'monitoring not installed', markdown: flow(`  U[User] -->|HTTPS| LB1[HAProxy 1]\n${servers}\n  FW[Firewall] --- LB1\n  M[Monitoring agent: not installed]`), status: 'partial', message: 'monitoring' },
    {
      name: 'HTTPS drawn only in the sequence diagram counts',
      markdown: `${flow(`  U[User] --> LB1[HAProxy 1]\n${servers}\n  FW[Firewall] --- LB1\n  M[Monitoring client]`)}\n${mermaid('sequenceDiagram\n  User->>HAProxy 1: HTTPS request')}`,
      status: 'pass',
    },
    {
      name: 'the firewall in one diagram, monitoring in the other',
      markdown: `${flow(`  U[User] -->|HTTPS| FW[Firewall] --> LB1[HAProxy 1]\n${servers}`)}\n${mermaid('sequenceDiagram\n  participant M as Monitoring client\n  M->>Sumo Logic: metrics')}`,
      status: 'pass',
    },
  ]);
  ruleTester('consistency', [
    {
      name: 'the prose claims a firewall the diagram says is absent',
      markdown: `${flow(`  U[User] -->|HTTPS| LB1[HAProxy 1]\n${servers}\n  M[Monitoring client]\n  G[Issues: no firewall]`)}\nA firewall in front of each server filters the traffic so that only ports 80 and 443 are open.\n`,
      status: 'fail',
      message: 'no diagram shows any',
    },
  ]);
});

describe('header typos: one positioned finding, the rest read as the type meant', () => {
  const body = '  U[User] -->|HTTPS| LB1[HAProxy 1]\n  LB1 <-->|heartbeat| LB2[HAProxy 2]\n  LB1 --> W1[Nginx] --> A1[Gunicorn] --> D1[(MySQL)]\n  FW[Firewall] --- LB1\n  M[Monitoring client]';
  const headed = (header: string) => mermaid(`${header}\n${body}`);
  ruleTester('diagram-renders', [
    { name: 'grpah TD', markdown: headed('grpah TD'), status: 'fail', findings: [{ line: 4, column: 1, message: 'Did you mean `graph`?' }] },
    { name: 'flowchar TD', markdown: headed('flowchar TD'), status: 'fail', findings: [{ line: 4, column: 1, message: 'Did you mean `flowchart`?' }] },
    { name: 'Flowchart TD', markdown: headed('Flowchart TD'), status: 'fail', findings: [{ line: 4, column: 1, message: 'exact case. Did you mean `flowchart`?' }] },
    { name: 'graph td', markdown: headed('graph td'), status: 'fail', findings: [{ line: 4, message: 'Did you mean `graph TD`?' }] },
    { name: 'graphTD', markdown: headed('graphTD'), status: 'fail', findings: [{ line: 4, message: 'Did you mean `graph TD`?' }] },
    { name: 'an indented header after a comment', markdown: mermaid(`%% my design\n   grpah LR\n${body}`), status: 'fail', findings: [{ line: 5, column: 4, message: '`grpah`' }] },
    { name: 'no header at all', markdown: mermaid(body), status: 'fail', findings: [{ line: 4, column: 3, message: 'Did you mean to start with `flowchart TD`?' }] },
    { name: 'a word far from any type is not guessed', markdown: mermaid('diagram TD\n  one line'), status: 'fail', findings: [{ line: 4, message: '`diagram` is not a Mermaid diagram type' }] },
  ]);
  for (const header of ['grpah TD', 'flowchar TD', 'Flowchart TD', 'graph td', 'graph Td']) {
    ruleTester('lb-pair', [{ name: `${header}: the graph is still read`, markdown: headed(header), status: 'pass', message: '2 load balancers' }]);
    ruleTester('carried-over', [{ name: `${header}: the graph is still read`, markdown: headed(header), status: 'pass' }]);
  }
  ruleTester('request-flow', [{ name: 'no header: read as a flowchart', markdown: mermaid(body), status: 'pass' }]);
  ruleTester('lb-pair', [
    { name: 'sequencediagram: read as a sequence', markdown: mermaid('sequencediagram\n  participant LB1 as HAProxy 1\n  participant LB2 as HAProxy 2\n  User->>LB1: HTTPS\n  LB1-->>LB2: heartbeat'), status: 'pass' },
  ]);

  it('one error for the header; the header mended, the rest is parsed and positioned in the student\'s text', async () => {
    const r = await parseDiagram('flowchar TD; A[User] --> B[Web]\n  B --> C[(DB)]');
    expect(r).toMatchObject({ kind: 'flowchart', valid: false, typeWord: 'flowchar' });
    expect(r.errors).toEqual([expect.objectContaining({ code: 'misspelt-diagram-type', line: 1, column: 1, text: 'flowchar' })]);
    const ast = r.ast as FlowchartAst;
    expect([...ast.vertices.keys()]).toEqual(['A', 'B', 'C']);
    // `A` stands at column 14 of the student's line, whatever the mended header's length.
    expect(ast.vertices.get('A')!.pos).toEqual({ line: 1, column: 14 });
  });

  it('a misspelt type infralint does not read is named, not guessed at', async () => {
    const r = await parseDiagram('classdiagram\n  class A');
    expect(r).toMatchObject({ kind: 'unknown', valid: false, ast: null });
    expect(r.errors[0]!.message).toContain('Did you mean `classDiagram`?');
  });

  it('a text drawing with arrows is not taken for a flowchart with no header', async () => {
    const r = await parseDiagram('+------+      +-----+\n| User | ---> | DNS |\n+------+      +-----+');
    expect(r.kind).toBe('unknown');
  });
});

describe('an open fence, graded as GitHub renders it', () => {
  const diagram = '```mermaid\nflowchart TD\n  U[User] -->|HTTPS| LB1[HAProxy 1]\n  LB1 <-->|heartbeat| LB2[HAProxy 2]\n';
  ruleTester('diagram-renders', [
    { name: 'nothing follows: GitHub closes it at the end, it renders', markdown: `# Scale up\n\n${diagram}`, status: 'pass', findings: [{ line: 3, message: 'never closed; GitHub closes it' }] },
    {
      name: 'prose follows: one finding, where the swallowed text begins',
      markdown: `# Scale up\n\n${diagram}\nWe added a second load balancer so that one failure does not stop the site.\n\n## Why\nMore text here.\n`,
      status: 'fail',
      findings: [{ line: 8, column: 1, message: 'from line 8 to the end of the file became part of the diagram' }],
    },
  ]);
  ruleTester('lb-cluster', [
    { name: 'the diagram before the swallowed text is graded', markdown: `# Scale up\n\n${diagram}\nWe added a second load balancer so that one failure does not stop the site.\n`, status: 'pass' },
  ]);

  it('a diagram with a mistake of its own, then prose: two findings, one per mistake', async () => {
    const broken = '```mermaid\nflowchart TD\n  U[User] --> LB1[HAProxy 1]\n  LB1 --> DB[Database (MySQL)]\n';
    const result = await lintText(`# Scale up\n\n${broken}\nWe added a second load balancer so that one failure does not stop the site.\n\n## Why\nMore text.\n`, { rubric: '3-scale_up' });
    const renders = result.rules.find((r) => r.id === 'diagram-renders')!;
    expect(renders.findings.map((f) => [f.line, f.message.slice(0, 30)])).toEqual([[6, '`(` inside an unquoted node la'], [8, 'The ```mermaid fence opened on']]);
    expect(result.rules.find((r) => r.id === 'diagram-present')!.findings).toEqual([]);
  });

  it('the swallowed prose gives no "cannot tell what" finding per word', async () => {
    const result = await lintText(`# Scale up\n\n${diagram}\nwe added one more server so that the load is spread.\n`, { rubric: '3-scale_up' });
    const present = result.rules.find((r) => r.id === 'diagram-present')!;
    const renders = result.rules.find((r) => r.id === 'diagram-renders')!;
    expect(present.findings).toEqual([]);
    expect(renders.findings).toHaveLength(1);
  });
});

describe('a sequence message without its colon', () => {
  const seq = (line: string) => mermaid(`sequenceDiagram\n  participant U as User\n  participant LB1 as HAProxy 1\n  participant LB2 as HAProxy 2\n  ${line}\n  LB1-->>LB2: heartbeat`);
  ruleTester('lb-pair', [
    { name: 'the text is not made a participant', markdown: seq('U->>LB1 HTTPS request'), status: 'pass', message: '2 load balancers' },
    { name: 'a receiver of several words the diagram knows', markdown: mermaid('sequenceDiagram\n  User->>Load Balancer 1: hi\n  User->>Load Balancer 1 sends HTTPS\n  Load Balancer 1->>Load Balancer 2: sync'), status: 'pass', message: '2 load balancers' },
  ]);
  ruleTester('diagram-renders', [
    { name: 'the fix hint gives the line as meant', markdown: seq('U->>LB1 HTTPS request'), status: 'fail', findings: [{ line: 8, message: 'A message needs `:`' }] },
  ]);

  it('keeps the message text, and no raw newline in any message', async () => {
    const r = await parseDiagram('sequenceDiagram\n  participant LB1 as HAProxy\n  U->>LB1 HTTPS request\n  LB1->>U: ok');
    const ast = r.ast as SequenceAst;
    expect(ast.participants.map((p) => p.id)).toEqual(['LB1', 'U']);
    expect(ast.messages[0]).toMatchObject({ from: 'U', to: 'LB1', text: 'HTTPS request' });
    expect(r.errors[0]).toMatchObject({ code: 'message-without-colon', hint: 'Write `U->>LB1: HTTPS request`.' });
    expect(r.errors[0]!.text).toBeUndefined();
  });
});

describe('a link standing as the diagram', () => {
  ruleTester('diagram-present', [
    { name: 'a bare link to a host the grader does not list', markdown: 'https://imgbox.com/aBc123\n', status: 'manual', findings: [{ line: 1, message: 'https://imgbox.com/aBc123' }] },
    { name: 'a link whose text names the diagram', markdown: '# Scale up\n\nSee [my diagram](https://boards.example-tool.io/b/42).\n', status: 'manual' },
    { name: 'an unfilled template placeholder', markdown: '# Scale up\n\nhttps://imgur.com/your-screenshot-link\n', status: 'fail', findings: [{ line: 3, message: 'template\'s placeholder' }] },
    { name: 'a placeholder image', markdown: '# Scale up\n\n![diagram](https://i.imgur.com/XXXXXXX.png)\n', status: 'fail' },
    { name: 'a reference in the prose is no diagram', markdown: '# Scale up\n\nHAProxy balances the load between the servers, as its [documentation](https://docs.haproxy.org/) explains in detail.\n', status: 'fail' },
  ]);
  ruleTester('lb-pair', [{ name: 'the diagram rules await a person', markdown: 'https://imgbox.com/aBc123\n', status: 'manual' }]);
});

describe("findings speak the student's names, one per mistake", () => {
  ruleTester('diagram-present', [
    { name: '`end` as a node is named `end`', markdown: flow('  U[User] --> end\n  end --> LB[HAProxy]'), status: 'pass', findings: [{ line: 5, message: 'what `end` is' }] },
  ]);

  it('an unclosed subgraph is one finding, at its `subgraph`', async () => {
    const result = await lintText(flow('  U[User] --> LB[HAProxy]\n  subgraph S["Servers"]\n    W[Nginx]'), { rubric: '3-scale_up' });
    const renders = result.rules.find((r) => r.id === 'diagram-renders')!;
    expect(renders.findings).toEqual([expect.objectContaining({ line: 6, column: 3, message: expect.stringContaining('never closed') })]);
  });

  it('a `->` found before where Mermaid stops is one finding, at the arrow', async () => {
    const result = await lintText(flow('  U[User] --> LB[HAProxy]\n  LB -> W[Nginx]'), { rubric: '3-scale_up' });
    const renders = result.rules.find((r) => r.id === 'diagram-renders')!;
    expect(renders.findings).toEqual([expect.objectContaining({ line: 6, column: 6, message: expect.stringContaining('`->`') })]);
  });

  it('a sequence block never closed is one finding, at the block', async () => {
    const result = await lintText(mermaid('sequenceDiagram\n  loop every minute\n  A->>B: ping'), { rubric: '3-scale_up' });
    const renders = result.rules.find((r) => r.id === 'diagram-renders')!;
    expect(renders.findings).toEqual([expect.objectContaining({ line: 5, message: expect.stringContaining('never closed') })]);
  });

  it('keyword participants keep their names after recovery', async () => {
    const r = await parseDiagram('sequenceDiagram\n  Alt->>B: hi\n  B->>Alt: ok');
    expect((r.ast as SequenceAst).participants.map((p) => p.id)).toEqual(['Alt', 'B']);
  });
});
