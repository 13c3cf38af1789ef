import { UsageError, validateRubric } from '../../src/config/rubric.js';
import { lintMarkdown, ruleTester } from '../helpers/rule-tester.js';

// consistency on tasks 0-2: what each task's rubric lists for it (its option `checks`), read in the
// many ways students write, with the traps of the labelling guide (hypotheticals, definitions,
// negations, generic labels).

const md = (title: string, diagram: string, prose: string) => `# ${title}\n\n\`\`\`mermaid\n${diagram}\n\`\`\`\n\n${prose}\n`;

const T0 = '0-simple_web_stack';
const ONE_BOX = 'flowchart LR\n  U[User] -->|"www.foobar.com"| DNS[DNS]\n  DNS -->|"8.8.8.8"| U\n  U --> N\n  subgraph S["Server 8.8.8.8"]\n    N[Nginx] --> A[App server] --> D[(MySQL)]\n  end';
const A_RECORD_BOX = 'flowchart LR\n  U[User] --> DNS[DNS]\n  DNS -->|"A record: www.foobar.com -> 8.8.8.8"| U\n  U --> N\n  subgraph S["Server 8.8.8.8"]\n    N[Nginx] --> A[App server] --> D[(MySQL)]\n  end';
const TWO_BOXES = 'flowchart LR\n  U[User] --> N\n  subgraph S1["Server 1"]\n    N[Nginx] --> A[App server]\n  end\n  subgraph S2["Server 2"]\n    D[(MySQL)]\n  end\n  A --> D';

ruleTester('consistency', [
  { name: 'the stack on one machine, two server boxes drawn', markdown: md('Simple web stack', TWO_BOXES, 'All three components live on one machine.'), status: 'fail', message: 'one server' },
  { name: 'hosted on a single server, one box drawn', markdown: md('Simple web stack', ONE_BOX, 'The website is hosted on a single server at 8.8.8.8.'), status: 'pass' },
  {
    name: 'an unboxed stack is one server',
    markdown: md('Simple web stack', 'flowchart LR\n  U[User] --> N[Nginx] --> A[Gunicorn] --> D[(MySQL)]', 'Everything runs on one server: Nginx, Gunicorn and MySQL.'),
    status: 'pass',
  },
  { name: 'a single server as the risk is no count', markdown: md('Simple web stack', TWO_BOXES, 'If this single server goes down, the whole site is down.'), status: 'pass' },
  { name: 'a CNAME to the IP, the diagram labels an A record', markdown: md('Simple web stack', A_RECORD_BOX, 'www is a CNAME record that points to 8.8.8.8.'), status: 'fail', message: 'CNAME' },
  {
    name: 'a CNAME with no target, the diagram resolves www to the IP',
    markdown: md('Simple web stack', ONE_BOX, '## DNS record\nThe www subdomain is a CNAME.'),
    status: 'fail',
    message: 'straight to the server\'s IP',
  },
  {
    name: 'a CNAME to the bare domain whose A record holds the IP: a chain',
    markdown: md('Simple web stack', A_RECORD_BOX, 'www is a CNAME for foobar.com, and foobar.com has an A record pointing to 8.8.8.8.'),
    status: 'pass',
  },
  { name: 'an A record in prose and diagram', markdown: md('Simple web stack', A_RECORD_BOX, 'The www record is an A record: it maps the name to the IP.'), status: 'pass' },
  { name: 'an A record, not a CNAME', markdown: md('Simple web stack', A_RECORD_BOX, 'www is an A record, not a CNAME.'), status: 'pass' },
  { name: 'hedged between the two record types', markdown: md('Simple web stack', A_RECORD_BOX, 'www can be a CNAME or an A record.'), status: 'pass' },
  {
    name: 'an A record in prose, the diagram labels a CNAME',
    markdown: md('Simple web stack', 'flowchart LR\n  U[User] -->|"CNAME www.foobar.com"| DNS[DNS]\n  DNS --> S["Server 8.8.8.8: Nginx, app, MySQL"]', 'In www.foobar.com, www is an A record.'),
    status: 'fail',
    message: 'labels it a CNAME',
  },
  {
    name: 'a CNAME to a name with no IP in the diagram',
    markdown: md('Simple web stack', 'flowchart LR\n  U[User] --> DNS[DNS] --> N\n  subgraph S[Server]\n    N[Nginx] --> A[App] --> D[(MySQL)]\n  end', 'www is a CNAME pointing to foobar.com.'),
    status: 'pass',
  },
  { name: 'the prose names a second server, one box drawn', markdown: md('Simple web stack', ONE_BOX, 'Nginx runs on Server 1 and MySQL on Server 2.'), status: 'fail', message: 'names server 2' },
  { name: 'the second server named', markdown: md('Simple web stack', ONE_BOX, 'The second server holds the MySQL database.'), status: 'fail', message: 'names server 2' },
  { name: 'a second server to add', markdown: md('Simple web stack', ONE_BOX, 'To remove the SPOF, add a second server behind a load balancer.'), status: 'pass' },
  { name: 'a single server hosting the stack, two boxes', markdown: md('Simple web stack', TWO_BOXES, 'Single server hosting Nginx, the application and MySQL.'), status: 'fail', message: 'one server' },
  { name: 'a second server in the future', markdown: md('Simple web stack', ONE_BOX, 'Later we could move MySQL to Server 2.'), status: 'pass' },
  { name: 'two tiers on the same machine, drawn apart', markdown: md('Simple web stack', TWO_BOXES, 'Nginx and MySQL run on the same machine.'), status: 'fail', message: 'one server' },
  { name: 'our single server, one box', markdown: md('Simple web stack', ONE_BOX, 'Our single server runs the whole stack.'), status: 'pass' },
  { name: 'a single server hosts everything, two boxes', markdown: md('Simple web stack', TWO_BOXES, 'A single server hosts everything.'), status: 'fail', message: 'one server' },
  {
    name: 'a CNAME to the bare domain beside the bare domain\'s A record',
    markdown: md('Simple web stack', A_RECORD_BOX.replace('A record: www.foobar.com -> 8.8.8.8', 'A record: foobar.com -> 8.8.8.8'), 'www is a CNAME pointing to foobar.com.'),
    status: 'pass',
  },
  {
    name: 'the record type of www said as a type',
    markdown: md('Simple web stack', 'flowchart LR\n  U[User] -->|"CNAME www.foobar.com"| DNS[DNS]\n  DNS --> S["Server 8.8.8.8: Nginx, app, MySQL"]', 'The DNS record for www is of type A.'),
    status: 'fail',
    message: 'labels it a CNAME',
  },
], T0);

const T1 = '1-distributed_web_infrastructure';
const TASK1 = (s1: string, s2: string, edges = 'LB --> S1\n  LB --> S2') =>
  `flowchart TD\n  U[User] -->|HTTP| LB[HAProxy]\n  ${edges}\n  S1["${s1}"]\n  S2["${s2}"]`;
const AGREED = TASK1('Server 1: Nginx, app, MySQL primary', 'Server 2: Nginx, app, MySQL replica');

ruleTester('consistency', [
  { name: 'two HAProxy in the prose, one drawn', markdown: md('Distributed', AGREED, 'Two HAProxy instances share the incoming traffic.'), status: 'fail', message: 'load balancer' },
  {
    name: 'mode definitions under a comparison speak of no load balancer of this design',
    markdown: md('Distributed', AGREED, '## Active-Active vs Active-Passive\nActive-Active: both load balancers handle traffic at once.\nActive-Passive: one load balancer waits as a standby.'),
    status: 'pass',
  },
  { name: 'three servers counting HAProxy\'s machine', markdown: md('Distributed', AGREED, 'The design needs three servers: one for HAProxy and two for the stack.'), status: 'pass' },
  { name: 'HAProxy spreads traffic over four servers, two drawn', markdown: md('Distributed', AGREED, 'HAProxy spreads the requests over four servers.'), status: 'fail', message: 'counts 4 servers' },
  { name: 'the load balancer sends to the two servers', markdown: md('Distributed', AGREED, 'The load balancer distributes the traffic across the two servers.'), status: 'pass' },
  {
    name: 'active-active in the prose, a standby server drawn',
    markdown: md('Distributed', TASK1('Server 1: Nginx, app, MySQL primary', 'Server 2: Nginx, app, MySQL replica', 'LB --> S1\n  LB -.->|standby| S2'), 'The setup is active-active: HAProxy sends requests to both servers.'),
    status: 'fail',
    message: 'active-passive',
  },
  {
    name: 'a hot standby in the prose, both servers drawn active',
    markdown: md('Distributed', TASK1('Server 1 (active): Nginx, app, MySQL primary', 'Server 2 (active): Nginx, app, MySQL replica'), 'We run it as active-passive: server 2 is a hot standby.'),
    status: 'fail',
    message: 'active-active',
  },
  {
    name: 'the database\'s master-slave words are not the servers\' mode',
    markdown: md('Distributed', TASK1('Server 1: Nginx, app, MySQL master', 'Server 2: Nginx, app, MySQL slave (standby)'), 'The load balancer is active-active. The MySQL master-slave pair keeps a standby copy.'),
    status: 'pass',
  },
  {
    name: 'the primary said to be on server 2, drawn on server 1',
    markdown: md('Distributed', AGREED, 'The primary database runs on Server 2; Server 1 keeps the replica.'),
    status: 'fail',
    message: 'primary database on server 2',
  },
  { name: 'the master on server 1 and the slave on server 2, as drawn', markdown: md('Distributed', AGREED, 'Server 1 hosts the MySQL master and Server 2 hosts the slave.'), status: 'pass' },
  { name: 'roles with no server named', markdown: md('Distributed', AGREED, 'The primary takes the writes and the replica serves reads.'), status: 'pass' },
  {
    name: 'plain HTTP in the issues, an HTTPS arrow drawn',
    markdown: md('Distributed', AGREED.replace('|HTTP|', '|HTTPS|'), '## Issues\n- Security: the site is served over plain HTTP and there is no SSL certificate.'),
    status: 'fail',
    message: 'no HTTPS',
  },
  { name: 'no HTTPS in the issues, HTTP drawn', markdown: md('Distributed', AGREED, '## Issues\n- No firewall and no HTTPS.'), status: 'pass' },
  {
    name: 'what HTTPS would prevent is not its absence',
    markdown: md('Distributed', AGREED.replace('|HTTP|', '|HTTPS|'), '## Why HTTPS\nWithout HTTPS, passwords could be read on the way.'),
    status: 'pass',
  },
  {
    name: 'unencrypted traffic in the issues, the load balancer labelled SSL',
    markdown: md('Distributed', AGREED.replace('LB[HAProxy]', 'LB["HAProxy (SSL)"]'), '## Issues\nThe traffic is not encrypted, so anyone on the network can read it.'),
    status: 'fail',
    message: 'no HTTPS',
  },
  { name: 'we do not use HTTPS, an HTTPS arrow drawn', markdown: md('Distributed', AGREED.replace('|HTTP|', '|HTTPS|'), '## Security\nWe do not use HTTPS yet, so the traffic can be read.'), status: 'fail', message: 'no HTTPS' },
  {
    name: 'active-passive in the prose, round robin drawn to both servers',
    markdown: md('Distributed', TASK1('Server 1: Nginx, app, MySQL primary', 'Server 2: Nginx, app, MySQL replica', 'LB -->|round robin| S1\n  LB -->|round robin| S2'), 'Our setup is active-passive: Server 2 only takes over when Server 1 fails.'),
    status: 'fail',
    message: 'active-active',
  },
  { name: 'the replica on the first server, the primary drawn there', markdown: md('Distributed', AGREED, 'The replica lives on the first server.'), status: 'fail', message: 'replica database on server 1' },
  { name: 'the primary and the replica named by their servers in brackets', markdown: md('Distributed', AGREED, 'The replica (server 1) copies the primary (server 2).'), status: 'fail', message: 'replica database on server 1' },
], T1);

const T2 = '2-secured_and_monitored_web_infrastructure';
const SECURED = (behind = 'HTTP', extraFirewall = '') => [
  'flowchart LR',
  '  U[User] -->|HTTPS| F1[Firewall 1]',
  '  F1 --> LB["HAProxy + SSL certificate"]',
  `  LB -->|${behind}| F2[Firewall 2] --> S1`,
  `  LB -->|${behind}| F3[Firewall 3] --> S2`,
  extraFirewall,
  '  subgraph S1["Server 1"]\n    W1[Nginx] --> A1[App] --> D1[(MySQL primary)]\n    M1[Monitoring agent]\n  end',
  '  subgraph S2["Server 2"]\n    W2[Nginx] --> A2[App] --> D2[(MySQL replica)]\n    M2[Monitoring agent]\n  end',
  '  M0[Monitoring agent] --- LB',
].filter(Boolean).join('\n');
const SEPARATE_DB = [
  'flowchart LR',
  '  U[User] -->|HTTPS| F1[Firewall 1] --> LB[HAProxy]',
  '  LB --> F2[Firewall 2] --> S1["Server 1: Nginx + app"]',
  '  LB --> F3[Firewall 3] --> S2["Server 2: Nginx + app"]',
  '  S1 --> DB',
  '  S2 --> DB',
  '  subgraph DBS["Database server"]\n    DB[(MySQL)]\n  end',
].join('\n');

ruleTester('consistency', [
  { name: 'everything agrees', markdown: md('Secured', SECURED(), 'Three firewalls and three monitoring agents protect and watch the design. SSL ends at HAProxy: the hop to the servers is plain HTTP.'), status: 'pass' },
  { name: 'three firewalls said, four drawn', markdown: md('Secured', SECURED('HTTP', '  S2 --> F4[Firewall 4]'), 'We placed 3 firewalls.'), status: 'fail', message: 'counts 3 firewalls' },
  { name: 'a count in a heading', markdown: md('Secured', SECURED('HTTP', '  S2 --> F4[Firewall 4]'), '## Firewalls (3)\nThey filter the traffic.'), status: 'fail', message: 'counts 3 firewalls' },
  { name: 'a count in parts', markdown: md('Secured', SECURED(), 'Two firewalls guard the servers and one guards HAProxy.'), status: 'pass' },
  { name: 'a firewall on each server counts nothing', markdown: md('Secured', SECURED(), 'Each server has its own firewall.'), status: 'pass' },
  { name: 'four agents said, three drawn', markdown: md('Secured', SECURED(), 'Four monitoring agents send metrics to Sumo Logic.'), status: 'fail', message: 'counts 4 monitoring clients' },
  { name: 'three collectors broken down', markdown: md('Secured', SECURED(), 'We run three Sumo Logic collectors: one on HAProxy and one on each server.'), status: 'pass' },
  {
    name: 'unencrypted behind the load balancer, HTTPS drawn behind it',
    markdown: md('Secured', SECURED('HTTPS'), '## Issues\nHAProxy terminates SSL, so the requests it forwards to the servers are plain HTTP.'),
    status: 'fail',
    message: 'SSL stops at the load balancer',
  },
  { name: 'unencrypted behind the load balancer, HTTP drawn behind it', markdown: md('Secured', SECURED('HTTP'), '## Issues\nHAProxy terminates SSL, so the requests it forwards to the servers are plain HTTP.'), status: 'pass' },
  {
    name: 'a hypothetical termination is no claim',
    markdown: md('Secured', SECURED('HTTPS'), '## Issues\nIf SSL were terminated at the load balancer, the traffic behind it would travel unencrypted.'),
    status: 'pass',
  },
  {
    name: 'SSL said to end on the servers, the diagram ends it at HAProxy',
    markdown: md('Secured', SECURED('HTTP').replace('HAProxy + SSL certificate', 'HAProxy - SSL termination'), 'SSL termination happens on the Nginx servers: HAProxy passes the encrypted stream through.'),
    status: 'fail',
    message: 'SSL goes on to the servers',
  },
  { name: 'every server runs MySQL, a database server drawn', markdown: md('Secured', SEPARATE_DB, '## Issues\nBoth servers run Nginx, the app and MySQL, so they compete for memory.'), status: 'fail', message: 'whole stack' },
  { name: 'every server runs MySQL, as drawn', markdown: md('Secured', SECURED(), '## Issues\nAll servers have the same components: web server, application server and database.'), status: 'pass' },
  { name: 'MySQL on a server of its own, drawn on each server', markdown: md('Secured', SECURED(), 'MySQL runs on a dedicated server, away from the web tier.'), status: 'fail', message: 'server of its own' },
  { name: 'MySQL on a server of its own, as drawn', markdown: md('Secured', SEPARATE_DB, 'MySQL runs on a dedicated server, away from the web tier.'), status: 'pass' },
  { name: 'a dedicated database server proposed', markdown: md('Secured', SECURED(), '## Issues\nMove the database to a dedicated server so it does not compete with Nginx.'), status: 'pass' },
  {
    name: 'every server runs MySQL, a bare database outside the server boxes',
    markdown: md('Secured', 'flowchart LR\n  U[User] --> LB[HAProxy]\n  LB --> W1\n  LB --> W2\n  subgraph S1["Server 1"]\n    W1[Nginx] --> A1[App]\n  end\n  subgraph S2["Server 2"]\n    W2[Nginx] --> A2[App]\n  end\n  A1 --> DB[(MySQL)]\n  A2 --> DB', 'Each server runs its own MySQL database.'),
    status: 'fail',
    message: 'whole stack',
  },
  {
    name: 'every server runs MySQL, the second box holds none',
    markdown: md('Secured', 'flowchart LR\n  U[User] --> LB[HAProxy]\n  LB --> W1\n  LB --> W2\n  subgraph S1["Server 1"]\n    W1[Nginx] --> A1[App] --> D1[(MySQL)]\n  end\n  subgraph S2["Server 2"]\n    W2[Nginx] --> A2[App]\n  end\n  A2 --> D1', 'Each server runs its own MySQL database.'),
    status: 'fail',
    message: 'no database on "Server 2"',
  },
  { name: 'a general remark on identical servers', markdown: md('Secured', SEPARATE_DB, '## Issues\nHaving servers with all the same components might be a problem.'), status: 'pass' },
  {
    name: 'each server runs the web tier, MySQL on its own server',
    markdown: md('Secured', SEPARATE_DB, 'Each server runs Nginx and the application, MySQL has its own server.'),
    status: 'pass',
  },
  { name: 'a count after a colon', markdown: md('Secured', SECURED(), '- Firewalls: 3 (one in front of each machine)'), status: 'pass' },
  { name: 'a count written 3x, two drawn', markdown: md('Secured', SECURED().replace('  LB -->|HTTP| F3[Firewall 3] --> S2', '  LB -->|HTTP| S2'), '- 3x firewalls'), status: 'fail', message: 'counts 3 firewalls' },
  { name: 'the firewalls added are not all of them', markdown: md('Secured', SECURED(), 'We added two more firewalls to the one in front of HAProxy.'), status: 'pass' },
  { name: 'a connection to the database is no database on each server', markdown: md('Secured', SEPARATE_DB, 'Each server has a connection to the MySQL database.'), status: 'pass' },
  { name: 'a fix proposed is no claim', markdown: md('Secured', SECURED('HTTP'), '## Issues\nBetter: use SSL passthrough so the traffic stays encrypted up to the servers.'), status: 'pass' },
  { name: 'identical servers, a database server drawn', markdown: md('Secured', SEPARATE_DB, '## Issues\nThe servers are identical: Nginx, app and MySQL on each.'), status: 'fail', message: 'whole stack' },
  {
    name: 'the user\'s firewall linked both ways stands in front of the load balancer',
    markdown: md('Secured', 'flowchart LR\n  U[User] --> F1[Firewall 1]\n  F1 ---|HTTPS| LB[HAProxy + SSL]\n  LB -->|HTTP| S1["Server 1: Nginx, app, MySQL"]\n  LB -->|HTTP| S2["Server 2: Nginx, app, MySQL"]', '## Issues\nSSL is terminated at HAProxy, so the traffic to the servers is in clear text.'),
    status: 'pass',
  },
  {
    name: 'plain HTTP forwarded by HAProxy, certificates drawn on the servers',
    markdown: md('Secured', 'flowchart LR\n  U[User] -->|HTTPS| LB[HAProxy]\n  LB --> S1["Server 1: Nginx + SSL certificate, app, MySQL"]\n  LB --> S2["Server 2: Nginx + SSL certificate, app, MySQL"]', 'HAProxy forwards the requests to the two servers over plain HTTP.'),
    status: 'fail',
    message: 'SSL stops at the load balancer',
  },
  { name: 'a total for the firewalls, four drawn', markdown: md('Secured', SECURED('HTTP', '  S2 --> F4[Firewall 4]'), 'One firewall stands in front of each machine, three in total.'), status: 'fail', message: 'counts 3 firewalls' },
  {
    name: 'metrics sent over HTTPS are not a hop to the servers',
    markdown: md('Secured', `${SECURED('HTTP')}\n  LB -->|HTTPS| SL[Sumo Logic]`, '## Issues\nSSL stops at HAProxy: the traffic behind it is plain HTTP.'),
    status: 'pass',
  },
], T2);

describe('consistency options', () => {
  const rubric = (options: Record<string, unknown>) => ({
    task: 'x', fileNames: ['x.md'], projectDirs: ['p'], passThreshold: 70, rules: [{ id: 'consistency', weight: 5, options }],
  });

  it('accepts a list of the checks it knows', () => {
    expect(() => validateRubric(rubric({ checks: ['one-server', 'dns-record', 'diagrams'] }), 'r.json')).not.toThrow();
  });

  it('refuses an unknown check or an empty list as a usage error', () => {
    expect(() => validateRubric(rubric({ checks: ['dns'] }), 'r.json')).toThrow(UsageError);
    expect(() => validateRubric(rubric({ checks: [] }), 'r.json')).toThrow(/option "checks" must list some of/);
  });

  it('a rubric that names no check makes task 3\'s only: a CNAME beside an A record is not compared', async () => {
    const markdown = md('Scale up', A_RECORD_BOX, 'www is a CNAME record that points to 8.8.8.8.');
    expect((await lintMarkdown(markdown)).rules.find((r) => r.id === 'consistency')!.status).toBe('pass');
    expect((await lintMarkdown(markdown, T0)).rules.find((r) => r.id === 'consistency')!.status).toBe('fail');
  });

  it('points at the claim or at the diagram box that contradicts it', async () => {
    const result = await lintMarkdown(md('Distributed', AGREED, 'The primary database runs on Server 2; Server 1 keeps the replica.'), T1);
    const finding = result.rules.find((r) => r.id === 'consistency')!.findings[0]!;
    expect(finding).toMatchObject({ file: `web_infrastructure_design/${T1}.md`, line: 7, column: 10 });
    expect(finding.hint).toContain('MySQL Primary');
  });
});
