import type { Component, DiagramGraph } from '../graph/model.js';
import { ENTRY_ROLES, type Role } from '../graph/roles.js';
import { bestOverDiagrams, describe, roleName } from './diagram-helpers.js';
import type { RuleFinding, RuleModule, RuleOutcome } from './rule.js';
import { pushTo } from '../multimap.js';

/** The steps of a request, in order; the entry is step 0. */
const STEPS: Role[] = ['load-balancer', 'web-server', 'app-server', 'database'];
const STEP_NAMES = ['the entry (user, DNS, internet)', ...STEPS.map(roleName)];
/** Components a request may cross without it being a step: firewalls, DNS, unclassified boxes... */
const PASS_THROUGH: Role[] = ['firewall', 'dns', 'internet', 'cdn', 'cache', 'certificate', 'server', 'other', 'monitoring', 'client'];

/** A directed path entry -> load balancer -> web server -> application server -> database. */
export const requestFlow: RuleModule = {
  meta: {
    id: 'request-flow',
    description: 'A directed path from the entry (user, browser, DNS, internet) through a load balancer to a web server, an application server, then the database.',
    diagramBased: true,
    whenTaskMissing: 'fail',
  },
  check(context) {
    return bestOverDiagrams(context.graphs, followRequest);
  },
};

function stepOf(c: Component, current: number): number | null {
  // A box may hold several steps ("Server: Nginx + Gunicorn"): walk through all it holds in order.
  let step = current;
  while (step < STEPS.length && c.roles.includes(STEPS[step]!)) step++;
  if (step > current) return step;
  if (current > 0 && c.roles.includes(STEPS[current - 1]!)) return current; // LB1 -> LB2, web -> web
  if (c.roles.every((r) => PASS_THROUGH.includes(r))) return current;
  return null;
}

function followRequest(graph: DiagramGraph): RuleOutcome {
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
  const starts = entries.length ? entries.map((c) => ({ key: c.key, step: 0 })) : graph.components.filter((c) => c.roles.includes('load-balancer')).map((c) => ({ key: c.key, step: 1 }));
  let furthest = 0;
  const seen = new Set<string>();
  const queue = [...starts];
  for (let head = 0; head < queue.length; head++) {
    const { key, step } = queue[head]!;
    const id = `${key}@${step}`;
    if (seen.has(id)) continue;
    seen.add(id);
    furthest = Math.max(furthest, step);
    if (step === STEPS.length && entries.length) return { status: 'pass', message: 'A request can go from the entry through a load balancer, a web server and an application server to the database.', findings };
    for (const n of next.get(key) ?? []) {
      const target = byKey.get(n);
      if (!target) continue;
      const s = stepOf(target, step);
      if (s !== null) queue.push({ key: n, step: s });
    }
  }
  const at = { file: graph.file, line: graph.line, column: 1 };
  if (!entries.length) {
    findings.unshift({
      message: furthest === STEPS.length
        ? 'The request path has no entry: nothing (user, browser, DNS, internet) sends traffic to the load balancers.'
        : 'Nothing in the diagram is a user, browser, DNS or internet entry point.',
      at,
      hint: 'Add the user and DNS: `User((User)) --> DNS[www.foobar.com] --> LB1`.',
    });
    return { status: 'fail', message: 'No entry point for requests.', findings };
  }
  findings.unshift({
    message: `The request path stops after ${STEP_NAMES[furthest]}: no arrow leads on to ${STEP_NAMES[furthest + 1] ?? 'the next step'}.`,
    at,
    hint: 'Draw the path with arrows: User --> LB --> Web server --> App server --> Database.',
  });
  return { status: 'fail', message: `The path from the entry stops after ${STEP_NAMES[furthest]}.`, findings };
}

/** Arrows that jump over a tier: a load balancer or web server straight to the database. */
function skippedTiers(graph: DiagramGraph, byKey: Map<string, Component>): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const e of graph.edges) {
    if (e.kind === 'note') continue;
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
