import type { Grammar, LalrTables } from '../lr/lalr.js';
import { loadOrBuildTables } from '../lr/table-cache.js';
import type { Repair, SyntaxErrorAt, Token } from '../lr/lr-parser.js';
import { runGrammar } from '../lr/run-grammar.js';
import { FlowDb, SemanticError } from './flow-db.js';
import { FLOWCHART_RULES } from './grammar.js';
import { lexFlowchart } from './lexer.js';

let tables: LalrTables | null = null;
export const FLOWCHART_GRAMMAR: Grammar = { start: 'start', productions: FLOWCHART_RULES };

/** The flowchart LALR tables, built on first use (a few milliseconds) and kept. */
export function flowchartTables(): LalrTables {
  tables ??= loadOrBuildTables(FLOWCHART_GRAMMAR, new URL('./flowchart-tables.json', import.meta.url));
  return tables;
}

const SEPARATORS = new Set(['NEWLINE', 'SEMI', 'EOF']);

class StopParse extends Error {}

export interface FlowParseRun {
  db: FlowDb;
  syntaxErrors: SyntaxErrorAt[];
  semanticErrors: SemanticError[];
  tokens: Token[];
}

/** Parses prepared flowchart text (see prepareMermaidSource) into a FlowDb. */
export function runFlowchartParse(text: string, position: (offset: number) => { line: number; column: number }, repair: boolean): FlowParseRun {
  const t = flowchartTables();
  const { tokens } = lexFlowchart(text);
  const db = new FlowDb(position, repair);
  const semanticErrors: SemanticError[] = [];
  let syntaxErrors: SyntaxErrorAt[] = [];
  try {
    syntaxErrors = runGrammar(t, FLOWCHART_RULES, tokens, {
      act: (rule, args, start) => rule.action!(db, args, start),
      onActionError: (error, start) => {
        if (!(error instanceof SemanticError)) return; // a recovery left values of the wrong shape
        semanticErrors.push(error.offset ? error : new SemanticError(error.message, start, error.code, error.hint));
        // Mermaid stops at its first error; only the repair pass reads on.
        if (!repair) throw new StopParse();
      },
      separators: SEPARATORS,
      ...(repair ? { repairs: flowchartRepairs } : { stopOnError: true }),
    });
  } catch (error) {
    if (!(error instanceof StopParse)) throw error;
  }
  return { db, syntaxErrors, semanticErrors, tokens };
}

const CLOSERS: Record<string, string[]> = {
  SQS: ['SQE'], PS: ['PE'], DIAMOND_START: ['DIAMOND_STOP'], STADIUMSTART: ['STADIUMEND'], SUBROUTINESTART: ['SUBROUTINEEND'],
  CYLINDERSTART: ['CYLINDEREND'], DOUBLECIRCLESTART: ['DOUBLECIRCLEEND'], TRAPSTART: ['TRAPEND', 'INVTRAPEND'], INVTRAPSTART: ['TRAPEND', 'INVTRAPEND'],
};

/** Token edits tried at a syntax error, most specific first. */
function flowchartRepairs(tokens: Token[], at: number): Repair[] {
  const t = tokens[at]!;
  const asText = (tok: Token): Token => ({ ...tok, type: 'TEXT' });
  const repairs: Repair[] = [{ span: 1, tokens: [asText(t)] }];
  if (t.type === 'end') repairs.push({ span: 1, tokens: [{ ...t, type: 'NODE_STRING', text: 'end' }] });
  const closers = CLOSERS[t.type];
  if (closers) {
    let j = at + 1;
    while (j < tokens.length && !closers.includes(tokens[j]!.type) && !SEPARATORS.has(tokens[j]!.type)) j++;
    if (j < tokens.length && closers.includes(tokens[j]!.type)) repairs.push({ span: j - at + 1, tokens: [] });
  }
  repairs.push({ span: 1, tokens: [] });
  repairs.push({ span: 0, tokens: [{ type: 'NEWLINE', text: '\n', start: t.start, end: t.start }] });
  return repairs;
}
