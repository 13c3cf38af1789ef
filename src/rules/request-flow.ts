import type { Component, DiagramGraph, Edge } from '../graph/model.js';
import { ENTRY_ROLES, normaliseText, ROLES, type Role } from '../graph/roles.js';
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
 * Options: `directed`, only arrows count (a `---` link no longer counts both ways; `<-->` does);
 * `response`, a directed path also brings the response back from the stack to the user, and not
 * through DNS.
 */
export const requestFlow: RuleModule = {
  meta: {
    id: 'request-flow',
    description: 'A directed path from the entry (user, browser, DNS, internet) through a load balancer to a web server, an application server, then the database.',
    diagramBased: true,
    whenTaskMissing: 'fail',
    validateOptions(options) {
      if (options.steps !== undefined && !(Array.isArray(options.steps) && options.steps.length > 0 && options.steps.every((r) => ROLES.includes(r as Role)))) {
        return `option "steps" must be a non-empty list of roles among ${ROLES.join(', ')}`;
      }
      for (const name of ['directed', 'response']) if (options[name] !== undefined && typeof options[name] !== 'boolean') return `option "${name}" must be true or false`;
      return null;
    },
  },
  check(context) {
    const steps = rolesOption(context, 'steps', DEFAULT_STEPS);
    const directed = context.options.directed === true;
    const response = context.options.response === true;
    return bestOverDiagrams(context.graphs, (graph) => {
      const request = followRequest(graph, steps, directed);
      return response && request.status === 'pass' ? followResponse(graph, steps, request) : request;
    });
  },
};

/** Where each box's arrows lead: `---` links both ways unless only arrows count; `<-->` both ways. */
function linksOf(graph: DiagramGraph, arrowsOnly: boolean, skip: (e: Edge) => boolean = () => false): Map<string, string[]> {
  const next = new Map<string, string[]>();
  for (const e of graph.edges) {
    if (e.kind === 'note' || skip(e) || (arrowsOnly && !e.directed && !e.bothWays)) continue;
    pushTo(next, e.from, e.to);
    if (!e.directed) pushTo(next, e.to, e.from);
  }
  return next;
}

function stepOf(c: Component, current: number, steps: readonly Role[]): number | null {
  // A box may hold several steps ("Server: Nginx + Gunicorn"): walk through all it holds in order.
  let step = current;
  while (step < steps.length && c.roles.includes(steps[step]!)) step++;
  if (step > current) return step;
  if (current > 0 && c.roles.includes(steps[current - 1]!)) return current; // LB1 -> LB2, web -> web
  if (c.roles.every((r) => PASS_THROUGH.includes(r))) return current;
  return null;
}

function followRequest(graph: DiagramGraph, steps: readonly Role[], arrowsOnly: boolean): RuleOutcome {
  const stepNames = ['the entry (user, DNS, internet)', ...steps.map(roleName)];
  const path = ['User', ...steps.map((r) => STEP_NODES[r] ?? roleName(r))].join(' --> ');
  const byKey = new Map(graph.components.map((c) => [c.key, c]));
  const next = linksOf(graph, arrowsOnly);
  // Components on one machine reach each other without an arrow.
  for (const h of graph.hosts) for (const a of h.components) for (const b of h.components) if (a !== b) pushTo(next, a, b);

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

/**
 * The response comes back: a directed path from a box of the stack (any step) to the user that
 * does not go through DNS (DNS answers the name lookup; the pages come from the servers).
 */
function followResponse(graph: DiagramGraph, steps: readonly Role[], request: RuleOutcome): RuleOutcome {
  const byKey = new Map(graph.components.map((c) => [c.key, c]));
  const users = graph.components.filter((c) => c.roles.includes('client'));
  const starts = graph.components.filter((c) => c.roles.some((r) => steps.includes(r)));
  const isDns = (key: string) => byKey.get(key)?.roles.includes('dns') === true;
  const reach = (throughDns: boolean): { user: Component; via: string | null } | null => {
    const next = linksOf(graph, true);
    const via = new Map<string, string | null>(starts.map((c) => [c.key, null]));
    const queue = starts.map((c) => c.key);
    for (let head = 0; head < queue.length; head++) {
      const key = queue[head]!;
      for (const n of next.get(key) ?? []) {
        if (via.has(n) || (!throughDns && isDns(n))) continue;
        via.set(n, isDns(n) ? n : via.get(key) ?? null);
        const user = users.find((u) => u.key === n);
        if (user) return { user, via: via.get(n) ?? null };
        // The response stops at the user: it does not go on from the entry boxes.
        if (!byKey.get(n)?.roles.includes('client')) queue.push(n);
      }
    }
    return null;
  };
  const at = { file: graph.file, line: graph.line, column: 1 };
  const first = starts.find((c) => c.roles.includes(steps[0]!)) ?? starts[0];
  const example = `\`${first?.id ?? 'web'} -.->|"response"| ${users[0]?.id ?? 'user'}\``;
  if (!users.length) {
    return { status: 'fail', message: 'No user in the diagram for the response to go back to.', findings: [...(request.findings ?? []), { message: 'The diagram has no user (browser, client) for the response to go back to.', at, hint: `Draw the user and the response arrow back to it: \`user["User"]\`, then ${example}.` }] };
  }
  const direct = reach(false);
  if (direct) return { ...request, message: `${request.message.replace(/\.$/, '')}, and the response comes back to ${describe(direct.user)}.` };
  const throughDns = reach(true);
  const dns = throughDns?.via ? byKey.get(throughDns.via) : undefined;
  return {
    status: 'fail',
    message: dns ? `The response goes back to the user through ${describe(dns)}.` : 'No directed arrow brings the response back to the user.',
    findings: [...(request.findings ?? []), {
      message: dns
        ? `The response reaches the user only through ${describe(dns)}: DNS answers the name lookup, the response goes from the server straight back to the user.`
        : 'The request path is drawn, but no arrow brings the response back to the user: the task asks for the response path too, as directed arrows.',
      at: dns?.source ?? first?.source ?? at,
      hint: `Draw the response as its own arrow back to the user, e.g. ${example}.`,
    }],
  };
}
