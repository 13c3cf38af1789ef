import { jsonSafe, printable } from '../chars.js';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { extractDiagrams, type DiagramSource } from '../diagrams/extract.js';
import { oracleDiagramType, toOracleGraph } from '../diagrams/oracle-record.js';
import { parseDiagram } from '../diagrams/parse-diagram.js';
import { parseMarkdown } from '../markdown/parse-markdown.js';
import { safeRead } from '../read/safe-read.js';
import type { CliIO } from './io.js';

/** `infralint parse FILE`: each diagram's verdict, first error and graph (in the oracle's shape). */
export async function runParse(file: string, format: 'text' | 'json', io: CliIO): Promise<number> {
  const outcome = safeRead(path.dirname(file), file);
  if (!outcome.ok) throw new UsageError(outcome.notices.map((n) => n.message).join('; '));
  const { text, relPath } = outcome.file;
  const sources: DiagramSource[] = file.endsWith('.mmd')
    ? [{ file: relPath, origin: 'file', text, line: 1, indent: 0, closed: true }]
    : extractDiagrams(relPath, text, parseMarkdown(text), true);
  const records = [];
  for (const source of sources) {
    const parse = await parseDiagram(source.text);
    const e = parse.errors[0];
    records.push({
      file: source.file,
      line: source.line,
      valid: parse.valid,
      diagramType: oracleDiagramType(parse),
      error: e ? { message: e.message, line: source.line + e.line - 1, column: e.column + source.indent, code: e.code, ...(e.hint ? { hint: e.hint } : {}) } : null,
      graph: toOracleGraph(parse),
    });
  }
  if (format === 'json') {
    io.stdout(`${jsonSafe(JSON.stringify(records, null, 2))}\n`);
  } else if (records.length === 0) {
    io.stdout(`${printable(relPath)}: no Mermaid diagram found\n`);
  } else {
    // The file's own text (its name, quoted tokens) is printed with its control characters written out.
    for (const r of records) {
      io.stdout(`${printable(r.file)}:${r.line} ${printable(r.diagramType ?? 'unknown')} ${r.valid ? 'valid' : 'INVALID'}\n`);
      if (r.error) io.stdout(`  ${printable(r.file)}:${r.error.line}:${r.error.column} ${printable(r.error.message)}${r.error.hint ? `\n  hint: ${printable(r.error.hint)}` : ''}\n`);
    }
  }
  return records.every((r) => r.valid) ? 0 : 1;
}
