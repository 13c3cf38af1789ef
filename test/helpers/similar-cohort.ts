/**
 * A synthetic cohort for near-duplicate detection, every word written here and seeded: varied
 * students with their own prose (a few stock sentences each, shared by ~5-10% of the cohort as
 * real students share them), and planted cases: copies, near-copies with renamed nodes, two
 * students with the same big unusual graph, students who paste the whole task statement under the
 * usual headings and draw the minimal chain, and a common big design drawn by a third of the cohort.
 */
import { seededRandom } from './random-strings.js';

export { seededRandom };

const WORDS = (
  'server servers traffic request requests user users load balancer balance web application app database data replica primary ' +
  'cluster failover redundancy capacity availability machine machines tier tiers layer component components design scale scaling ' +
  'because therefore however since while when where which that this these those each every other another more less many few ' +
  'handles serves sends receives stores reads writes routes forwards checks answers keeps runs restarts fails recovers grows ' +
  'fast slow cheap costly simple complex static dynamic secure reliable available separate single double second third ' +
  'page pages file files query queries memory disk cpu network packet port address domain name record cache session cookie ' +
  'we i my our it its they their one two three first then also only still even just already again later before after ' +
  'to of in on at by for with from into over under between through without within about against during ' +
  'nginx gunicorn mysql haproxy python flask code script process thread worker job queue log logs metric metrics alert ' +
  'peak hour morning night week month students teacher project task example case reason idea choice option trade cost price'
).split(' ');

const STOCK = [
  'The load balancer spreads the incoming requests across the web servers so that no single machine is overloaded.',
  'Round robin sends each new request to the next server in the list, one after the other.',
  'A single point of failure is a component whose failure stops the whole system from working.',
  'The web server serves static content such as images and style sheets directly to the browser.',
  'The application server runs the code that builds dynamic pages from the data in the database.',
  'Splitting the components onto their own servers lets each tier scale on its own when traffic grows.',
  'The replica copies every write made on the primary so that reads can be served from both.',
  'With two load balancers in a cluster the site stays reachable even when one of them goes down.',
  'Monitoring tells us when a server is slow or down before the users notice the problem.',
  'HTTPS encrypts the traffic between the browser and the load balancer so nobody can read it on the way.',
  'A firewall only lets the ports we need reach the servers and drops everything else.',
  'Adding a third server gives the database a machine of its own so it no longer fights for memory.',
  'Active active means both load balancers take traffic at the same time instead of one waiting idle.',
  'Each server keeps its own copy of the code base so a deploy has to reach every machine.',
  'The DNS record for www points the domain name to the public address of the load balancer.',
  'Scaling horizontally means adding more machines rather than buying a bigger one.',
  'Gunicorn runs several worker processes so that one slow request does not block the others.',
  'Nginx acts as a reverse proxy in front of the application server and handles the slow clients.',
  'The database tier is the hardest to scale because every write must end up in one place.',
  'Keeping the web tier stateless lets the load balancer send any request to any server.',
];

/** A sentence of `min` to `min + spread` random words, capitalised, with a full stop. */
function sentence(random: () => number, min = 8, spread = 9): string {
  const words = Array.from({ length: min + Math.floor(random() * spread) }, () => WORDS[Math.floor(random() * WORDS.length)]!);
  return `${words[0]![0]!.toUpperCase()}${words.join(' ').slice(1)}.`;
}

function paragraphs(random: () => number, count: number, stock: number): string[] {
  const out = Array.from({ length: count }, () => Array.from({ length: 3 }, () => sentence(random)).join(' '));
  for (let i = 0; i < stock; i++) out.splice(Math.floor(random() * out.length), 0, STOCK[Math.floor(random() * STOCK.length)]!);
  return out;
}

const HEADINGS = ['## Explanation', '## Why each element is added', '### Specifics', '## Application server versus web server', '## Issues'];

/** A submission of 3-scale_up: a title, a Mermaid diagram, headings and paragraphs. */
function submission(diagram: string, body: string[]): Record<string, string> {
  const sections = body.map((p, i) => (i % 2 === 0 ? `${HEADINGS[(i / 2) % HEADINGS.length]}\n\n${p}` : p));
  return { 'web_infrastructure_design/3-scale_up.md': `# 3. Scale up\n\n\`\`\`mermaid\nflowchart LR\n${diagram}\n\`\`\`\n\n${sections.join('\n\n')}\n` };
}

/** The minimal chain every student may draw: User -> two load balancers -> web -> app -> database. */
function minimalChain(random: () => number): string {
  const lb = random() < 0.5 ? 'Load Balancer' : 'HAProxy';
  return [`    U[User] --> L1[${lb} 1]`, `    U --> L2[${lb} 2]`, '    L1 --> W[Web Server]', '    L2 --> W', '    W --> A[App Server]', '    A --> D[(Database)]'].join('\n');
}

const EXTRA_NODES = ['Firewall', 'Monitoring', 'Cache (Redis)', 'CDN', 'DNS', 'Backup', 'Log collector', 'Queue', 'Replica DB', 'Web Server 2', 'App Server 2'];

/** A diagram of its own: the chain plus a few random extra components linked at random. */
function ownDiagram(random: () => number): string {
  const lines = [minimalChain(random)];
  const known = ['U', 'L1', 'L2', 'W', 'A', 'D'];
  const extras = 1 + Math.floor(random() * 5);
  for (let i = 0; i < extras; i++) {
    const id = `X${i}`;
    lines.push(`    ${known[Math.floor(random() * known.length)]} --> ${id}[${EXTRA_NODES[Math.floor(random() * EXTRA_NODES.length)]}]`);
    if (random() < 0.5) lines.push(`    ${id} --> ${known[Math.floor(random() * known.length)]}`);
    known.push(id);
  }
  return lines.join('\n');
}

/** The usual big answer to the task (two clustered load balancers, three tiers, a replica): many students draw it. */
function commonDesign(names: string[]): string {
  const [lb, web, app, db] = names;
  return [
    `    U[User] --> DNS[DNS]`, `    U --> L1[${lb} 1]`, `    U --> L2[${lb} 2]`, '    L1 <--> L2',
    `    L1 --> W1[${web} 1]`, `    L1 --> W2[${web} 2]`, `    L2 --> W1`, `    L2 --> W2`,
    `    W1 --> A1[${app} 1]`, `    W2 --> A2[${app} 2]`, `    A1 --> P[(${db} Primary)]`, `    A2 --> P`, `    P --> R[(${db} Replica)]`,
  ].join('\n');
}

/** A big unusual design: three web servers in a ring behind a firewall, two caches, a queue: nobody else draws it. */
function unusualDesign(n: (base: string) => string): string {
  return [
    `    U[${n('User')}] --> F{{${n('Firewall')}}}`, `    F --> L[${n('Load Balancer')}]`,
    `    L --> W1[${n('Web Server')} A]`, `    L --> W2[${n('Web Server')} B]`, `    L --> W3[${n('Web Server')} C]`,
    '    W1 --> W2', '    W2 --> W3', '    W3 --> W1',
    `    W1 --> C1[${n('Cache')} 1]`, `    W3 --> C2[${n('Cache')} 2]`, `    W2 --> A[${n('App Server')}]`,
    `    A --> Q[${n('Queue')}]`, `    Q --> D[(${n('Database')})]`, '    C1 --> D', '    C2 --> D',
  ].join('\n');
}

export interface PlantedCohort {
  students: Record<string, Record<string, string>>;
  /** The groups a detector should report, each sorted. */
  planted: string[][];
  /** Students who must not be flagged: base text and the minimal chain only, and the common design. */
  traps: string[];
}

/**
 * `size` students (at least 90): 8 identical copies, 3 near-copies (words changed, nodes renamed),
 * 2 students with the same big unusual graph and texts of their own, 20 who paste the statement
 * under the usual headings with little of their own and the minimal chain, a third of the cohort
 * drawing the common design, and the rest varied.
 */
export function plantedCohort(size: number, statement: string[], seed = 7): PlantedCohort {
  const random = seededRandom(seed);
  const students: Record<string, Record<string, string>> = {};
  const name = (i: number) => `student-${String(i).padStart(4, '0')}`;
  let next = 0;
  const take = (count: number) => Array.from({ length: count }, () => name(next++));

  const copies = take(8);
  const copied = submission(ownDiagram(random), paragraphs(random, 6, 2));
  for (const s of copies) students[s] = copied;

  const near = take(3);
  const original = paragraphs(random, 6, 1);
  near.forEach((s, k) => {
    const edited = original.map((p) => p.split(' ').map((w, i) => (k && i % 30 === k * 7 ? WORDS[Math.floor(random() * WORDS.length)]! : w)).join(' '));
    const rename = (base: string) => (k ? `${base} ${['prime', 'node', 'box'][k]}` : base);
    students[s] = submission(commonDesign([rename('Load Balancer'), rename('Web'), rename('App'), rename('DB')]), edited);
  });

  const sameGraph = take(2);
  sameGraph.forEach((s, k) => (students[s] = submission(unusualDesign((b) => (k ? b.toLowerCase() : b)), paragraphs(random, 6, 2))));

  const baseOnly = take(20);
  for (const s of baseOnly) {
    const own = random() < 0.5 ? [sentence(random, 10, 10)] : paragraphs(random, 2, 0);
    students[s] = submission(minimalChain(random), [...statement, ...own]);
  }

  const rest = take(size - next);
  const common = rest.slice(0, Math.round(size / 3));
  for (const s of rest) {
    const diagram = common.includes(s) ? commonDesign(['Load Balancer', 'Web Server', 'App Server', 'MySQL']) : ownDiagram(random);
    students[s] = submission(diagram, paragraphs(random, 4 + Math.floor(random() * 4), 1 + Math.floor(random() * 3)));
  }
  return { students, planted: [copies, near, sameGraph], traps: [...baseOnly, ...common] };
}
