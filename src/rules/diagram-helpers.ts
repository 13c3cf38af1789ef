import { shownLabel } from '../graph/labels.js';
import type { Component, DiagramGraph, Group } from '../graph/model.js';
import type { Role } from '../graph/roles.js';
import { affirmedIn } from '../graph/absence.js';
import { plainText } from '../prose/sentences.js';
import type { RuleOutcome } from './rule.js';

const RANK: Record<RuleOutcome['status'], number> = { fail: 0, manual: 0, partial: 1, pass: 2 };

/**
 * Checks every diagram and keeps the best outcome: a submission with a detailed flowchart and a
 * sketchy sequence diagram is graded on the flowchart (consistency reports the disagreement).
 */
export function bestOverDiagrams(graphs: DiagramGraph[], check: (graph: DiagramGraph) => RuleOutcome): RuleOutcome {
  let best: RuleOutcome | null = null;
  for (const graph of graphs) {
    const outcome = check(graph);
    if (!best || RANK[outcome.status] > RANK[best.status] || (outcome.status === best.status && (outcome.fraction ?? 0) > (best.fraction ?? 0))) {
      best = outcome;
    }
  }
  return best ?? { status: 'fail', message: 'No diagram could be read.' };
}

/** A group as the student named it: its title, else its id (a sequence `box` without a title has neither). */
export function groupName(group: Group): string {
  const id = group.key.slice(group.key.indexOf('group:') + 'group:'.length);
  return shownLabel(group.title) || (group.kind !== 'host' && /^box\d+$/.test(id) && !group.title ? 'untitled box' : id);
}

export function describe(component: Component): string {
  return component.label === component.id ? `\`${component.id}\`` : `\`${component.id}\` ("${component.label}")`;
}

export function roleName(role: Role): string {
  return ROLE_NAMES[role];
}

const ROLE_NAMES: Record<Role, string> = {
  'load-balancer': 'load balancer',
  'web-server': 'web server',
  'app-server': 'application server',
  'code-base': 'code base',
  database: 'database',
  firewall: 'firewall',
  monitoring: 'monitoring client',
  dns: 'DNS',
  client: 'user/client',
  internet: 'internet',
  cdn: 'CDN',
  cache: 'cache',
  certificate: 'SSL certificate',
  server: 'server',
  other: 'unclassified component',
};

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * True when `pattern` (over normalised text) is in `text` as something there, not as what is
 * absent: "HTTPS", "HAProxy + SSL" are; "No HTTPS", "without SSL", "SSL: missing" are not.
 */
export function affirms(text: string, pattern: RegExp): boolean {
  return affirmedIn(plainText(text), pattern);
}

/** A Mermaid node for each role: the examples of fix hints. */
export const ROLE_EXAMPLES: Partial<Record<Role, string>> = {
  'load-balancer': 'LB[HAProxy load balancer]',
  'web-server': 'WEB[Nginx web server]',
  'app-server': 'APP[Application server]',
  'code-base': 'CODE[Application files - code base]',
  database: 'DB[(MySQL database)]',
  firewall: 'FW{{Firewall}}',
  monitoring: 'MON[Monitoring client]',
  dns: 'DNS[DNS: www.foobar.com]',
  client: 'U((User))',
  certificate: 'SSL[SSL certificate]',
};

/** "a web server", "an application server". */
export function withArticle(name: string): string {
  return `${/^[aeiou]/.test(name) ? 'an' : 'a'} ${name}`;
}
