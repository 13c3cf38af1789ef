import { LineIndex, preprocess } from '../preprocess.js';
import type { DiagramError, DiagramParse, SequenceAst, SequenceParticipant } from '../types.js';

/** Arrows, longest first (Mermaid's lexer takes the longest match). */
const ARROWS: [string, string][] = [
  ['<<-->>', 'BIDIRECTIONAL_DOTTED'],
  ['<<->>', 'BIDIRECTIONAL_SOLID'],
  ['-->>', 'DOTTED'],
  ['->>', 'SOLID'],
  ['--x', 'DOTTED_CROSS'],
  ['-x', 'SOLID_CROSS'],
  ['--)', 'DOTTED_POINT'],
  ['-)', 'SOLID_POINT'],
  ['-->', 'DOTTED_OPEN'],
  ['->', 'SOLID_OPEN'],
];

/** Words the sequence lexer reads as keywords, case-insensitively, wherever an actor name could be. */
const KEYWORDS = new Set([
  'participant', 'actor', 'create', 'destroy', 'box', 'end', 'loop', 'alt', 'else', 'opt', 'par', 'par_over', 'and',
  'critical', 'option', 'break', 'rect', 'note', 'activate', 'deactivate', 'autonumber', 'title', 'links', 'link',
  'properties', 'details', 'over',
]);
const BLOCK_STARTS = new Set(['loop', 'alt', 'opt', 'par', 'par_over', 'critical', 'break', 'rect']);
const BLOCK_MIDDLES: Record<string, { word: string; kind: string }[]> = {
  alt: [{ word: 'else', kind: 'alt_else' }],
  par: [{ word: 'and', kind: 'par_and' }],
  par_over: [{ word: 'and', kind: 'par_and' }],
  critical: [{ word: 'option', kind: 'critical_option' }],
};
const PARTICIPANT_TYPES = new Set(['participant', 'actor', 'boundary', 'control', 'entity', 'database', 'collections', 'queue']);

class StatementError extends Error {
  constructor(readonly detail: DiagramError) {
    super(detail.message);
  }
}

/** Parses a Mermaid `sequenceDiagram`. Never throws; recovers at the next statement after an error. */
export function parseSequence(raw: string): DiagramParse {
  return new SequenceParser(raw).run();
}

interface Statement {
  text: string;
  offset: number;
}

class SequenceParser {
  private readonly text: string;
  private readonly lines: LineIndex;
  private readonly errors: DiagramError[] = [];
  private readonly ast: SequenceAst = { kind: 'sequence', participants: [], boxes: [], messages: [], notes: [], blocks: [], activations: [], autonumber: false };
  private readonly participants = new Map<string, SequenceParticipant>();
  private readonly blockStack: { word: string; offset: number }[] = [];
  private currentBox: { title: string | null; fill: string; participants: string[]; offset: number } | null = null;
  private readonly activeCount = new Map<string, number>();
  private typeWord: string | null = null;
  private readonly start: number;

  constructor(raw: string) {
    const pre = preprocess(raw);
    this.text = pre.text;
    this.lines = new LineIndex(this.text);
    this.errors.push(...pre.errors);
    this.start = pre.start;
  }

  run(): DiagramParse {
    const statements = this.split();
    const header = statements.shift();
    if (!header || !/^sequenceDiagram$/.test(header.text.trim())) {
      const at = header ? this.lines.at(header.offset) : { line: 1, column: 1 };
      const found = header?.text.trim() ?? '';
      this.errors.push({
        code: 'missing-header',
        message: `A sequence diagram must start with \`sequenceDiagram\`, found \`${found.slice(0, 30)}\`.`,
        ...at,
        text: found,
        hint: /^sequencediagram$/i.test(found) ? 'The keyword is case-sensitive: write `sequenceDiagram`.' : 'Put `sequenceDiagram` alone on the first line.',
      });
      if (header && !/^sequencediagram\b/i.test(header.text.trim())) statements.unshift(header);
    } else {
      this.typeWord = 'sequenceDiagram';
    }
    for (const statement of statements) {
      try {
        this.statement(statement);
      } catch (error) {
        if (!(error instanceof StatementError)) throw error;
        this.errors.push(error.detail);
      }
    }
    for (const open of this.blockStack.reverse()) {
      this.errors.push({ code: 'unclosed-block', message: `\`${open.word}\` block is never closed with \`end\`.`, ...this.lines.at(open.offset), text: open.word, hint: 'Add a line holding only `end` after the block.' });
    }
    if (this.currentBox) {
      this.errors.push({ code: 'unclosed-block', message: '`box` is never closed with `end`.', ...this.lines.at(this.currentBox.offset), text: 'box', hint: 'Add `end` after the last participant of the box.' });
      this.closeBox();
    }
    return { kind: 'sequence', typeWord: this.typeWord, valid: this.errors.length === 0, errors: this.errors, ast: this.ast };
  }

  /** Splits into statements at newlines and `;` (a `;` ends a statement even inside message text). */
  private split(): Statement[] {
    const out: Statement[] = [];
    let begin = this.start;
    for (let i = this.start; i <= this.text.length; i++) {
      const c = this.text[i];
      if (c === undefined || c === '\n' || c === ';') {
        const raw = this.text.slice(begin, i);
        const lead = raw.length - raw.trimStart().length;
        if (raw.trim()) out.push({ text: raw.trim(), offset: begin + lead });
        begin = i + 1;
      }
    }
    return out;
  }

  private fail(code: string, message: string, offset: number, hint?: string, text?: string): never {
    throw new StatementError({ code, message, ...this.lines.at(offset), ...(text !== undefined ? { text } : {}), ...(hint ? { hint } : {}) });
  }

  private statement(s: Statement): void {
    const word = /^[A-Za-z_]+/.exec(s.text)?.[0] ?? '';
    const lower = word.toLowerCase();
    const rest = s.text.slice(word.length);
    const boundary = rest === '' || /^[\s:]/.test(rest);
    if (boundary && KEYWORDS.has(lower)) {
      this.keyword(lower, rest.trim(), s);
      return;
    }
    if (lower === 'accdescr' || lower === 'acctitle') return;
    this.message(s);
  }

  private keyword(word: string, rest: string, s: Statement): void {
    if (PARTICIPANT_TYPES.has(word) || word === 'create') {
      if (word === 'create') {
        const m = /^(participant|actor)\s+(.*)$/i.exec(rest);
        if (!m) this.fail('unexpected-text', '`create` must be followed by `participant` or `actor`.', s.offset);
        this.participant(m[1]!.toLowerCase(), m[2]!, s);
        return;
      }
      if (!rest) this.fail('missing-participant', `\`${word}\` needs a name.`, s.offset, `Write \`${word} LB as Load Balancer\`.`);
      this.participant(word, rest, s);
      return;
    }
    switch (word) {
      case 'destroy':
        return;
      case 'autonumber':
        this.ast.autonumber = true;
        return;
      case 'title':
      case 'links':
      case 'link':
      case 'properties':
      case 'details':
        return;
      case 'activate':
      case 'deactivate': {
        if (!rest) this.fail('missing-participant', `\`${word}\` needs a participant.`, s.offset);
        this.ensureParticipant(rest, s.offset);
        this.activation(rest, word === 'activate', s.offset);
        return;
      }
      case 'note':
        this.note(rest, s);
        return;
      case 'box':
        if (this.currentBox) this.fail('nested-box', 'Boxes cannot be nested.', s.offset);
        this.openBox(rest, s.offset);
        return;
      case 'end':
        if (this.blockStack.length) {
          const open = this.blockStack.pop()!;
          this.ast.blocks.push({ kind: `${open.word === 'par_over' ? 'par' : open.word}_end`, text: '', pos: this.lines.at(s.offset) });
          return;
        }
        if (this.currentBox) {
          this.closeBox();
          return;
        }
        this.fail('end-without-block', '`end` closes nothing: no loop, alt, opt, par, critical, break, rect or box is open.', s.offset, 'Remove this `end`, or check that the block above it was opened.', 'end');
        return;
      case 'over':
        this.fail('unexpected-text', '`over` is only valid in a note: `Note over A: text`.', s.offset);
        return;
      default:
        break;
    }
    if (BLOCK_STARTS.has(word)) {
      this.blockStack.push({ word, offset: s.offset });
      this.ast.blocks.push({ kind: `${word === 'par_over' ? 'par_over' : word}_start`, text: rest, pos: this.lines.at(s.offset) });
      return;
    }
    const top = this.blockStack[this.blockStack.length - 1];
    const middle = top && BLOCK_MIDDLES[top.word]?.find((m) => m.word === word);
    if (middle) {
      this.ast.blocks.push({ kind: middle.kind, text: rest, pos: this.lines.at(s.offset) });
      return;
    }
    this.fail(
      'keyword-misplaced',
      `\`${word}\` is a keyword here: it ${top ? `does not belong inside \`${top.word}\`` : 'is only valid inside a block'}, and cannot start a message or name a participant.`,
      s.offset,
      'If it is a participant, rename it (e.g. `Alternative`, `EndUser`) or declare `participant X as Alt`.',
      word,
    );
  }

  private participant(type: string, rest: string, s: Statement): void {
    let spec = rest;
    let participantType = type;
    const data = /@\{(.*)\}\s*$/.exec(spec);
    if (data) {
      const typeMatch = /"?type"?\s*:\s*"?(\w+)"?/.exec(data[1]!);
      if (typeMatch) participantType = typeMatch[1]!;
      spec = spec.slice(0, data.index);
    }
    const alias = /^(.*?)\s+as\s+(.*)$/.exec(spec);
    const id = (alias ? alias[1]! : spec).trim();
    const label = alias ? alias[2]!.trim() : id;
    if (!id) this.fail('missing-participant', `\`${type}\` needs a name.`, s.offset);
    if (/[:,;<>+]/.test(id) || /-[>x)]/.test(id)) {
      this.fail('bad-participant', `\`${id}\` is not a valid participant name.`, s.offset, 'Use a short id and put the full name after `as`: `participant LB as Load Balancer`.', id);
    }
    if (KEYWORDS.has(id.toLowerCase())) {
      this.fail('keyword-as-participant', `\`${id}\` is a Mermaid keyword and cannot name a participant.`, s.offset, `Use another id and the name as a label: \`participant P as ${id}\`.`, id);
    }
    const existing = this.participants.get(id);
    if (existing) {
      if (alias) existing.label = label;
      existing.type = participantType;
      return;
    }
    const p: SequenceParticipant = { id, label, type: participantType, box: this.currentBox?.title ?? null, pos: this.lines.at(s.offset) };
    this.participants.set(id, p);
    this.ast.participants.push(p);
    this.currentBox?.participants.push(id);
  }

  private ensureParticipant(id: string, offset: number): void {
    if (KEYWORDS.has(id.toLowerCase())) {
      this.fail('keyword-as-participant', `\`${id}\` is a Mermaid keyword and cannot name a participant.`, offset, `Use another id, e.g. \`participant P as ${id}\`.`, id);
    }
    if (this.participants.has(id)) return;
    const p: SequenceParticipant = { id, label: id, type: 'participant', box: this.currentBox?.title ?? null, pos: this.lines.at(offset) };
    this.participants.set(id, p);
    this.ast.participants.push(p);
    this.currentBox?.participants.push(id);
  }

  private activation(id: string, active: boolean, offset: number): void {
    const n = this.activeCount.get(id) ?? 0;
    if (!active && n === 0) {
      this.fail('inactive-participant', `Trying to inactivate an inactive participant (${id}).`, offset, 'Remove the `-` (or the `deactivate`), or activate the participant first.');
    }
    this.activeCount.set(id, active ? n + 1 : n - 1);
    this.ast.activations.push({ participant: id, active });
  }

  private note(rest: string, s: Statement): void {
    const m = /^(left of|right of|over)\s+([^:]+?)\s*:(.*)$/i.exec(rest);
    if (!m) {
      if (/^(left of|right of|over)\s+[^:]+$/i.test(rest)) this.fail('note-without-colon', 'A note needs `:` before its text.', s.offset, 'Write `Note over A: text`.');
      this.fail('bad-note', 'A note must say where it goes: `Note left of A: text`, `Note right of A: text` or `Note over A,B: text`.', s.offset);
    }
    const actors = m[2]!.split(',').map((a) => a.trim());
    if (actors.length > 2) this.fail('note-too-many-actors', 'A note can span at most two participants.', s.offset, 'Write `Note over A,B: text`.');
    for (const a of actors) this.ensureParticipant(a, s.offset);
    this.ast.notes.push({ placement: m[1]!.toLowerCase() as 'over', actors: [...new Set(actors)], text: m[3]!.trim(), pos: this.lines.at(s.offset) });
  }

  private openBox(rest: string, offset: number): void {
    const colour = /^(rgba?\([^)]*\)|#[0-9a-fA-F]{3,8}\b|transparent\b|[a-zA-Z]+(?=\s|$))/.exec(rest);
    let fill = 'transparent';
    let title: string | null = rest || null;
    if (colour && (CSS_COLOURS.has(colour[1]!.toLowerCase()) || /^(rgb|#)/.test(colour[1]!))) {
      fill = colour[1]!;
      title = rest.slice(colour[0].length).trim() || null;
    }
    this.currentBox = { title, fill, participants: [], offset };
  }

  private closeBox(): void {
    const box = this.currentBox!;
    this.ast.boxes.push({ title: box.title, fill: box.fill, participants: box.participants });
    this.currentBox = null;
  }

  private message(s: Statement): void {
    const t = s.text;
    let i = 0;
    let arrow: [string, string] | undefined;
    for (; i < t.length; i++) {
      arrow = ARROWS.find(([a]) => t.startsWith(a, i));
      if (arrow) break;
      if (t[i] === ':' ) break;
    }
    if (!arrow) {
      if (/^\s*\S+\s*(=>|->>>|>>|→)\s*\S/.test(t)) {
        this.fail('bad-arrow', 'This is not a sequence-diagram arrow.', s.offset, 'Use `->>` (solid arrow), `-->>` (dotted), `->` or `-->`.', t);
      }
      this.fail('unexpected-text', `Mermaid cannot read \`${t.slice(0, 40)}\` as a statement: expected a message such as \`A->>B: text\`.`, s.offset, 'Each line is a participant, a message `A->>B: text`, a note or a block keyword.', t);
    }
    const from = t.slice(0, i).trim();
    let j = i + arrow[0].length;
    let activate: boolean | undefined;
    let deactivate = false;
    if (t[j] === '+') {
      activate = true;
      j++;
    } else if (t[j] === '-') {
      deactivate = true;
      j++;
    }
    const colon = t.indexOf(':', j);
    if (colon < 0) {
      this.fail('message-without-colon', 'A message needs `:` after the receiver, even with no text.', s.offset + t.length, `Write \`${t.trim()}: text\`.`);
    }
    const to = t.slice(j, colon).trim();
    if (!from) this.fail('unexpected-text', 'A message needs a sender before the arrow.', s.offset);
    if (!to) this.fail('unexpected-text', 'A message needs a receiver after the arrow.', s.offset + j);
    this.ensureParticipant(from, s.offset);
    this.ensureParticipant(to, s.offset + j);
    const text = t.slice(colon + 1).trim();
    this.ast.messages.push({ from, to, text, type: arrow[1], ...(activate ? { activate: true } : {}), pos: this.lines.at(s.offset) });
    if (activate) this.activation(to, true, s.offset);
    if (deactivate) this.activation(from, false, s.offset);
  }
}

const CSS_COLOURS = new Set([
  'aqua', 'black', 'blue', 'fuchsia', 'gray', 'grey', 'green', 'lime', 'maroon', 'navy', 'olive', 'orange', 'purple', 'red',
  'silver', 'teal', 'white', 'yellow', 'transparent', 'lightblue', 'lightgreen', 'lightgrey', 'lightgray', 'lightyellow',
  'pink', 'gold', 'beige', 'ivory', 'khaki', 'lavender', 'salmon', 'tan', 'wheat', 'cyan', 'magenta', 'violet', 'brown',
  'coral', 'crimson', 'indigo', 'orchid', 'plum', 'azure', 'aliceblue', 'honeydew', 'mintcream', 'lightcyan', 'lightpink',
]);
