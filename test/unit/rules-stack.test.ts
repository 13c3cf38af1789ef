// The diagram rules of tasks 0 (simple web stack) and 1 (distributed web infrastructure).
import { lintSubmission } from '../../src/api/lint-submission.js';
import { explain } from '../../src/cli/main.js';
import { loadRubric, type Rubric } from '../../src/config/rubric.js';
import { buildDiagramGraph } from '../../src/graph/build-graph.js';
import { machinesOf } from '../../src/graph/machines.js';
import { inferRoles } from '../../src/graph/roles.js';
import { parseDiagram } from '../../src/diagrams/parse-diagram.js';
import { lintMarkdown, ruleTester } from '../helpers/rule-tester.js';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const T0 = '0-simple_web_stack';
const T1 = '1-distributed_web_infrastructure';
const diagram = (body: string) => `# Design\n\n\`\`\`mermaid\n${body}\n\`\`\`\n`;
const flow = (...lines: string[]) => diagram(['flowchart LR', ...lines.map((l) => `  ${l}`)].join('\n'));

describe('the code base has a role of its own', () => {
  it.each([
    ['Application Files (Code Base)', ['code-base']],
    ['Codebase', ['code-base']],
    ['Python code', ['code-base']],
    ['App code', ['code-base']],
    ['Application Server Code', ['app-server', 'code-base']],
    ['App Server + code base', ['app-server', 'code-base']],
    ['Server 1 (code base)', ['code-base', 'server']],
    ['App', ['app-server']],
    ['Server 1 - Nginx, App, Primary DB', ['app-server', 'database', 'web-server']],
    ['HTTP status code', ['other']],
  ])('%s -> %j', (label, roles) => {
    expect((inferRoles(label).length ? inferRoles(label) : ['other']).sort()).toEqual([...roles].sort());
  });

  it('reads an arrow inside a label as a relation to another component', () => {
    expect(inferRoles('DNS - foobar.com → Load Balancer IP')).toEqual(['dns']);
    expect(inferRoles('DNS: www.foobar.com -> HAProxy')).toEqual(['dns']);
  });
});

describe('machines of a drawing', () => {
  const machines = async (body: string) => {
    const parse = await parseDiagram(body);
    return machinesOf(buildDiagramGraph(parse.ast!, { index: 0, file: 'f.md', line: 1, indent: 0 }));
  };
  it('a box, a server node and what it alone leads to, and bare components', async () => {
    const found = await machines('flowchart LR\n  subgraph S1["Server 1"]\n    W1[Nginx] --> A1[Gunicorn]\n  end\n  S2[Server 2] --> W2[Nginx] --> A2[Gunicorn]\n  D[(MySQL)]');
    expect(found.map((m) => [m.label, m.kind, m.components.map((c) => c.id).sort()])).toEqual([
      ['Server 1', 'group', ['A1', 'W1']],
      ['Server 2', 'server-node', ['A2', 'S2', 'W2']],
      ['MySQL', 'component', ['D']],
    ]);
  });
  it('numbered boxes inside a box are machines of their own', async () => {
    const found = await machines('flowchart LR\n  subgraph B[Backend server]\n    subgraph S1[Server 1]\n      W1[Nginx]\n    end\n    subgraph S2[Server 2]\n      W2[Nginx]\n    end\n  end');
    expect(found.map((m) => m.label)).toEqual(['Server 1', 'Server 2']);
  });
  it('a component two server nodes lead to belongs to neither', async () => {
    const found = await machines('flowchart LR\n  S1[Server 1] --> W[Nginx]\n  S2[Server 2] --> W');
    expect(found.find((m) => m.label === 'Nginx')?.kind).toBe('component');
  });
  it('a server node that leads nowhere, named like a box, is that box', async () => {
    const found = await machines('flowchart LR\n  LB[HAProxy] --> S1[Server 1]\n  subgraph Server 1\n    W[Nginx]\n  end');
    expect(found.map((m) => m.label).sort()).toEqual(['HAProxy', 'Server 1']);
  });
  it('an edge to a node whose id is a subgraph\'s reaches the subgraph (as Mermaid draws it)', async () => {
    const parse = await parseDiagram('flowchart LR\n  LB[HAProxy] --> C[Server 1]\n  subgraph C [Web Server 1]\n    W[Nginx] --> A[App server]\n  end');
    const graph = buildDiagramGraph(parse.ast!, { index: 0, file: 'f.md', line: 1, indent: 0 });
    expect(graph.components.map((c) => c.id)).not.toContain('C');
    expect(graph.edges.map((e) => `${e.from}->${e.to}`)).toContain('0:LB->0:W');
  });
});

ruleTester('single-server', [
  { name: 'a server box holding the stack', markdown: flow('U[User] --> W', 'subgraph S["Server 8.8.8.8"]', '  W[Nginx] --> A[App server] --> D[(MySQL)]', 'end'), status: 'pass', message: 'One server' },
  { name: 'no machine boundary and no second machine', markdown: flow('U[User] --> W[Nginx] --> A[Gunicorn] --> D[(MySQL)]'), status: 'pass', message: 'no second machine' },
  { name: 'a server node leading to the stack', markdown: flow('U[User] --> S[Server @ 8.8.8.8] --> W[Nginx] --> A[App server] --> D[(MySQL)]'), status: 'pass' },
  { name: 'a server node inside the box is that box', markdown: flow('subgraph L[Local Server]', '  S[Server 8.8.8.8] --> W[Nginx] --> A[App server] --> D[(MySQL)]', 'end'), status: 'pass' },
  { name: 'an architecture group', markdown: diagram('architecture-beta\n  group server(cloud)[Server]\n  service web(server)[Nginx] in server\n  service app(server)[Application Server] in server\n  service db(database)[MySQL] in server\n  web:R --> L:app\n  app:R --> L:db'), status: 'pass' },
  { name: 'a sequence diagram with one server', markdown: diagram('sequenceDiagram\n  User->>Nginx: GET /\n  Nginx->>App server: forward\n  App server->>MySQL: query'), status: 'pass' },
  { name: 'a load balancer', markdown: flow('U[User] --> LB[HAProxy] --> W[Nginx] --> A[Gunicorn] --> D[(MySQL)]'), status: 'fail', message: 'load balancer' },
  { name: 'two server boxes', markdown: flow('subgraph S1["Server 1"]', '  W[Nginx] --> A[App server]', 'end', 'subgraph S2["Server 2"]', '  D[(MySQL)]', 'end', 'A --> D'), status: 'fail', message: '2 server machines' },
  { name: 'two numbered server nodes', markdown: flow('W[Server 1: Nginx + Gunicorn] --> D[(Server 2: MySQL)]'), status: 'fail', message: '2 server machines' },
  { name: 'a node standing for two servers', markdown: flow('U[User] --> S[Servers x2] --> W[Nginx] --> A[App server] --> D[(MySQL)]'), status: 'fail' },
  { name: 'the database outside the server box', markdown: flow('subgraph S[Server]', '  W[Nginx] --> A[App server]', 'end', 'A --> D[(MySQL)]'), status: 'fail', message: 'outside the server' },
  { name: 'trap: "Server 1" drawn as a node and as the box is one machine', markdown: flow('U[User] --> S1[Server 1]', 'subgraph Server 1', '  W[Nginx] --> A[App server] --> D[(MySQL)]', 'end'), status: 'pass' },
  { name: 'trap: a DNS server and the user\'s computer are not servers of the stack', markdown: flow('C[User computer] --> N[DNS server] --> S[Server] --> W[Nginx] --> A[App server] --> D[(MySQL)]'), status: 'pass' },
  { name: 'a server box around boxes of its parts is one machine', markdown: flow('U[User] --> W', 'subgraph S["Server 8.8.8.8"]', '  subgraph WS[Web server]', '    W[Nginx]', '  end', '  subgraph AS[App server]', '    A[Gunicorn]', '  end', '  subgraph DBS[Database]', '    D[(MySQL)]', '  end', 'end', 'W --> A --> D'), status: 'pass', message: 'One server, "Server 8.8.8.8"' },
  { name: 'nothing of a stack', markdown: flow('U[User] --> N[DNS]'), status: 'fail' },
], T0);

ruleTester('web-server', [
  { name: 'Nginx', markdown: flow('U[User] --> W[Nginx] --> A[Gunicorn]'), status: 'pass', message: 'is a web server' },
  { name: 'missing', markdown: flow('U[User] --> A[Gunicorn] --> D[(MySQL)]'), status: 'fail', message: 'No web server' },
  { name: 'one node naming the whole stack', markdown: flow('S[Server: Nginx, Gunicorn, MySQL]'), status: 'pass' },
], T0);

ruleTester('app-server', [
  { name: 'a named application server', markdown: flow('W[Nginx] --> A[uWSGI]'), status: 'pass' },
  { name: 'trap: the application files are not an application server', markdown: flow('W[Nginx] --> F[Application files] --> D[(MySQL)]'), status: 'fail', message: 'No application server' },
], T0);

ruleTester('database', [
  { name: 'a cylinder', markdown: flow('A[App server] --> D[(Data)]'), status: 'pass' },
  { name: 'a sequence participant', markdown: diagram('sequenceDiagram\n  participant A as App server\n  participant D as MySQL\n  A->>D: query'), status: 'pass' },
  { name: 'missing', markdown: flow('W[Nginx] --> A[Gunicorn]'), status: 'fail', message: 'No database' },
], T0);

ruleTester('app-files', [
  { name: 'a node', markdown: flow('A[App server] --> C[Application Files - Code Base]'), status: 'pass', message: 'code base' },
  { name: 'merged into the application server\'s label', markdown: flow('W[Nginx] --> A[Application Server Code]'), status: 'pass' },
  { name: 'the server box says it holds the code base', markdown: flow('subgraph S["Server: Nginx, Gunicorn and the code base"]', '  W[Nginx] --> A[Gunicorn]', 'end'), status: 'pass', message: 'names the code base' },
  { name: 'an arrow\'s label', markdown: flow('A[Gunicorn] -->|runs the application code| A'), status: 'pass' },
  { name: 'missing', markdown: flow('W[Nginx] --> A[Gunicorn] --> D[(MySQL)]'), status: 'fail', message: 'No code base' },
  { name: 'trap: a status code is not the code base', markdown: flow('U[User] -->|GET /| W[Nginx]', 'W -->|200 status code| U'), status: 'fail' },
], T0);

ruleTester('domain-dns', [
  { name: 'a DNS node with both', markdown: flow('U[User] --> N["DNS: www.foobar.com → 8.8.8.8"] --> S[Server]'), status: 'pass', message: 'resolves the domain' },
  { name: 'the lookup on arrows', markdown: flow('U[User] -->|www.foobar.com?| N[DNS]', 'N -->|A record 8.8.8.8| U'), status: 'pass' },
  { name: 'sequence messages', markdown: diagram('sequenceDiagram\n  User->>DNS: resolve www.foobar.com\n  DNS-->>User: 8.8.8.8'), status: 'pass' },
  { name: 'the name on DNS, the IP on the server', markdown: flow('U[User] --> N[DNS foobar.com] --> S[Server 8.8.8.8]'), status: 'pass' },
  { name: 'character references as Mermaid renders them', markdown: flow('U[User] --> N["www#46;foobar#46;com (A record to 8#46;8#46;8#46;8)"]'), status: 'pass' },
  { name: 'escaped dots', markdown: flow('U[User] -- "Request www\\.foobar\\.com" --> N[DNS]', 'N -- "IP 8.8.8.8" --> S[Server]'), status: 'pass' },
  { name: 'the domain without its IP', markdown: flow('U[User] --> N[DNS: www.foobar.com] --> S[Server]'), status: 'fail', message: 'not the IP 8.8.8.8' },
  { name: 'the IP without the domain', markdown: flow('U[User] --> N[DNS] --> S[Server 8.8.8.8]'), status: 'fail', message: 'not the domain' },
  { name: 'a generic "Domain" box', markdown: flow('U[User] --> N[Domain] --> W[Nginx]'), status: 'fail', message: 'neither' },
  { name: 'trap: another IP that contains it', markdown: flow('U[User] --> N[DNS: www.foobar.com] --> S[Server 18.8.8.80]'), status: 'fail' },
  { name: 'trap: another domain that ends like it', markdown: flow('U[User] --> N[DNS: notfoobar.com 8.8.8.8]'), status: 'fail' },
], T0);

ruleTester('request-flow', [
  { name: 'through DNS and a server node', markdown: flow('U[User] --> N[DNS] --> S[Server] --> W[Nginx] --> A[App server] --> D[(MySQL)]'), status: 'pass', message: 'through a web server and an application server to the database' },
  { name: 'the DNS lookup beside the path', markdown: flow('U[User] --> N[DNS]', 'N --> U', 'U --> W[Nginx] --> A[App server] --> D[(MySQL)]'), status: 'pass' },
  { name: 'past the code base', markdown: flow('U[User] --> W[Nginx] --> A[App server] --> C[Code base]', 'A --> D[(MySQL)]'), status: 'pass' },
  { name: 'sequence messages', markdown: diagram('sequenceDiagram\n  User->>DNS: www.foobar.com?\n  DNS->>User: 8.8.8.8\n  User->>Nginx: GET /\n  Nginx->>App server: forward\n  App server->>MySQL: query'), status: 'pass' },
  { name: 'a DNS branch that is the only way in and leads nowhere', markdown: flow('U[User] --> N[DNS]', 'W[Nginx] --> A[App server] --> D[(MySQL)]'), status: 'fail', message: 'stops after the entry' },
  { name: 'drawn only as responses', markdown: flow('D[(MySQL)] --> A[App server] --> W[Nginx] --> U[User]'), status: 'fail' },
  { name: 'stops at the application server', markdown: flow('U[User] --> W[Nginx] --> A[App server]', 'D[(MySQL)]'), status: 'fail', message: 'stops after application server' },
], T0);

ruleTester('lb-present', [
  { name: 'HAProxy', markdown: flow('U[User] --> LB[HAProxy] --> S1[Server 1]'), status: 'pass' },
  { name: 'missing', markdown: flow('U[User] --> S1[Server 1]'), status: 'fail', message: 'No load balancer' },
  { name: 'trap: a DNS node pointing to the load balancer\'s IP is not one', markdown: flow('U[User] --> N["DNS: foobar.com → load balancer IP"] --> S1[Server 1]'), status: 'fail' },
], T1);

const twoBoxes = flow(
  'U[User] --> LB[HAProxy]', 'LB --> W1', 'LB --> W2',
  'subgraph S1["Server 1"]', '  W1[Nginx] --> A1[App server] --> F1[Code base]', 'end',
  'subgraph S2["Server 2"]', '  W2[Nginx] --> A2[App server] --> F2[Code base]', 'end',
  'A1 --> P[(MySQL Primary)]', 'A2 --> R[(MySQL Replica)]', 'P -->|replication| R',
);

ruleTester('server-count', [
  { name: 'two server boxes', markdown: twoBoxes, status: 'pass', message: '2 servers' },
  { name: 'two nodes naming their stack', markdown: flow('LB[HAProxy] --> S1[Server 1 - Nginx, App, Primary DB]', 'LB --> S2[Server 2 - Nginx, App, Replica DB]'), status: 'pass' },
  { name: 'two server nodes the load balancer feeds', markdown: flow('U[User] --> LB[HAProxy]', 'LB --> S1[Server 1]', 'LB --> S2[Server 2]'), status: 'pass' },
  { name: 'one node standing for two', markdown: flow('LB[HAProxy] --> S[Web servers x2]'), status: 'pass' },
  { name: 'sequence participants', markdown: diagram('sequenceDiagram\n  User->>LB: GET\n  LB->>Web Server 1: x\n  LB->>Web Server 2: y'), status: 'pass' },
  { name: 'one pipeline is one server\'s worth', markdown: flow('LB[HAProxy] --> W[Nginx] --> A[Gunicorn] --> D[(MySQL)]'), status: 'fail', message: 'the task asks for 2' },
  { name: 'one server', markdown: flow('LB[HAProxy] --> S1[Server 1: Nginx + Gunicorn]'), status: 'fail' },
  { name: 'trap: the load balancer\'s own machine does not count', markdown: flow('subgraph L["Server 1"]', '  LB[HAProxy]', 'end', 'subgraph S2["Server 2"]', '  W[Nginx] --> A[Gunicorn]', 'end', 'LB --> W'), status: 'fail' },
], T1);

ruleTester('server-stack', [
  { name: 'two server boxes', markdown: twoBoxes, status: 'pass', message: '2 servers run a web server and an application server' },
  { name: 'one node naming several roles hosts them all', markdown: flow('LB[HAProxy] --> S1[Server 1 - Nginx, App, Primary DB]', 'LB --> S2[Server 2 - Nginx, App, Replica DB]'), status: 'pass' },
  { name: 'server nodes leading to their own stack', markdown: flow('LB[HAProxy] --> S1[Server 1] --> W1[Nginx] --> A1[App server]', 'LB --> S2[Server 2] --> W2[Nginx] --> A2[App server]', 'A1 --> D[(MySQL)]', 'A2 --> D'), status: 'pass' },
  { name: 'the database in a group of its own', markdown: diagram('architecture-beta\n  group s1(server)[Server 1]\n  group s2(server)[Server 2]\n  group db(database)[Database]\n  service w1(server)[Nginx] in s1\n  service a1(server)[App Server] in s1\n  service w2(server)[Nginx] in s2\n  service a2(server)[App Server] in s2\n  service p(database)[MySQL Primary] in db\n  a1:B --> T:p\n  a2:B --> T:p'), status: 'pass' },
  { name: 'web and application servers as separate participants', markdown: diagram('sequenceDiagram\n  LB->>Web Server 1: x\n  Web Server 1->>App Server 1: y\n  LB->>Web Server 2: x\n  Web Server 2->>App Server 2: y'), status: 'fail', message: 'No server runs both' },
  { name: 'the second server lacks its application server', markdown: flow('subgraph S1["Server 1"]', '  W1[Nginx] --> A1[App server]', 'end', 'subgraph S2["Server 2"]', '  W2[Nginx]', 'end'), status: 'fail', message: 'Only 1 server' },
  { name: 'trap: an application server both server nodes lead to belongs to neither', markdown: flow('S1[Server 1] --> W1[Nginx] --> A[App server]', 'S2[Server 2] --> W2[Nginx] --> A'), status: 'fail' },
], T1);

ruleTester('db-primary-replica', [
  { name: 'primary and replica', markdown: twoBoxes, status: 'pass', message: 'primary-replica pair' },
  { name: 'master and slave', markdown: flow('A[App] --> M[(MySQL Master)]', 'A --> S[(MySQL Slave)]'), status: 'pass' },
  { name: 'one node labelled as the pair', markdown: flow('A[App] --> D[("MySQL (Primary-Replica)")]'), status: 'pass', message: 'labelled as a primary-replica pair' },
  { name: 'a replication link', markdown: flow('D1[(MySQL)] -->|replicates to| D2[(MySQL)]'), status: 'pass', message: 'linked by' },
  { name: 'a group titled as the pair', markdown: flow('subgraph C["Master-Slave cluster"]', '  D1[(MySQL)]', '  D2[(MySQL)]', 'end'), status: 'pass' },
  { name: 'one database', markdown: flow('A[App] --> D[(MySQL)]'), status: 'fail', message: 'with no replica' },
  { name: 'two unmarked databases', markdown: flow('A1[App] --> D1[(MySQL)]', 'A2[App] --> D2[(MySQL)]', 'D1 --> D2'), status: 'fail', message: 'none marked primary or replica' },
  { name: 'trap: a primary load balancer is not a primary database', markdown: flow('L[HAProxy primary] --> A[App] --> R[(MySQL Replica)]'), status: 'fail' },
  { name: 'no database', markdown: flow('L[HAProxy] --> A[App]'), status: 'fail', message: 'No database' },
], T1);

describe('task 1\'s request path', () => {
  ruleTester('request-flow', [
    { name: 'through the load balancer to each server\'s stack', markdown: twoBoxes, status: 'pass', message: 'through a load balancer' },
    { name: 'an edge to a node that is a subgraph reaches the subgraph', markdown: flow('U[User] --> LB[HAProxy] --> C[Server 1]', 'subgraph C [Web Server 1]', '  W[Nginx] --> A[App server] --> D[(MySQL)]', 'end'), status: 'pass' },
    { name: 'trap: a server node apart from its box leads nowhere', markdown: flow('U[User] --> LB[HAProxy] --> S1[Server 1]', 'subgraph Server 1', '  W[Nginx] --> A[App server] --> D[(MySQL)]', 'end'), status: 'fail', message: 'stops after load balancer' },
  ], T1);
});

describe('request-flow findings', () => {
  const findingsOf = async (markdown: string, task = T1) => (await lintMarkdown(markdown, task)).rules.find((r) => r.id === 'request-flow')!.findings;
  it('points at the box the path dies in, and tells a node from the subgraph of the same name', async () => {
    const [first] = await findingsOf(flow('U[User] --> LB[HAProxy] --> S1[Server 1]', 'subgraph Server 1', '  W[Nginx] --> A[App server] --> D[(MySQL)]', 'end'));
    expect(first).toMatchObject({ line: 5, message: expect.stringContaining('it reaches `S1` ("Server 1"), which no arrow leaves'), hint: expect.stringContaining('not the subgraph "Server 1"') });
  });
  it('an arrow to a server\'s box does not skip to the database inside it', async () => {
    const findings = await findingsOf(flow('U[User] --> LB[HAProxy] --> S1', 'subgraph S1 [Server 1]', '  W[Nginx] --> A[App server] --> D[(MySQL)]', 'end'));
    expect(findings.filter((f) => f.message.includes('skipping'))).toEqual([]);
  });
  it('an arrow from the load balancer straight to the database is reported', async () => {
    const findings = await findingsOf(flow('U[User] --> LB[HAProxy] --> W[Nginx] --> A[App server] --> D[(MySQL)]', 'LB --> D'));
    expect(findings.filter((f) => f.message.includes('skipping'))).toHaveLength(1);
  });
});

describe('rule options', () => {
  async function grade(markdown: string, entry: Rubric['rules'][number]) {
    const rubric: Rubric = { ...loadRubric(T0), rules: [{ id: 'task-file', weight: 0, gate: true }, entry] };
    const root = mkdtempSync(path.join(os.tmpdir(), 'infralint-options-'));
    mkdirSync(path.join(root, 'web_infrastructure_design'));
    writeFileSync(path.join(root, 'web_infrastructure_design', `${T0}.md`), markdown);
    return (await lintSubmission(root, { rubrics: [rubric] })).results[0]!.rules[1]!;
  }
  it('component-present counts at least `min`', async () => {
    const entry = { id: 'two-web', rule: 'component-present', weight: 5, options: { role: 'web-server', min: 2 } };
    expect((await grade(flow('W1[Nginx 1] --> A[App]'), entry)).message).toContain('Only 1 web server');
    expect((await grade(flow('W1[Nginx 1] --> A[App]', 'W2[Nginx 2] --> A'), entry)).status).toBe('pass');
  });
  it('a rubric that names no role, or an unknown one, is reported as infralint\'s error, not the student\'s', async () => {
    const result = await grade(flow('W[Nginx]'), { id: 'x', rule: 'component-present', weight: 5, options: { role: 'webserver' } });
    expect(result.crashed).toBe(true);
    expect(result.message).toContain('option "role" must be one of');
  });
  it('request-flow follows the steps it is given', async () => {
    const entry = { id: 'flow', rule: 'request-flow', weight: 5, options: { steps: ['web-server', 'database'] } };
    expect((await grade(flow('U[User] --> W[Nginx] --> D[(MySQL)]'), entry)).status).toBe('pass');
  });
  it('the task-0 rubric grades a fully correct one-server design with every diagram rule passing', async () => {
    const result = await lintMarkdown(flow(
      'U[User] -->|www.foobar.com| N[DNS]', 'N -->|A record: 8.8.8.8| U', 'U -->|HTTP| W',
      'subgraph S["Server 8.8.8.8"]', '  W[Nginx] --> A[Gunicorn] --> C[Code base]', '  A --> D[(MySQL)]', 'end',
    ), T0);
    const diagramRules = ['single-server', 'web-server', 'app-server', 'app-files', 'database', 'domain-dns', 'request-flow'];
    expect(result.rules.filter((r) => diagramRules.includes(r.id)).map((r) => [r.id, r.status])).toEqual(diagramRules.map((id) => [id, 'pass']));
  });
});

describe('explain', () => {
  it('explains a rubric\'s own id for a generic rule with the rule\'s page and the task\'s options', () => {
    const text = explain('app-files');
    expect(text).toContain('app-files: graded by the rule component-present.');
    expect(text).toContain('0-simple_web_stack: The application files / code base appear');
    expect(text).toContain('# component-present');
  });
});
