import { parseMarkdown } from '../../src/markdown/parse-markdown.js';
import { analyseProse } from '../../src/prose/analyze-prose.js';
import { questionProblem, readQuestion, type Question } from '../../src/prose/questions.js';
import { lintMarkdown, ruleTester } from '../helpers/rule-tester.js';

// The explanation rules of tasks 1 and 2 (rules/1-*.json, rules/2-*.json: the generic `explain` rule with
// each task's questions as data), and the reading rules of prose/questions.ts they rely on.

const T1 = '1-distributed_web_infrastructure';
const T2 = '2-secured_and_monitored_web_infrastructure';

ruleTester('explain-additions', [
  {
    name: 'each addition with a reason in plain words',
    markdown: '# Why\n\n**Server 2.** It mirrors server 1 so that a crash of one machine leaves the other one answering.\n\n**HAProxy.** It hands each request to one of the two boxes, so neither of them gets all the visitors.\n\n**MySQL replica.** It keeps a live copy of the data for the day the primary dies, and it takes the read queries.\n',
    status: 'pass',
  },
  {
    name: 'trap: the load balancer\'s sentence names the servers, the second server is only described',
    markdown: '# Why\n\nThe load balancer sends the requests to both servers so that none of them is overloaded.\nServer 2 runs Nginx, Gunicorn and MySQL, like server 1.\nThe replica exists so that reads can be sent to it instead of the primary.\n',
    status: 'partial',
    message: 'Not answered: why the second server is added',
  },
  {
    name: 'trap: an active-active definition is not the second server\'s reason',
    markdown: '# Setup\n\nActive-Active: both servers serve requests at the same time, which gives redundancy.\n',
    status: 'fail',
  },
  {
    name: 'a table whose columns are the additions',
    markdown: '# Additions\n\n| | Second server | Load balancer | Replica |\n|---|---|---|---|\n| Why | if one machine dies the other keeps serving | spreads requests over both machines | keeps a copy of the data and takes the reads |\n',
    status: 'pass',
  },
  {
    name: 'in French',
    markdown: '# Pourquoi\n\n- Un deuxième serveur : si le premier tombe en panne, le site reste en ligne grâce à l\'autre.\n- HAProxy : il répartit les requêtes entre les deux serveurs pour qu\'aucun ne soit surchargé.\n- La réplique MySQL : elle garde une copie des données en cas de perte du primaire et répond aux lectures.\n',
    status: 'pass',
  },
  { name: 'trap: the additions named, no reason', markdown: '# Task 1\n\nWe added a second server, a load balancer (HAProxy) and a replica.\n', status: 'fail' },
  {
    name: 'trap: a remark about adding servers later',
    markdown: '# Load balancer\n\n- Purpose: spreads the traffic over the servers.\n- Scalability: new servers can be added easily to the pool.\n',
    status: 'partial',
    message: 'Not answered: why the second server is added',
  },
], T1);

ruleTester('explain-lb-algorithm', [
  { name: 'least connections and how it picks', markdown: '# Algorithm\n\nHAProxy is set to leastconn: every new connection goes to the backend with the fewest open connections.\n', status: 'pass' },
  { name: 'round robin with its effect only', markdown: '# Algorithm\n\nWe use round robin, which spreads the load evenly over the servers.\n', status: 'partial', message: 'Not answered: how the distribution algorithm works' },
  { name: 'named in a heading, explained under it', markdown: '# Algorithm\n\n## Round Robin\n\nEach request goes to the following server in the list, and the list starts over after the last one.\n', status: 'pass' },
  { name: 'source hashing', markdown: '# Algorithm\n\nHAProxy balances with the source algorithm: it hashes the client IP, so a visitor always lands on the same server.\n', status: 'pass' },
  { name: 'trap: an algorithm\'s name is not how it works', markdown: '# LB\n\nWe configured weighted round robin, or IP hash, or least connections.\n', status: 'partial', message: 'Not answered: how the distribution algorithm works' },
  { name: 'trap: a citation "Source:" names no algorithm', markdown: '# Notes\n\nHAProxy spreads the load over several web servers.\nSource: a blog post about HAProxy.\n', status: 'fail' },
], T1);

ruleTester('explain-active-mode', [
  { name: 'the mode only', markdown: '# Setup\n\nOur HAProxy gives an active-active setup: both web servers receive traffic.\n', status: 'partial', message: 'Not answered: the difference' },
  { name: 'both modes defined, none chosen', markdown: '# Modes\n\n- Active-active: every node takes requests at the same time.\n- Active-passive: one node takes the requests, the other stays on standby and takes over if it fails.\n', status: 'partial', message: 'Not answered: whether the load balancer enables' },
  { name: 'the design\'s mode after both definitions', markdown: '# Modes\n\n- Active-active: every node takes requests.\n- Active-passive: the second node waits on standby until the first one fails.\n- Our infrastructure: active-active.\n', status: 'pass' },
  { name: 'trap: the mode contradicts the design\'s round robin', markdown: '# Load balancer\n\nRound robin alternates the requests between server 1 and server 2.\n\nThis setup is active-passive. In active-active all nodes serve; in active-passive a standby node waits until the active one fails.\n', status: 'partial', message: 'Not answered: whether the load balancer enables' },
  { name: 'trap: the mode of the database', markdown: '# Modes\n\nThe MySQL cluster is active-passive: the replica stays idle until the primary fails.\nActive-active means all nodes work at once, while in active-passive one waits on standby.\n', status: 'partial', message: 'Not answered: whether the load balancer enables' },
  { name: 'a bare answer in a question table', markdown: '# Setup\n\n| Question | Answer |\n|---|---|\n| Active-Active or Active-Passive? | Active-Active |\n| Difference | active-active: both nodes serve; active-passive: the second node is a spare used only when the first fails |\n', status: 'pass' },
  { name: 'a statement of the design, the other mode as a hypothesis', markdown: '# Setup\n\nBoth servers are active (active-active). With active-passive, server 2 would only get traffic after server 1 died.\n', status: 'pass' },
  { name: 'in French', markdown: '# Mode\n\nNotre HAProxy fonctionne en actif-actif : les deux serveurs reçoivent des requêtes. En actif-passif, le second serveur attend et ne prend le relais qu\'en cas de panne.\n', status: 'pass' },
], T1);

ruleTester('explain-primary-replica', [
  { name: 'labels for each node', markdown: '# Database\n\n- Primary: receives every write from the application (INSERT, UPDATE).\n- Replica: copies each change from the primary through the binlog and only serves SELECT queries.\n', status: 'pass' },
  { name: 'a chain of clauses', markdown: '# DB\n\nWrites hit the master; the slaves pull the master\'s binlog and replay it; the app reads from the slaves.\n', status: 'pass' },
  { name: 'in French', markdown: '# Base de données\n\nLe maître reçoit toutes les écritures de l\'application et les réplique vers l\'esclave.\nL\'esclave ne sert qu\'aux lectures.\n', status: 'pass' },
  { name: 'trap: the roles swapped', markdown: '# Database\n\nThe replica takes the writes and the primary answers the reads.\n', status: 'fail' },
  { name: 'the read/write split without replication', markdown: '# Database\n\nThe application writes to the primary and reads from the replica.\n', status: 'partial', message: 'Not answered: how a Primary-Replica cluster works' },
], T1);

ruleTester('explain-issues', [
  {
    name: 'each issue with what it costs',
    markdown: '# Issues\n\n- SPOF: HAProxy. If it crashes nobody reaches the site.\n- No firewall: any port of the servers can be reached by an attacker. No HTTPS: passwords travel in clear text.\n- No monitoring: we would not notice a dead server until a user complains.\n',
    status: 'pass',
  },
  { name: 'a flat list whose labels are items', markdown: '# Issues\n\n- Single points of failure\n- The load balancer (only one)\n- No HTTPS\n- Traffic readable by anyone on the way\n- No monitoring\n- Failures seen only by users\n', status: 'pass' },
  { name: 'trap: the task\'s words', markdown: '# Issues\n\n- SPOF\n- Security issues (no firewall, no HTTPS)\n- No monitoring\n', status: 'fail' },
  { name: 'trap: a SPOF said to be removed', markdown: '# Why\n\nThe second server removes the single point of failure of the web tier.\n', status: 'fail' },
], T1);

// Task 1 read as a careful mentor reads it: the classes of answer a keyword reader missed or credited wrongly (fresh paraphrase bank).
ruleTester('explain-lb-algorithm', [
  { name: 'the picking rule without the algorithm\'s name', markdown: '# Balancing\n\nFor every new visitor, HAProxy compares the servers and picks whichever is less busy.\n', status: 'partial', message: 'Not answered: which distribution algorithm' },
  { name: 'round robin told by request numbers, with an ellipsis', markdown: '# Algorithm\n\nRound robin: the 1st, 3rd, 5th... request lands on web-01 and the 2nd, 4th... on web-02.\n', status: 'pass' },
  { name: 'static-rr and its weights', markdown: '# Algorithm\n\nHAProxy uses static-rr: it goes through the servers in turn, twice as often to the bigger one.\n', status: 'pass' },
  { name: 'source hashing in French', markdown: '# Algorithme\n\nHAProxy utilise le hachage de la source : un hash de l\'IP du client désigne toujours le même serveur.\n', status: 'pass' },
], T1);

ruleTester('explain-issues', [
  {
    name: 'the SPOF located without its name, the other issues in plain words',
    markdown: '# Problems\n\nOur HAProxy is alone: if it crashes, no visitor gets in. Pages go over plain HTTP, so anyone on the cafe wifi can read a password.\nNobody watches the servers, so a dead disk goes unnoticed until users complain.\n',
    status: 'pass',
  },
  { name: 'the SPOF told by what the crash of HAProxy costs', markdown: '# Problems\n\nEverything goes through the HAProxy box, so the day it crashes the site is down for everyone.\n', status: 'partial', message: 'Answered: where the single points of failure are' },
  { name: 'the primary\'s failure and what it costs', markdown: '# Problems\n\nIf the primary MySQL dies, nobody can save an order until it is back.\n', status: 'partial', message: 'Answered: where the single points of failure are' },
  { name: 'in French, what the fall of HAProxy costs', markdown: '# Problèmes\n\nSi le HAProxy tombe, plus personne n\'accède au site.\n', status: 'partial', message: 'Answered: where the single points of failure are' },
  { name: 'trap: a server failure survived is no SPOF', markdown: '# Problems\n\nIf one server dies, HAProxy sends the visitors to the other one and nobody gets an error.\n', status: 'fail' },
  { name: 'trap: a failure cost said to be prevented', markdown: '# Replica\n\nThe replica prevents this: if the primary crashes, users can no longer reach their data.\n', status: 'fail' },
  { name: 'the only way in', markdown: '# Weak spots\n\nHAProxy is the only way in, so its crash takes foobar.com offline.\n', status: 'partial', message: 'Answered: where the single points of failure are' },
  {
    name: 'trap: monitoring said to be no problem',
    markdown: '# Issues\n\n- SPOF: the single HAProxy, if it stops the site is gone.\n- Monitoring: not a problem here, HAProxy already checks that the servers answer.\n',
    status: 'partial',
    message: 'Not answered: the security issues (no firewall, no HTTPS) and what they expose; no monitoring',
  },
  { name: 'monitoring in French: a failure that goes unnoticed', markdown: '# Problèmes\n\nSans supervision, un serveur saturé passe inaperçu.\n', status: 'partial', message: 'Answered: no monitoring' },
], T1);

ruleTester('explain-additions', [
  {
    name: 'the server doubled, a heading naming the second server, the replica keeping the data',
    markdown: '# Additions\n\nWe doubled our server so that one broken machine no longer takes foobar.com offline.\n\n## HAProxy\n\nIt hands every visitor to one of the two servers, so the work is shared.\n\n## Replica\n\nIt follows the primary. If the primary breaks, we still have every row.\n',
    status: 'pass',
  },
  { name: 'trap: the additions praised as better and more professional', markdown: '# Why\n\nI added a second server, HAProxy and a replica because a distributed infrastructure is better and more professional. Big companies all do it this way.\n', status: 'fail' },
  {
    name: 'trap: the replica there by convention, its purpose denied',
    markdown: '# Why\n\n- Server 2 is here so that a crash of server 1 leaves the site up.\n- HAProxy is here so the visitors are shared between both servers.\n- The replica is not for performance; it exists because master-slave is the standard way to install MySQL.\n',
    status: 'partial',
    message: 'Not answered: why the database replica',
  },
  { name: '"so" before "one" is a conjunction', markdown: '# Additions\n\n- web-02: a second machine so one hardware failure does not end the service\n', status: 'partial', message: 'Answered: why the second server is added' },
  { name: 'trap: where each addition sits is no reason', markdown: '# Additions\n\n- An HAProxy load balancer, on top, between the internet and the two servers.\n- A second server beside the first one.\n', status: 'fail' },
  { name: 'a misspelt load balancer asked about, then answered', markdown: '# Q and A\n\nQ: why a load balacer ?\nA: to send half of the requests to each server, if not one server does all the job.\n', status: 'partial', message: 'Answered: why the load balancer is added' },
  {
    name: 'one sentence, one comma-spliced part per addition',
    markdown: '# Compared to task 0\n\nThe extra box means a crash no longer takes the site offline, HAProxy is what lets both boxes take visitors, and the replica keeps a second copy of the data in case the primary breaks.\n',
    status: 'pass',
  },
  {
    name: 'before and after, the element named in the second clause',
    markdown: '# Changes\n\nBefore, a crash of the only server was a dead site; now a second server keeps it up.\nBefore, every visitor hit one machine; now HAProxy shares them out over two.\nBefore, the only copy of the data sat on one disk; now the replica holds another.\n',
    status: 'pass',
  },
  { name: 'a heading "Server number two" over its reason', markdown: '# Why\n\n## Server number two\n\nIt runs the same stack, so the users stay online when server 1 is broken.\n', status: 'partial', message: 'Answered: why the second server is added' },
], T1);

ruleTester('explain-active-mode', [
  { name: 'the option as a label under a "Mode" heading, the other one hypothetical', markdown: '# Mode\n\nActive-Active: both servers answer at once. Active-Passive would keep server 2 idle until server 1 fails.\n', status: 'pass' },
  { name: 'the option as a label in a row headed "Mode"', markdown: '| Question | Answer |\n|---|---|\n| Load balancer mode | Active-Active: both servers take visitors together, whereas active-passive would keep one waiting. |\n', status: 'pass' },
  { name: 'plain text in lower case: the title asks, the line under it answers', markdown: 'active active or active passive\nour load balancer is active-active\n', status: 'partial', message: 'Answered: whether the load balancer enables' },
  { name: 'trap: active-active claimed for a spare', markdown: '# Setup\n\nHAProxy sends every visitor to server 1. Server 2 is a spare: HAProxy only switches to it when server 1 is down.\n\nMode: this is active-active, because we have two active servers.\n', status: 'fail' },
  { name: 'a spare in the definition of the other mode contradicts nothing', markdown: '# Setup\n\nOur setup is active-active: both servers take visitors at once. In active-passive, one server serves visitors. The other is a spare that waits until it fails.\n', status: 'pass' },
  { name: 'trap: each option defined under a "Modes" heading', markdown: '# Modes\n\nActive-Active: both servers answer at once.\n\nActive-Passive: one server waits until the other fails.\n', status: 'partial', message: 'Not answered: whether the load balancer enables' },
], T1);

ruleTester('explain-primary-replica', [
  { name: 'trap: in French, a copy kept is not how the changes reach it', markdown: '# Base de données\n\nLe réplica garde une copie des données. L\'application écrit sur le primaire et lit sur le réplica.\n', status: 'partial', message: 'Not answered: how a Primary-Replica cluster works' },
  { name: 'in French, the changes copied to the replica', markdown: '# Base de données\n\nLe primaire reçoit les écritures et le réplica copie les changements du primaire. L\'application lit sur le réplica.\n', status: 'pass' },
  { name: 'saving and reading for the application', markdown: '# Database\n\nEvery change on the primary is replicated to the replica. The app saves every order on the primary and reads its pages from the replica.\n', status: 'pass' },
], T1);

ruleTester('explain-additions', [
  {
    name: 'reasons in plain words',
    markdown: '# Added\n\n- Firewalls: without them anybody could try every port of our servers.\n- SSL certificate: so that what visitors type travels encrypted.\n- Monitoring clients: so that we hear about a crash before the users do.\n',
    status: 'pass',
  },
  {
    name: 'trap: what they are, not why they are there',
    markdown: '# Added\n\n- Firewalls: ufw on each server, managed with Ansible.\n- SSL certificate: from Let\'s Encrypt, renewed by certbot.\n- Monitoring clients: the Sumo Logic collector, version 19, ships the logs to Sumo Logic.\n',
    status: 'fail',
  },
  { name: 'trap: the task\'s words as a purpose', markdown: '# Task 2\n\nWe added 1 SSL certificate to serve www.foobar.com over HTTPS.\n', status: 'fail' },
  { name: 'trap: the task\'s requirement list', markdown: '# Task\n\nYou must add:\n- 3 firewalls\n- 1 SSL certificate to serve www.foobar.com over HTTPS\n- 3 monitoring clients\n', status: 'fail' },
], T2);

ruleTester('explain-firewall', [
  { name: 'in French', markdown: '# Pare-feu\n\nUn pare-feu filtre le trafic entrant et bloque les connexions non autorisées.\n', status: 'pass' },
  { name: 'trap: where they are only', markdown: '# Firewalls\n\nOne firewall sits in front of HAProxy and one on each server.\n', status: 'fail' },
], T2);

ruleTester('explain-https', [
  { name: 'what nobody can do', markdown: '# HTTPS\n\nWith HTTPS nobody on the same wifi can read the passwords our users send.\n', status: 'pass' },
  { name: 'server authentication', markdown: '# HTTPS\n\nThe certificate proves to the browser that it talks to the real www.foobar.com.\n', status: 'pass' },
  { name: 'trap: the acronym under a why heading', markdown: '# Why HTTPS\n\nHTTPS stands for HyperText Transfer Protocol Secure. It uses port 443.\n', status: 'fail' },
], T2);

ruleTester('explain-monitoring', [
  { name: 'how only', markdown: '# Monitoring\n\nA collector on each server ships the Nginx logs and the system metrics to Sumo Logic.\n', status: 'partial', message: 'Not answered: what monitoring is used for' },
  { name: 'pull by an exporter', markdown: '# Monitoring\n\nPrometheus scrapes the node exporter on each server every 15 seconds, so we are alerted when a server goes down.\n', status: 'pass' },
], T2);

ruleTester('explain-qps', [
  { name: 'a data source under a QPS heading', markdown: '# Monitoring\n\n## Monitoring the QPS\n\nEnable stub_status on Nginx and let the agent read it every minute.\n', status: 'pass' },
  { name: 'a QPS metric and an alert', markdown: '# Monitoring\n\nDatadog\'s Nginx integration gives a requests-per-second metric, and we alert when it goes above 500.\n', status: 'pass' },
  { name: 'trap: metrics that are not QPS', markdown: '# Monitoring\n\nThe agents collect CPU, memory, disk and the number of errors, and alert us when something goes wrong.\n', status: 'fail' },
  { name: 'trap: QPS defined', markdown: '# QPS\n\nQPS means queries per second: how many requests the web server handles each second.\n', status: 'fail' },
], T2);

ruleTester('explain-issues', [
  {
    name: 'the three issues',
    markdown: '# Issues\n\n1. SSL termination at the load balancer: behind HAProxy the requests travel in plain HTTP, readable by anyone inside the network.\n2. One MySQL primary for writes: when it goes down, nothing can be written any more.\n3. Every server runs the web server, the application and the database: they compete for the same memory.\n',
    status: 'pass',
  },
  { name: 'trap: named without consequences', markdown: '# Issues\n\n- SSL is terminated at the load balancer.\n- There is only one MySQL server that accepts writes.\n- All servers have the same components.\n', status: 'fail' },
  { name: 'one sentence each, other words', markdown: '# Issues\n\nSSL offloading on HAProxy means the hop to the backends is unencrypted. Only the primary accepts writes, so when it is down no order can be recorded. Because the three roles share each machine, a spike on MySQL slows Nginx down.\n', status: 'pass' },
], T2);

// A purpose must be the element's own: a list of its kinds, the reason a product was chosen, a count explained or
// another element's job answers nothing of why it is there; spelling slips and the shapes of terse answers still count.
ruleTester('explain-firewall', [
  {
    name: 'trap: a list of kinds, one of them a product named for a concept',
    markdown: '# Firewalls\n\nThe main types of firewalls:\n\n- packet filtering firewalls\n- host firewalls (ufw, Windows Defender Firewall)\n- web application firewalls\n',
    status: 'fail',
  },
  { name: 'a kind that says what it does still counts', markdown: '# Firewalls\n\nThe main types of firewalls:\n\n- host firewalls, which block every port the server does not use\n', status: 'pass' },
  { name: 'trap: why a product was chosen', markdown: '# Firewalls\n\nWe picked iptables since every Linux distribution has it.\n', status: 'fail' },
  { name: 'choosing to add the element, with its reason', markdown: '# Firewalls\n\nI chose to add a firewall on each box because otherwise anyone could open a session on MySQL from home.\n', status: 'pass' },
  { name: 'trap: the load balancer\'s job under the firewall heading', markdown: '# What the firewalls do\n\nThe first firewall takes the visitors and spreads them over the two servers, so neither server gets more work than the other.\n', status: 'fail' },
  { name: 'trap: where the word comes from', markdown: '# Firewalls\n\nThe word was borrowed from car engines, where a metal wall stops the heat of the motor reaching the driver.\n', status: 'fail' },
  { name: 'doubled letters written single', markdown: '# Security\n\nthe firewal filter the incoming trafic by adress and port\n', status: 'pass' },
], T2);

ruleTester('explain-https', [
  { name: 'trap: the firewall\'s job given as the reason for HTTPS', markdown: '# HTTPS\n\nWe use HTTPS so that every port except 443 stays closed.\n', status: 'fail' },
  { name: 'an answer whose subject opens with "what"', markdown: '# Why HTTPS\n\n- what the user types is turned into noise on the way, so a sniffer on the network learns nothing\n', status: 'pass' },
  { name: 'what travels without it, in terse words', markdown: '# Security\n\n- HTTPS: without it, logins go over the wire in clear\n', status: 'pass' },
  { name: 'trap: a question copied from the task is still no answer', markdown: '# HTTPS\n\nwhy the traffic is served over HTTPS\n', status: 'fail' },
], T2);

ruleTester('explain-additions', [
  {
    name: 'trap: only the counts are explained',
    markdown: '# Additions\n\nWe have three firewalls since we have three servers. We have one SSL certificate since there is one domain. And three agents, one per server.\n',
    status: 'fail',
  },
  { name: 'what happens otherwise', markdown: '# Why an SSL certificate\n\nOtherwise a neighbour on the hotel wifi could copy every password sent to the site.\n', status: 'partial', message: 'Not answered: why the firewalls are added' },
  { name: 'a problem it fixes, said with "broke"', markdown: '# Monitoring clients\n\nWe added them because we only learnt that a server broke from angry emails.\n', status: 'partial', message: 'Not answered: why the firewalls are added' },
], T2);

ruleTester('explain-monitoring', [
  {
    name: 'a "What for" label before the label that names the tool',
    markdown: '# Task 2\n\n**What for:** to see errors and slow pages before the users complain.\n\n**How:** a Sumo Logic collector on each server sends its logs.\n',
    status: 'pass',
  },
  { name: 'trap: a "What for" label with no subject anywhere after it', markdown: '# Task 2\n\n**What for:** to see errors and slow pages before the users complain.\n', status: 'fail' },
], T2);

ruleTester('explain-issues', [
  {
    name: 'terse and weak English: "cant", "in clear", "plain", SSL "at the LB"',
    markdown: '# Issues\n\n- SSL at the load balancer: from there to the servers it is plain\n- one master for writes: if it crash, we cant save anything\n- all servers same stack: they fight for resources\n',
    status: 'pass',
  },
  { name: 'trap: SSL at the load balancer without a consequence', markdown: '# Issues\n\n- SSL at the load balancer\n', status: 'fail' },
], T2);

/** Reads `markdown` for one question. */
function answered(markdown: string, question: Omit<Question, 'id' | 'name'>): boolean {
  const prose = analyseProse([{ file: 'x.md', blocks: parseMarkdown(markdown).prose }]);
  return readQuestion(prose, { id: 'q', name: 'q', ...question }).answeredAt !== null;
}

describe('explain: findings', () => {
  it('a stated option the student\'s own text contradicts is pointed at, with the contradicting line', async () => {
    const result = await lintMarkdown('# Load balancer\n\nRound robin alternates the requests between server 1 and server 2.\n\nThis setup is active-passive.\n', T1);
    const finding = result.rules.find((r) => r.id === 'explain-active-mode')!.findings.find((f) => /contradicts/.test(f.message));
    expect(finding).toMatchObject({ line: 5, message: expect.stringContaining('your own text contradicts (line 3)') });
  });
});

describe('questions: reading rules', () => {
  it('a vocabulary may stand for a word inside a phrase', () => {
    expect(answered('The second box keeps the site up if the first one dies.\n', { about: ['second @server'], answer: ['up'] })).toBe(true);
    expect(questionProblem({ id: 'q', name: 'q', about: ['second @nothing'], answer: ['x'] })).toMatch(/unknown vocabulary "@nothing"/);
  });

  it('notAbout: a sentence whose first subject is another one answers nothing', () => {
    const q = { about: ['@server'], notAbout: ['@load-balancer'], answer: ['overload*'] };
    expect(answered('HAProxy spreads the requests between the servers so none is overloaded.\n', q)).toBe(false);
    expect(answered('The servers share the requests so none is overloaded.\n', q)).toBe(true);
    // Naming neither, the nearest frame decides.
    expect(answered('## Load balancer\n\nIt spreads the traffic, so nothing is overloaded.\n', q)).toBe(false);
    expect(answered('## Second server\n\nIt shares the traffic, so nothing is overloaded.\n', { ...q, about: ['second @server'] })).toBe(true);
  });

  it('a contrast may be set out over one section; facts are bound to their subject', () => {
    const q = { about: ['primary', 'replica'], answer: [{ of: ['primary'], terms: ['write*'] }, { of: ['replica'], terms: ['read*'] }] };
    expect(answered('## DB\n\n- Primary: takes the writes.\n- Replica: serves the reads.\n', q)).toBe(true);
    expect(answered('Writes go to the primary; reads come from the replica.\n', q)).toBe(true);
    expect(answered('The primary serves the reads and the replica takes the writes.\n', q)).toBe(false);
    expect(answered('## A\n\nThe primary takes the writes.\n\n## B\n\nThe replica serves the reads.\n', q)).toBe(false);
  });

  it('choices: an option applied to this design, not defined among others nor contradicted', () => {
    const q = { choices: [{ terms: ['active active'] }, { terms: ['active passive'], contradictedBy: ['round robin'] }] };
    expect(answered('Both servers take traffic: it is active-active.\n', q)).toBe(true);
    expect(answered('Active-active: both serve.\nActive-passive: one waits.\n', q)).toBe(false);
    expect(answered('Active-active: both serve.\nActive-passive: one waits.\nOurs is active-active.\n', q)).toBe(true);
    expect(answered('We use active-passive rather than active-active.\n', q)).toBe(true);
    expect(answered('We use active-passive rather than active-active.\nRequests go round robin to both servers.\n', q)).toBe(false);
    expect(answered('## Load balancer setup: Active-Active\n\nBoth servers serve.\n', q)).toBe(true);
  });

  it('terms tolerate a doubled consonant written single and "n\'t" without its apostrophe, nothing looser', () => {
    expect(answered('The firewal drops bad trafic.\n', { about: ['@firewall'], answer: ['traffic'] })).toBe(true);
    expect(answered('If it dies we cant write.\n', { answer: ['can t write'] })).toBe(true);
    expect(answered('Anything you send cant be read on the way.\n', { answer: ['cannot be read'] })).toBe(true);
    expect(answered('It can not be read.\n', { answer: ['can t be read'] })).toBe(true);
    // Short words, doubled vowels and other contractions keep their spelling: "al" is not "all", "ned" not "need", "its" not "it s".
    expect(answered('We al agree.\n', { answer: ['all'] })).toBe(false);
    expect(answered('We ned more.\n', { answer: ['need'] })).toBe(false);
    expect(answered('Its down.\n', { answer: ['it s down'] })).toBe(false);
  });

  it('otherJobs: a reason stating another element\'s job is not this one\'s purpose', () => {
    const q = { about: ['@firewall'], answer: ['block*'], why: true, otherJobs: ['@load-sharing'] };
    expect(answered('## Firewalls\n\nThey split the requests between the servers so that none is idle.\n', q)).toBe(false);
    expect(answered('## Firewalls\n\nThey sit in front of each server so that a scan from outside finds nothing open.\n', q)).toBe(true);
  });

  it('cancelledBy: the issue said to be solved is no answer', () => {
    const q = { about: ['spof'], answer: ['@load-balancer'], cancelledBy: ['remov*'] };
    expect(answered('The load balancer is a SPOF.\n', q)).toBe(true);
    expect(answered('The second load balancer removes the SPOF.\n', q)).toBe(false);
  });

  it('why: any reason about the element answers, outside an issues section', () => {
    const q = { about: ['@firewall'], answer: ['filter*'], why: true };
    expect(answered('We added firewalls because the servers were open to every scanner.\n', q)).toBe(true);
    expect(answered('## Issues\n\nThe firewalls are old, so they may let attacks through.\n', q)).toBe(false);
    expect(answered('The firewalls are managed with Ansible.\n', q)).toBe(false);
  });

  it('orAnswer: a second way to answer', () => {
    const q = { about: ['qps'], answer: [['qps'], ['alert*']], orAnswer: [['stub status']] };
    expect(answered('We alert when the QPS is over 500.\n', q)).toBe(true);
    expect(answered('## QPS\n\nEnable stub_status.\n', q)).toBe(true);
    expect(answered('## QPS\n\nWe alert when something breaks.\n', q)).toBe(false);
  });

  it('the task\'s questions and requirement list are not answers', () => {
    const q = { answer: ['round robin'] };
    expect(answered('What distribution algorithm your load balancer is configured with (round robin, least connections...)\n', q)).toBe(false);
    expect(answered('You must add:\n- a round robin load balancer\n', q)).toBe(false);
  });
});
