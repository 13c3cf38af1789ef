// The Mermaid-native tasks' checks: prescribed-labels, and the options the generic rules take for them
// (each option's default is the classic behaviour, tested in rules-stack, rules-secured and rules).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lintSubmission, type TaskResult } from '../../src/api/lint-submission.js';
import { loadRubric, UsageError, validateRubric } from '../../src/config/rubric.js';
import { labelForm, labelHas, shownLabel } from '../../src/graph/labels.js';
import type { RuleStatus } from '../../src/types.js';

const T0 = 'single_server_stack';
const T1 = 'redundant_web_tier';
const T2 = 'protected_monitored_stack';
const T3 = 'separated_tiers';
const SECTIONS: Record<string, string> = {
  [T0]: '0. Model a Single-Server Web Stack',
  [T1]: '1. Add Redundancy and Traffic Distribution',
  [T2]: '2. Add Protection and Observability',
  [T3]: '3. Separate Tiers and Remove the Load-Balancer SPOF',
};

/** A .mmd file's text: `flowchart LR` and the lines, indented. */
const flow = (...lines: string[]) => ['flowchart LR', ...lines.map((l) => `    ${l}`), ''].join('\n');

/** Writes a native submission (the task's .mmd and a README with its section) and grades that task. */
export async function lintNative(task: string, mmd: string, section = 'See the diagram.'): Promise<TaskResult> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'infralint-native-rule-'));
  mkdirSync(path.join(root, 'web_infrastructure_design'));
  writeFileSync(path.join(root, 'web_infrastructure_design', `${task}.mmd`), mmd);
  writeFileSync(path.join(root, 'web_infrastructure_design', 'README.md'), `# Designs\n\n## ${SECTIONS[task]}\n\n${section}\n`);
  return (await lintSubmission(root, { rubrics: [task] })).results[0]!;
}

interface NativeCase {
  name: string;
  mmd: string;
  status: RuleStatus;
  message?: string;
  /** A fragment of one finding's message, and the .mmd line it must point at. */
  finding?: { message: string; line?: number };
}

/** RuleTester for a native task's rubric entry. */
function nativeTester(ruleId: string, task: string, cases: NativeCase[]): void {
  describe(`${task} ${ruleId}`, () => {
    it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      const rule = (await lintNative(task, c.mmd)).rules.find((r) => r.id === ruleId)!;
      expect({ status: rule.status, message: rule.message }).toEqual({ status: c.status, message: c.message ? expect.stringContaining(c.message) : expect.any(String) });
      if (c.finding) {
        const finding = rule.findings.find((f) => f.message.includes(c.finding!.message));
        expect(finding).toBeDefined();
        if (c.finding.line !== undefined) expect({ file: finding!.file, line: finding!.line }).toEqual({ file: `web_infrastructure_design/${task}.mmd`, line: c.finding.line });
      }
    });
  });
}

describe('labels as they render, compared leniently', () => {
  it.each([
    ['A record &rarr; 8.8.8.8', 'A record → 8.8.8.8'],
    ['A record #rarr; 8.8.8.8', 'A record → 8.8.8.8'],
    ['A record &#8594; 8.8.8.8', 'A record → 8.8.8.8'],
    ['Web<br>server', 'Web server'],
    ['**Web** tier', 'Web tier'],
    ['www\\.foobar\\.com', 'www.foobar.com'],
  ])('%s shows as %s', (raw, shown) => expect(shownLabel(raw)).toBe(shown));

  it.each([
    ['A record -> 8.8.8.8', 'A record → 8.8.8.8'],
    ['a RECORD→8.8.8.8', 'A record → 8.8.8.8'],
    ['Database (PostgreSQL / MySQL)', 'Database (PostgreSQL/MySQL)'],
    ['  Web  server ( Nginx ) ', 'Web server (Nginx)'],
    ['"User"', 'User'],
  ])('%s reads as %s', (a, b) => expect(labelForm(a)).toBe(labelForm(b)));

  it.each([
    ['Load balancer (HAProxy) 1', 'Load balancer (HAProxy)', true],
    ['async replication', 'replication', true],
    ['DNS server', 'DNS', true],
    ['A record &rarr; 8.8.8.8', 'A record → 8.8.8.8', true],
    ['Users', 'User', false],
    ['Database (MySQL)', 'Database (PotsgreSQL/MySQL)', false],
    ['Database primary (MySQL)', 'Database replica (MySQL)', false],
    ['Web tiers', 'Web tier', false],
  ])('%s has %s: %s', (label, prescribed, has) => expect(labelHas(label, prescribed)).toBe(has));
});

const SINGLE = flow(
  'user["User"] --> site["www.foobar.com"]',
  'site -.-> dns["DNS"]',
  'site -->|"A record &rarr; 8.8.8.8"| web',
  'subgraph server["Server"]',
  '    web["Web server (Nginx)"] --> app["Application server"] --> code["Application code"]',
  '    code --> db[("Database (PotsgreSQL/MySQL)")]',
  'end',
  'web -.->|"response"| user',
);

nativeTester('prescribed-labels', T0, [
  { name: 'every label, the arrow written with &rarr;', mmd: SINGLE, status: 'pass', message: '8 of 8' },
  { name: 'the typo corrected counts too', mmd: SINGLE.replace('PotsgreSQL/MySQL', 'PostgreSQL / MySQL'), status: 'pass' },
  { name: 'case and spacing do not matter', mmd: SINGLE.replace('Web server (Nginx)', 'web server ( nginx )').replace('&rarr;', '->'), status: 'pass' },
  {
    name: 'a missing label is partial, with the node that comes closest',
    mmd: SINGLE.replace('Database (PotsgreSQL/MySQL)', 'Database (MySQL)'),
    status: 'partial',
    message: 'missing: `Database (PotsgreSQL/MySQL)`',
    finding: { message: 'The task asks for a node labelled `Database (PotsgreSQL/MySQL)` (`Database (PostgreSQL/MySQL)` counts too): `db` ("Database (MySQL)") comes closest.', line: 7 },
  },
  {
    name: 'a node of the same kind is named as the closest',
    mmd: SINGLE.replace('"Web server (Nginx)"', '"Nginx"'),
    status: 'partial',
    // Where the node is first written: the arrow from the domain.
    finding: { message: '`web` ("Nginx") comes closest', line: 4 },
  },
  { name: 'trap: an arrow label written on a node does not count', mmd: SINGLE.replace('site -->|"A record &rarr; 8.8.8.8"| web', 'site --> rec["A record → 8.8.8.8"] --> web'), status: 'partial', finding: { message: 'an arrow labelled `A record → 8.8.8.8`' } },
  { name: 'none of the labels', mmd: flow('client((Browser)) --> nginx[Nginx] --> gunicorn[Gunicorn] --> pg[(Postgres)]'), status: 'fail', message: '0 of 8' },
]);

nativeTester('prescribed-labels', T3, [
  {
    name: 'group titles are matched on groups',
    mmd: flow(
      'u["User"] --> lb1["Load balancer (HAProxy)"]', 'lb1 <-->|"failover"| lb2["Load balancer (HAProxy)"]',
      'subgraph w["Web Tier"]', '    w1["Web server (Nginx)"]', 'end', 'subgraph a["Application tier"]', '    a1["Application server"]', 'end',
      'subgraph d["Database tier"]', '    p[("Database primary (MySQL)")] -->|"replication"| r[("Database replica (MySQL)")]', 'end',
      'lb1 --> w1 --> a1 --> p',
    ),
    status: 'pass',
  },
  {
    name: 'trap: a node titled as a tier is not a group',
    mmd: flow('t["Web tier"] --> w1["Web server (Nginx)"]'),
    status: 'partial',
    finding: { message: 'a group (subgraph) titled `Web tier`' },
  },
]);

nativeTester('single-server', T0, [
  { name: 'one subgraph holds the stack', mmd: SINGLE, status: 'pass', message: 'One server, "Server"' },
  { name: 'any subgraph around the stack is the boundary', mmd: SINGLE.replace('subgraph server["Server"]', 'subgraph host["8.8.8.8"]'), status: 'pass', message: 'One server boundary, "8.8.8.8"' },
  {
    name: 'no boundary',
    mmd: flow('user["User"] --> web["Web server (Nginx)"] --> app["Application server"] --> code["Application code"] --> db[("Database")]'),
    status: 'fail',
    message: 'No server boundary',
    finding: { message: 'explicit server boundary (a subgraph)', line: 2 },
  },
  {
    name: 'the application code left outside the box',
    mmd: flow('subgraph server["Server"]', '    web["Web server (Nginx)"] --> app["Application server"]', '    db[("Database")]', 'end', 'app --> code["Application code"] --> db'),
    status: 'fail',
    finding: { message: '`code` ("Application code") (code base) is outside the server "Server"', line: 6 },
  },
  { name: 'a server node leading to the stack is no boundary', mmd: flow('user["User"] --> s["Server"] --> web["Web server (Nginx)"] --> app["Application server"] --> db[("Database")]'), status: 'fail', message: 'the server is the node "Server"' },
  { name: 'trap: a box around the user too is the whole drawing, not the server', mmd: flow('subgraph all["Infrastructure"]', '    user["User"] --> web["Web server (Nginx)"] --> app["Application server"] --> db[("Database")]', 'end'), status: 'fail' },
]);

describe('single-server without options (classic) is unchanged', () => {
  it('passes a stack drawn with no boundary', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'infralint-classic-'));
    mkdirSync(path.join(root, 'web_infrastructure_design'));
    writeFileSync(path.join(root, 'web_infrastructure_design', '0-simple_web_stack.md'), '# Stack\n\n```mermaid\nflowchart LR\n  U[User] --> W[Nginx] --> A[Gunicorn] --> D[(MySQL)]\n```\n');
    const result = (await lintSubmission(root, { rubrics: ['0-simple_web_stack'] })).results[0]!;
    expect(result.rules.find((r) => r.id === 'single-server')!.status).toBe('pass');
  });
});

const NODES = (a: string, b: string) => flow(
  'user["User"] --> lb["Load balancer (HAProxy)"]', 'lb --> webA', 'lb --> webB',
  `subgraph nodeA["${a}"]`, '    webA["Web server (Nginx)"] --> appA["Application server"]', 'end',
  `subgraph nodeB["${b}"]`, '    webB["Web server (Nginx)"] --> appB["Application server"]', 'end',
  'appA --> p[("Database primary (MySQL)")]', 'appB --> p', 'p -->|"replication"| r[("Database replica (MySQL)")]',
);

nativeTester('server-stack', T1, [
  { name: 'two boxes', mmd: NODES('Node A', 'Node B'), status: 'pass', message: '2 boxes hold' },
  { name: 'boxes of any title ("Path 1")', mmd: NODES('Path 1', 'Path 2'), status: 'pass' },
  {
    name: 'nodes naming both are not boundaries',
    mmd: flow('user["User"] --> lb["Load balancer (HAProxy)"]', 'lb --> s1["Server 1: Nginx + Application server"]', 'lb --> s2["Server 2: Nginx + Application server"]'),
    status: 'fail',
    finding: { message: '"Server 1: Nginx + Application server" runs a web server and an application server as one node', line: 3 },
  },
  {
    name: 'trap: one box around both stacks is one boundary',
    mmd: flow('user["User"] --> lb["Load balancer (HAProxy)"]', 'subgraph back["Backend"]', '    w1["Web server (Nginx)"] --> a1["Application server"]', '    w2["Web server (Nginx)"] --> a2["Application server"]', 'end', 'lb --> w1 & w2'),
    status: 'fail',
    message: 'Only 1 box holds',
  },
]);

nativeTester('domain-dns', T0, [
  { name: 'the arrow from the domain says it, with &rarr;', mmd: SINGLE, status: 'pass', message: 'the arrow `site --> web` says "A record → 8.8.8.8"' },
  { name: 'from DNS to the server, typed ->', mmd: flow('user["User"] --> site["www.foobar.com"] --> dns["DNS"]', 'dns -->|"A record -> 8.8.8.8"| web["Web server (Nginx)"]'), status: 'pass' },
  {
    name: 'the label on the user\'s arrow',
    mmd: flow('user["User"] -->|"A record → 8.8.8.8"| site["www.foobar.com"]', 'site --> web["Web server (Nginx)"]'),
    status: 'fail',
    finding: { message: 'The label "A record → 8.8.8.8" is on the arrow `user --> site`', line: 2 },
  },
  {
    name: 'the IP written elsewhere, the arrow silent',
    mmd: flow('user["User"] --> site["www.foobar.com"]', 'site --> web["Web server (Nginx) at 8.8.8.8"]'),
    status: 'fail',
    finding: { message: 'The arrow `site --> web` leads from the domain to the server, but does not say "A record → 8.8.8.8"', line: 3 },
  },
]);

nativeTester('request-flow', T0, [
  { name: 'request and response as arrows', mmd: SINGLE, status: 'pass', message: 'the response comes back to `user`' },
  { name: 'a double arrow is an arrow both ways', mmd: flow('user["User"] <--> web["Web server (Nginx)"]', 'web --> app["Application server"] --> db[("Database")]'), status: 'pass' },
  {
    name: 'no response arrow',
    mmd: flow('user["User"] --> web["Web server (Nginx)"] --> app["Application server"] --> db[("Database")]'),
    status: 'fail',
    finding: { message: 'no arrow brings the response back to the user', line: 2 },
  },
  {
    name: 'the response back through DNS',
    mmd: flow('user["User"] --> dns["DNS"] --> web["Web server (Nginx)"] --> app["Application server"] --> db[("Database")]', 'web -.-> dns -.-> user'),
    status: 'fail',
    message: 'through `dns` ("DNS")',
    finding: { message: 'DNS answers the name lookup', line: 2 },
  },
  { name: 'trap: undirected links are no directed path', mmd: flow('user["User"] --- web["Web server (Nginx)"]', 'web --> app["Application server"] --> db[("Database")]', 'web -.-> user'), status: 'fail', message: 'stops after the entry' },
]);

const PROTECTED = flow(
  'user["User"] -->|"HTTPS"| fw0{{"Firewall"}} --> lb["Load balancer (HAProxy)"]',
  'lb --> fwA{{"Firewall"}} --> webA', 'lb --> fwB{{"Firewall"}} --> webB',
  'subgraph nodeA["Node A"]', '    webA["Web server (Nginx)"] --> appA["Application server"]', 'end',
  'subgraph nodeB["Node B"]', '    webB["Web server (Nginx)"] --> appB["Application server"]', 'end',
  'appA & appB --> p[("Database primary (MySQL)")]', 'p -->|"replication"| r[("Database replica (MySQL)")]',
  'mon["Monitoring system"]', 'webA -.->|"QPS metrics"| mon', 'lb -.->|"metrics"| mon',
);

nativeTester('firewalls', T2, [
  { name: 'one before the load balancer, one before each node', mmd: PROTECTED, status: 'pass', message: 'one in front of each load balancer and each web server' },
  {
    name: 'a node\'s firewall inside its box',
    mmd: PROTECTED.replace('lb --> fwB{{"Firewall"}} --> webB', 'lb --> fwB').replace('    webB["Web server (Nginx)"] --> appB', '    fwB{{"Firewall"}} --> webB["Web server (Nginx)"] --> appB'),
    status: 'pass',
  },
  {
    name: 'two in a row before the load balancer, none before node B',
    mmd: PROTECTED.replace('fw0{{"Firewall"}} --> lb', 'fw0{{"Firewall"}} --> fwX{{"Firewall"}} --> lb').replace('lb --> fwB{{"Firewall"}} --> webB', 'lb --> webB'),
    status: 'fail',
    message: '"Node B" has none in front',
    finding: { message: '`fw0` ("Firewall") is not in front of a load balancer or a web server', line: 2 },
  },
  {
    name: 'a fourth firewall in front of the database',
    mmd: PROTECTED.replace('appA & appB --> p', 'appA & appB --> fwD{{"Firewall"}} --> p'),
    status: 'fail',
    message: 'the task asks for exactly 3',
    finding: { message: '`fwD` ("Firewall") is not in front of a load balancer or a web server' },
  },
  { name: 'only two', mmd: PROTECTED.replace('lb --> fwB{{"Firewall"}} --> webB', 'lb --> webB'), status: 'fail', message: 'the task asks for 3' },
]);

nativeTester('https', T2, [
  { name: 'on the user\'s arrow to the entry firewall', mmd: PROTECTED, status: 'pass', message: '`user --> fw0` says "HTTPS"' },
  {
    name: 'only behind the load balancer',
    mmd: PROTECTED.replace('-->|"HTTPS"| fw0', '--> fw0').replace('lb --> fwA', 'lb -->|"HTTPS"| fwA'),
    status: 'fail',
    message: 'HTTPS is drawn on `lb --> fwA`, inside the infrastructure',
    finding: { message: 'before the load balancer', line: 2 },
  },
  { name: 'only a certificate node', mmd: PROTECTED.replace('-->|"HTTPS"| fw0', '--> fw0').replace('mon["Monitoring system"]', 'cert["SSL certificate"] --- lb'), status: 'fail', message: 'only as "SSL certificate"' },
]);

nativeTester('monitoring', T2, [
  { name: 'the system receives QPS metrics from a web server', mmd: PROTECTED, status: 'pass', message: '"QPS metrics" from `webA`' },
  {
    name: 'an agent on the web server\'s box sends them',
    mmd: PROTECTED.replace('webA -.->|"QPS metrics"| mon', 'agentA -.->|"QPS metrics"| mon').replace('    webA["Web server (Nginx)"] --> appA["Application server"]', '    webA["Web server (Nginx)"] --> appA["Application server"]\n        agentA["Monitoring agent"]'),
    status: 'pass',
  },
  {
    name: 'QPS metrics from the load balancer',
    mmd: PROTECTED.replace('webA -.->|"QPS metrics"| mon', 'webA -.->|"metrics"| mon').replace('lb -.->|"metrics"| mon', 'lb -.->|"QPS metrics"| mon'),
    status: 'fail',
    finding: { message: 'The "QPS metrics" flow comes from `lb` ("Load balancer (HAProxy)"): the task asks for it from a web server.', line: 15 },
  },
  { name: 'no flow labelled QPS metrics', mmd: PROTECTED.replace('"QPS metrics"', '"requests"'), status: 'fail', message: 'No flow into `mon` ("Monitoring system") is labelled "QPS metrics"' },
  { name: 'arrows leaving the monitoring system are no flows into it', mmd: PROTECTED.replace('webA -.->|"QPS metrics"| mon', 'mon -.->|"QPS metrics"| webA').replace('lb -.->|"metrics"| mon', 'mon -.-> lb'), status: 'fail', message: 'its arrows point away from it' },
  { name: 'no monitoring system', mmd: PROTECTED.replace(/mon\["Monitoring system"\][\s\S]*$/, ''), status: 'fail', message: 'No monitoring system' },
]);

nativeTester('db-primary-replica', T1, [
  { name: 'a replication arrow', mmd: NODES('Node A', 'Node B'), status: 'pass', message: 'linked by "replication"' },
  { name: 'more words around it', mmd: NODES('Node A', 'Node B').replace('"replication"', '"async replication"'), status: 'pass' },
  { name: 'an arrow saying something else', mmd: NODES('Node A', 'Node B').replace('"replication"', '"sync"'), status: 'fail', message: 'linked by "sync", not "replication"', finding: { message: 'says "sync"', line: 13 } },
  { name: 'side by side, not linked', mmd: NODES('Node A', 'Node B').replace('p -->|"replication"| r', 'appB --> r'), status: 'fail', message: 'No "replication" arrow between the databases' },
]);

const TIERS = flow(
  'user["User"] --> lb1["Load balancer (HAProxy)"]', 'lb1 <-->|"failover"| lb2["Load balancer (HAProxy)"]',
  'subgraph wt["Web tier"]', '    w1["Web server (Nginx)"]', '    w2["Web server (Nginx)"]', 'end',
  'subgraph at["Application tier"]', '    a1["Application server"]', '    a2["Application server"]', 'end',
  'subgraph dt["Database tier"]', '    p[("Database primary (MySQL)")] -->|"replication"| r[("Database replica (MySQL)")]', 'end',
  'lb1 --> w1 & w2', 'w1 --> a1', 'w2 --> a2', 'a1 & a2 --> p',
);

nativeTester('lb-cluster', T3, [
  { name: 'a failover link', mmd: TIERS, status: 'pass', message: 'linked by "failover"' },
  { name: 'a one-way arrow counts', mmd: TIERS.replace('<-->', '-->'), status: 'pass' },
  {
    name: 'grouped but not linked',
    mmd: TIERS.replace('lb1 <-->|"failover"| lb2["Load balancer (HAProxy)"]', 'subgraph pair["HAProxy pair"]\n        lb1\n        lb2["Load balancer (HAProxy)"]\n    end'),
    status: 'fail',
    message: 'No "failover" link between the load balancers (they are grouped in "HAProxy pair")',
  },
  { name: 'linked by a heartbeat', mmd: TIERS.replace('"failover"', '"heartbeat"'), status: 'fail', message: 'linked by "heartbeat", not "failover"', finding: { message: 'says "heartbeat"', line: 3 } },
]);

nativeTester('web-tier', T3, [
  { name: 'the web servers in the Web tier group', mmd: TIERS, status: 'pass', message: 'in the group "Web tier"' },
  { name: 'no such group', mmd: TIERS.replace('"Web tier"', '"Frontend"'), status: 'fail', message: 'No group titled "Web tier"' },
  { name: 'a web server outside it', mmd: TIERS.replace('    w2["Web server (Nginx)"]\n', '').replace('lb1 --> w1 & w2', 'lb1 --> w1 & w2["Web server (Nginx)"]'), status: 'fail', finding: { message: '`w2` ("Web server (Nginx)") is a web server outside the group "Web tier"' } },
]);

nativeTester('app-tier', T3, [
  { name: 'the application servers in the Application tier group', mmd: TIERS, status: 'pass' },
  { name: 'an application server in the database tier', mmd: TIERS.replace('    a2["Application server"]\n', '').replace('subgraph dt["Database tier"]', 'subgraph dt["Database tier"]\n        a2["Application server"]'), status: 'fail', message: 'leaves out `a2`' },
]);

nativeTester('db-tier', T3, [
  { name: 'the databases in the Database tier group', mmd: TIERS, status: 'pass' },
  { name: 'a stranger in the group', mmd: TIERS.replace('subgraph dt["Database tier"]', 'subgraph dt["Database tier"]\n        a3["Application server"]'), status: 'fail', finding: { message: '`a3` ("Application server") is in the group "Database tier" but is not a database' } },
]);

describe('options are checked when a rubric is loaded', () => {
  const withEntry = (entry: Record<string, unknown>) => ({ task: 'x', fileNames: ['x.mmd'], projectDirs: [], passThreshold: 70, rules: [entry] });
  it.each([
    [{ id: 'prescribed-labels', weight: 5, options: {} }, 'needs at least one label'],
    [{ id: 'prescribed-labels', weight: 5, options: { node: ['User'] } }, 'unknown option "node"'],
    [{ id: 'prescribed-labels', weight: 5, options: { nodes: ['User', ''] } }, 'each entry must be a label'],
    [{ id: 'single-server', weight: 5, options: { boundary: 'yes' } }, 'option "boundary" must be true or false'],
    [{ id: 'single-server', weight: 5, options: { holds: ['web-server', 'webserver'] } }, 'option "holds"'],
    [{ id: 'server-stack', weight: 5, options: { boundary: 1 } }, 'option "boundary"'],
    [{ id: 'domain-dns', weight: 5, options: { domain: 'foobar.com', ip: '8.8.8.8', edgeLabel: '' } }, 'option "edgeLabel"'],
    [{ id: 'domain-dns', weight: 5, options: { domain: 'foobar.com' } }, 'option "ip"'],
    [{ id: 'request-flow', weight: 5, options: { response: 'true' } }, 'option "response"'],
    [{ id: 'request-flow', weight: 5, options: { steps: ['lb'] } }, 'option "steps"'],
    [{ id: 'c', rule: 'component-count', weight: 5, options: { role: 'firewall', min: 3, max: 2 } }, 'option "max" must be a whole number >= min'],
    [{ id: 'c', rule: 'component-count', weight: 5, options: { role: 'firewall', inFrontOf: ['balancer'] } }, 'option "inFrontOf"'],
    [{ id: 'https', weight: 5, options: { entry: 'yes' } }, 'option "entry"'],
    [{ id: 'monitoring', weight: 5, options: { flows: { label: 'QPS metrics' } } }, 'go together'],
    [{ id: 'monitoring', weight: 5, options: { flows: { min: 0 } } }, 'option "flows.min"'],
    [{ id: 'monitoring', weight: 5, options: { flows: { from: 'web-server', label: 'QPS', to: 'x' } } }, 'unknown key to'],
    [{ id: 'db-primary-replica', weight: 5, options: { link: 3 } }, 'option "link"'],
    [{ id: 'lb-cluster', weight: 5, options: { link: '' } }, 'option "link"'],
    [{ id: 'web-tier', weight: 5, options: { group: [] } }, 'option "group"'],
  ])('%j is refused', (entry, problem) => {
    expect(() => validateRubric(withEntry(entry), 'test.json')).toThrow(UsageError);
    expect(() => validateRubric(withEntry(entry), 'test.json')).toThrow(problem);
  });

  it('the bundled native rubrics are complete: no draft, weights summing to 100', () => {
    for (const name of [T0, T1, T2, T3]) {
      const rubric = loadRubric(name);
      expect(rubric.draft).toBeUndefined();
      expect(rubric.rules.reduce((n, r) => n + r.weight, 0)).toBe(100);
    }
  });
});
