import { explanationsOf, readingOf, readsLanguage, topicsOfBlock } from '../prose/analyze-prose.js';
import type { Topic } from '../prose/elements.js';
import { unreadLanguage } from './prose-helpers.js';
import { outcomeFromShare, type RuleFinding, type RuleModule } from './rule.js';

const ELEMENTS: { topic: Topic; name: string; hint: string }[] = [
  { topic: 'lb-cluster', name: 'the second load balancer / cluster', hint: 'Say why: e.g. "A second HAProxy in a cluster removes the load balancer as a single point of failure: if one fails, the other keeps serving."' },
  { topic: 'added-server', name: 'the additional server', hint: 'Say why the third server is added: e.g. "The additional server lets each component run on its own machine and absorbs more traffic."' },
  { topic: 'split', name: 'splitting web, application and database onto their own servers', hint: 'Say why: e.g. "Each component gets its own server so that they stop competing for CPU and memory and can be scaled independently."' },
];

/** The prose says why each added element is added. Partial credit per element. */
export const explainAdditions: RuleModule = {
  meta: {
    id: 'explain-additions',
    description: 'The prose says why each added element is added: the second load balancer / cluster, the additional server, the split of web/app/database.',
    diagramBased: false,
    whenTaskMissing: 'fail',
    partialCredit: true,
  },
  check({ prose, submission, options }) {
    if (!readsLanguage(prose)) return unreadLanguage(prose);
    const findings: RuleFinding[] = [];
    const explained: string[] = [];
    // A rubric may ask for fewer elements (the older curriculum has no split).
    const wanted = Array.isArray(options.elements) ? ELEMENTS.filter((el) => (options.elements as string[]).includes(el.topic)) : ELEMENTS;
    for (const el of wanted) {
      const blocks = explanationsOf(prose, el.topic);
      if (blocks.length) {
        explained.push(`${el.name} (line ${blocks[0]!.line})`);
      } else {
        const mention = prose.blocks.find((b) => topicsOfBlock(prose, b).has(el.topic) || readingOf(prose, b).headingTopics.has(el.topic));
        findings.push({
          message: mention ? `${capitalise(el.name)} is mentioned (line ${mention.line}) but never justified: a name or a heading is not an explanation.` : `${capitalise(el.name)} is never explained.`,
          at: mention ? { file: mention.file, line: mention.line, column: 1 } : submission.taskFile ? { file: submission.taskFile.relPath, line: 1, column: 1 } : null,
          hint: el.hint,
        });
      }
    }
    const message = findings.length === 0 ? `Every added element is explained: ${explained.join(', ')}.` : `Explained: ${explained.join(', ') || 'nothing'}; not explained: ${wanted.filter((el) => !explained.some((e) => e.startsWith(el.name))).map((el) => el.name).join(', ')}.`;
    const parts = Object.fromEntries(wanted.map((el) => [el.topic, explanationsOf(prose, el.topic).length > 0]));
    return { ...outcomeFromShare(explained.length, wanted.length, message, findings), parts };
  },
};

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
