import { parseMarkdown } from '../../src/markdown/parse-markdown.js';
import { ruleTester } from '../helpers/rule-tester.js';

// The reading rules of prose/questions.ts that make the explanation rules of tasks 0-2 generalise: what users
// lose (@outage), each issue apart from the others (notAbout), the task's own words restated (taskWords), an
// issue denied (@denied-issue), a table row's head, a term said of the user's machine (notOf), a wrong fact
// ruled out, a bare name, a relative clause, an option answered clause by clause or after a label that asks,
// the sections of other questions (notUnder), a problems section for a question that asks why.

const T0 = '0-simple_web_stack';
const T1 = '1-distributed_web_infrastructure';
const T2 = '2-secured_and_monitored_web_infrastructure';

const SPECIFICS = [
  '- A server is a computer that answers the requests of other computers over a network.',
  '- The domain name gives the site a name people remember instead of its IP.',
  '- www is an A record pointing to 8.8.8.8.',
  '- Nginx receives the HTTP requests and serves the static files.',
  '- The application server runs the code and builds the dynamic pages.',
  '- MySQL stores the data of the site.',
  '- The browser and the server talk with HTTP over TCP/IP.',
].join('\n');

ruleTester('explain-issues', [
  {
    name: 'the three issues told by what users lose, with no issue words',
    markdown: '# Issues\n\nOne machine runs everything, so a broken power supply takes the site away from every visitor.\n\nEvery release means restarting Nginx, and for that minute visitors get a 502 error.\n\nA big spike of visitors makes the lone box slow, then unresponsive.\n',
    status: 'pass',
  },
  {
    name: 'trap: the task\'s own words, with a word or two of the student\'s',
    markdown: '# Issues\n\n- SPOF.\n- Downtime when maintenance is needed.\n- It cannot scale well if there is too much incoming traffic.\n',
    status: 'fail',
  },
  {
    name: 'trap: a scaling line does not explain the single point of failure',
    markdown: '# Issues\n\n**SPOF**\n\n**Maintenance:** a deployment restarts the web server, and while it restarts the site is unreachable.\n\n**Scaling:** a single machine has limited resources; with too many visitors it becomes slow and crashes.\n',
    status: 'partial',
    message: 'Not answered: the single point of failure',
  },
  {
    name: 'trap: an issue denied is not explained',
    markdown: '# Issues\n\n- SPOF: if the server dies, nobody can load foobar.com.\n- Maintenance: there is no downtime, because Nginx reloads its configuration gracefully.\n- Scaling: too many users at once overload the server and pages time out.\n',
    status: 'partial',
    message: 'Not answered: downtime when maintenance is needed',
  },
  {
    name: 'a table whose row heads name the issues and whose cells give what happens',
    markdown: '# Issues\n\n| Issue | Consequence |\n|---|---|\n| SPOF | A crash of the one server means no website at all |\n| Deploying new code | The web server restarts, users get errors during the restart |\n| Heavy traffic | The single machine is saturated and becomes very slow or unavailable |\n',
    status: 'pass',
  },
  {
    name: 'plain-text lines with no full stop, one issue a line',
    markdown: 'Issues\n\nSPOF - Since the whole site relies on a single server, it would be a disaster if it goes down\nAfter each update the web server should go down and this can cause problems for users\nOne server cannot handle the high traffic and it becomes slow\n',
    status: 'pass',
  },
], T0);

ruleTester('explain-specifics', [
  { name: 'seven answers in a list', markdown: `# Specifics\n\n${SPECIFICS}\n`, status: 'pass' },
  {
    name: 'trap: the user\'s computer says nothing of what a server is',
    markdown: `# Specifics\n\n${SPECIFICS.split('\n').slice(1).join('\n')}\n- The server and the user's computer talk over the internet.\n`,
    status: 'partial',
    message: 'Not answered: what a server is',
  },
  {
    name: 'a CNAME ruled out, then talked about: the A record stands',
    markdown: `# Specifics\n\n${SPECIFICS.replace('- www is an A record pointing to 8.8.8.8.', '- www: it is not a CNAME, since a CNAME can only point to a name; www points to 8.8.8.8, so it is an A record.')}\n`,
    status: 'pass',
  },
  {
    name: 'trap: the A record denied',
    markdown: `# Specifics\n\n${SPECIFICS.replace('- www is an A record pointing to 8.8.8.8.', '- www: it is not an A record. www is an alias of foobar.com, so its type is CNAME.')}\n`,
    status: 'partial',
    message: 'Not answered: which DNS record www is',
  },
  {
    name: 'trap: a bare list of components states no role',
    markdown: '# Components\n\n- 1 server\n- Nginx\n- application server\n- code base\n- MySQL\n',
    status: 'fail',
  },
  {
    name: 'trap: what the web server sends on is not the application server\'s role',
    markdown: `# Specifics\n\n${SPECIFICS.replace('- The application server runs the code and builds the dynamic pages.\n', '')}\n\n4. What is the role of the web server? It receives the requests and sends the dynamic requests to the application server.\n`,
    status: 'partial',
    message: 'Not answered: the role of the application server',
  },
  {
    name: 'a relative clause gives the application server\'s role',
    markdown: `# Specifics\n\n${SPECIFICS.replace('- The application server runs the code and builds the dynamic pages.\n', '')}\n\nNginx answers static requests itself and hands the rest to the application server, which executes the Python code of the site.\n`,
    status: 'pass',
  },
], T0);

const T1_REST = '\n\n## Algorithm\nRound robin: each new request goes to the next server in turn.\n\n## Database\nThe primary replicates every write to the replica; the application writes to the primary and reads from the replica.\n';

ruleTester('explain-active-mode', [
  {
    name: 'the mode in one clause, the other mode in the next',
    markdown: `# Setup\n\nActive-Active: both servers handle traffic. Active-Passive: one waits as a backup.\n\nThis setup is active-active, both servers work at the same time; in active-passive the second server would wait until the first fails.${T1_REST}`,
    status: 'pass',
  },
  {
    name: 'a label that asks, then the mode',
    markdown: `# Setup\n\n**Active-Active vs Active-Passive:** our load balancer runs the servers active-active (both serve). Active-passive would keep one server as a standby that only serves after a failure.${T1_REST}`,
    status: 'pass',
  },
  {
    name: 'an option\'s label right under the question that asks it',
    markdown: `# Q&A\n\n| Question | Answer |\n|---|---|\n| Active-Active or Active-Passive? | Active-Active: both servers take traffic. In Active-Passive one server waits on standby. |\n${T1_REST}`,
    status: 'pass',
  },
  {
    name: 'trap: a table that defines both options chooses none',
    markdown: `# Setup\n\n| Mode | Description |\n|---|---|\n| Active-Active | All servers take traffic |\n| Active-Passive | One server waits as a backup and takes over if the other fails |\n${T1_REST}`,
    status: 'partial',
    message: 'Not answered: whether the load balancer enables',
  },
], T1);

ruleTester('explain-additions', [
  {
    name: 'trap: what HAProxy and the replica do under the other questions is no reason to add them',
    markdown: '# Task 1\n\n## Added elements\n1. One more server, so that the website still works when one server is down.\n2. 1 load balancer (HAProxy).\n3. MySQL Primary-Replica cluster.\n\n## Active-Active or Active-Passive\nThe load balancer enables an active-active setup: both web servers process requests.\n\n## Primary-Replica cluster\nThe master receives the writes and the slave copies every change from its binary log.\n',
    status: 'partial',
    message: 'Not answered: why the load balancer is added; why the database replica',
  },
  {
    name: 'a reason naming the replica counts even in another question\'s section',
    markdown: '# Task 1\n\n## Why\nA second server, so that a crash of one leaves the other serving. HAProxy, to spread the requests over both.\n\n## Difference between the primary and the replica\nThe replica can take the read requests to prevent the primary from overloading.\n',
    status: 'pass',
  },
], T1);

ruleTester('explain-https', [
  {
    name: 'trap: the issues section gives no reason for HTTPS',
    markdown: '# Task 2\n\n## HTTPS\nThe website is served over HTTPS.\n\n## Issues\n- SSL is terminated at the load balancer, so the traffic behind it is unencrypted and readable.\n',
    status: 'fail',
  },
], T2);

describe('plain-text lines', () => {
  it('a line that states something ends before a line that opens with a capitalised word', () => {
    const prose = parseMarkdown('It would be a disaster if it goes down\nAfter each update the server restarts\n').prose.map((b) => b.text);
    expect(prose).toEqual(['It would be a disaster if it goes down', 'After each update the server restarts']);
  });
  it('a wrapped sentence goes on before a component\'s name or after a word that needs what follows', () => {
    expect(parseMarkdown('The request is handed to the application server and\nNginx returns the page.\n').prose.map((b) => b.text)).toHaveLength(1);
    expect(parseMarkdown('Each request is handed by HAProxy to the\nServer that is least busy.\n').prose.map((b) => b.text)).toHaveLength(1);
  });
});
