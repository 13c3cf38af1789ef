import { componentsWithRole, countWithRole, serverMachines, type DiagramGraph } from '../graph/model.js';
import { normaliseText, TIER_ROLES, type Role } from '../graph/roles.js';
import { clausesOf } from '../prose/clauses.js';
import { affirmedMentions, proseClusterMode, type ClusterMode } from '../prose/analyze-prose.js';
import { ACTIVE_ACTIVE, ACTIVE_PASSIVE } from '../prose/vocabulary.js';
import { plural, roleName } from './diagram-helpers.js';
import type { RuleContext, RuleFinding, RuleModule } from './rule.js';

const CLAIMED_COMPONENTS: { role: Role; name: string; prose: RegExp; text: RegExp }[] = [
  { role: 'firewall', name: 'firewalls', prose: /\bfirewalls?\b/, text: /\b(firewalls?|fw|ufw|iptables|waf)\b/ },
  { role: 'monitoring', name: 'monitoring', prose: /\b(monitoring|monitor(s|ed)?|sumo ?logic|datadog|new ?relic|prometheus|grafana)\b/, text: /\b(monitor\w*|sumo ?logic|datadog|new ?relic|prometheus|grafana|nagios|zabbix)\b/ },
];
const TWO_LBS = /\b(two|2|second|2nd|both|pair of|dual)\b.{0,20}\b(load ?balancers?|lbs|haproxy|haproxies)\b/;

/** The cluster mode the diagram shows, from the words around its load balancers. */
function diagramClusterMode(graph: DiagramGraph): { mode: ClusterMode; text: string; at: RuleFinding['at'] } | null {
  const lbKeys = new Set(componentsWithRole(graph, 'load-balancer').map((c) => c.key));
  const texts = [
    ...componentsWithRole(graph, 'load-balancer').map((c) => ({ text: c.label, at: c.source })),
    ...graph.edges.filter((e) => e.label && (lbKeys.has(e.from) || lbKeys.has(e.to))).map((e) => ({ text: e.label, at: e.source })),
    ...graph.groups.filter((g) => g.members.some((m) => lbKeys.has(m))).map((g) => ({ text: g.title, at: g.source })),
  ];
  for (const t of texts) {
    const norm = normaliseText(t.text);
    if (ACTIVE_ACTIVE.test(norm)) return { mode: 'active-active', text: t.text, at: t.at };
    if (ACTIVE_PASSIVE.test(norm) || /\b(backup|secondary)\b/.test(norm)) return { mode: 'active-passive', text: t.text, at: t.at };
  }
  return null;
}

/** What the prose claims agrees with the diagrams, and the diagrams agree with each other. */
export const consistency: RuleModule = {
  meta: {
    id: 'consistency',
    description: 'What the prose claims agrees with the diagram(s), and the diagrams of one submission agree with each other.',
    diagramBased: true,
    whenTaskMissing: 'pass',
    whenNoDiagram: 'pass',
  },
  check(context) {
    const findings = [...clusterModeConflicts(context), ...countConflicts(context), ...serverCountConflicts(context), ...missingClaimedComponents(context)];
    if (findings.length === 0) return { status: 'pass', message: 'Prose and diagrams agree.' };
    return { status: 'fail', message: findings.map((f) => f.message).join(' '), findings };
  },
};

function clusterModeConflicts({ prose, graphs }: RuleContext): RuleFinding[] {
  const claimed = proseClusterMode(prose);
  if (!claimed) return [];
  for (const graph of graphs) {
    const drawn = diagramClusterMode(graph);
    if (drawn && drawn.mode !== claimed.mode) {
      return [{
        message: `The prose says ${claimed.mode} (${claimed.block.file}:${claimed.block.line}) but the diagram says "${drawn.text}" (${drawn.mode}).`,
        at: drawn.at,
        hint: `Make them agree: either describe an ${drawn.mode} cluster, or draw both load balancers ${claimed.mode}.`,
      }];
    }
  }
  return [];
}

// The parts of the stack every diagram of the design should agree on.
const COUNTED_ROLES: Role[] = ['load-balancer', 'web-server', 'app-server', 'database'];

function countConflicts({ prose, graphs, identities }: RuleContext): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const role of COUNTED_ROLES) {
    const counts = graphs.map((g) => ({ graph: g, n: countWithRole(g, role) })).filter((c) => c.n > 0);
    if (new Set(counts.map((c) => c.n)).size < 2) continue;
    const low = counts.reduce((a, b) => (b.n < a.n ? b : a));
    const high = counts.reduce((a, b) => (b.n > a.n ? b : a));
    // Name what the sparser diagram lacks: the other diagram's boxes with no counterpart in it.
    const missing = componentsWithRole(high.graph, role).filter((c) => !identities.some((id) => id.members.includes(c) && id.members.some((m) => m.diagram === low.graph.diagram)));
    const lacking = missing.length ? ` (no counterpart for ${missing.map((c) => `"${c.label}"`).join(', ')})` : '';
    findings.push({
      message: `The diagrams disagree: the ${low.graph.type} diagram (${low.graph.file}:${low.graph.line}) shows ${plural(low.n, roleName(role))}, the ${high.graph.type} diagram (${high.graph.file}:${high.graph.line}) shows ${high.n}${lacking}.`,
      at: { file: low.graph.file, line: low.graph.line, column: 1 },
      hint: 'Draw the same infrastructure in every diagram.',
    });
  }
  const claim = prose.blocks.find((b) => TWO_LBS.test(b.norm) && !b.inIssuesSection);
  const most = Math.max(0, ...graphs.map((g) => countWithRole(g, 'load-balancer')));
  if (claim && graphs.length && most === 1) {
    findings.push({ message: `The prose speaks of two load balancers (${claim.file}:${claim.line}) but the diagram shows one.`, at: { file: claim.file, line: claim.line, column: 1 }, hint: 'Draw both load balancers.' });
  }
  return findings;
}

const NUMBER_WORDS: Record<string, number> = { two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8 };
// "The design has four servers", "3 web servers": a count the diagram can confirm. Counts that
// describe another design or a later one ("task 2's two servers", "add two more servers") are not claims.
const SERVER_COUNT = /\b(two|three|four|five|six|seven|eight|[2-8])\s+(?:(web|app|application|database|db)\s+|(?:new|dedicated|separate|distinct|physical|different|individual|linux|gnu linux|total)\s+)?servers\b/;
const SERVER_COUNTS = new RegExp(SERVER_COUNT.source, 'g');
const NOT_THIS_DESIGN = /\b(previous\w*|before|earlier|task ?2|old|more|at least|up to|could|would|might|can|future|instead|add|adding|without|only)\b/;

/** Server counts the prose states, per tier ('server' for all machines). */
function claimedServerCounts(prose: RuleContext['prose']): { role: Role | 'server'; n: number; file: string; line: number }[] {
  const claims: { role: Role | 'server'; n: number; file: string; line: number }[] = [];
  for (const block of prose.blocks) {
    if (block.inIssuesSection || block.kind === 'heading' || !SERVER_COUNT.test(block.norm)) continue;
    // Clause by clause: "task 2 had two servers, and this design has five" claims five.
    for (const { norm } of clausesOf(block.text)) {
      if (NOT_THIS_DESIGN.test(norm)) continue;
      for (const m of norm.matchAll(SERVER_COUNTS)) {
        const n = NUMBER_WORDS[m[1]!] ?? Number(m[1]);
        const role: Role | 'server' = !m[2] ? 'server' : m[2] === 'web' ? 'web-server' : m[2] === 'database' || m[2] === 'db' ? 'database' : 'app-server';
        claims.push({ role, n, file: block.file, line: block.line });
      }
    }
  }
  return claims;
}

/** The prose counts servers the diagrams do not show ("four servers" beside a diagram of three). */
function serverCountConflicts({ prose, graphs }: RuleContext): RuleFinding[] {
  if (!graphs.length) return [];
  for (const claim of claimedServerCounts(prose)) {
    // "Servers" may or may not include the load balancers: either reading of a diagram agrees.
    const readings = graphs.flatMap((g) => {
      if (claim.role !== 'server') return [countWithRole(g, claim.role)];
      const tiers = serverMachines(g, [...TIER_ROLES, 'server']).total;
      return [tiers, tiers + countWithRole(g, 'load-balancer')];
    });
    if (readings.includes(claim.n)) continue;
    const what = claim.role === 'server' ? 'servers' : `${roleName(claim.role)}s`;
    return [{
      message: `The prose counts ${claim.n} ${what} (${claim.file}:${claim.line}) but the diagram shows ${[...new Set(readings)].join(' or ')}.`,
      at: { file: claim.file, line: claim.line, column: 1 },
      hint: `Make the count in the prose match the diagram, or draw the ${what} the prose describes.`,
    }];
  }
  return [];
}

function missingClaimedComponents({ prose, graphs }: RuleContext): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const item of CLAIMED_COMPONENTS) {
    const claims = affirmedMentions(prose, item.prose);
    if (!claims.length) continue;
    const drawn = graphs.some((g) => g.components.some((c) => c.roles.includes(item.role)) || g.texts.some((t) => item.text.test(normaliseText(t.text))));
    if (!drawn) {
      const first = claims[0]!;
      findings.push({
        message: `The prose describes ${item.name} (${first.file}:${first.line}) but no diagram shows any.`,
        at: { file: first.file, line: first.line, column: 1 },
        hint: `Draw the ${item.name} in the diagram, or remove the claim.`,
      });
    }
  }
  return findings;
}
