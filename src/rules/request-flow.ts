import type { Component, DiagramGraph } from '../graph/model.js';
import { ENTRY_ROLES, normaliseText, type Role } from '../graph/roles.js';
import { bestOverDiagrams, describe, ROLE_EXAMPLES, roleName, withArticle } from './diagram-helpers.js';
import { rolesOption, type RuleFinding, type RuleModule, type RuleOutcome } from './rule.js';
import { pushTo } from '../multimap.js';

/** The steps of a request after the entry, in order (option `steps`): through a load balancer by default. */
const DEFAULT_STEPS: readonly Role[] = ['load-balancer', 'web-server', 'app-server', 'database'];
/** Components a request may cross without it being a step: firewalls, DNS, unclassified boxes... */
const PASS_THROUGH: Role[] = ['firewall', 'dns', 'internet', 'cdn', 'cache', 'certificate', 'server', 'other', 'monitoring', 'client', 'code-base'];
/** How the hints draw each step. */
const STEP_NODES: Partial<Record<Role, string>> = { 'load-balancer': 'LB', 'web-server': 'Web server', 'app-server': 'App server', database: 'Database' };

/**
 * A directed path from the entry through each of the rubric's steps in order (default: load
 * balancer, web server, application server, database). A DNS lookup may sit on the path or beside
 * it (the user asks DNS, then goes to the server); a DNS branch that leads nowhere is no way in.
 */
export const requestFlow: RuleModule = {
  meta: {
    id: 'request-flow',
    description: 'A directed path from the entry (user, browser, DNS, internet) through a load balancer to a web server, an application server, then the database.',
    diagramBased: true,
    whenTaskMissing: 'fail',
  },
  check(context) {
    const steps = rolesOption(context, 'steps', DEFAULT_STEPS);
    return bestOverDiagrams(context.graphs, (graph) => followRequest(graph, steps));
  },
};

function stepOf(c: Component, current: number, steps: readonly Role[]): number | null {
  // A box may hold several steps ("Server: Nginx + Gunicorn"): walk through all it holds in order.
  let step = current;
  while (step < steps.length && c.roles.includes(steps[step]!)) step++;
  if (step > current) return step;
  if (current > 0 && c.roles.includes(steps[current - 1]!)) return current; // LB1 -> LB2, web -> web
  if (c.roles.every((r) => PASS_THROUGH.includes(r))) return current;
  return null;
}

function followRequest(graph: DiagramGraph, steps: readonly Role[]): RuleOutcome {
  const stepNames = ['the entry (user, DNS, internet)', ...steps.map(roleName)];
  const path = ['User', ...steps.map((r) => STEP_NODES[r] ?? roleName(r))].join(' --> ');
  const byKey = new Map(graph.components.map((c) => [c.key, c]));
  const next = new Map<string, string[]>();
  const link = (a: string, b: string) => pushTo(next, a, b);
  for (const e of graph.edges) {
    if (e.kind === 'note') continue;
    link(e.from, e.to);
    if (!e.directed) link(e.to, e.from);
  }
  // Components on one machine reach each other without an arrow.
  for (const h of graph.hosts) for (const a of h.components) for (const b of h.components) if (a !== b) link(a, b);

  const entries = graph.components.filter((c) => c.roles.some((r) => ENTRY_ROLES.includes(r)));
  const findings = skippedTiers(graph, byKey);
  const starts = entries.length ? entries.map((c) => ({ key: c.key, step: 0 })) : graph.components.filter((c) => c.roles.includes(steps[0]!)).map((c) => ({ key: c.key, step: 1 }));
  let furthest = 0;
  const seen = new Set<string>();
  const queue = [...starts];
  for (let head = 0; head < queue.length; head++) {
    const { key, step } = queue[head]!;
    const id = `${key}@${step}`;
    if (seen.has(id)) continue;
    seen.add(id);
    furthest = Math.max(furthest, step);
    if (step === steps.length && entries.length) return { status: 'pass', message: `A request can go from the entry through ${listed(steps.slice(0, -1).map((r) => withArticle(roleName(r))))} to the ${roleName(steps.at(-1)!)}.`, findings };
    for (const n of next.get(key) ?? []) {
      const target = byKey.get(n);
      if (!target) continue;
      const s = stepOf(target, step, steps);
      if (s !== null) queue.push({ key: n, step: s });
    }
  }
  const at = { file: graph.file, line: graph.line, column: 1 };
  if (!entries.length) {
    findings.unshift({
      message: furthest === steps.length
        ? `The request path has no entry: nothing (user, browser, DNS, internet) sends traffic to the ${roleName(steps[0]!)}.`
        : 'Nothing in the diagram is a user, browser, DNS or internet entry point.',
      at,
      hint: `Add the user and DNS: \`User((User)) --> DNS[www.foobar.com] --> ${steps[0] === 'load-balancer' ? 'LB1' : 'Server'}\`.`,
    });
    return { status: 'fail', message: 'No entry point for requests.', findings };
  }
  findings.unshift(deadEnd(graph, queue.filter((q) => q.step === furthest && furthest > 0).map((q) => byKey.get(q.key)!), next, stepNames[furthest]!, steps[furthest])
    ?? {
      message: `The request path stops after ${stepNames[furthest]}: no arrow leads on to ${stepNames[furthest + 1] ?? 'the next step'}.`,
      at,
      hint: `Draw the path with arrows: ${path}.`,
    });
  return { status: 'fail', message: `The path from the entry stops after ${stepNames[furthest]}.`, findings };
}

/**
 * Where the path ends in a box no arrow leaves ("Server 1" beside the subgraph of the same name,
 * the arrow drawn to the box instead of the subgraph): the finding points at it.
 */
function deadEnd(graph: DiagramGraph, reached: Component[], next: Map<string, string[]>, after: string, nextRole: Role | undefined): RuleFinding | null {
  // A box the student meant to lead on (a server, a firewall, an unnamed box), not a monitoring client on the side.
  const end = reached.find((c) => !(next.get(c.key) ?? []).length && c.roles.every((r) => r === 'server' || r === 'other' || r === 'firewall'));
  if (!end) return null;
  const namesake = graph.groups.find((g) => g.title && normaliseText(g.title) === normaliseText(end.label));
  return {
    message: `The request path stops after ${after}: it reaches ${describe(end)}, which no arrow leaves.`,
    at: end.source,
    hint: namesake
      ? `${describe(end)} is a node of its own, not the subgraph "${namesake.title}": give the subgraph an id (\`subgraph ${end.id}G ["${namesake.title}"]\`) and point the arrow at it, or at the web server inside it.`
      : `Continue the path from ${describe(end)}${nextRole && ROLE_EXAMPLES[nextRole] ? `: \`${end.id} --> ${ROLE_EXAMPLES[nextRole]}\`` : ''}.`,
  };
}

/** "a, b and c". */
function listed(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** Arrows that jump over a tier: a load balancer or web server straight to the database. */
function skippedTiers(graph: DiagramGraph, byKey: Map<string, Component>): RuleFinding[] {
  const findings: RuleFinding[] = [];
  // An arrow to a server's box reaches its web or application server first: the database inside is not skipped to.
  const throughServerBox = (group: string | undefined) => {
    const members = group ? graph.groups.find((g) => g.key === group)?.members ?? [] : [];
    return members.some((m) => byKey.get(m)?.roles.some((r) => r === 'web-server' || r === 'app-server'));
  };
  for (const e of graph.edges) {
    if (e.kind === 'note' || throughServerBox(e.viaGroup)) continue;
    const a = byKey.get(e.from);
    const b = byKey.get(e.to);
    if (!a || !b || a.host === b.host) continue;
    for (const [x, y] of e.directed ? [[a, b]] : [[a, b], [b, a]]) {
      const skips = (x!.roles.includes('load-balancer') || x!.roles.includes('web-server')) && !x!.roles.includes('app-server') && y!.roles.includes('database') && !y!.roles.includes('app-server');
      if (skips) {
        findings.push({
          message: `${describe(x!)} talks to the database ${describe(y!)} directly, skipping the application server.`,
          severity: 'warning',
          at: e.source,
          hint: 'Only the application server should query the database.',
        });
      }
    }
  }
  return findings;
}
