import { readFileSync } from 'node:fs';
import path from 'node:path';
import { applyConfig } from '../../src/config/config.js';
import { loadRubric, UsageError, validateRubric } from '../../src/config/rubric.js';
import { inferMultiplicity, inferRoles } from '../../src/graph/roles.js';
import { PROJECT } from '../helpers/paths.js';
import { lintMarkdown, mermaid, ruleTester } from '../helpers/rule-tester.js';

const TASK = '2-secured_and_monitored_web_infrastructure';
const flow = (body: string) => mermaid(`flowchart LR\n${body}`);

ruleTester('firewalls', [
  { name: 'three nodes', markdown: flow('  FW1[Firewall 1] --> LB[HAProxy]\n  LB --> FW2[Firewall 2] --> S1[Server 1]\n  LB --> FW3[Firewall 3] --> S2[Server 2]'), status: 'pass', message: '3 firewalls' },
  { name: 'one node stating the count', markdown: flow('  U[User] --> FW[Firewall x3] --> LB[HAProxy]'), status: 'pass', message: '3 firewalls' },
  { name: 'one node counting in words', markdown: flow('  U[User] --> FW[3 firewalls] --> LB[HAProxy]'), status: 'pass' },
  { name: 'a firewall on each server box', markdown: flow('  LB[HAProxy + UFW] --> S1[Server 1: Nginx + UFW firewall]\n  LB --> S2[Server 2: Nginx + UFW firewall]'), status: 'pass' },
  { name: 'subgraphs drawn as firewalls', markdown: flow('  subgraph F1[Firewall 1]\n    LB[HAProxy]\n  end\n  subgraph F2[Firewall 2]\n    W1[Nginx 1]\n  end\n  subgraph F3[Firewall 3]\n    W2[Nginx 2]\n  end'), status: 'pass' },
  { name: 'sequence participants', markdown: mermaid('sequenceDiagram\n  participant F1 as Firewall 1\n  participant F2 as Firewall 2\n  participant F3 as Firewall 3\n  F1->>F2: allow 443\n  F2->>F3: allow 3306'), status: 'pass' },
  { name: 'architecture services', markdown: mermaid('architecture-beta\n  service f1(server)[Firewall] \n  service f2(server)[Firewall]\n  service f3(server)[Firewall]\n  f1:R --> L:f2\n  f2:R --> L:f3'), status: 'pass' },
  { name: 'two firewalls', markdown: flow('  LB[HAProxy] --> FW1[Firewall - Server 1] --> S1[Server 1]\n  LB --> FW2[Firewall - Server 2] --> S2[Server 2]'), status: 'fail', message: 'Only 2 firewalls' },
  { name: 'a plural label is one box', markdown: flow('  U[User] --> FW[Firewalls] --> LB[HAProxy]'), status: 'fail', message: 'Only 1 firewall' },
  { name: 'a box saying there is none', markdown: flow('  U[User] --> X[No firewall] --> LB[HAProxy]\n  FW1[Firewall 1] --> FW2[Firewall 2]'), status: 'fail', message: 'Only 2 firewalls' },
  { name: 'none at all', markdown: flow('  U[User] --> LB[HAProxy] --> S1[Server 1]'), status: 'fail', message: 'No firewall' },
  { name: 'the best of two diagrams', markdown: `${flow('  FW1[Firewall 1] --> FW2[Firewall 2] --> FW3[Firewall 3]')}\n${mermaid('sequenceDiagram\n  User->>Firewall: HTTPS')}`, status: 'pass' },
], TASK);

ruleTester('https', [
  { name: 'an HTTPS edge', markdown: flow('  U[User] -->|HTTPS| LB[HAProxy]'), status: 'pass', message: '"HTTPS"' },
  { name: 'a certificate node', markdown: flow('  C[SSL certificate for www.foobar.com] --- LB[HAProxy]'), status: 'pass', message: 'SSL certificate' },
  { name: 'SSL termination on the load balancer', markdown: flow('  U[User] --> LB[HAProxy + SSL termination]'), status: 'pass' },
  { name: 'TLS in a sequence message', markdown: mermaid('sequenceDiagram\n  User->>HAProxy: GET / over TLS'), status: 'pass' },
  { name: 'port 443', markdown: flow('  U[User] -->|port 443| LB[HAProxy]'), status: 'pass' },
  { name: 'the address the user types', markdown: flow('  U["https://www.foobar.com"] --> LB[HAProxy]'), status: 'pass' },
  { name: 'a link hidden in a label is not shown', markdown: flow('  U[User] --> LB["<a href=https://haproxy.org>HAProxy</a>"]'), status: 'fail', message: 'No HTTPS' },
  { name: 'plain HTTP', markdown: flow('  U[User] -->|HTTP| LB[HAProxy] -->|Decrypted HTTP| W[Nginx]'), status: 'fail', message: 'No HTTPS' },
  { name: 'a note saying it is missing', markdown: mermaid('sequenceDiagram\n  User->>LB: GET /\n  Note over User: Issues: No HTTPS'), status: 'fail', message: 'absent' },
  { name: 'an edge without SSL', markdown: flow('  U[User] -->|HTTP without SSL| LB[HAProxy]'), status: 'fail' },
  { name: 'a box saying it is missing', markdown: flow('  U[User] --> LB[HAProxy]\n  X[SSL certificate: missing]'), status: 'fail' },
  { name: 'one of two diagrams', markdown: `${flow('  U[User] --> LB[HAProxy]')}\n${mermaid('sequenceDiagram\n  User->>LB: HTTPS request')}`, status: 'pass' },
], TASK);

ruleTester('monitoring', [
  {
    name: 'three clients reporting to a service',
    markdown: flow('  M1[Monitoring client] --> S[Sumo Logic]\n  M2[Monitoring client] --> S\n  M3[Monitoring client] --> S'),
    status: 'pass',
    message: 'reporting to `S` ("Sumo Logic")',
  },
  { name: 'one node stating the count', markdown: flow('  M[Monitoring clients x3] --> S[Sumo Logic]'), status: 'pass' },
  { name: 'an agent in each server box', markdown: flow('  LB[HAProxy] --> S1[Server 1: Nginx + monitoring agent]\n  LB --> S2[Server 2: Nginx + monitoring agent]\n  LB --> S3[Server 3: MySQL + monitoring agent]'), status: 'pass' },
  {
    name: 'a plain "Monitoring" box in each server subgraph',
    markdown: flow('  subgraph S1[Server 1]\n    W1[Nginx]\n    M1[Monitoring]\n  end\n  subgraph S2[Server 2]\n    W2[Nginx]\n    M2[Monitoring]\n  end\n  subgraph S3[Load balancer server]\n    LB[HAProxy]\n    M3[Monitoring]\n  end'),
    status: 'pass',
  },
  {
    name: 'the collector of the service on each server',
    markdown: flow('  subgraph S1[Server 1]\n    W1[Nginx]\n    C1[Sumo Logic]\n  end\n  subgraph S2[Server 2]\n    W2[Nginx]\n    C2[Sumo Logic]\n  end\n  subgraph S3[Server 3]\n    D[(MySQL)]\n    C3[Sumo Logic]\n  end'),
    status: 'pass',
  },
  {
    name: 'the service drawn inside a server is not a client',
    markdown: flow('  subgraph S1[Server 1]\n    M1[Monitoring client] -.-> MS[Monitoring service]\n  end\n  subgraph S2[Server 2]\n    M2[Monitoring client] -.-> MS\n  end'),
    status: 'fail',
    message: 'Only 2 machines',
  },
  { name: 'the service alone', markdown: flow('  S1[Server 1] --> SUMO[Sumo Logic platform]\n  S2[Server 2] --> SUMO\n  S3[Server 3] --> SUMO'), status: 'fail', message: 'Only the monitoring service' },
  { name: 'a sequence tool polling the servers', markdown: mermaid('sequenceDiagram\n  participant M as Monitoring tools\n  M->>Web1: collect metrics\n  M->>Web2: collect metrics\n  M->>DB: collect metrics'), status: 'fail', message: 'Only the monitoring service' },
  { name: 'exporters reporting to Prometheus, with Grafana beside it', markdown: flow('  G[Grafana] --- P[Prometheus]\n  E1[Node exporter] --> P\n  E2[Node exporter] --> P\n  E3[Node exporter] --> P'), status: 'pass', message: 'reporting to `G` ("Grafana"), `P` ("Prometheus")' },
  { name: 'a product drawn beside each server', markdown: flow('  S1[Server 1] --- D1[Datadog]\n  S2[Server 2] --- D2[Datadog]\n  S3[Server 3] --- D3[Datadog]'), status: 'pass' },
  { name: 'a product drawn once is the service', markdown: flow('  S1[Server 1] --- D[Datadog]\n  S2[Server 2] --- D\n  S3[Server 3] --- D'), status: 'fail', message: 'Only the monitoring service (`D` ("Datadog"))' },
  { name: 'a dashboard beside the service is no client', markdown: flow('  G[Grafana] --- P[Prometheus]\n  E1[Monitoring agent] --> P\n  E2[Monitoring agent] --> P'), status: 'fail', message: 'Only 2 machines' },
  { name: 'two clients', markdown: flow('  M1[Monitoring agent] --> S[Datadog]\n  M2[Monitoring agent] --> S'), status: 'fail', message: 'Only 2 machines' },
  {
    name: 'three clients on one server are one server monitored',
    markdown: flow('  subgraph S1[Server 1]\n    W[Nginx]\n    M1[Monitoring agent]\n    M2[Log collector]\n    M3[Metrics exporter]\n  end'),
    status: 'fail',
    message: 'one per server',
  },
  { name: 'a box saying there is none', markdown: flow('  M1[Monitoring client] --> M2[Monitoring client]\n  X[No monitoring agent]'), status: 'fail', message: 'Only 2 machines' },
  { name: 'nothing', markdown: flow('  U[User] --> LB[HAProxy]'), status: 'fail', message: 'No monitoring client' },
], TASK);

ruleTester('base-carried', [
  {
    name: 'two full servers behind a load balancer',
    markdown: flow('  U[User] --> LB[HAProxy]\n  LB --> S1[Server 1: Nginx + Gunicorn + MySQL Primary]\n  LB --> S2[Server 2: Nginx + Gunicorn + MySQL Replica]'),
    status: 'pass',
    message: '2 servers',
  },
  { name: '"App" is the application server', markdown: flow('  LB[HAProxy] --> S1[Server 1 - Nginx, App, Primary DB]\n  LB --> S2[Server 2 - Nginx, App, Replica DB]'), status: 'pass' },
  {
    name: 'judged across two diagrams',
    markdown: `${flow('  LB[HAProxy] --> A1[Application server 1] --> D[(MySQL)]\n  LB --> A2[Application server 2] --> D')}\n${mermaid('sequenceDiagram\n  User->>Nginx: GET /')}`,
    status: 'pass',
  },
  { name: 'no application server', markdown: flow('  LB[HAProxy] --> S1[Server 1: Nginx + MySQL]\n  LB --> S2[Server 2: Nginx + MySQL]'), status: 'fail', message: 'missing application server' },
  { name: 'no load balancer', markdown: flow('  U[User] --> S1[Server 1: Nginx + Gunicorn + MySQL]\n  U --> S2[Server 2: Nginx + Gunicorn + MySQL]'), status: 'fail', message: 'missing load balancer' },
  { name: 'one server', markdown: flow('  U[User] --> LB[HAProxy] --> S1[Server 1: Nginx + Gunicorn + MySQL]'), status: 'fail', message: '2 servers (1 drawn)' },
  { name: 'a mobile app is no application server', markdown: flow('  U[Mobile app user] --> LB[HAProxy] --> S1[Server 1: Nginx + MySQL]\n  LB --> S2[Server 2: Nginx + MySQL]'), status: 'fail', message: 'application server' },
], TASK);

describe('task 2 diagram rules: positions and hints', () => {
  it('points at the first firewall drawn, with a Mermaid fix', async () => {
    const result = await lintMarkdown(flow('  U[User] --> FW1[Firewall 1] --> LB[HAProxy]'), TASK);
    const rule = result.rules.find((r) => r.id === 'firewalls')!;
    expect(rule.findings[0]).toMatchObject({ file: `web_infrastructure_design/${TASK}.md`, line: 5, column: 15 });
    expect(rule.findings[0]!.hint).toContain('`X[Firewall x3]`');
  });

  it('points at the note that says HTTPS is absent', async () => {
    const result = await lintMarkdown(mermaid('sequenceDiagram\n  User->>LB: GET /\n  Note over User: Issues: No HTTPS'), TASK);
    const rule = result.rules.find((r) => r.id === 'https')!;
    expect(rule.findings[0]).toMatchObject({ line: 6 });
    expect(rule.findings[0]!.hint).toContain('-->|HTTPS|');
  });

  it('points at the monitoring service drawn alone', async () => {
    const result = await lintMarkdown(flow('  S1[Server 1] --> SUMO[Sumo Logic platform]\n  S2[Server 2] --> SUMO'), TASK);
    const rule = result.rules.find((r) => r.id === 'monitoring')!;
    expect(rule.findings[0]).toMatchObject({ line: 5, column: 20 });
  });

  it('names each missing part of the base infrastructure', async () => {
    const result = await lintMarkdown(flow('  U[User] --> S1[Server 1: Nginx]'), TASK);
    const rule = result.rules.find((r) => r.id === 'base-carried')!;
    expect(rule.findings.map((f) => f.message)).toEqual([
      'No load balancer in the diagram: the previous task\'s infrastructure had one.',
      'No application server in the diagram: the previous task\'s infrastructure had one.',
      'No database in the diagram: the previous task\'s infrastructure had one.',
      'Only 1 server besides the load balancer: the previous task\'s infrastructure had 2.',
    ]);
  });
});

describe('component-count options', () => {
  const rubric = (options: Record<string, unknown>) => ({
    task: 'x', fileNames: ['x.md'], projectDirs: ['p'], passThreshold: 70, rules: [{ id: 'firewalls', rule: 'component-count', weight: 10, options }],
  });

  it('accepts a role and a count', () => {
    expect(() => validateRubric(rubric({ role: 'firewall', min: 3 }), 'r.json')).not.toThrow();
  });

  it('refuses an unknown role or a bad count as a usage error', () => {
    expect(() => validateRubric(rubric({ role: 'firewal', min: 3 }), 'r.json')).toThrow(UsageError);
    expect(() => validateRubric(rubric({ role: 'firewall', min: 'three' }), 'r.json')).toThrow(/"min" must be a whole number/);
  });

  it('refuses bad options set by a configuration file', () => {
    expect(() => applyConfig(loadRubric(TASK), { rules: { monitoring: { options: { min: 0 } } } })).toThrow(UsageError);
  });
});

describe('labels of task 2 diagrams', () => {
  it.each([
    ['Nginx + App', ['app-server', 'web-server']],
    ['Mobile app', ['client']],
    ['HAProxy :443', ['load-balancer']],
    ['443', ['certificate']],
  ])('%s -> %j', (label, roles) => {
    expect(inferRoles(label).sort()).toEqual(roles);
  });

  it.each([
    ['3 firewalls', 3],
    ['Three monitoring clients', 3],
    ['Firewall (x3)', 3],
    ['Firewalls', 1],
  ])('%s stands for %d', (label, n) => {
    expect(inferMultiplicity(label)).toBe(n);
  });
});

describe('configuration schema', () => {
  it('lets a configuration set every rule of the task-2 rubric', () => {
    const schema = JSON.parse(readFileSync(path.join(PROJECT, 'rules', 'config.schema.json'), 'utf8')) as { properties: { rules: { propertyNames: { enum: string[] } } } };
    const ids = loadRubric(TASK).rules.map((r) => r.id);
    expect(ids.filter((id) => !schema.properties.rules.propertyNames.enum.includes(id))).toEqual([]);
  });
});
