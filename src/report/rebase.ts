import path from 'node:path';
import type { FixedFile } from '../fix/model.js';
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
    rules: result.rules.map((r) => ({ ...r, findings: r.findings.map((f) => ({ ...f, file: at(f.file), ...(f.fix?.kind === 'file' ? { fix: { ...f.fix, rename: { from: at(f.fix.rename.from), to: at(f.fix.rename.to) } } } : {}) })) })),
    diagrams: result.diagrams.map((d) => ({ ...d, file: at(d.file) })),
    graph: {
      components: result.graph.components.map((c) => ({ ...c, file: at(c.file), ...(c.sameAs ? { sameAs: c.sameAs.map((x) => ({ ...x, file: at(x.file) })) } : {}) })),
      edges: result.graph.edges.map((e) => ({ ...e, file: at(e.file) })),
      groups: result.graph.groups,
    },
  };
}

/** A fixed file named relative to `base` (its absolute paths stay). */
export function rebaseFixed(fixed: FixedFile, base: string): FixedFile {
  const name = (abs: string) => path.relative(path.resolve(base), abs).split(path.sep).join('/');
  const inside = (abs: string) => !name(abs).startsWith('..') && !path.isAbsolute(name(abs));
  if (!inside(fixed.path)) return fixed;
  return { ...fixed, file: name(fixed.path), ...(fixed.renameTo ? { renameTo: { ...fixed.renameTo, file: name(fixed.renameTo.path) } } : {}) };
}
