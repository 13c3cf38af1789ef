import type { Production } from '../lr/lalr.js';
import type { Node } from '../lr/run-grammar.js';
import { parseMessage, type Statement } from './sequence-db.js';

type Action = ($: Node[]) => unknown;
interface Rule extends Production {
  action?: Action;
}

const v = <T>(node: Node | undefined): T => node?.value as T;

/** `list item` -> the list with the item appended in place: copying it at every line made long diagrams quadratic. */
const appendStatement = ($: (Node | undefined)[]): Statement[] => {
  const list = v<Statement[]>($[0]);
  list.push(v<Statement>($[1]));
  return list;
};
function r(lhs: string, rhs: string, action?: Action): Rule {
  return { lhs, rhs: rhs ? rhs.split(' ') : [], ...(action ? { action } : {}) };
}
/** The statement objects carry the offset of their first token, for positions in the graph. */
const at = ($: Node[], i = 0) => $[i]?.start ?? 0;
const actorOf = (n: Node | undefined) => v<{ actor: string }>(n).actor;

const block = (kind: string, end: string, textIndex = 1): Action => ($) => {
  const body = v<Statement[]>($[2]);
  const text = v<string>($[textIndex]);
  return [{ type: 'block', kind: `${kind}_start`, text: kind === 'rect' ? parseMessage(text).text : parseMessage(text).text, at: at($) }, ...body, { type: 'block', kind: end, text: '', at: at($, 3) }];
};
/**
 * `document else text sections`: the later sections are kept as one nested list, as Mermaid does
 * (`$1.concat([else, $4])`), not spread: spreading them at every `else` was quadratic in their number.
 */
const sections = (kind: string): Action => ($) => {
  const list = v<unknown[]>($[0]);
  const marker = { type: 'block', kind, text: parseMessage(v<string>($[2])).text, at: at($, 1) };
  if (!Array.isArray(list)) return [...(list as Iterable<unknown>), marker, ...v<Statement[]>($[3])];
  list.push(marker, v<Statement[]>($[3]));
  return list;
};
const participant = (draw: 'participant' | 'actor', aliased: boolean): Action => ($) => ({
  ...v<Statement>($[1]),
  type: 'addParticipant',
  draw,
  ...(aliased ? { description: parseMessage(v<string>($[3])) } : {}),
  at: at($, 1),
});
const message = (from: number, to: number, arrow: number, text: number, extra: Record<string, unknown>, after?: (s: Node[]) => Statement[]): Action => ($) => [
  v<Statement>($[from]),
  v<Statement>($[to]),
  { type: 'addMessage', from: actorOf($[from]), to: actorOf($[to]), signalType: v<string>($[arrow]), msg: v<string>($[text]), at: at($), ...extra },
  ...(after ? after($) : []),
];
const SIGNAL_TYPES: [string, string][] = [
  ['SOLID_OPEN_ARROW', 'SOLID_OPEN'], ['DOTTED_OPEN_ARROW', 'DOTTED_OPEN'], ['SOLID_ARROW', 'SOLID'], ['SOLID_ARROW_TOP', 'SOLID_TOP'],
  ['SOLID_ARROW_BOTTOM', 'SOLID_BOTTOM'], ['STICK_ARROW_TOP', 'STICK_TOP'], ['STICK_ARROW_BOTTOM', 'STICK_BOTTOM'],
  ['SOLID_ARROW_TOP_DOTTED', 'SOLID_TOP_DOTTED'], ['SOLID_ARROW_BOTTOM_DOTTED', 'SOLID_BOTTOM_DOTTED'], ['STICK_ARROW_TOP_DOTTED', 'STICK_TOP_DOTTED'],
  ['STICK_ARROW_BOTTOM_DOTTED', 'STICK_BOTTOM_DOTTED'], ['SOLID_ARROW_TOP_REVERSE', 'SOLID_ARROW_TOP_REVERSE'],
  ['SOLID_ARROW_BOTTOM_REVERSE', 'SOLID_ARROW_BOTTOM_REVERSE'], ['STICK_ARROW_TOP_REVERSE', 'STICK_ARROW_TOP_REVERSE'],
  ['STICK_ARROW_BOTTOM_REVERSE', 'STICK_ARROW_BOTTOM_REVERSE'], ['SOLID_ARROW_TOP_REVERSE_DOTTED', 'SOLID_ARROW_TOP_REVERSE_DOTTED'],
  ['SOLID_ARROW_BOTTOM_REVERSE_DOTTED', 'SOLID_ARROW_BOTTOM_REVERSE_DOTTED'], ['STICK_ARROW_TOP_REVERSE_DOTTED', 'STICK_ARROW_TOP_REVERSE_DOTTED'],
  ['STICK_ARROW_BOTTOM_REVERSE_DOTTED', 'STICK_ARROW_BOTTOM_REVERSE_DOTTED'], ['BIDIRECTIONAL_SOLID_ARROW', 'BIDIRECTIONAL_SOLID'],
  ['DOTTED_ARROW', 'DOTTED'], ['BIDIRECTIONAL_DOTTED_ARROW', 'BIDIRECTIONAL_DOTTED'], ['SOLID_CROSS', 'SOLID_CROSS'],
  ['DOTTED_CROSS', 'DOTTED_CROSS'], ['SOLID_POINT', 'SOLID_POINT'], ['DOTTED_POINT', 'DOTTED_POINT'],
];

/**
 * The sequence-diagram grammar of Mermaid 12.3 (sequenceDiagram.jison), production for production.
 * Actions build the statement list that Mermaid hands to its SequenceDB once the whole text has
 * parsed; `line: error NEWLINE` is infralint's addition for recovery.
 */
export const SEQUENCE_RULES: Rule[] = [
  r('start', 'SPACE start', ($) => v($[1])),
  r('start', 'NEWLINE start', ($) => v($[1])),
  r('start', 'SD document', ($) => v($[1])),
  r('document', '', () => []),
  r('document', 'document line', appendStatement),
  r('line', 'SPACE statement', ($) => v($[1])),
  r('line', 'statement'),
  r('line', 'NEWLINE', () => []),
  r('line', 'INVALID', () => []),
  r('line', 'error NEWLINE', () => []),
  r('box_section', '', () => []),
  r('box_section', 'box_section box_line', appendStatement),
  r('box_line', 'SPACE participant_statement', ($) => v($[1])),
  r('box_line', 'participant_statement'),
  r('box_line', 'NEWLINE', () => []),
  r('statement', 'participant_statement'),
  r('statement', 'create participant_statement', ($) => ({ ...v<Statement>($[1]), type: 'createParticipant' })),
  r('statement', 'box restOfLine box_section end', ($) => [{ type: 'boxStart', text: v<string>($[1]), at: at($) }, ...v<Statement[]>($[2]), { type: 'boxEnd', at: at($, 3) }]),
  r('statement', 'signal NEWLINE'),
  r('statement', 'autonumber NUM NUM NEWLINE', ($) => ({ type: 'autonumber', at: at($) })),
  r('statement', 'autonumber NUM NEWLINE', ($) => ({ type: 'autonumber', at: at($) })),
  r('statement', 'autonumber off NEWLINE', ($) => ({ type: 'autonumber', at: at($) })),
  r('statement', 'autonumber NEWLINE', ($) => ({ type: 'autonumber', at: at($) })),
  r('statement', 'activate actor NEWLINE', ($) => ({ type: 'activeStart', actor: actorOf($[1]), at: at($) })),
  r('statement', 'deactivate actor NEWLINE', ($) => ({ type: 'activeEnd', actor: actorOf($[1]), at: at($) })),
  ...['note_statement', 'links_statement', 'link_statement', 'properties_statement', 'details_statement'].map((s) => r('statement', `${s} NEWLINE`)),
  r('statement', 'title', () => []),
  r('statement', 'legacy_title', () => []),
  r('statement', 'acc_title acc_title_value', () => []),
  r('statement', 'acc_descr acc_descr_value', () => []),
  r('statement', 'acc_descr_multiline_value', () => []),
  r('statement', 'loop restOfLine document end', block('loop', 'loop_end')),
  r('statement', 'rect restOfLine document end', block('rect', 'rect_end')),
  r('statement', 'opt restOfLine document end', block('opt', 'opt_end')),
  r('statement', 'alt restOfLine else_sections end', block('alt', 'alt_end')),
  r('statement', 'par restOfLine par_sections end', block('par', 'par_end')),
  r('statement', 'par_over restOfLine par_sections end', block('par_over', 'par_end')),
  r('statement', 'critical restOfLine option_sections end', block('critical', 'critical_end')),
  r('statement', 'break restOfLine document end', block('break', 'break_end')),
  r('option_sections', 'document'),
  r('option_sections', 'document option restOfLine option_sections', sections('critical_option')),
  r('par_sections', 'document'),
  r('par_sections', 'document and restOfLine par_sections', sections('par_and')),
  r('else_sections', 'document'),
  r('else_sections', 'document else restOfLine else_sections', sections('alt_else')),
  r('participant_statement', 'participant actor AS restOfLine NEWLINE', participant('participant', true)),
  r('participant_statement', 'participant actor NEWLINE', participant('participant', false)),
  r('participant_statement', 'participant_actor actor AS restOfLine NEWLINE', participant('actor', true)),
  r('participant_statement', 'participant_actor actor NEWLINE', participant('actor', false)),
  r('participant_statement', 'destroy actor NEWLINE', ($) => ({ ...v<Statement>($[1]), type: 'destroyParticipant', at: at($, 1) })),
  r('participant_statement', 'participant actor_with_config AS restOfLine NEWLINE', participant('participant', true)),
  r('participant_statement', 'participant actor_with_config NEWLINE', participant('participant', false)),
  r('participant_statement', 'participant_actor actor_with_config AS restOfLine NEWLINE', participant('actor', true)),
  r('participant_statement', 'participant_actor actor_with_config NEWLINE', participant('actor', false)),
  r('note_statement', 'note placement actor text2', ($) => [v<Statement>($[2]), { type: 'addNote', placement: v<string>($[1]), actors: [actorOf($[2])], text: v<string>($[3]), at: at($) }]),
  r('note_statement', 'note over actor_pair text2', ($) => {
    const pair = v<Statement | Statement[]>($[2]);
    const list = Array.isArray(pair) ? pair : [pair];
    return [pair, { type: 'addNote', placement: 'over', actors: list.map((a) => String(a.actor)), text: v<string>($[3]), at: at($) }];
  }),
  ...['links', 'link', 'properties', 'details'].map((k) => r(`${k}_statement`, `${k} actor text2`, ($) => [v<Statement>($[1])])),
  r('spaceList', 'SPACE spaceList'),
  r('spaceList', 'SPACE'),
  r('actor_pair', 'actor , actor', ($) => [v<Statement>($[0]), v<Statement>($[2])]),
  r('actor_pair', 'actor'),
  r('placement', 'left_of', () => 'left of'),
  r('placement', 'right_of', () => 'right of'),
  r('signal', 'actor signaltype + actor text2', message(0, 3, 1, 4, { activate: true }, ($) => [{ type: 'activeStart', actor: actorOf($[3]), at: at($) }])),
  r('signal', 'actor signaltype - actor text2', message(0, 3, 1, 4, {}, ($) => [{ type: 'activeEnd', actor: actorOf($[0]), at: at($) }])),
  r('signal', 'actor signaltype () actor text2', message(0, 3, 1, 4, { activate: true, central: 'CENTRAL_CONNECTION' })),
  r('signal', 'actor () signaltype actor text2', message(0, 3, 2, 4, { central: 'CENTRAL_CONNECTION_REVERSE' })),
  r('signal', 'actor () signaltype () actor text2', message(0, 4, 2, 5, { activate: true, central: 'CENTRAL_CONNECTION_DUAL' })),
  r('signal', 'actor signaltype actor text2', message(0, 2, 1, 3, {})),
  r('actor_with_config', 'ACTOR config_object', ($) => ({ type: 'addParticipant', actor: v<string>($[0]), config: v<string>($[1]), at: at($) })),
  r('config_object', 'CONFIG_START CONFIG_CONTENT CONFIG_END', ($) => v<string>($[1]).trim()),
  r('actor', 'ACTOR', ($) => ({ type: 'addParticipant', actor: v<string>($[0]), at: at($) })),
  r('actor', 'link', ($) => ({ type: 'addParticipant', actor: v<string>($[0]).trim(), at: at($) })),
  ...SIGNAL_TYPES.map(([token, type]) => r('signaltype', token, () => type)),
  r('text2', 'TXT', ($) => parseMessage(v<string>($[0]).trim().substring(1)).text),
];
