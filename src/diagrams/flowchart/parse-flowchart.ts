import { braceThenLineFeeds, prepareMermaidSource, replaceAll, type Editable } from '../mermaid-source.js';
import { mendText } from './source-fixes.js';
import { LineIndex } from '../line-index.js';
import type { DiagramError, DiagramParse, DiagramReading, FlowchartAst, FlowVertex } from '../types.js';
import { diagnoseFlowchart } from './diagnose.js';
import { runFlowchartParse, type FlowParseRun } from './parse-flowchart-lr.js';

/**
 * Parses a Mermaid `flowchart`/`graph` diagram as Mermaid 12.3 does, in two passes:
 * 1. the faithful pass reads exactly what Mermaid reads and decides validity and the error;
 * 2. when that fails, a repair pass reads the text with the usual student mistakes mended
 *    (`->`, unquoted brackets in labels, a space before `[`, `end` as an id, trailing `%%`), with
 *    token-level repairs and statement-level recovery, so the graph rules still see the diagram.
 * Never throws; every position is in the student's text.
 */
export function parseFlowchart(raw: string, reading: DiagramReading = 'whole'): DiagramParse {
  const prepared = prepareMermaidSource(raw);
  const lines = new LineIndex(prepared.raw);
  const source = replaceAll({ text: prepared.text, origin: prepared.origin }, braceThenLineFeeds, () => '}\n');
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
  // The errors are the faithful pass's: the repair pass reads only the graph.
  if (reading === 'verdict') return { kind: 'flowchart', typeWord, valid: false, errors: first, ast: null };

  const mended = mendText(source);
  const repaired = runFlowchartParse(mended.text, positionIn(mended), true);
  // The repaired reading, unless the faithful one holds more nodes of text the repair kept (a node
  // only the faithful reading has, made of a trailing `%% comment` the repair cut, is no loss).
  const onlyFaithful = [...faithful.db.vertices.keys()].filter((id) => !repaired.db.vertices.has(id) && mended.text.includes(id));
  const ast = repaired.db.vertices.size >= faithful.db.vertices.size || onlyFaithful.length === 0 ? unmangled(repaired.db.toAst(), prepared.raw) : faithful.db.toAst();
  return { kind: 'flowchart', typeWord, valid: false, errors: first, ast };
}

/**
 * The repair pass reads `end` as a node id by renaming it `end_`, and writes a quote inside a label
 * it quotes as `#quot;` (source-fixes.ts); the graph and its findings must speak the student's
 * text: `end` unless the student wrote `end_` too, `"` unless they wrote `#quot;` themselves.
 */
function unmangled(ast: FlowchartAst, raw: string): FlowchartAst {
  if (!raw.includes('#quot;')) ast = withStudentQuotes(ast);
  if (!ast.vertices.has('end_') || /\bend_\b/.test(raw)) return ast;
  const rename = (id: string) => (id === 'end_' ? 'end' : id);
  const vertices = new Map<string, FlowVertex>();
  for (const [id, v] of ast.vertices) vertices.set(rename(id), { ...v, id: rename(v.id), label: v.label === 'end_' ? 'end' : v.label });
  return {
    ...ast,
    vertices,
    edges: ast.edges.map((e) => ({ ...e, from: rename(e.from), to: rename(e.to) })),
    subgraphs: ast.subgraphs.map((g) => ({ ...g, nodes: g.nodes.map(rename) })),
  };
}

function withStudentQuotes(ast: FlowchartAst): FlowchartAst {
  const quotes = (text: string) => text.replaceAll('#quot;', '"');
  const vertices = new Map<string, FlowVertex>();
  for (const [id, v] of ast.vertices) vertices.set(id, { ...v, label: quotes(v.label) });
  return { ...ast, vertices, edges: ast.edges.map((e) => ({ ...e, label: quotes(e.label) })) };
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
