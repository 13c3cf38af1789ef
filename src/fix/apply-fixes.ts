import path from 'node:path';
import { DEFAULT_MAX_BYTES, safeRead } from '../read/safe-read.js';
import type { TaskResult } from '../report/model.js';
import type { FixedFile, FixType, TextFix } from './model.js';
import { dominantEol, editsOverlap, rawOffsets, type TextEdit } from './text-edit.js';

/**
 * The files as the findings' fixes of `types` leave them, read again and edited in memory (nothing
 * is written): the fixes of one file gathered from every task (a file read by two tasks is fixed
 * once), line endings and byte-order mark kept. `results` are located at their root (not rebased).
 */
export function fixedFiles(results: readonly TaskResult[], types: readonly FixType[], maxBytes = DEFAULT_MAX_BYTES): FixedFile[] {
  const byFile = new Map<string, { root: string; rel: string; fixes: TextFix[] }>();
  const out: FixedFile[] = [];
  const renamed = new Set<string>();
  for (const result of results) {
    for (const finding of result.rules.flatMap((r) => r.findings)) {
      const fix = finding.fix;
      if (!fix || !types.includes(fix.kind)) continue;
      if (fix.kind === 'file') {
        const from = path.resolve(result.root, fix.rename.from);
        if (renamed.has(from)) continue;
        renamed.add(from);
        const read = safeRead(result.root, from, maxBytes, { keepLineEndings: true });
        if (!read.ok || read.file.truncated) continue;
        const text = `${read.file.hadBom ? '\uFEFF' : ''}${read.file.text}`;
        out.push({ file: fix.rename.from, path: from, before: text, text, changes: [{ line: 1, description: fix.description }], renameTo: { file: fix.rename.to, path: path.resolve(result.root, fix.rename.to) } });
        continue;
      }
      const abs = path.resolve(result.root, finding.file);
      const entry = byFile.get(abs) ?? { root: result.root, rel: finding.file, fixes: [] };
      if (!entry.fixes.some((f) => f.range[0] === fix.range[0] && f.range[1] === fix.range[1] && f.text === fix.text)) entry.fixes.push(fix);
      byFile.set(abs, entry);
    }
  }
  for (const [abs, { root, rel, fixes }] of byFile) {
    const fixed = fixFile(root, abs, rel, fixes, maxBytes);
    if (fixed) out.push(fixed);
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function fixFile(root: string, abs: string, rel: string, fixes: TextFix[], maxBytes: number): FixedFile | null {
  const read = safeRead(root, abs, maxBytes, { keepLineEndings: true });
  if (!read.ok || read.file.truncated || read.file.invalidUtf8) return null;
  const raw = read.file.text;
  const normalised = raw.replace(/\r\n?/g, '\n');
  const lines = normalised.split('\n');
  // Fixes whose lines no longer read as they did (the file changed since it was linted) or that overlap one kept are dropped.
  const kept: TextFix[] = [];
  for (const fix of fixes) {
    const current = fix.hunks.every((h) => h.before.every((l, k) => lines[h.line - 1 + k] === l));
    if (current && !editsOverlap([...kept.flatMap((f) => f.edits), ...fix.edits])) kept.push(fix);
  }
  if (!kept.length) return null;
  const toRaw = rawOffsets(raw);
  const eol = dominantEol(raw);
  const edits: TextEdit[] = kept.flatMap((f) => f.edits);
  const sorted = [...edits].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  let text = '';
  let last = 0;
  for (const e of sorted) {
    const [start, end] = [toRaw(e.range[0]), toRaw(e.range[1])];
    text += raw.slice(last, start) + e.text.replace(/\n/g, eol);
    last = end;
  }
  text += raw.slice(last);
  const bom = read.file.hadBom ? '\uFEFF' : '';
  const changes = kept.flatMap((f) => f.changes);
  return { file: rel, path: abs, before: bom + raw, text: bom + text, changes: changes.sort((a, b) => a.line - b.line) };
}
