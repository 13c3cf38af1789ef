import type { Grammar, LalrTables } from '../lr/lalr.js';
import type { Repair, SyntaxErrorAt, Token } from '../lr/lr-parser.js';
import { runGrammar } from '../lr/run-grammar.js';
import { loadOrBuildTables } from '../lr/table-cache.js';
import { prepareMermaidSource, replaceAll, type Editable, type Match } from '../mermaid-source.js';
import { LineIndex } from '../line-index.js';
import type { DiagramError, DiagramParse, DiagramReading, SequenceAst } from '../types.js';
import { SEQUENCE_RULES } from './grammar.js';
import { KEYWORD_AFTER_ARROW, keywordParticipants } from './mend-matchers.js';
import { lexSequence } from './lexer.js';
import { SequenceDb, SequenceSemanticError } from './sequence-db.js';

export const SEQUENCE_GRAMMAR: Grammar = { start: 'start', productions: SEQUENCE_RULES };
let tables: LalrTables | null = null;
export function sequenceTables(): LalrTables {
  tables ??= loadOrBuildTables(SEQUENCE_GRAMMAR, new URL('./sequence-tables.json', import.meta.url));
  return tables;
}

const BLOCK_WORDS = new Set(['loop', 'rect', 'opt', 'alt', 'par', 'par_over', 'critical', 'break', 'box']);
const KEYWORD_TOKENS = new Set([...BLOCK_WORDS, 'end', 'else', 'and', 'option', 'note', 'over', 'activate', 'deactivate', 'participant', 'participant_actor', 'create', 'destroy', 'autonumber', 'off', 'left_of', 'right_of', 'links', 'link', 'properties', 'details', 'title']);

interface Run {
  statements: unknown;
  syntaxErrors: SyntaxErrorAt[];
  tokens: Token[];
}

/** Parses sequence text; returns the statements of the top-level `start` (if it was reached). */
function parseStatements(tokens: Token[], options: { repair: boolean }): { statements: unknown; errors: SyntaxErrorAt[] } {
  let statements: unknown = null;
  const errors = runGrammar(sequenceTables(), SEQUENCE_RULES, tokens, {
    act: (rule, args) => {
      const value = rule.action!(args);
      if (rule.lhs === 'start') statements = value;
      return value;
    },
    separators: new Set(['NEWLINE']),
    ...(options.repair ? { repairs: sequenceRepairs } : { stopOnError: true }),
  });
  return { statements, errors };
}

function run(text: string, repair: boolean): Run {
  const tokens = lexSequence(text);
  const { statements, errors } = parseStatements(tokens, { repair });
  return { statements: repair && errors.length ? collectStatements(text) : (statements ?? []), syntaxErrors: errors, tokens };
}

/**
 * After errors the top-level `start` may never be reduced; re-running over the lines that parsed is
 * simpler than digging values out of the stack, so the repair pass parses each statement alone.
 */
function collectStatements(text: string): unknown[] {
  const out: unknown[] = [];
  let header = true;
  for (const line of text.split('\n')) {
    if (header) {
      if (/^\s*sequenceDiagram\b/i.test(line)) header = false;
      continue;
    }
    if (!line.trim()) continue;
    const { statements, errors } = parseStatements(lexSequence(`sequenceDiagram\n${line}\n`), { repair: false });
    if (!errors.length && statements) out.push(statements);
  }
  return out;
}

function sequenceRepairs(tokens: Token[], at: number): Repair[] {
  const t = tokens[at]!;
  const repairs: Repair[] = [];
  if (t.type === 'NEWLINE') repairs.push({ span: 0, tokens: [{ type: 'TXT', text: ':', start: t.start, end: t.start }] });
  if (KEYWORD_TOKENS.has(t.type)) repairs.push({ span: 1, tokens: [{ ...t, type: 'ACTOR', text: t.text.trim() }] });
  repairs.push({ span: 1, tokens: [] });
  return repairs;
}

/** Parses a Mermaid `sequenceDiagram` as Mermaid 12.3 does. Never throws. */
export function parseSequence(raw: string, reading: DiagramReading = 'whole'): DiagramParse {
  const prepared = prepareMermaidSource(raw);
  const lines = new LineIndex(prepared.raw);
  const source: Editable = { text: prepared.text, origin: prepared.origin };
  const position = (ed: Editable) => (offset: number) => lines.at(ed.origin[Math.max(0, Math.min(offset, ed.origin.length - 1))] ?? prepared.raw.length);
  const pos = position(source);

  const faithful = run(source.text, false);
  const typeWord = faithful.tokens.find((t) => t.type === 'SD')?.text ?? null;
  let errors: DiagramError[] = [];
  if (typeWord !== null && typeWord !== 'sequenceDiagram') {
    // The parser ignores case, but Mermaid's type detection does not: GitHub shows an error.
    errors = [{ code: 'missing-header', message: `Mermaid does not recognise \`${typeWord}\` as a diagram type: the keyword is case-sensitive.`, ...pos(faithful.tokens.find((t) => t.type === 'SD')!.start), text: typeWord, hint: 'Write `sequenceDiagram` (capital D).' }];
  } else if (faithful.syntaxErrors[0]) {
    errors = diagnoseSequence(faithful.syntaxErrors[0], faithful.tokens, pos);
  } else {
    const db = new SequenceDb(pos, false);
    try {
      db.apply(faithful.statements);
      return { kind: 'sequence', typeWord, valid: true, errors: [], ast: db.toAst() };
    } catch (error) {
      if (!(error instanceof SequenceSemanticError)) throw error;
      errors = [{ code: error.code, message: error.message, ...pos(error.offset), ...(error.hint ? { hint: error.hint } : {}) }];
    }
  }
  const noColon = errors[0]?.code === 'message-without-colon' ? meantMessage(prepared.raw.split('\n')[errors[0].line - 1] ?? '', source.text) : null;
  if (noColon) errors = [{ ...errors[0]!, hint: `Write \`${noColon}\`.` }, ...errors.slice(1)];
  // The errors are the faithful pass's: the repair pass reads only the graph.
  if (reading === 'verdict') return { kind: 'sequence', typeWord, valid: false, errors, ast: null };
  const mended = mendSequence(source);
  const repaired = run(mended.text, true);
  const db = new SequenceDb(position(mended), true);
  db.apply(repaired.statements);
  return { kind: 'sequence', typeWord, valid: false, errors, ast: unmangled(db.toAst(), prepared.raw) };
}

/**
 * The repair pass reads a participant named like a keyword (`Alt`, `End`) by renaming it `Alt_`
 * (mendSequence); the graph and its findings must speak the student's name.
 */
function unmangled(ast: SequenceAst, raw: string): SequenceAst {
  const renamed = new Map<string, string>();
  for (const p of ast.participants) {
    const name = p.id.slice(0, -1);
    if (p.id.endsWith('_') && KEYWORD_TOKENS.has(name.toLowerCase()) && !raw.includes(p.id)) renamed.set(p.id, name);
  }
  if (!renamed.size) return ast;
  const r = (id: string) => renamed.get(id) ?? id;
  return {
    ...ast,
    participants: ast.participants.map((p) => ({ ...p, id: r(p.id), label: r(p.label) })),
    boxes: ast.boxes.map((b) => ({ ...b, participants: b.participants.map(r) })),
    messages: ast.messages.map((m) => ({ ...m, from: r(m.from), to: r(m.to) })),
    notes: ast.notes.map((n) => ({ ...n, actors: n.actors.map(r) })),
    activations: ast.activations.map((a) => ({ ...a, participant: r(a.participant) })),
  };
}

/** The repairs a mentor would make: a participant named like a keyword, a message without `:`. */
function mendSequence(source: Editable): Editable {
  // Linear-time equivalents of the regexes they are named after (see mend-matchers.ts).
  let ed = replaceAll(source, keywordParticipants, (m) => `${m[1]}${m[2]}_`);
  ed = replaceAll(ed, KEYWORD_AFTER_ARROW, (m) => `${m[0]}_`);
  return mendMissingColons(ed);
}

const MESSAGE_ARROW = '(?:<<-->>|<<->>|-->>|->>|-->|->|--x|-x|--\\)|-\\))';
/** A message line without `:`: sender, arrow, then the receiver and maybe the text the colon should have cut off. */
const NO_COLON = new RegExp(`^([ \\t]*[^\\n:%#]*?${MESSAGE_ARROW}[+-]?[ \\t]*)([^\\n:;#]*?)([ \\t]*)$`);
/** Longer lines are no message a student wrote: left alone, so that the pattern stays cheap on hostile input. */
const MAX_MESSAGE_LINE = 1000;

/**
 * NO_COLON line by line: only lines with an arrow, no `:`, and at most MAX_MESSAGE_LINE characters
 * are tried, so its backtracking is bounded by the line (a global multiline pattern could run from
 * every blank line over the next ones).
 */
function* messagesWithoutColon(text: string): Iterable<Match> {
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    if (line.length <= MAX_MESSAGE_LINE && !line.includes(':') && line.includes('-')) {
      const m = NO_COLON.exec(line);
      if (m) yield Object.assign([...m], { 0: m[0], index: start + m.index }) as Match;
    }
    start = end + 1;
  }
}
// Blanks within a line only ([ \t], never \s): a pattern that may cross newlines runs from every blank line over the next ones.
const WITH_COLON = new RegExp(`^[ \\t]*([^\\n:%#]*?)[ \\t]*${MESSAGE_ARROW}[+-]?[ \\t]*([^\\n:;#]*?)[ \\t]*:`);
const DECLARED = /^[ \t]*(?:participant|actor)[ \t]+([^\n]+?)(?:[ \t]+as[ \t][^\n]*)?[ \t]*$/i;

/**
 * A message without `:` (`U->>LB1 HTTPS request`): Mermaid reads a receiver "LB1 HTTPS request" and
 * fails. The receiver meant is the longest run of its first words that names a participant the
 * diagram knows (declared, or in a message with its colon), else the first word when the rest reads
 * as message text; the colon goes in the space after it, so that no participant is made of the text.
 */
function mendMissingColons(source: Editable): Editable {
  const known = knownParticipants(source.text);
  return replaceAll(source, messagesWithoutColon, (m) => withColon(m, known));
}

/** The participants a diagram names for sure: declared, or sender and receiver of a message with its colon. */
function knownParticipants(text: string): Set<string> {
  const known = new Set<string>();
  // Line by line, lines of a length a student writes only: the patterns' backtracking stays bounded by the line.
  for (const line of text.split('\n')) {
    if (line.length > MAX_MESSAGE_LINE) continue;
    const declared = DECLARED.exec(line);
    if (declared) known.add(declared[1]!.trim());
    const message = line.includes(':') ? WITH_COLON.exec(line) : null;
    if (message) {
      known.add(message[1]!.trim());
      known.add(message[2]!.trim());
    }
  }
  return known;
}

/** A match of NO_COLON with its colon placed (same length, but for a colon added at the end). */
function withColon(m: RegExpExecArray | RegExpMatchArray | Match, known: ReadonlySet<string>): string {
  const receiver = m[2]!;
  const words = receiver.split(/(\s+)/);
  const atEnd = `${m[1]}${receiver}:${m[3]!.slice(1)}`;
  if (known.has(receiver.trim()) || words.length < 3) return atEnd;
  // words alternate [word, space, word, space, ...]: a cut after word k turns its following space into `:`.
  let cut = -1;
  for (let k = words.length - 3; k >= 0; k -= 2) {
    if (known.has(words.slice(0, k + 1).join(''))) {
      cut = k;
      break;
    }
  }
  if (cut < 0 && words.length >= 5) cut = 0;
  if (cut < 0) return atEnd;
  return `${m[1]}${words.slice(0, cut + 1).join('')}:${words[cut + 1]!.slice(1)}${words.slice(cut + 2).join('')}${m[3]}`;
}

/** The line of a message without `:` as it was meant (`U->>LB1: HTTPS request`), for the fix hint. */
function meantMessage(line: string, text: string): string | null {
  return messageLineWithColon(line, text)?.trim() ?? null;
}

/**
 * A message line of `text` with the `:` it lacks put where the receiver ends, indentation kept
 * (what `--fix` writes); null when the line is no message without `:`.
 */
export function messageLineWithColon(line: string, text: string): string | null {
  const m = new RegExp(NO_COLON.source).exec(line);
  if (!m) return null;
  // A colon put in place of a space reads better with the space kept.
  return withColon(m, knownParticipants(text)).replace(/:(?=\S)/, ': ').trimEnd();
}

const WORDS: Record<string, string> = { TXT: '`:` and the message text', ACTOR: 'a participant name', NEWLINE: 'end of line', end: '`end`', SD: '`sequenceDiagram`' };

function diagnoseSequence(error: SyntaxErrorAt, tokens: Token[], position: (offset: number) => { line: number; column: number }): DiagramError[] {
  const { token, expected } = error;
  const at = position(token.start);
  const found = tokens.indexOf(token);
  const index = found < 0 ? tokens.length : found;
  // A line break or the end is no text to show (a raw newline in a message reads as garbage).
  const shown = token.text.trim();
  const base = (code: string, message: string, hint?: string): DiagramError => ({ code, message, ...at, ...(shown ? { text: shown } : {}), ...(hint ? { hint } : {}) });
  const before = tokens.slice(0, index);
  if (!before.some((t) => t.type === 'SD') && token.type !== 'SD') {
    return [base('missing-header', 'A sequence diagram must start with `sequenceDiagram`.', 'Put `sequenceDiagram` alone on the first line (the keyword is case-sensitive for detection).')];
  }
  if ((token.type === 'NEWLINE' || token.type === '$end') && expected.includes('TXT') && !expected.includes('ACTOR')) {
    return [base('message-without-colon', 'A message needs `:` after the receiver, even with no text.', 'Write `A->>B: text` (or `A->>B:` with no text).')];
  }
  if (token.type === ',' && before.some((t) => t.type === 'over')) {
    return [base('note-too-many-actors', 'A note can span at most two participants.', 'Write `Note over A,B: text`.')];
  }
  if (token.type === '$end' || (token.type === 'NEWLINE' && index === tokens.length - 1)) {
    let depth = 0;
    let open: Token | null = null;
    for (const t of before) {
      if (BLOCK_WORDS.has(t.type)) {
        depth++;
        open = t;
      } else if (t.type === 'end') depth--;
    }
    if (depth > 0 && open) {
      const rest = before[before.indexOf(open) + 1];
      if (rest?.type === 'restOfLine' && /^\s*(<<)?-{1,2}(>>|>|x|\))/.test(rest.text)) {
        const word = open.text.trim();
        return [{
          ...base('keyword-as-participant', `\`${word}\` is a Mermaid keyword (in any letter case), so \`${word}${rest.text.trim().split(':')[0]}\` opened a block instead of sending a message.`, `Rename the participant: \`participant P as ${word}\`, then \`P${rest.text.trim().split(':')[0]}\`.`),
          text: word,
          cause: position(open.start),
        }];
      }
      return [{ ...base('unclosed-block', `This \`${open.text.trim()}\` block is never closed with \`end\`.`, 'Add a line holding only `end` after its last message.'), text: open.text.trim(), cause: position(open.start) }];
    }
  }
  if (token.type === 'end') return [base('end-without-block', '`end` closes nothing: no loop, alt, opt, par, critical, break, rect or box is open.', 'Remove this `end`, or check the block above it.')];
  if (KEYWORD_TOKENS.has(token.type) || (token.type === 'restOfLine' && KEYWORD_TOKENS.has(tokens[index - 1]?.type ?? ''))) {
    const word = KEYWORD_TOKENS.has(token.type) ? shown : (tokens[index - 1]?.text.trim() ?? '');
    return [base('keyword-as-participant', `\`${word}\` is a Mermaid keyword (in any letter case) and cannot name a participant or start a message.`, `Use another id and the name as a label: \`participant P as ${word}\`.`)];
  }
  if (token.type === 'restOfLine' && /(->|-->)/.test(token.text)) {
    const word = tokens[index - 1]?.text.trim() ?? '';
    return [base('keyword-as-participant', `\`${word}\` is a Mermaid keyword (in any letter case) and cannot name a participant.`, `Rename it: \`participant P as ${word}\`.`)];
  }
  const words = [...new Set(expected.map((e) => WORDS[e]).filter(Boolean))];
  return [base('syntax-error', `Mermaid cannot read ${token.type === '$end' ? 'the end of the diagram' : `\`${shown}\``} here.${words.length ? ` It expected ${words.join(', ')}.` : ''}`)];
}
