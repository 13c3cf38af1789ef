import type { DiagramGraph } from '../graph/model.js';
import { rolePattern } from '../graph/roles.js';
import { plainText } from '../prose/sentences.js';
import { affirms, bestOverDiagrams } from './diagram-helpers.js';
import type { RuleModule, RuleOutcome } from './rule.js';

/**
 * The site is served over HTTPS: an SSL/TLS certificate node, an `HTTPS` / `SSL` / `TLS` / `443`
 * edge or label anywhere in the diagram. Text that says it is absent ("No HTTPS") is not HTTPS.
 */
export const https: RuleModule = {
  meta: {
    id: 'https',
    description: 'HTTPS / SSL certificate shown (a certificate node, an HTTPS/SSL/TLS edge or label on the way in).',
    diagramBased: true,
    whenTaskMissing: 'fail',
  },
  check(context) {
    return bestOverDiagrams(context.graphs, findHttps);
  },
};

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
