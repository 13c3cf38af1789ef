import { buildDiagramGraph } from '../graph/build-graph.js';
import { identifyComponents } from '../graph/identify-components.js';
import type { DiagramGraph } from '../graph/model.js';
import { analyseProse } from '../prose/analyze-prose.js';
import type { RuleContext } from '../rules/rule.js';
import type { LoadedSubmission } from '../submission/model.js';

/** What every rule of a task reads: the submission, its graphs, their components by identity, its prose. */
export type Analysis = Omit<RuleContext, 'options'>;

/** Builds a graph of each readable diagram, merges their components by identity, and reads the prose. */
export function analyseSubmission(submission: LoadedSubmission): Analysis {
  const graphs: DiagramGraph[] = [];
  for (const d of submission.diagrams) {
    if (d.parse.ast) graphs.push(buildDiagramGraph(d.parse.ast, { index: d.index, file: d.file, line: d.line, indent: d.indent }));
  }
  const identities = identifyComponents(graphs);
  const prose = analyseProse(submission.files.filter((f) => f.markdown).map((f) => ({ file: f.relPath, blocks: f.markdown!.prose })));
  return { submission, graphs, identities, prose };
}
