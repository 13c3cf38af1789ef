import type { SimilarGroup } from './find-similar.js';

/**
 * A group's evidence in words, for the report and the terminal:
 * `text 0.97 in 3-scale_up (ana: 3-scale_up.md lines 5, 9; ben: 3-scale_up.md lines 5, 9); same graph in 3-scale_up (14 nodes, 18 edges, drawn by 8)`.
 */
export function describeEvidence(group: SimilarGroup): string {
  const parts: string[] = [];
  if (group.prose) {
    const { task, score, weakest, shared } = group.prose;
    const where = shared.map((s) => `${s.student}: ${s.file} line${s.lines.length > 1 ? 's' : ''} ${s.lines.join(', ')}`).join('; ');
    const chained = weakest < score ? `, weakest link ${weakest}` : '';
    parts.push(`text ${score} in ${task}${chained}${where ? ` (${where})` : ''}`);
  }
  if (group.graph) {
    const { task, nodes, edges, drawnBy } = group.graph;
    parts.push(`same graph in ${task} (${nodes} nodes, ${edges} edges, drawn by ${drawnBy})`);
  }
  return parts.join('; ');
}
