import { prepareMermaidSource, replaceAll, type Editable } from '../mermaid-source.js';
import { LineIndex } from '../line-index.js';
import type { DiagramError, DiagramParse } from '../types.js';
import { diagnoseFlowchart, quotedLabelFix } from './diagnose.js';
import { runFlowchartParse, type FlowParseRun } from './parse-flowchart-lr.js';

/**
 * Parses a Mermaid `flowchart`/`graph` diagram as Mermaid 12.3 does, in two passes:
 * 1. the faithful pass reads exactly what Mermaid reads and decides validity and the error;
 * 2. when that fails, a repair pass reads the text with the usual student mistakes mended
 *    (`->`, unquoted brackets in labels, a space before `[`, `end` as an id, trailing `%%`), with
 *    token-level repairs and statement-level recovery, so the graph rules still see the diagram.
 * Never throws; every position is in the student's text.
 */
export function parseFlowchart(raw: string): DiagramParse {
  const prepared = prepareMermaidSource(raw);
  const lines = new LineIndex(prepared.raw);
  const source = replaceAll({ text: prepared.text, origin: prepared.origin }, /\}\s*\n/g, () => '}\n');
  const positionIn = (ed: Editable) => (offset: number) => lines.at(ed.origin[Math.max(0, Math.min(offset, ed.origin.length - 1))] ?? prepared.raw.length);

  if (prepared.frontMatterError) {
    const blankFirst = /^\s*\n\s*---/.test(prepared.raw);
    return {
      kind: 'flowchart',
      typeWord: null,
      valid: false,
      errors: [{
        code: blankFirst ? 'front-matter-not-first' : 'unclosed-front-matter',
        message: blankFirst ? 'Front matter (---) must be the very first line of the diagram: blank lines before it make Mermaid reject the diagram.' : prepared.frontMatterError,
        line: 1,
        column: 1,
        hint: blankFirst ? 'Remove the blank lines above the opening ---.' : 'Close the front matter with a line holding only ---, or remove the opening ---.',
      }],
      ast: { kind: 'flowchart', direction: null, vertices: new Map(), edges: [], subgraphs: [] },
    };
  }

  const faithful = runFlowchartParse(source.text, positionIn(source), false);
  const typeWord = faithful.tokens.find((t) => t.type === 'GRAPH')?.text ?? null;
  const first = firstError(faithful, prepared.raw, positionIn(source), lines);
  if (!first) return { kind: 'flowchart', typeWord, valid: true, errors: [], ast: faithful.db.toAst() };

  const mended = mendText(source);
  const repaired = runFlowchartParse(mended.text, positionIn(mended), true);
  const ast = repaired.db.vertices.size >= faithful.db.vertices.size ? repaired.db.toAst() : faithful.db.toAst();
  return { kind: 'flowchart', typeWord, valid: false, errors: first, ast };
}

function firstError(run: FlowParseRun, raw: string, position: (offset: number) => { line: number; column: number }, lines: LineIndex): DiagramError[] | null {
  const syntax = run.syntaxErrors[0];
  const semantic = run.semanticErrors[0];
  if (semantic && (!syntax || semantic.offset <= syntax.token.start)) {
    return [{ code: semantic.code, message: semantic.message, ...position(Math.max(0, semantic.offset)), ...(semantic.hint ? { hint: semantic.hint } : {}) }];
  }
  if (!syntax) return null;
  return diagnoseFlowchart(syntax, { raw, tokens: run.tokens, position, rawPosition: (offset) => lines.at(offset) });
}

/** The repairs a mentor would make to read the diagram the student meant. */
function mendText(source: Editable): Editable {
  let ed = source;
  // `A -> B` meant `A --> B`.
  ed = replaceAll(ed, /(^|[^-=.<>|])->(?![>x)])/gm, (m) => `${m[1]}-->`);
  // Trailing `%%` comments.
  ed = replaceAll(ed, /^[^\n]*%%[^\n]*$/gm, (m) => {
    const cut = trailingCommentStart(m[0]);
    return cut < 0 ? m[0] : m[0].slice(0, cut).trimEnd();
  });
  // `DB [Database]`: no space between an id and its shape.
  ed = replaceAll(ed, /^(\s*[\p{L}\w.-]+)[ \t]+(?=[[({])/gmu, (m) => m[1]!);
  ed = replaceAll(ed, /(-->|---|==>|-\.->|&)(\s*[\p{L}\w.-]+)[ \t]+(?=[[({])/gu, (m) => `${m[1]}${m[2]}`);
  // `end` as a node id.
  ed = replaceAll(ed, /(-->|---|==>|-\.->|&|\|)(\s*)end\b(?!\s*$)/gm, (m) => `${m[1]}${m[2]}end_`);
  ed = replaceAll(ed, /(-->|---|==>|-\.->)(\s*)end(\s*)$/gm, (m) => `${m[1]}${m[2]}end_${m[3]}`);
  // Labels holding brackets, parentheses or quotes: quote them.
  ed = replaceAll(ed, /^[^\n]*$/gm, (m) => quoteLabelsInLine(m[0]));
  ed = replaceAll(ed, /\|(?!")([^|\n]*[()[\]{}"][^|\n]*)\|/g, (m) => `|"${m[1]!.replace(/"/g, '#quot;')}"|`);
  return ed;
}

/** Where a `%%` comment starts after a statement on this line (outside quotes), or -1. */
export function trailingCommentStart(line: string): number {
  let quotes = 0;
  for (let i = 0; i < line.length - 1; i++) {
    if (line[i] === '"') quotes++;
    else if (line[i] === '%' && line[i + 1] === '%' && line[i + 2] !== '{' && quotes % 2 === 0) {
      return line.slice(0, i).trim() ? i : -1;
    }
  }
  return -1;
}

/** Quotes every unquoted node label of a line that holds a bracket, parenthesis or quote. */
function quoteLabelsInLine(line: string): string {
  if (!/[\p{L}\w][[({]/u.test(line)) return line;
  let out = line;
  let from = 0;
  for (let guard = 0; guard < 100; guard++) {
    const m = /[\p{L}\w][[({](?!")/u.exec(out.slice(from));
    if (!m) break;
    const at = from + m.index + 1;
    const fix = quotedLabelFix(out, at + 1, false);
    const idStart = at - (/[\p{L}\w.]*$/u.exec(out.slice(0, at))?.[0].length ?? 0);
    if (!fix) {
      // An opener never closed on its line: close it before the next arrow (or at the line's end).
      const opener = out[at]!;
      const closer = ({ '[': ']', '(': ')', '{': '}' } as Record<string, string>)[opener]!;
      if (!out.slice(at + 1).includes(closer)) {
        const arrow = out.slice(at).search(/\s*(-->|---|==>|-\.->)/);
        const end = arrow < 0 ? out.trimEnd().length : at + arrow;
        out = `${out.slice(0, end)}${closer}${out.slice(end)}`;
      }
      from = at + 1;
      continue;
    }
    // Replace `id<opener>...<closer>` by the quoted form when the body needs it.
    const original = out.slice(idStart, idStart + fix.length - 2 + (fix.match(/#quot;/g)?.length ?? 0) * -5);
    const body = fix.slice(fix.indexOf('"') + 1, fix.lastIndexOf('"'));
    if (/[()[\]{}]|#quot;/.test(body)) {
      const end = findShapeEnd(out, idStart, fix);
      if (end > idStart) out = out.slice(0, idStart) + fix + out.slice(end);
      from = idStart + fix.length;
    } else {
      from = at + 1;
    }
    void original;
  }
  return out;
}

/** Where the shape that `fix` quotes ends in the line (just after its closer). */
function findShapeEnd(line: string, idStart: number, fix: string): number {
  const closer = /[\])}]+$/.exec(fix)![0];
  const arrow = line.slice(idStart).search(/\s*(-->|---|==>|-\.->|~~~|&\s)/);
  const limit = arrow < 0 ? line.length : idStart + arrow;
  const close = line.lastIndexOf(closer, limit - closer.length);
  return close < 0 ? -1 : close + closer.length;
}
