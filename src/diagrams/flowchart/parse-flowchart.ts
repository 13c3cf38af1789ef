import { LineIndex, preprocess } from '../preprocess.js';
import type {
  DiagramError, DiagramParse, DiagramPos, FlowchartAst, FlowEdge, FlowSubgraph, FlowVertex, LabelType,
} from '../types.js';
import { readLink, readLinkClose, type LinkToken } from './links.js';
import { LABEL_STOP_CHARS, shapeAt } from './shapes.js';

const DIRECTIONS = new Set(['TB', 'TD', 'BT', 'RL', 'LR', '<', '>', '^', 'v']);
const DIRECTION_NAMES: Record<string, string> = { TD: 'TB', '<': 'RL', '>': 'LR', '^': 'BT', v: 'TB' };
const STATEMENT_KEYWORDS = new Set(['style', 'classDef', 'class', 'linkStyle', 'click', 'accTitle', 'accDescr']);

/** Thrown inside a statement to abandon it; the parser records the error and resynchronises. */
class StatementError extends Error {
  constructor(readonly detail: DiagramError) {
    super(detail.message);
  }
}

interface NodeRef {
  id: string;
}

/**
 * Parses a Mermaid `flowchart`/`graph` diagram. Never throws: errors are collected with positions,
 * and after each one the parser skips to the next statement, so what could be read is kept.
 */
export function parseFlowchart(raw: string): DiagramParse {
  return new FlowchartParser(raw).run();
}

class FlowchartParser {
  private readonly text: string;
  private readonly lines: LineIndex;
  private pos = 0;
  private readonly errors: DiagramError[] = [];
  private readonly ast: FlowchartAst = { kind: 'flowchart', direction: null, vertices: new Map(), edges: [], subgraphs: [] };
  private readonly subgraphStack: { sg: FlowSubgraph; members: string[] }[] = [];
  private readonly subgraphById = new Map<string, FlowSubgraph>();
  private generatedSubgraphs = 0;
  private typeWord: string | null = null;

  constructor(raw: string) {
    const pre = preprocess(raw);
    this.text = pre.text;
    this.lines = new LineIndex(this.text);
    this.errors.push(...pre.errors);
    this.pos = pre.start;
  }

  run(): DiagramParse {
    if (this.errors.length === 0 || this.errors.every((e) => e.code !== 'unclosed-front-matter')) {
      this.parseHeader();
      while (this.pos < this.text.length) this.statement();
      for (const open of this.subgraphStack.reverse()) {
        this.errors.push({
          code: 'unclosed-subgraph',
          message: `subgraph "${open.sg.title}" is never closed: Mermaid expects a line with \`end\`.`,
          line: open.sg.pos.line,
          column: open.sg.pos.column,
          text: 'subgraph',
          hint: 'Add a line holding only `end` after the last node of the subgraph.',
        });
        this.closeSubgraph(open);
      }
    }
    return { kind: 'flowchart', typeWord: this.typeWord, valid: this.errors.length === 0, errors: this.errors, ast: this.ast };
  }

  // ---- helpers -------------------------------------------------------------------------------

  private here(offset = this.pos): DiagramPos {
    return this.lines.at(offset);
  }

  private errorAt(code: string, message: string, offset = this.pos, hint?: string, text?: string): DiagramError {
    const { line, column } = this.here(offset);
    return { code, message, line, column, ...(text !== undefined ? { text } : {}), ...(hint ? { hint } : {}) };
  }

  private fail(code: string, message: string, offset = this.pos, hint?: string, text?: string): never {
    throw new StatementError(this.errorAt(code, message, offset, hint, text));
  }

  /**
   * After a bracket or parenthesis inside an unquoted label (a syntax error), finds where the student
   * meant the label to end: the first closer outside nested brackets, on the same line.
   */
  private recoverLabel(closers: string[], start: number): { text: string; end: number; closer: string } | null {
    let depth = 0;
    for (let j = this.pos; j < this.text.length && this.text[j] !== '\n'; j++) {
      const ch = this.text[j]!;
      const closer = depth === 0 ? closers.find((cl) => this.text.startsWith(cl, j)) : undefined;
      if (closer) return { text: this.text.slice(start, j).trim(), end: j + closer.length, closer };
      if ('([{'.includes(ch)) depth++;
      else if (')]}'.includes(ch)) depth = Math.max(0, depth - 1);
    }
    return null;
  }

  private skipSpaces(): void {
    while (this.pos < this.text.length && (this.text[this.pos] === ' ' || this.text[this.pos] === '\t')) this.pos++;
  }

  private atStatementEnd(): boolean {
    const c = this.text[this.pos];
    return c === undefined || c === '\n' || c === ';';
  }

  /** Skips the rest of the current statement (error recovery), respecting quoted strings. */
  private skipStatement(): void {
    let inString = false;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos]!;
      if (c === '"') inString = !inString;
      else if (c === '\n' || (c === ';' && !inString)) break;
      this.pos++;
    }
  }

  private readWord(): string {
    const start = this.pos;
    while (this.pos < this.text.length && /[A-Za-z0-9_\-]/.test(this.text[this.pos]!)) this.pos++;
    return this.text.slice(start, this.pos);
  }

  private restOfLine(): string {
    const start = this.pos;
    while (this.pos < this.text.length && this.text[this.pos] !== '\n') this.pos++;
    return this.text.slice(start, this.pos);
  }

  // ---- header ----------------------------------------------------------------------------------

  private parseHeader(): void {
    const start = this.pos;
    const word = this.readWord();
    if (word !== 'graph' && word !== 'flowchart' && word !== 'flowchart-elk') {
      const { line, column } = this.here(start);
      const hint = /^(graph|flowchart)$/i.test(word)
        ? `Mermaid keywords are case-sensitive: write \`${word.toLowerCase()}\`.`
        : 'Start the diagram with `flowchart TD` (or `graph TD`) on its first line.';
      this.errors.push({ code: 'missing-header', message: `A flowchart must start with \`flowchart\` or \`graph\`, found \`${word || this.text.slice(start, start + 10).trim()}\`.`, line, column, text: word, hint });
      this.skipStatement();
      return;
    }
    this.typeWord = word;
    this.skipSpaces();
    const dirStart = this.pos;
    let dir = '';
    while (this.pos < this.text.length && !/[\s;]/.test(this.text[this.pos]!)) dir += this.text[this.pos++];
    if (dir) {
      if (!DIRECTIONS.has(dir)) {
        const { line, column } = this.here(dirStart);
        const upper = dir.toUpperCase();
        this.errors.push({
          code: 'bad-direction',
          message: `\`${dir}\` is not a flowchart direction (TB, TD, BT, RL or LR).`,
          line,
          column,
          text: dir,
          hint: DIRECTIONS.has(upper) ? `Directions are case-sensitive: write \`${word} ${upper}\`.` : `Write \`${word} TD\` (top-down) or \`${word} LR\` (left-right).`,
        });
        this.skipStatement();
        return;
      }
      this.ast.direction = DIRECTION_NAMES[dir] ?? dir;
    } else {
      this.ast.direction = 'TB';
    }
    this.skipSpaces();
    if (!this.atStatementEnd()) {
      const { line, column } = this.here();
      this.errors.push({ code: 'unexpected-text', message: 'Unexpected text after the flowchart header.', line, column, text: this.text.slice(this.pos, this.pos + 20).split('\n')[0], hint: 'Put the first node on its own line, below the header.' });
      this.skipStatement();
    }
  }

  // ---- statements --------------------------------------------------------------------------------

  private statement(): void {
    this.skipSpaces();
    const c = this.text[this.pos];
    if (c === '\n' || c === ';') {
      this.pos++;
      return;
    }
    if (c === undefined) return;
    const start = this.pos;
    try {
      const word = /^[A-Za-z]+/.exec(this.text.slice(this.pos, this.pos + 12))?.[0] ?? '';
      const after = this.text[this.pos + word.length];
      const wordEnds = after === undefined || /[\s;:{]/.test(after);
      if (word === 'subgraph' && (after === undefined || /\s/.test(after))) this.subgraphStart();
      else if (word === 'end' && (after === undefined || /[\s;]/.test(after))) this.subgraphEnd();
      else if (word === 'direction' && after === ' ' && this.subgraphStack.length > 0) this.direction();
      else if (STATEMENT_KEYWORDS.has(word) && wordEnds) this.styleStatement(word);
      else this.vertexStatement();
      this.skipSpaces();
      if (!this.atStatementEnd()) this.fail('unexpected-text', `Unexpected \`${this.text[this.pos]}\` here.`, this.pos, undefined, this.text[this.pos]);
    } catch (error) {
      if (!(error instanceof StatementError)) throw error;
      this.errors.push(error.detail);
      if (this.pos === start) this.pos++;
      this.skipStatement();
    }
  }

  private styleStatement(word: string): void {
    this.pos += word.length;
    if (word === 'accDescr' && /^\s*\{/.test(this.text.slice(this.pos, this.pos + 20))) {
      const close = this.text.indexOf('}', this.pos);
      this.pos = close < 0 ? this.text.length : close + 1;
      return;
    }
    if ((word === 'class' || word === 'style' || word === 'classDef' || word === 'linkStyle' || word === 'click') && this.text[this.pos] !== ' ' && this.text[this.pos] !== '\t') {
      this.fail('unexpected-text', `\`${word}\` must be followed by a space.`, this.pos);
    }
    // Styling does not change the infrastructure; it ends at the end of the line or at `;`.
    if (word === 'class') {
      this.skipSpaces();
      const ids = this.readUntil(/[\s;]/);
      this.skipSpaces();
      const cls = this.readUntil(/[\s;]/);
      for (const id of ids.split(',')) this.ast.vertices.get(id)?.classes.push(cls);
    }
    while (this.pos < this.text.length && this.text[this.pos] !== '\n' && this.text[this.pos] !== ';') this.pos++;
  }

  private readUntil(stop: RegExp): string {
    const start = this.pos;
    while (this.pos < this.text.length && !stop.test(this.text[this.pos]!)) this.pos++;
    return this.text.slice(start, this.pos);
  }

  private direction(): void {
    this.pos += 'direction'.length;
    this.skipSpaces();
    const start = this.pos;
    const dir = this.readUntil(/[\s;]/);
    if (!DIRECTIONS.has(dir)) this.fail('bad-direction', `\`${dir}\` is not a direction (TB, TD, BT, RL or LR).`, start, undefined, dir);
    const top = this.subgraphStack[this.subgraphStack.length - 1];
    if (top) top.sg.dir = DIRECTION_NAMES[dir] ?? dir;
  }

  private subgraphStart(): void {
    const keywordAt = this.pos;
    this.pos += 'subgraph'.length;
    this.skipSpaces();
    let id: string | null = null;
    let title: string;
    const rest = this.text.slice(this.pos, this.text.indexOf('\n', this.pos) < 0 ? this.text.length : this.text.indexOf('\n', this.pos));
    if (rest.startsWith('"')) {
      const label = this.readQuotedLabel();
      title = label.text;
    } else {
      const idStart = this.pos;
      const raw = this.readUntil(/[\n;[]/);
      const head = raw.trimEnd();
      this.pos = idStart + head.length;
      this.skipSpaces();
      if (this.text[this.pos] === '[') {
        id = head;
        this.pos++;
        const label = this.readLabel(']', idStart);
        title = label.text;
      } else {
        title = head;
        id = head && !/\s/.test(head) ? head : null;
      }
    }
    id ??= `subGraph${this.generatedSubgraphs++}`;
    let sg = this.subgraphById.get(id);
    if (!sg) {
      sg = { id, title, dir: null, nodes: [], pos: this.here(keywordAt) };
      this.subgraphById.set(id, sg);
      this.ast.subgraphs.push(sg);
    }
    this.subgraphStack.push({ sg, members: [] });
  }

  private subgraphEnd(): void {
    const open = this.subgraphStack.pop();
    if (!open) {
      this.fail('end-without-subgraph', '`end` closes nothing: there is no open subgraph (and `end` cannot be a node id).', this.pos, 'Remove this `end`, or rename the node (e.g. `End` or `endNode`).', 'end');
    }
    this.pos += 3;
    this.closeSubgraph(open);
  }

  private closeSubgraph(open: { sg: FlowSubgraph; members: string[] }): void {
    for (const m of open.members) if (!open.sg.nodes.includes(m)) open.sg.nodes.push(m);
    const parent = this.subgraphStack[this.subgraphStack.length - 1];
    if (parent) parent.members.push(...open.members, open.sg.id);
  }

  private noteMember(id: string): void {
    const top = this.subgraphStack[this.subgraphStack.length - 1];
    if (top && !top.members.includes(id)) top.members.push(id);
  }

  // ---- vertices and edges ---------------------------------------------------------------------

  private vertexStatement(): void {
    let left = this.nodeGroup();
    for (;;) {
      this.skipSpaces();
      if (this.atStatementEnd()) return;
      const linkAt = this.pos;
      const link = this.link();
      if (!link) return;
      this.skipSpaces();
      if (this.atStatementEnd()) this.fail('edge-without-target', 'This arrow points to nothing: a node id must follow it.', linkAt, 'Add the target node after the arrow, or remove the arrow.');
      const right = this.nodeGroup();
      for (const a of left) {
        for (const b of right) {
          this.ast.edges.push({ from: a.id, to: b.id, label: link.label, labelType: link.labelType, type: link.type, stroke: link.stroke, length: link.length, pos: this.here(linkAt) });
        }
      }
      left = right;
    }
  }

  private nodeGroup(): NodeRef[] {
    const nodes = [this.node()];
    for (;;) {
      const save = this.pos;
      this.skipSpaces();
      if (this.text[this.pos] === '&') {
        this.pos++;
        this.skipSpaces();
        nodes.push(this.node());
      } else {
        this.pos = save;
        return nodes;
      }
    }
  }

  private readId(): string {
    const start = this.pos;
    const t = this.text;
    while (this.pos < t.length) {
      const c = t[this.pos]!;
      if (/[A-Za-z0-9!#$%'*+.`?\\_/]/.test(c)) this.pos++;
      else if (c === '-' && !/[>\-.]/.test(t[this.pos + 1] ?? '')) this.pos++;
      else if (c === '=' && t[this.pos + 1] !== '=') this.pos++;
      else if (c.charCodeAt(0) > 127 && /[\p{L}\p{N}\p{M}\p{So}\p{Sk}]/u.test(c)) this.pos++;
      else if (c.charCodeAt(0) >= 0xd800 && c.charCodeAt(0) <= 0xdfff) this.pos++;
      else break;
    }
    return t.slice(start, this.pos);
  }

  private node(): NodeRef {
    const start = this.pos;
    const id = this.readId();
    if (!id) {
      const c = this.text[this.pos] ?? '';
      if (c === '-' && this.text[this.pos + 1] === '>') this.fail('single-dash-arrow', '`->` is not a Mermaid flowchart arrow.', this.pos, 'Use `-->` (two dashes).', '->');
      this.fail('expected-node', `Expected a node id, found \`${c === '\n' ? 'end of line' : c}\`.`, this.pos, undefined, c);
    }
    if (id === 'end') {
      this.fail('end-as-node-id', '`end` is a keyword in Mermaid flowcharts and cannot be a node id.', start, 'Rename the node: `End`, `END` or `endNode` work, or give it a label: `done[end]`.', 'end');
    }
    const vertex = this.touchVertex(id, start);
    const afterId = this.pos;
    this.skipSpaces();
    const spaced = this.pos > afterId;
    const shape = shapeAt(this.text, this.pos);
    if (shape && shape.open !== '>' && spaced) {
      this.fail('space-before-shape', `A space between the node id \`${id}\` and \`${shape.open}\` is not allowed.`, afterId, `Write \`${id}${shape.open}...\` with no space.`, ' ');
    }
    if (!spaced && this.text.startsWith('@{', this.pos)) {
      this.shapeData(vertex);
    } else if (!spaced && shape) {
      this.pos += shape.open.length;
      const openAt = this.pos - shape.open.length;
      const label = this.shapeLabel(shape.closers.map((c) => c.close), openAt);
      const closer = shape.closers.find((c) => c.close === label.closer)!;
      vertex.label = label.text;
      vertex.labelType = label.labelType;
      vertex.shape = closer.shape;
    } else {
      this.pos = afterId;
    }
    if (this.text.startsWith(':::', this.pos)) {
      this.pos += 3;
      vertex.classes.push(this.readUntil(/[\s;&]/));
    }
    return { id };
  }

  private touchVertex(id: string, offset: number): FlowVertex {
    let vertex = this.ast.vertices.get(id);
    if (!vertex) {
      vertex = { id, label: id, labelType: 'text', shape: null, pos: this.here(offset), classes: [] };
      this.ast.vertices.set(id, vertex);
    }
    this.noteMember(id);
    return vertex;
  }

  /** `id@{ shape: cyl, label: "Database" }`: a small YAML map. */
  private shapeData(vertex: FlowVertex): void {
    const open = this.pos;
    this.pos += 2;
    const close = this.text.indexOf('}', this.pos);
    if (close < 0) this.fail('unclosed-shape-data', 'The `@{ ... }` block is never closed with `}`.', open, 'Close it with `}` on the same statement.');
    const body = this.text.slice(this.pos, close);
    this.pos = close + 1;
    for (const part of body.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)|\n/)) {
      const m = /^\s*([\w-]+)\s*:\s*(.*?)\s*$/.exec(part);
      if (!m) continue;
      const value = m[2]!.replace(/^"(.*)"$/s, '$1').replace(/^'(.*)'$/s, '$1');
      if (m[1] === 'shape') vertex.shape = value;
      else if (m[1] === 'label') {
        vertex.label = value;
        vertex.labelType = 'string';
      } else if (m[1] === 'icon') vertex.icon = value;
    }
    if (vertex.shape === null) vertex.shape = 'rect';
  }

  /**
   * Reads a node label up to one of `closers`. Quoted labels (`"..."`, markdown "`...`") may hold
   * anything; unquoted ones may not hold brackets, parentheses, braces or quotes.
   */
  private shapeLabel(closers: string[], openAt: number): { text: string; labelType: LabelType; closer: string } {
    const save = this.pos;
    this.skipSpaces();
    if (this.text[this.pos] === '"') {
      const label = this.readQuotedLabel();
      this.skipSpaces();
      const closer = closers.find((c) => this.text.startsWith(c, this.pos));
      if (closer) {
        this.pos += closer.length;
        return { ...label, closer };
      }
      this.fail('text-after-quoted-label', 'Text after the closing quote of a label: the whole label must be inside the quotes.', this.pos, 'Move the text inside the quotes.', this.text[this.pos]);
    }
    this.pos = save;
    const start = this.pos;
    for (;;) {
      const c = this.text[this.pos];
      const closer = closers.find((cl) => this.text.startsWith(cl, this.pos));
      if (closer) {
        const text = this.text.slice(start, this.pos).trim();
        this.pos += closer.length;
        return { text, labelType: 'text', closer };
      }
      if (c === undefined || c === '\n') {
        this.fail('unclosed-label', `This label is never closed: Mermaid expects \`${closers[0]}\` before the end of the line.`, openAt, `Close the label with \`${closers[0]}\`.`);
      }
      if (LABEL_STOP_CHARS.has(c)) {
        const recovered = this.recoverLabel(closers, start);
        const textSoFar = this.text.slice(start, this.pos).trim();
        const what = c === '"' ? 'A quote' : `\`${c}\``;
        const shown = recovered ? `${recovered.text.replace(/"/g, '#quot;')}` : `${textSoFar}${c}...`;
        const detail = this.errorAt(
          c === '(' || c === ')' ? 'unquoted-parenthesis-in-label' : 'unquoted-special-in-label',
          `${what} inside an unquoted node label is not allowed.`,
          this.pos,
          `Put the whole label in double quotes: \`${closers[0] === ']' ? '[' : ''}"${shown}"${closers[0]}\`${c === '"' ? ' (write inner quotes as #quot;)' : ''}.`,
          c,
        );
        if (!recovered) throw new StatementError(detail);
        // Keep reading the statement so that the node and its edges still reach the graph.
        this.errors.push(detail);
        this.pos = recovered.end;
        return { text: recovered.text, labelType: 'text', closer: recovered.closer };
      }
      this.pos++;
    }
  }

  private readQuotedLabel(): { text: string; labelType: LabelType } {
    const open = this.pos;
    this.pos++;
    const markdown = this.text[this.pos] === '`';
    const end = markdown ? this.text.indexOf('`"', this.pos + 1) : this.text.indexOf('"', this.pos);
    if (end < 0) this.fail('unclosed-string', 'This quoted label is never closed.', open, 'Add the closing `"`.');
    const text = markdown ? this.text.slice(this.pos + 1, end) : this.text.slice(this.pos, end);
    this.pos = end + (markdown ? 2 : 1);
    return { text: decodeEntities(text), labelType: markdown ? 'markdown' : 'string' };
  }

  private readLabel(closer: string, openAt: number): { text: string; labelType: LabelType } {
    const label = this.shapeLabel([closer], openAt);
    return { text: label.text, labelType: label.labelType };
  }

  private link(): { label: string; labelType: LabelType; type: FlowEdge['type']; stroke: FlowEdge['stroke']; length: number } | null {
    const at = this.pos;
    const token: LinkToken | null = readLink(this.text, this.pos);
    if (!token) {
      const c = this.text[this.pos];
      if ((c === '-' || c === '=') && this.text[this.pos + 1] === '>') {
        // Mermaid rejects `->`, but the student clearly meant an arrow: record the error and read it
        // as one, so that the rest of the line still reaches the graph.
        this.errors.push(this.errorAt('single-dash-arrow', `\`${c}>\` is not a Mermaid flowchart arrow.`, at, c === '-' ? 'Use `-->` (two dashes) for an arrow.' : 'Use `==>` for a thick arrow.', `${c}>`));
        this.pos += 2;
        return { label: '', labelType: 'text', type: 'arrow_point', stroke: c === '-' ? 'normal' : 'thick', length: 1 };
      }
      this.fail('unexpected-text', `Expected an arrow (such as \`-->\`) or the end of the line, found \`${c}\`.`, at, undefined, c);
    }
    this.pos = token.end;
    let label = '';
    let labelType: LabelType = 'text';
    let { type, length } = token;
    if (token.opensLabel) {
      // `A -- text --> B`: the text runs to the closing part of the link.
      this.skipSpaces();
      if (this.text[this.pos] === '"') {
        ({ text: label, labelType } = this.readQuotedLabel());
        this.skipSpaces();
      }
      const textStart = this.pos;
      for (;;) {
        const c = this.text[this.pos];
        if (c === undefined || c === '\n' || c === ';') {
          this.fail('unclosed-edge-label', 'This edge label is never closed by an arrow: write `-- text -->`, or use `-->|text|`.', at, 'Finish the link with `-->` (or `---`) after the text.');
        }
        const close = readLinkClose(this.text, this.pos, token.stroke, token.startMark);
        if (close && (this.pos === textStart || /\s/.test(this.text[this.pos - 1]!) || label === '')) {
          if (!close.type) this.fail('bad-arrow', 'The two ends of this arrow do not match.', at);
          if (labelType === 'text') label = this.text.slice(textStart, this.pos).trim();
          type = close.type;
          length = close.length;
          this.pos = close.end;
          break;
        }
        this.pos++;
      }
    }
    if (this.text[this.pos] === '|') {
      const pipe = this.pos;
      this.pos++;
      if (this.text[this.pos] === '"') {
        ({ text: label, labelType } = this.readQuotedLabel());
        if (this.text[this.pos] !== '|') this.fail('unclosed-edge-label', 'The edge label is not closed with `|`.', pipe, 'Write `-->|"label"|`.');
      } else {
        const start = this.pos;
        while (this.text[this.pos] !== '|') {
          const c = this.text[this.pos];
          if (c === undefined || c === '\n') this.fail('unclosed-edge-label', 'The edge label is not closed with `|`.', pipe, 'Write `-->|label| B`.');
          if (LABEL_STOP_CHARS.has(c)) {
            this.fail(
              c === '(' || c === ')' ? 'unquoted-parenthesis-in-label' : 'unquoted-special-in-label',
              `\`${c}\` inside an unquoted edge label is not allowed.`,
              this.pos,
              `Quote the label: \`|"${this.text.slice(start, this.pos).trim()}${c}..."|\`.`,
              c,
            );
          }
          this.pos++;
        }
        label = this.text.slice(start, this.pos).trim();
        labelType = 'text';
      }
      this.pos++;
    }
    return { label, labelType, type, stroke: token.stroke, length };
  }
}

/** Mermaid's entity codes: `#quot;` -> `&quot;`, `#35;` -> `&#35;` (as its renderer receives them). */
export function decodeEntities(text: string): string {
  return text.replace(/#(\d+);/g, '&#$1;').replace(/#([a-z]+);/gi, '&$1;');
}
