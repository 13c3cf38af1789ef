// The four Mermaid-native rubrics as a whole: their explanation questions, and a submission with the
// mistakes students make most often (fixtures/native-mistakes). The complete example passing every rule
// is in native-curriculum.test.ts.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lintSubmission, type TaskResult } from '../../src/api/lint-submission.js';
import { loadRubric } from '../../src/config/rubric.js';
import type { Question } from '../../src/prose/questions.js';
import { FIXTURES } from '../helpers/paths.js';

const NATIVE = ['single_server_stack', 'redundant_web_tier', 'protected_monitored_stack', 'separated_tiers'];
const COMPLETE = path.join(FIXTURES, 'native-complete', 'web_infrastructure_design');
const MISTAKES = path.join(FIXTURES, 'native-mistakes');

/** The example answer a question's hint gives (its first quoted sentence), as the generated docs use it. */
const exampleOf = (q: Question) => /"([^"]+)"/.exec(q.hint ?? '')?.[1] ?? '';
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

async function gradeSection(task: string, section: string): Promise<TaskResult> {
  const rubric = loadRubric(task);
  const root = mkdtempSync(path.join(os.tmpdir(), 'infralint-native-explain-'));
  mkdirSync(path.join(root, 'web_infrastructure_design'));
  writeFileSync(path.join(root, 'web_infrastructure_design', `${task}.mmd`), readFileSync(path.join(COMPLETE, `${task}.mmd`), 'utf8'));
  writeFileSync(path.join(root, 'web_infrastructure_design', 'README.md'), `# Designs\n\n## ${rubric.title}\n\n${section}\n`);
  return (await lintSubmission(root, { rubrics: [task] })).results[0]!;
}

const explanationEntries = NATIVE.flatMap((task) => loadRubric(task).rules.filter((r) => r.rule === 'explain').map((entry) => [task, entry.id, entry.options!.questions as Question[]] as const));

describe('the native explanation questions', () => {
  it('each native task asks its README questions', () => {
    expect(explanationEntries.map(([task, id, questions]) => `${task} ${id}: ${questions.map((q) => q.id).join(', ')}`)).toEqual([
      'single_server_stack explain-specifics: server, server-host, dns, dns-record, web-server, app-server, app-code, database, tcp-ip, lamp, lamp-like',
      'single_server_stack explain-issues: spof, maintenance, scaling',
      'redundant_web_tier explain-specifics: load-balancer, redundancy, active-mode, distribution, primary-replica, no-auto-failover',
      'redundant_web_tier explain-issues: spof-load-balancer, spof-primary, no-https, no-firewall, no-monitoring, cost',
      'protected_monitored_stack explain-specifics: firewall-does, firewall-does-not, https, monitoring, qps',
      'protected_monitored_stack explain-issues: tls-termination, writable-primary, collocated',
      'separated_tiers explain-specifics: comparison, scaling, maintenance, sizing',
      'separated_tiers explain-issues: no-auto-failover, cost-complexity',
    ]);
  });

  it.each(explanationEntries)('%s %s: every hint answers its own question', async (task, id, questions) => {
    const section = questions.map((q) => `### ${capitalise(q.name)}\n\n${exampleOf(q)}\n`).join('\n');
    const rule = (await gradeSection(task, section)).rules.find((r) => r.id === id)!;
    expect(rule.parts).toEqual(Object.fromEntries(questions.map((q) => [q.id, true])));
    expect(rule.status).toBe('pass');
  });

  it.each(explanationEntries)('%s %s: the questions copied as headings answer nothing', async (task, id, questions) => {
    const section = questions.map((q) => `### ${capitalise(q.name)}?\n`).join('\n');
    const rule = (await gradeSection(task, section)).rules.find((r) => r.id === id)!;
    expect(rule.status).toBe('fail');
  });

  it('a hedge between an A record and a CNAME spoils the answer; setting the CNAME aside does not', async () => {
    const status = async (text: string) => (await gradeSection('single_server_stack', `### DNS\n\n${text}\n`)).rules.find((r) => r.id === 'explain-specifics')!.parts!['dns-record'];
    expect(await status('The www record can be an A record or a CNAME that points to the IP 8.8.8.8.')).toBe(false);
    expect(await status('www is an A record because it maps the name to the IP 8.8.8.8, not to another domain name (which would be a CNAME).')).toBe(true);
    expect(await status('www is an A record.')).toBe(false);
  });

  it('names the question and points into the README section when it is not answered', async () => {
    const result = await gradeSection('protected_monitored_stack', '### Firewalls\n\nA firewall filters the connections with rules.\n');
    const rule = result.rules.find((r) => r.id === 'explain-specifics')!;
    expect(rule.parts).toMatchObject({ 'firewall-does': true, 'firewall-does-not': false });
    const finding = rule.findings.find((f) => f.message.startsWith('Not answered: what a firewall does not do.'))!;
    expect(finding).toMatchObject({ file: 'web_infrastructure_design/README.md', line: 5 });
    expect(finding.hint).toContain('does not encrypt traffic');
  });
});

describe('a submission with typical mistakes (fixtures/native-mistakes)', () => {
  let results: Map<string, TaskResult>;
  beforeAll(async () => {
    const report = await lintSubmission(MISTAKES);
    results = new Map(report.results.map((r) => [r.task, r]));
  });
  const statuses = (task: string) => Object.fromEntries(results.get(task)!.rules.map((r) => [r.id, r.status]));

  it('grades the four tasks, each failing its threshold', () => {
    expect([...results.keys()]).toEqual(NATIVE);
    for (const result of results.values()) expect(result.passed).toBe(false);
  });

  it.each([
    ['single_server_stack', {
      'task-file': 'pass', 'diagram-present': 'pass', 'diagram-renders': 'pass', 'prescribed-labels': 'partial', 'single-server': 'fail', 'web-server': 'pass', 'app-server': 'pass',
      'app-files': 'pass', database: 'pass', 'domain-dns': 'fail', 'request-flow': 'fail', 'explain-specifics': 'partial', 'explain-issues': 'fail', consistency: 'pass', english: 'pass',
    }],
    ['redundant_web_tier', {
      'task-file': 'pass', 'diagram-present': 'pass', 'diagram-renders': 'pass', 'prescribed-labels': 'partial', 'lb-present': 'pass', 'server-count': 'pass', 'server-stack': 'fail',
      'db-primary-replica': 'fail', 'request-flow': 'pass', 'explain-specifics': 'partial', 'explain-issues': 'partial', consistency: 'pass', english: 'pass',
    }],
    ['protected_monitored_stack', {
      'task-file': 'pass', 'diagram-present': 'pass', 'diagram-renders': 'pass', 'prescribed-labels': 'partial', firewalls: 'fail', https: 'fail', monitoring: 'fail', 'base-carried': 'pass',
      'request-flow': 'pass', 'explain-specifics': 'partial', 'explain-issues': 'fail', consistency: 'pass', english: 'pass',
    }],
    ['separated_tiers', {
      'task-file': 'pass', 'diagram-present': 'pass', 'diagram-renders': 'pass', 'prescribed-labels': 'partial', 'lb-pair': 'pass', 'lb-cluster': 'fail', 'web-tier': 'pass', 'app-tier': 'fail',
      'db-tier': 'fail', 'db-primary-replica': 'fail', 'request-flow': 'pass', 'explain-additions': 'fail', 'explain-specifics': 'fail', 'explain-issues': 'fail', consistency: 'pass', english: 'pass',
    }],
  ])('%s', (task, expected) => {
    expect(statuses(task)).toEqual(expected);
  });

  const mmd = (task: string) => `web_infrastructure_design/${task}.mmd`;
  const README = 'web_infrastructure_design/README.md';
  it.each([
    ['single_server_stack', 'prescribed-labels', 'The task asks for a node labelled `Database (PotsgreSQL/MySQL)` (`Database (PostgreSQL/MySQL)` counts too): `db` ("Database (MySQL)") comes closest.', mmd('single_server_stack'), 7],
    ['single_server_stack', 'single-server', 'The task asks for an explicit server boundary (a subgraph) holding the web server, application server, code base and database', mmd('single_server_stack'), 4],
    ['single_server_stack', 'domain-dns', 'The label "A record → 8.8.8.8" is on the arrow `user --> site`', mmd('single_server_stack'), 2],
    ['single_server_stack', 'request-flow', 'The response reaches the user only through `dns` ("DNS")', mmd('single_server_stack'), 3],
    ['single_server_stack', 'explain-specifics', 'Not answered: which DNS record www is, and why', README, 10],
    ['single_server_stack', 'explain-issues', 'Not answered: the single point of failure.', README, 3],
    ['redundant_web_tier', 'prescribed-labels', 'The task asks for a node labelled `Load balancer (HAProxy)`: `lb` ("HAProxy") comes closest.', mmd('redundant_web_tier'), 2],
    ['redundant_web_tier', 'prescribed-labels', 'The task asks for an arrow labelled `replication`: no arrow has that label.', mmd('redundant_web_tier'), 1],
    ['redundant_web_tier', 'server-stack', '"Server 1: Web server (Nginx) + Application server" runs a web server and an application server as one node', mmd('redundant_web_tier'), 3],
    ['redundant_web_tier', 'db-primary-replica', 'has no label: the task asks for a "replication" arrow', mmd('redundant_web_tier'), 7],
    ['redundant_web_tier', 'explain-specifics', 'Not answered: active-active or active-passive, and the difference.', README, 34],
    ['protected_monitored_stack', 'firewalls', '4 firewalls in the diagram: the task asks for exactly 3.', mmd('protected_monitored_stack'), 16],
    ['protected_monitored_stack', 'firewalls', 'Nothing of its own guards "Node B"', mmd('protected_monitored_stack'), 11],
    ['protected_monitored_stack', 'https', 'HTTPS is drawn on `lb --> fw3`, inside the infrastructure', mmd('protected_monitored_stack'), 2],
    ['protected_monitored_stack', 'monitoring', 'The "QPS metrics" flow comes from `lb` ("Load balancer (HAProxy)"): the task asks for it from a web server.', mmd('protected_monitored_stack'), 19],
    ['protected_monitored_stack', 'prescribed-labels', 'The task asks for a node labelled `Monitoring system`: `mon` ("Monitoring server") comes closest.', mmd('protected_monitored_stack'), 18],
    ['separated_tiers', 'lb-cluster', 'Nothing links `lb1` ("Load balancer (HAProxy)") and `lb2` ("Load balancer (HAProxy)") (they are grouped in "HAProxy pair")', mmd('separated_tiers'), 2],
    ['separated_tiers', 'app-tier', 'inside a group (subgraph) titled "Application tier"; the diagram has none', mmd('separated_tiers'), 12],
    ['separated_tiers', 'db-tier', '`app2` ("Application server") is in the group "Database tier" but is not a database', mmd('separated_tiers'), 15],
    ['separated_tiers', 'db-primary-replica', 'says "sync": the task asks for a "replication" arrow', mmd('separated_tiers'), 23],
    ['separated_tiers', 'prescribed-labels', 'The task asks for a group (subgraph) titled `Application tier`: no group has that title.', mmd('separated_tiers'), 1],
  ])('%s %s: %s', (task, ruleId, message, file, line) => {
    const findings = results.get(task)!.rules.find((r) => r.id === ruleId)!.findings;
    const finding = findings.find((f) => f.message.includes(message));
    expect(finding).toBeDefined();
    expect({ file: finding!.file, line: finding!.line }).toEqual({ file, line });
    expect(finding!.hint).toBeTruthy();
  });

  it('every hint of a diagram finding shows the Mermaid to write', () => {
    const diagramRules = new Set(['prescribed-labels', 'single-server', 'domain-dns', 'request-flow', 'server-stack', 'db-primary-replica', 'firewalls', 'https', 'monitoring', 'lb-cluster', 'app-tier', 'db-tier']);
    const hints = [...results.values()].flatMap((r) => r.rules.filter((rule) => diagramRules.has(rule.id)).flatMap((rule) => rule.findings.map((f) => [rule.id, f.hint ?? ''])));
    expect(hints.length).toBeGreaterThan(15);
    for (const [id, hint] of hints) expect({ id, hasCode: /`[^`]+`/.test(hint!) }).toEqual({ id, hasCode: true });
  });
});
