import { labelHas, shownLabel } from '../graph/labels.js';
import { componentsWithRole, type Component, type DiagramGraph } from '../graph/model.js';
import type { SourcePosition } from '../types.js';
import { bestOverDiagrams } from './diagram-helpers.js';
import { textOption, textOptionsProblem, type RuleModule, type RuleOutcome } from './rule.js';

/**
 * The domain and its resolution to the server's IP are in the diagram: both the domain (option
 * `domain`, `www.` or not) and the IP (option `ip`) are written on it, on a DNS node, an arrow or
 * a node label. One without the other fails: the diagram must show where the name leads. With the
 * option `edgeLabel` (`"A record → 8.8.8.8"`), the arrow from the domain or DNS to the server it
 * resolves to must carry that label (matched as prescribed-labels matches: case, spacing, `&rarr;`).
 */
export const domainDns: RuleModule = {
  meta: {
    id: 'domain-dns',
    description: 'The domain name and its resolution to the server\'s IP appear in the diagram (a DNS node, an arrow\'s label or a node label with the IP).',
    diagramBased: true,
    whenTaskMissing: 'fail',
    validateOptions: (options) => textOptionsProblem(options, ['edgeLabel'], ['domain', 'ip']),
  },
  check(context) {
    const domain = textOption(context, 'domain');
    const ip = textOption(context, 'ip');
    const edgeLabel = typeof context.options.edgeLabel === 'string' ? context.options.edgeLabel : null;
    return bestOverDiagrams(context.graphs, (graph) => {
      const outcome = checkDomain(graph, domain, ip);
      return outcome.status === 'pass' && edgeLabel ? checkRecordArrow(graph, edgeLabel, outcome) : outcome;
    });
  },
};

/** Label text as it renders, in lower case: character references decoded (`&#46;`, `&rarr;`), `\.` read as a dot. */
export function renderedText(text: string): string {
  return shownLabel(text).toLowerCase();
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function checkDomain(graph: DiagramGraph, domain: string, ip: string): RuleOutcome {
  const bare = domain.toLowerCase().replace(/^www\./, '');
  // "www.foobar.com", "foobar.com", and "wwwfoobar.com" (the dot forgotten) name the domain.
  const domainPattern = new RegExp(`(?:^|[^a-z0-9-]|www)${escape(bare)}(?![a-z0-9-])`);
  const ipPattern = new RegExp(`(?<![\\d.])${escape(ip)}(?!\\.?\\d)`);
  const find = (pattern: RegExp) => graph.texts.find((t) => pattern.test(renderedText(t.text)));
  const named = find(domainPattern);
  const address = find(ipPattern);
  if (named && address) {
    return { status: 'pass', message: named === address ? `"${shownLabel(named.text)}" resolves the domain to ${ip}.` : `The diagram names the domain ("${shownLabel(named.text)}") and the IP ("${shownLabel(address.text)}").` };
  }
  const dns = componentsWithRole(graph, 'dns')[0];
  const at: SourcePosition = dns?.source ?? named?.source ?? address?.source ?? { file: graph.file, line: graph.line, column: 1 };
  const example = `DNS["DNS: www.${bare} -> ${ip} (A record)"]`;
  const missing = !named && !address ? `neither the domain ${bare} nor the IP ${ip}` : !named ? `the IP ${ip} but not the domain ${bare}` : `the domain ${bare} but not the IP ${ip} it resolves to`;
  return {
    status: 'fail',
    message: `The diagram shows ${missing}.`,
    findings: [{
      message: `The diagram shows ${missing}${dns && !named ? ` (the DNS box is ${dns.label === dns.id ? `\`${dns.id}\`` : `"${dns.label}"`})` : ''}.`,
      at,
      hint: `Write both on the DNS node or its arrow, e.g. \`User --> ${example} --> Server\`.`,
    }],
  };
}

/**
 * The arrow from the domain (or the DNS box) to what it resolves to carries the record's label: the
 * domain's resolution drawn where it happens. The label on another arrow is pointed at.
 */
function checkRecordArrow(graph: DiagramGraph, label: string, found: RuleOutcome): RuleOutcome {
  const byKey = new Map(graph.components.map((c) => [c.key, c]));
  const isDns = (c: Component | undefined) => c?.roles.includes('dns') === true;
  // The user or DNS on the far end is the lookup, not the server the name leads to.
  const leadsIn = (c: Component | undefined) => c !== undefined && !c.roles.some((r) => r === 'dns' || r === 'client' || r === 'internet');
  const resolving = graph.edges.filter((e) => e.kind !== 'note' && ((isDns(byKey.get(e.from)) && leadsIn(byKey.get(e.to))) || (!e.directed && isDns(byKey.get(e.to)) && leadsIn(byKey.get(e.from)))));
  const right = resolving.find((e) => labelHas(e.label, label));
  const name = (key: string) => byKey.get(key)?.id ?? key;
  if (right) return { status: 'pass', message: `${found.message.replace(/\.$/, '')}; the arrow \`${name(right.from)} --> ${name(right.to)}\` says "${shownLabel(right.label)}".` };
  const elsewhere = graph.edges.find((e) => labelHas(e.label, label));
  const domain = componentsWithRole(graph, 'dns')[0];
  const example = `\`${domain?.id ?? 'site'} -->|"${label}"| ${resolving[0] ? name(resolving[0].to) : 'web'}\``;
  return {
    status: 'fail',
    message: elsewhere
      ? `"${label}" is on \`${name(elsewhere.from)} --> ${name(elsewhere.to)}\`, not on the arrow from the domain to the server.`
      : `No arrow from the domain to the server says "${label}".`,
    findings: [{
      message: elsewhere
        ? `The label "${label}" is on the arrow \`${name(elsewhere.from)} --> ${name(elsewhere.to)}\`: the task puts it on the arrow from the domain (or DNS) to the server the name resolves to.`
        : resolving[0]
          ? `The arrow \`${name(resolving[0].from)} --> ${name(resolving[0].to)}\` leads from the domain to the server, but does not say "${label}".`
          : `No arrow leads from the domain (or DNS) to the server, so nothing says "${label}".`,
      at: (elsewhere ?? resolving[0])?.source ?? domain?.source ?? { file: graph.file, line: graph.line, column: 1 },
      hint: `Label the arrow from the domain to the server: ${example}.`,
    }],
  };
}
