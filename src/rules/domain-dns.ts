import { componentsWithRole, type DiagramGraph } from '../graph/model.js';
import type { SourcePosition } from '../types.js';
import { bestOverDiagrams } from './diagram-helpers.js';
import { textOption, type RuleModule, type RuleOutcome } from './rule.js';

/**
 * The domain and its resolution to the server's IP are in the diagram: both the domain (option
 * `domain`, `www.` or not) and the IP (option `ip`) are written on it, on a DNS node, an arrow or
 * a node label. One without the other fails: the diagram must show where the name leads.
 */
export const domainDns: RuleModule = {
  meta: {
    id: 'domain-dns',
    description: 'The domain name and its resolution to the server\'s IP appear in the diagram (a DNS node, an arrow\'s label or a node label with the IP).',
    diagramBased: true,
    whenTaskMissing: 'fail',
  },
  check(context) {
    const domain = textOption(context, 'domain');
    const ip = textOption(context, 'ip');
    return bestOverDiagrams(context.graphs, (graph) => checkDomain(graph, domain, ip));
  },
};

/** Label text as it renders: character references decoded (`#46;` is written `&#46;` by then), `\.` read as a dot. */
export function renderedText(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_m, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_m, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&(amp|lt|gt|quot|nbsp);/g, (_m, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', nbsp: ' ' })[name]!)
    .replace(/\\\./g, '.')
    .toLowerCase();
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
    return { status: 'pass', message: named === address ? `"${named.text}" resolves the domain to ${ip}.` : `The diagram names the domain ("${named.text}") and the IP ("${address.text}").` };
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
