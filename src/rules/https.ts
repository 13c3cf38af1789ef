import type { Component, DiagramGraph } from '../graph/model.js';
import { ENTRY_ROLES, rolePattern } from '../graph/roles.js';
import { plainText } from '../prose/sentences.js';
import { affirms, bestOverDiagrams } from './diagram-helpers.js';
import type { RuleModule, RuleOutcome } from './rule.js';

/**
 * The site is served over HTTPS: an SSL/TLS certificate node, an `HTTPS` / `SSL` / `TLS` / `443`
 * edge or label anywhere in the diagram. Text that says it is absent ("No HTTPS") is not HTTPS.
 * With the option `entry`, HTTPS must label the user's own connection: an arrow with the user,
 * browser, DNS or internet at one end (the way in, before the load balancer).
 */
export const https: RuleModule = {
  meta: {
    id: 'https',
    description: 'HTTPS / SSL certificate shown (a certificate node, an HTTPS/SSL/TLS edge or label on the way in).',
    diagramBased: true,
    whenTaskMissing: 'fail',
    validateOptions(options) {
      return options.entry === undefined || typeof options.entry === 'boolean' ? null : 'option "entry" must be true or false';
    },
  },
  check(context) {
    const entry = context.options.entry === true;
    return bestOverDiagrams(context.graphs, (graph) => {
      const found = findHttps(graph);
      return entry && found.status === 'pass' ? onTheWayIn(graph, found) : found;
    });
  },
};

/** HTTPS on an arrow of the way in: one end is the user, browser, DNS or internet. */
function onTheWayIn(graph: DiagramGraph, found: { message: string }): ReturnType<typeof findHttps> {
  const pattern = rolePattern('certificate')!;
  const byKey = new Map(graph.components.map((c) => [c.key, c]));
  const outside = (key: string) => byKey.get(key)?.roles.some((r) => ENTRY_ROLES.includes(r)) === true;
  const id = (key: string) => byKey.get(key)?.id ?? key;
  const secured = graph.edges.filter((e) => e.kind !== 'note' && affirms(shownText(e.label), pattern));
  const entry = secured.find((e) => outside(e.from) || outside(e.to));
  if (entry) return { status: 'pass', message: `HTTPS on the way in: \`${id(entry.from)} --> ${id(entry.to)}\` says "${shownText(entry.label)}".` };
  const user: Component | undefined = graph.components.find((c) => c.roles.includes('client')) ?? graph.components.find((c) => outside(c.key));
  const first = user ? graph.edges.find((e) => e.kind !== 'note' && (e.from === user.key || (!e.directed && e.to === user.key)) && !outside(e.from === user.key ? e.to : e.from)) : undefined;
  const where = secured[0] ? `on \`${id(secured[0].from)} --> ${id(secured[0].to)}\`, inside the infrastructure` : `only ${found.message.replace(/^HTTPS is shown: /, 'as ').replace(/\.$/, '')}`;
  const arrow = first ? `\`${id(first.from)} -->|"HTTPS"| ${id(first.to)}\`` : '`user -->|"HTTPS"| entry`';
  return {
    status: 'fail',
    message: `HTTPS is drawn ${where}, not on the user's connection.`,
    findings: [{
      message: `HTTPS is drawn ${where}: the task asks for it on the user's connection to the entry of the infrastructure, before the load balancer.`,
      at: (first ?? secured[0])?.source ?? { file: graph.file, line: graph.line, column: 1 },
      hint: `Label the user's arrow into the infrastructure: ${arrow}.`,
    }],
  };
}

/** What a label shows once rendered: the text of HTML tags, not their attributes (`<a href="https://...">`). */
export function shownText(text: string): string {
  return text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
}

function findHttps(graph: DiagramGraph): RuleOutcome {
  const pattern = rolePattern('certificate')!;
  const texts = graph.texts.map((t) => ({ text: shownText(t.text), source: t.source }));
  const shown = texts.find((t) => affirms(t.text, pattern));
  if (shown) return { status: 'pass', message: `HTTPS is shown: "${shown.text}" (${shown.source.file}:${shown.source.line}).` };
  const denied = texts.find((t) => pattern.test(plainText(t.text)));
  return {
    status: 'fail',
    message: denied ? `The diagram says HTTPS is absent ("${denied.text}").` : 'No HTTPS, SSL/TLS or certificate in the diagram.',
    findings: [{
      message: denied ? `"${denied.text}" says the site is not served over HTTPS.` : 'Nothing in the diagram shows that www.foobar.com is served over HTTPS.',
      at: denied?.source ?? { file: graph.file, line: graph.line, column: 1 },
      hint: 'Label the user\'s arrow `User -->|HTTPS| LB[HAProxy]`, or draw the certificate: `CERT[SSL certificate for www.foobar.com] --- LB`.',
    }],
  };
}
