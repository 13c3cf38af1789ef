import type { Production } from '../lr/lalr.js';
import type { Node } from '../lr/run-grammar.js';
import type { FlowDb, LinkInfo, TextValue } from './flow-db.js';


type Action = (db: FlowDb, $: Node[], start: number) => unknown;

interface Rule extends Production {
  action?: Action;
}

const v = <T>(node: Node | undefined): T => node?.value as T;
const text = (t: string): TextValue => ({ text: t, type: 'text' });

/** `lhs: a b c` with an optional action; without one, the value is that of the first symbol. */
function r(lhs: string, rhs: string, action?: Action): Rule {
  return { lhs, rhs: rhs ? rhs.split(' ') : [], ...(action ? { action } : {}) };
}

function alternatives(lhs: string, symbols: string[]): Rule[] {
  return symbols.map((s) => r(lhs, s));
}

const vertexShape = (shape: string, idIndex: number, textIndex: number): Action => (db, $, start) => {
  db.addVertex(v<string>($[idIndex]), start, v<TextValue>($[textIndex]), shape);
  return v<string>($[idIndex]);
};

/**
 * A vertex statement being read: the nodes of its last step, and the node lists of all its steps in
 * the order written. Mermaid's `{ stmt: $3, nodes: $3.concat($1.nodes) }` copies the whole list at
 * every arrow (quadratic on `A-->A-->...`); the lists are kept apart and joined once, at the end.
 */
interface VertexStatement {
  stmt: string[];
  steps: string[][];
}

/** The statement's nodes as Mermaid lists them: the last step's first, the first step's last. */
function statementNodes(statement: VertexStatement): string[] {
  const nodes: string[] = [];
  for (let k = statement.steps.length - 1; k >= 0; k--) for (const id of statement.steps[k]!) nodes.push(id);
  return nodes;
}

const addNodeLink = (stmt: number, link: number, node: number, data?: number): Action => (db, $) => {
  const nodes = v<string[]>($[node]);
  if (data !== undefined) db.addVertex(nodes[nodes.length - 1]!, $[node]!.start, undefined, undefined, v<string>($[data]));
  const previous = v<VertexStatement>($[stmt]);
  db.addLink(previous.stmt, nodes, v<LinkInfo>($[link]), $[link]!.start);
  // The value below it on the stack is consumed by this reduction: its list can be extended in place.
  previous.steps.push(nodes);
  return { stmt: nodes, steps: previous.steps };
};

const nodeStatement = (node: number, data?: number): Action => (db, $) => {
  const nodes = v<string[]>($[node]);
  if (data !== undefined) db.addVertex(nodes[nodes.length - 1]!, $[node]!.start, undefined, undefined, v<string>($[data]));
  return { stmt: nodes, steps: [nodes] };
};

/**
 * `[...list, item]` without the copy: the list below on the stack is consumed by the reduction, so
 * it is extended in place (copying is quadratic on `A & A & ...`). A value left of another shape by
 * a recovery is spread as before.
 */
function append<T>(list: T[], item: T): T[] {
  if (!Array.isArray(list)) return [...(list as Iterable<T>), item];
  list.push(item);
  return list;
}

const concatText = (): Action => (_db, $) => {
  const head = v<TextValue>($[0]);
  return { text: head.text + v<string>($[1]), type: head.type };
};

/**
 * The flowchart grammar of Mermaid 12.3 (flow.jison), production for production, with the
 * semantic actions that matter for the graph. Mermaid's own productions that no token can reach
 * (`ending`, `spaceListNewline`) are left out; `line: error separator` is infralint's addition for
 * recovery after a syntax error (no valid input contains `error`).
 */
export const FLOWCHART_RULES: Rule[] = [
  r('start', 'graphConfig document'),
  r('document', '', () => []),
  r('document', 'document line', (_db, $) => {
    const doc = v<unknown[]>($[0]);
    const line = v<unknown>($[1]);
    if (!Array.isArray(line) || line.length > 0) doc.push(line);
    return doc;
  }),
  ...alternatives('line', ['statement', 'SEMI', 'NEWLINE', 'SPACE', 'EOF']),
  r('line', 'error separator', () => []),
  r('graphConfig', 'SPACE graphConfig'),
  r('graphConfig', 'NEWLINE graphConfig'),
  r('graphConfig', 'GRAPH NODIR', (db) => db.setDirection('TB')),
  r('graphConfig', 'GRAPH DIR FirstStmtSeparator', (db, $) => db.setDirection(v<string>($[1]))),
  ...alternatives('FirstStmtSeparator', ['SEMI', 'NEWLINE', 'spaceList NEWLINE']),
  r('spaceList', 'SPACE spaceList'),
  r('spaceList', 'SPACE'),
  r('statement', 'vertexStatement separator', (_db, $) => statementNodes(v<VertexStatement>($[0]))),
  ...['styleStatement', 'linkStyleStatement', 'classDefStatement', 'classStatement', 'clickStatement'].map((s) => r('statement', `${s} separator`, () => [])),
  r('statement', 'subgraph SPACE textNoTags SQS text SQE separator document end', (db, $) =>
    db.addSubGraph(v<TextValue>($[2]), v<unknown[]>($[7]), v<TextValue>($[4]), $[0]!.start)),
  r('statement', 'subgraph SPACE textNoTags separator document end', (db, $) => {
    const title = v<TextValue>($[2]);
    return db.addSubGraph(title, v<unknown[]>($[4]), title, $[0]!.start);
  }),
  r('statement', 'subgraph separator document end', (db, $) => db.addSubGraph(undefined, v<unknown[]>($[2]), undefined, $[0]!.start)),
  r('statement', 'direction'),
  r('statement', 'acc_title acc_title_value', (_db, $) => v<string>($[1]).trim()),
  r('statement', 'acc_descr acc_descr_value', (_db, $) => v<string>($[1]).trim()),
  r('statement', 'acc_descr_multiline_value', (_db, $) => v<string>($[0]).trim()),
  ...alternatives('separator', ['NEWLINE', 'SEMI', 'EOF']),
  r('shapeData', 'shapeData SHAPE_DATA', (_db, $) => v<string>($[0]) + v<string>($[1])),
  r('shapeData', 'SHAPE_DATA'),
  r('vertexStatement', 'vertexStatement link node shapeData', addNodeLink(0, 1, 2, 3)),
  r('vertexStatement', 'vertexStatement link node shapeData spaceList', addNodeLink(0, 1, 2, 3)),
  r('vertexStatement', 'vertexStatement link node', addNodeLink(0, 1, 2)),
  r('vertexStatement', 'vertexStatement link node spaceList', addNodeLink(0, 1, 2)),
  r('vertexStatement', 'node spaceList', nodeStatement(0)),
  r('vertexStatement', 'node shapeData', nodeStatement(0, 1)),
  r('vertexStatement', 'node shapeData spaceList', nodeStatement(0, 1)),
  r('vertexStatement', 'node', nodeStatement(0)),
  r('node', 'styledVertex', (_db, $) => [v<string>($[0])]),
  r('node', 'node shapeData spaceList AMP spaceList styledVertex', (db, $) => {
    const nodes = v<string[]>($[0]);
    db.addVertex(nodes[nodes.length - 1]!, $[0]!.start, undefined, undefined, v<string>($[1]));
    return append(nodes, v<string>($[5]));
  }),
  r('node', 'node spaceList AMP spaceList styledVertex', (_db, $) => append(v<string[]>($[0]), v<string>($[4]))),
  r('styledVertex', 'vertex'),
  r('styledVertex', 'vertex STYLE_SEPARATOR idString', (db, $) => {
    db.setClass(v<string>($[0]), v<string>($[2]));
    return v<string>($[0]);
  }),
  r('vertex', 'idString SQS text SQE', vertexShape('square', 0, 2)),
  r('vertex', 'idString DOUBLECIRCLESTART text DOUBLECIRCLEEND', vertexShape('doublecircle', 0, 2)),
  r('vertex', 'idString PS PS text PE PE', vertexShape('circle', 0, 3)),
  r('vertex', 'idString (- text -)', vertexShape('ellipse', 0, 2)),
  r('vertex', 'idString STADIUMSTART text STADIUMEND', vertexShape('stadium', 0, 2)),
  r('vertex', 'idString SUBROUTINESTART text SUBROUTINEEND', vertexShape('subroutine', 0, 2)),
  r('vertex', 'idString VERTEX_WITH_PROPS_START NODE_STRING COLON NODE_STRING PIPE text SQE', vertexShape('rect', 0, 6)),
  r('vertex', 'idString CYLINDERSTART text CYLINDEREND', vertexShape('cylinder', 0, 2)),
  r('vertex', 'idString PS text PE', vertexShape('round', 0, 2)),
  r('vertex', 'idString DIAMOND_START text DIAMOND_STOP', vertexShape('diamond', 0, 2)),
  r('vertex', 'idString DIAMOND_START DIAMOND_START text DIAMOND_STOP DIAMOND_STOP', vertexShape('hexagon', 0, 3)),
  r('vertex', 'idString TAGEND text SQE', vertexShape('odd', 0, 2)),
  r('vertex', 'idString TRAPSTART text TRAPEND', vertexShape('trapezoid', 0, 2)),
  r('vertex', 'idString INVTRAPSTART text INVTRAPEND', vertexShape('inv_trapezoid', 0, 2)),
  r('vertex', 'idString TRAPSTART text INVTRAPEND', vertexShape('lean_right', 0, 2)),
  r('vertex', 'idString INVTRAPSTART text TRAPEND', vertexShape('lean_left', 0, 2)),
  r('vertex', 'idString', (db, $, start) => {
    db.addVertex(v<string>($[0]), start);
    return v<string>($[0]);
  }),
  r('link', 'linkStatement arrowText', (_db, $) => ({ ...v<LinkInfo>($[0]), text: v<TextValue>($[1]) })),
  r('link', 'linkStatement TESTSTR SPACE', (_db, $) => ({ ...v<LinkInfo>($[0]), text: v<TextValue>($[1]) })),
  r('link', 'linkStatement arrowText SPACE', (_db, $) => ({ ...v<LinkInfo>($[0]), text: v<TextValue>($[1]) })),
  r('link', 'linkStatement'),
  r('link', 'START_LINK edgeText LINK', (db, $) => ({ ...db.destructLink(v<string>($[2]), v<string>($[0])), text: v<TextValue>($[1]) })),
  r('link', 'LINK_ID START_LINK edgeText LINK', (db, $) => ({ ...db.destructLink(v<string>($[3]), v<string>($[1])), text: v<TextValue>($[2]), id: v<string>($[0]) })),
  r('edgeText', 'edgeTextToken', (_db, $) => text(v<string>($[0]))),
  r('edgeText', 'edgeText edgeTextToken', concatText()),
  r('edgeText', 'STR', (_db, $) => ({ text: v<string>($[0]), type: 'string' })),
  r('edgeText', 'MD_STR', (_db, $) => ({ text: v<string>($[0]), type: 'markdown' })),
  r('linkStatement', 'LINK', (db, $) => db.destructLink(v<string>($[0]))),
  r('linkStatement', 'LINK_ID LINK', (db, $) => ({ ...db.destructLink(v<string>($[1])), id: v<string>($[0]) })),
  r('arrowText', 'PIPE text PIPE', (_db, $) => v<TextValue>($[1])),
  r('text', 'textToken', (_db, $) => text(v<string>($[0]))),
  r('text', 'text textToken', concatText()),
  r('text', 'STR', (_db, $) => ({ text: v<string>($[0]), type: 'string' })),
  r('text', 'MD_STR', (_db, $) => ({ text: v<string>($[0]), type: 'markdown' })),
  ...alternatives('keywords', ['STYLE', 'LINKSTYLE', 'CLASSDEF', 'CLASS', 'CLICK', 'GRAPH', 'DIR', 'subgraph', 'end', 'DOWN', 'UP']),
  r('textNoTags', 'textNoTagsToken', (_db, $) => text(v<string>($[0]))),
  r('textNoTags', 'textNoTags textNoTagsToken', concatText()),
  r('textNoTags', 'STR', (_db, $) => text(v<string>($[0]))),
  r('textNoTags', 'MD_STR', (_db, $) => ({ text: v<string>($[0]), type: 'markdown' })),
  r('classDefStatement', 'CLASSDEF SPACE idString SPACE stylesOpt'),
  r('classStatement', 'CLASS SPACE idString SPACE idString', (db, $) => db.setClass(v<string>($[2]), v<string>($[4]))),
  ...[
    'CLICK CALLBACKNAME', 'CLICK CALLBACKNAME SPACE STR', 'CLICK CALLBACKNAME CALLBACKARGS', 'CLICK CALLBACKNAME CALLBACKARGS SPACE STR',
    'CLICK HREF STR', 'CLICK HREF STR SPACE STR', 'CLICK HREF STR SPACE LINK_TARGET', 'CLICK HREF STR SPACE STR SPACE LINK_TARGET',
    'CLICK alphaNum', 'CLICK alphaNum SPACE STR', 'CLICK STR', 'CLICK STR SPACE STR', 'CLICK STR SPACE LINK_TARGET',
    'CLICK STR SPACE STR SPACE LINK_TARGET',
  ].map((rhs) => r('clickStatement', rhs)),
  r('styleStatement', 'STYLE SPACE idString SPACE stylesOpt', (db, $) => db.addVertex(v<string>($[2]), $[2]!.start, undefined, undefined, undefined, true)),
  r('linkStyleStatement', 'LINKSTYLE SPACE DEFAULT SPACE stylesOpt'),
  r('linkStyleStatement', 'LINKSTYLE SPACE numList SPACE stylesOpt', (db, $) => db.updateLink(v<number[]>($[2]))),
  r('linkStyleStatement', 'LINKSTYLE SPACE DEFAULT SPACE INTERPOLATE SPACE alphaNum SPACE stylesOpt'),
  r('linkStyleStatement', 'LINKSTYLE SPACE numList SPACE INTERPOLATE SPACE alphaNum SPACE stylesOpt', (db, $) => db.updateLink(v<number[]>($[2]))),
  r('linkStyleStatement', 'LINKSTYLE SPACE DEFAULT SPACE INTERPOLATE SPACE alphaNum'),
  r('linkStyleStatement', 'LINKSTYLE SPACE numList SPACE INTERPOLATE SPACE alphaNum', (db, $) => db.updateLink(v<number[]>($[2]))),
  r('numList', 'NUM', (_db, $) => [Number(v<string>($[0]))]),
  r('numList', 'numList COMMA NUM', (_db, $) => append(v<number[]>($[0]), Number(v<string>($[2])))),
  r('stylesOpt', 'style'),
  r('stylesOpt', 'stylesOpt COMMA style'),
  r('style', 'styleComponent'),
  r('style', 'style styleComponent', (_db, $) => v<string>($[0]) + v<string>($[1])),
  ...alternatives('styleComponent', ['NUM', 'NODE_STRING', 'COLON', 'UNIT', 'SPACE', 'BRKT', 'STYLE', 'PCT']),
  ...alternatives('idStringToken', ['NUM', 'NODE_STRING', 'DOWN', 'MINUS', 'DEFAULT', 'COMMA', 'COLON', 'AMP', 'BRKT', 'MULT', 'UNICODE_TEXT']),
  ...alternatives('textToken', ['TEXT', 'TAGSTART', 'TAGEND', 'UNICODE_TEXT']),
  ...alternatives('textNoTagsToken', ['NUM', 'NODE_STRING', 'SPACE', 'MINUS', 'AMP', 'UNICODE_TEXT', 'COLON', 'MULT', 'BRKT', 'keywords', 'START_LINK']),
  ...alternatives('edgeTextToken', ['EDGE_TEXT', 'UNICODE_TEXT']),
  ...alternatives('alphaNumToken', ['NUM', 'UNICODE_TEXT', 'NODE_STRING', 'DIR', 'DOWN', 'MINUS', 'COMMA', 'COLON', 'AMP', 'BRKT', 'MULT']),
  r('idString', 'idStringToken'),
  r('idString', 'idString idStringToken', (_db, $) => v<string>($[0]) + v<string>($[1])),
  r('alphaNum', 'alphaNumToken'),
  r('alphaNum', 'alphaNum alphaNumToken', (_db, $) => v<string>($[0]) + v<string>($[1])),
  ...(['tb', 'bt', 'rl', 'lr', 'td'] as const).map((d) =>
    r('direction', `direction_${d}`, () => ({ stmt: 'dir', value: d === 'td' ? 'TD' : d.toUpperCase() })),
  ),
];
