import type { Token } from '../lr/lr-parser.js';
import { pop, push, ret, runStateLexer, skip, type LexerState, type LexRule } from '../lr/state-lexer.js';

/**
 * The sequence-diagram lexer, rule for rule as Mermaid 12.3's (case-insensitive, first match wins).
 * Whitespace and `#`/`%%` comments are skipped; participant names are read in an `ID` state so
 * that they may hold spaces; the rest of a block keyword's line is one `restOfLine` token.
 */
type Rule = LexRule<null>;

const ci = (re: RegExp) => new RegExp(re.source, 'yi');
const trimmed = (type: string, then?: (lx: LexerState) => void) => (lx: LexerState, m: string) => {
  then?.(lx);
  return { type, text: m.trim() };
};
const keyword = (word: string, type: string, state?: string): Rule => ({
  match: ci(new RegExp(`${word}\\b`)),
  states: ['INITIAL'],
  action: state ? push(state, type) : ret(type),
});
const begin = (state: string) => (lx: LexerState) => {
  lx.stack.push(state);
};
const ACTOR_IN_MESSAGE =
  /[^/\\+()+<\->:\n,;]+((?!(-x|--x|-\)|--\)|-\|\\|-\\|-\/|-\/\/|-\|\/|\/\|-|\\\|-|\/\/-|\\\\-|\/\|-|--\|\\|--|\(\)))-*[^+<\->:\n,;]+)*/;
const ARROWS: [string, string][] = [
  ['->>', 'SOLID_ARROW'], ['<<->>', 'BIDIRECTIONAL_SOLID_ARROW'], ['-->>', 'DOTTED_ARROW'], ['<<-->>', 'BIDIRECTIONAL_DOTTED_ARROW'],
  ['->', 'SOLID_OPEN_ARROW'], ['-->', 'DOTTED_OPEN_ARROW'], ['-x', 'SOLID_CROSS'], ['--x', 'DOTTED_CROSS'], ['-)', 'SOLID_POINT'],
  ['--)', 'DOTTED_POINT'], ['--|\\', 'SOLID_ARROW_TOP_DOTTED'], ['--|/', 'SOLID_ARROW_BOTTOM_DOTTED'], ['--\\\\', 'STICK_ARROW_TOP_DOTTED'],
  ['--//', 'STICK_ARROW_BOTTOM_DOTTED'], ['/|--', 'SOLID_ARROW_TOP_REVERSE_DOTTED'], ['\\|--', 'SOLID_ARROW_BOTTOM_REVERSE_DOTTED'],
  ['//--', 'STICK_ARROW_TOP_REVERSE_DOTTED'], ['\\\\--', 'STICK_ARROW_BOTTOM_REVERSE_DOTTED'], ['-|\\', 'SOLID_ARROW_TOP'],
  ['-|/', 'SOLID_ARROW_BOTTOM'], ['-\\\\', 'STICK_ARROW_TOP'], ['-//', 'STICK_ARROW_BOTTOM'], ['/|-', 'SOLID_ARROW_TOP_REVERSE'],
  ['\\|-', 'SOLID_ARROW_BOTTOM_REVERSE'], ['//-', 'STICK_ARROW_TOP_REVERSE'], ['\\\\-', 'STICK_ARROW_BOTTOM_REVERSE'],
];
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const LINK_LIKE = '(?=[ \\t]+[^/\\\\+()<>:\\n,;\\s-])';

const RULES: Rule[] = [
  { match: /[\n]+/y, states: ['INITIAL'], action: ret('NEWLINE') },
  { match: /\s+/y, states: ['INITIAL'], action: skip },
  { match: /((?!\n)\s)+/y, states: ['ID', 'ALIAS', 'LINE'], action: skip },
  { match: /#[^\n]*/y, states: ['ID', 'ALIAS', 'LINE', 'INITIAL'], action: skip },
  { match: /%(?!\{)[^\n]*/y, states: ['INITIAL'], action: skip },
  { match: /[^}]%%[^\n]*/y, states: ['INITIAL'], action: skip },
  { match: /([0-9]+(\.[0-9]{1,2})?|\.[0-9]{1,2})(?=[ \n]+)/y, states: ['INITIAL'], action: ret('NUM') },
  { match: /@\{/y, states: ['ID'], action: push('CONFIG', 'CONFIG_START') },
  { match: /[^}]+/y, states: ['CONFIG'], action: ret('CONFIG_CONTENT') },
  { match: /\}(?=\s+as\s)/yi, states: ['CONFIG'], action: (lx) => (lx.stack.pop(), lx.stack.push('ALIAS'), { type: 'CONFIG_END' }) },
  { match: /\}/y, states: ['CONFIG'], action: pop('CONFIG_END', 2) },
  { match: /[^<>:\n,;@\s]+(?=\s*@\{)/y, states: ['ID'], action: trimmed('ACTOR') },
  { match: /[^<>:\n,;@\s]+(?=\s+as\s)/yi, states: ['ID'], action: trimmed('ACTOR', begin('ALIAS')) },
  { match: /[^<>:\n,;@]+(?=\s*[\n;#]|$)/y, states: ['ID'], action: trimmed('ACTOR', (lx) => lx.stack.pop()) },
  { match: /[^<>:\n,;@]*<[^\n]*/y, states: ['ID'], action: pop('INVALID') },
  { match: /[^\n]+/y, states: ['ID'], action: trimmed('INVALID', (lx) => lx.stack.pop()) },
  keyword('box', 'box', 'LINE'),
  keyword('participant', 'participant', 'ID'),
  keyword('actor', 'participant_actor', 'ID'),
  keyword('create', 'create'),
  keyword('destroy', 'destroy', 'ID'),
  { match: /as\b/yi, states: ['ALIAS'], action: (lx) => (lx.stack.pop(), lx.stack.pop(), lx.stack.push('LINE'), { type: 'AS' }) },
  { match: /(?:)/y, states: ['ALIAS'], action: pop('NEWLINE', 2) },
  keyword('loop', 'loop', 'LINE'),
  keyword('rect', 'rect', 'LINE'),
  keyword('opt', 'opt', 'LINE'),
  keyword('alt', 'alt', 'LINE'),
  keyword('else', 'else', 'LINE'),
  keyword('par', 'par', 'LINE'),
  keyword('par_over', 'par_over', 'LINE'),
  keyword('and', 'and', 'LINE'),
  keyword('critical', 'critical', 'LINE'),
  keyword('option', 'option', 'LINE'),
  keyword('break', 'break', 'LINE'),
  { match: /(?:[:]?(?:no)?wrap)?[^#\n;]*/yi, states: ['LINE'], action: pop('restOfLine') },
  keyword('end', 'end'),
  keyword('left of', 'left_of'),
  keyword('right of', 'right_of'),
  { match: ci(new RegExp(`links${LINK_LIKE}`)), states: ['INITIAL'], action: ret('links') },
  { match: ci(new RegExp(`link${LINK_LIKE}`)), states: ['INITIAL'], action: ret('link') },
  { match: ci(new RegExp(`properties${LINK_LIKE}`)), states: ['INITIAL'], action: ret('properties') },
  { match: ci(new RegExp(`details${LINK_LIKE}`)), states: ['INITIAL'], action: ret('details') },
  keyword('over', 'over'),
  keyword('note', 'note'),
  keyword('activate', 'activate', 'ID'),
  keyword('deactivate', 'deactivate', 'ID'),
  { match: /title\s[^#\n;]+/yi, states: ['INITIAL'], action: ret('title') },
  { match: /title:\s[^#\n;]+/yi, states: ['INITIAL'], action: ret('legacy_title') },
  { match: /accTitle\s*:\s*/yi, states: ['INITIAL'], action: push('acc_title', 'acc_title') },
  { match: /[^\n]*/y, states: ['acc_title'], action: pop('acc_title_value') },
  { match: /accDescr\s*:\s*/yi, states: ['INITIAL'], action: push('acc_descr', 'acc_descr') },
  { match: /[^\n]*/y, states: ['acc_descr'], action: pop('acc_descr_value') },
  { match: /accDescr\s*\{\s*/yi, states: ['INITIAL'], action: push('acc_descr_multiline', null) },
  { match: /[}]/y, states: ['acc_descr_multiline'], action: pop(null) },
  { match: /[^}]*/y, states: ['acc_descr_multiline'], action: ret('acc_descr_multiline_value') },
  keyword('sequenceDiagram', 'SD'),
  keyword('autonumber', 'autonumber'),
  keyword('off', 'off'),
  { match: /,/y, states: ['INITIAL'], action: ret(',') },
  { match: /;/y, states: ['INITIAL'], action: ret('NEWLINE') },
  { match: new RegExp(ACTOR_IN_MESSAGE.source, 'yi'), states: ['INITIAL'], action: trimmed('ACTOR') },
  ...ARROWS.map(([arrow, type]): Rule => ({ match: new RegExp(escape(arrow), 'yi'), states: ['INITIAL'], action: ret(type) })),
  { match: /:(?:(?:no)?wrap)?[^#\n;]*/yi, states: ['INITIAL'], action: ret('TXT') },
  { match: /:/y, states: ['INITIAL'], action: ret('TXT') },
  { match: /\+/y, states: ['INITIAL'], action: ret('+') },
  { match: /-/y, states: ['INITIAL'], action: ret('-') },
  { match: /\(\)/y, states: ['INITIAL'], action: ret('()') },
  { match: /./y, states: ['INITIAL'], action: ret('INVALID') },
];

export function lexSequence(text: string): Token[] {
  return runStateLexer(text, RULES, null, { endToken: 'NEWLINE' });
}
