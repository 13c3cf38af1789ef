import path from 'node:path';
import type { TaskResult } from './model.js';

/**
 * The result with every location relative to `base` instead of the submission's root
 * (`3-scale_up.md` checked as `web_infrastructure_design/` becomes `web_infrastructure_design/3-scale_up.md`).
 * A base that does not contain the root changes nothing.
 */
export function rebase(result: TaskResult, base: string): TaskResult {
  const prefix = path.relative(path.resolve(base), result.root).split(path.sep).join('/');
  if (prefix.startsWith('..') || path.isAbsolute(prefix)) return result;
  const at = (file: string) => (prefix ? `${prefix}/${file}` : file);
  return {
    ...result,
    base: path.resolve(base),
    path: at(result.path),
    rules: result.rules.map((r) => ({ ...r, findings: r.findings.map((f) => ({ ...f, file: at(f.file) })) })),
    diagrams: result.diagrams.map((d) => ({ ...d, file: at(d.file) })),
    graph: {
      components: result.graph.components.map((c) => ({ ...c, file: at(c.file), ...(c.sameAs ? { sameAs: c.sameAs.map((x) => ({ ...x, file: at(x.file) })) } : {}) })),
      edges: result.graph.edges.map((e) => ({ ...e, file: at(e.file) })),
      groups: result.graph.groups,
    },
  };
}
