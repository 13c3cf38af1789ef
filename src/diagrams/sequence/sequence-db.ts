import { readAtBlock } from '../at-block.js';
import { sanitizeLabel } from '../flowchart/sanitize.js';
import { decodeEntityPlaceholders } from '../mermaid-source.js';
import { DiagramSemanticError as SequenceSemanticError } from '../semantic-error.js';
import type { DiagramPos, SequenceAst, SequenceParticipant } from '../types.js';
import { CSS_COLOUR_NAMES } from './css-colours.js';

/** A statement as the grammar's actions build it, before Mermaid's SequenceDB applies it. */
export interface Statement {
  type: string;
  at?: number;
  [key: string]: unknown;
}

/** Mermaid's parseMessage: trims, reads a leading `wrap:`/`nowrap:`, returns the text. */
export function parseMessage(str: string): { text: string; wrap: boolean | undefined } {
  const text = str.trim();
  const wrap = /^:?wrap:/.exec(text) !== null ? true : /^:?nowrap:/.exec(text) !== null ? false : undefined;
  return { text: (wrap === undefined ? text : text.replace(/^:?(?:no)?wrap:/, '')).trim(), wrap };
}

export { DiagramSemanticError as SequenceSemanticError } from '../semantic-error.js';

/** Whether jsdom's CSS.supports('color', value) (what the oracle runs) accepts a colour. */
function isCssColour(value: string): boolean {
  const v = value.trim().toLowerCase();
  if (!v) return false;
  if (CSS_COLOUR_NAMES.has(v)) return true;
  if (/^#([0-9a-f]{3}|[0-9a-f]{4}|[0-9a-f]{6}|[0-9a-f]{8})$/.test(v)) return true;
  return /^(rgba?|hsla?)\s*\([^()]*\)$/.test(v);
}

function parseBoxData(str: string): { title: string | null; fill: string } {
  const match = /^((?:rgba?|hsla?)\s*\(.*\)|\w*)(.*)$/.exec(str);
  let colour = match?.[1] ? match[1].trim() : 'transparent';
  let title: string | undefined = match?.[2] ? match[2].trim() : undefined;
  if (!isCssColour(colour)) {
    colour = 'transparent';
    title = str.trim();
  }
  const cleaned = title === undefined ? undefined : parseMessage(title).text;
  return { title: cleaned ? sanitizeLabel(cleaned) : null, fill: colour };
}

interface Actor extends SequenceParticipant {
  boxIndex: number | null;
}

/**
 * What Mermaid's SequenceDB does with the statements, for what the graph needs: participants (with
 * their box and alias), messages, notes, blocks, activations, and the errors it raises (an
 * activation ended that never started, a participant in two boxes, create/destroy without message).
 */
export class SequenceDb {
  private readonly actors = new Map<string, Actor>();
  private readonly boxes: { title: string | null; fill: string; participants: string[] }[] = [];
  private currentBox: number | null = null;
  private readonly ast: SequenceAst = { kind: 'sequence', participants: [], boxes: [], messages: [], notes: [], blocks: [], activations: [], autonumber: false };
  private readonly activeCount = new Map<string, number>();
  private lastCreated: string | null = null;
  private lastDestroyed: string | null = null;

  constructor(
    private readonly position: (offset: number) => DiagramPos,
    private readonly lenient: boolean,
  ) {}

  /**
   * Applies statements in order, depth first. Blocks nest as deep as the student wrote them (12,000
   * nested `loop`s overflowed the call stack when this recursed): the walk keeps its own stack.
   */
  apply(statement: unknown): void {
    const pending: unknown[] = [statement];
    while (pending.length) {
      const item = pending.pop();
      if (Array.isArray(item)) {
        for (let k = item.length - 1; k >= 0; k--) pending.push(item[k]);
        continue;
      }
      if (!item || typeof item !== 'object') continue;
      try {
        this.applyOne(item as Statement);
      } catch (error) {
        if (!this.lenient) throw error;
      }
    }
  }

  private applyOne(s: Statement): void {
    const at = this.position(s.at ?? 0);
    switch (s.type) {
      case 'autonumber':
        this.ast.autonumber = true;
        break;
      case 'addParticipant':
        this.addActor(String(s.actor), s.description as { text: string } | undefined, s.draw as string | undefined, s.config as string | undefined, at);
        break;
      case 'createParticipant':
        if (this.actors.has(String(s.actor))) {
          throw new SequenceSemanticError('It is not possible to have actors with the same id, even if one is destroyed before the next is created.', s.at ?? 0, 'duplicate-created-participant', "Use 'as' aliases to show the same name twice.");
        }
        this.lastCreated = String(s.actor);
        this.addActor(String(s.actor), s.description as { text: string } | undefined, s.draw as string | undefined, s.config as string | undefined, at);
        break;
      case 'destroyParticipant':
        this.lastDestroyed = String(s.actor);
        break;
      case 'activeStart':
      case 'activeEnd':
        this.activation(String(s.actor), s.type === 'activeStart', s.at ?? 0);
        break;
      case 'addNote': {
        const actors = s.actors as string[];
        this.ast.notes.push({ placement: s.placement as 'over', actors: [...new Set(actors)], text: String(s.text ?? ''), pos: at });
        break;
      }
      case 'addMessage': {
        const from = String(s.from);
        const to = String(s.to);
        if (this.lastCreated) {
          if (to !== this.lastCreated) throw new SequenceSemanticError(`The created participant ${this.lastCreated} does not have an associated creating message after its declaration.`, s.at ?? 0, 'create-without-message', 'Follow `create participant X` with a message to X.');
          this.lastCreated = null;
        } else if (this.lastDestroyed) {
          if (to !== this.lastDestroyed && from !== this.lastDestroyed) throw new SequenceSemanticError(`The destroyed participant ${this.lastDestroyed} does not have an associated destroying message after its declaration.`, s.at ?? 0, 'destroy-without-message', 'Follow `destroy X` with a message to or from X.');
          this.lastDestroyed = null;
        }
        this.ast.messages.push({ from, to, text: String(s.msg ?? ''), type: String(s.signalType), ...(s.activate ? { activate: true } : {}), ...(s.central ? { central: String(s.central) } : {}), pos: at });
        break;
      }
      case 'boxStart': {
        const data = parseBoxData(String(s.text ?? ''));
        this.boxes.push({ title: data.title, fill: data.fill, participants: [] });
        this.currentBox = this.boxes.length - 1;
        break;
      }
      case 'boxEnd':
        this.currentBox = null;
        break;
      case 'block':
        this.ast.blocks.push({ kind: String(s.kind), text: String(s.text ?? ''), pos: at });
        break;
      default:
        break;
    }
  }

  /** Mermaid's addActor, step for step (including its quirks: a later plain `participant X` changes nothing). */
  private addActor(id: string, desc: { text: string } | undefined, draw: string | undefined, config: string | undefined, pos: DiagramPos): void {
    let type = draw;
    let description = desc;
    if (config !== undefined) {
      const read = readAtBlock(config);
      if ('invalid' in read) throw new SequenceSemanticError(`The @{ ... } block is not valid YAML: ${read.invalid}`, 0, 'bad-participant-config');
      const doc = read.value as { type?: string; alias?: string } | null | undefined;
      type = doc?.type ?? type;
      if (doc?.alias && (!description || description.text === id)) description = { text: doc.alias };
    }
    const old = this.actors.get(id);
    let box = this.currentBox;
    if (old) {
      if (this.currentBox !== null && old.boxIndex !== null && this.currentBox !== old.boxIndex) {
        throw new SequenceSemanticError(`A same participant should only be defined in one Box: ${id} can't be in two boxes at the same time.`, 0, 'participant-in-two-boxes', 'Declare each participant in one box only.');
      }
      box = old.boxIndex ?? this.currentBox;
      old.boxIndex = box;
      old.box = box === null ? null : this.boxes[box]!.title;
      if (description == null) return;
    }
    if (description?.text == null || type == null) description = { text: id };
    const actor: Actor = { id, label: description.text, type: type ?? 'participant', box: box === null ? null : this.boxes[box]!.title, boxIndex: box, pos: old?.pos ?? pos };
    if (old) Object.assign(old, actor);
    else {
      this.actors.set(id, actor);
      this.ast.participants.push(actor);
    }
    if (this.currentBox !== null) this.boxes[this.currentBox]!.participants.push(id);
  }

  private activation(participant: string, active: boolean, offset: number): void {
    const n = this.activeCount.get(participant) ?? 0;
    if (!active && n < 1) {
      throw new SequenceSemanticError(`Trying to inactivate an inactive participant (${participant}).`, offset, 'inactive-participant', 'Remove the `-` (or the `deactivate`), or activate the participant first: `A->>+B` activates B, `B-->>-A` then deactivates B.');
    }
    this.activeCount.set(participant, active ? n + 1 : n - 1);
    this.ast.activations.push({ participant, active });
  }

  /** The diagram, with Mermaid's entity placeholders shown as its renderer receives them. */
  toAst(): SequenceAst {
    const d = decodeEntityPlaceholders;
    this.ast.boxes = this.boxes.map((b) => ({ title: b.title === null ? null : d(b.title), fill: b.fill, participants: b.participants }));
    for (const p of this.ast.participants) {
      p.label = d(p.label);
      if (p.box !== null) p.box = d(p.box);
    }
    for (const m of this.ast.messages) m.text = d(m.text);
    for (const n of this.ast.notes) n.text = d(n.text);
    for (const b of this.ast.blocks) b.text = d(b.text);
    return this.ast;
  }
}
