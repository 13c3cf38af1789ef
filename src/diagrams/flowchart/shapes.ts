import type { FlowShape } from '../types.js';

/** A node shape: how it opens, the closers it accepts (with the shape each closer gives). */
export interface ShapeSyntax {
  open: string;
  closers: { close: string; shape: FlowShape }[];
}

/**
 * Mermaid's node shapes, longest opener first so that `(((` wins over `((` and `(`. Some openers
 * accept two closers (`[/text/]` is lean_right, `[/text\]` a trapezoid).
 */
export const SHAPES: ShapeSyntax[] = [
  { open: '(((', closers: [{ close: ')))', shape: 'doublecircle' }] },
  { open: '((', closers: [{ close: '))', shape: 'circle' }] },
  { open: '([', closers: [{ close: '])', shape: 'stadium' }] },
  { open: '(-', closers: [{ close: '-)', shape: 'ellipse' }] },
  { open: '(', closers: [{ close: ')', shape: 'round' }] },
  { open: '[[', closers: [{ close: ']]', shape: 'subroutine' }] },
  { open: '[(', closers: [{ close: ')]', shape: 'cylinder' }] },
  { open: '[/', closers: [{ close: '/]', shape: 'lean_right' }, { close: '\\]', shape: 'trapezoid' }] },
  { open: '[\\', closers: [{ close: '\\]', shape: 'lean_left' }, { close: '/]', shape: 'inv_trapezoid' }] },
  { open: '[', closers: [{ close: ']', shape: 'square' }] },
  { open: '{{', closers: [{ close: '}}', shape: 'hexagon' }] },
  { open: '{', closers: [{ close: '}', shape: 'diamond' }] },
  { open: '>', closers: [{ close: ']', shape: 'odd' }] },
];

export function shapeAt(text: string, offset: number): ShapeSyntax | null {
  for (const shape of SHAPES) if (text.startsWith(shape.open, offset)) return shape;
  return null;
}

/** Characters that end an unquoted label in Mermaid's lexer unless they close the shape. */
export const LABEL_STOP_CHARS = new Set(['(', ')', '[', ']', '{', '}', '"']);

/** `@{ shape: ... }` names students use, mapped to nothing: the oracle reports the name as written. */
export const KNOWN_AT_SHAPES = new Set([
  'rect', 'rounded', 'stadium', 'fr-rect', 'subproc', 'cyl', 'db', 'cylinder', 'circle', 'circ', 'dbl-circ', 'double-circle',
  'diam', 'diamond', 'decision', 'hex', 'hexagon', 'prepare', 'lean-r', 'lean-l', 'trap-b', 'trap-t', 'odd', 'doc', 'docs',
  'notch-rect', 'card', 'lin-cyl', 'disk', 'h-cyl', 'das', 'win-pane', 'internal-storage', 'div-rect', 'div-proc', 'lin-rect',
  'lin-proc', 'st-rect', 'processes', 'procs', 'tag-rect', 'tagged-rectangle', 'tag-doc', 'tagged-document', 'curv-trap',
  'display', 'bow-rect', 'stored-data', 'flip-tri', 'manual-file', 'sl-rect', 'manual-input', 'fork', 'join', 'hourglass',
  'collate', 'bolt', 'com-link', 'lightning-bolt', 'brace', 'brace-l', 'brace-r', 'braces', 'comment', 'text', 'sm-circ',
  'small-circle', 'start', 'fr-circ', 'stop', 'framed-circle', 'f-circ', 'filled-circle', 'junction', 'cross-circ',
  'summary', 'notched-rectangle', 'notched-pentagon', 'loop-limit', 'tri', 'extract', 'triangle', 'flag', 'paper-tape',
  'delay', 'half-rounded-rectangle', 'rect', 'proc', 'process', 'terminal', 'pill', 'event', 'trapezoid', 'inv-trapezoid',
  'trapezoid-bottom', 'trapezoid-top', 'in-out', 'out-in', 'lean-right', 'lean-left', 'priority', 'subprocess', 'subroutine',
  'framed-rectangle', 'horizontal-cylinder', 'direct-access-storage', 'lined-cylinder', 'lined-document', 'lined-rectangle',
  'lined-process', 'stacked-rectangle', 'stacked-document', 'multi-doc', 'document', 'shaded-process', 'divided-rectangle',
  'divided-process', 'curved-trapezoid', 'bow-tie-rectangle', 'data-store', 'flipped-triangle', 'sloped-rectangle',
  'icon', 'image', 'anchor', 'datastore', 'question', 'odd', 'rect-left-inv-arrow', 'circle', 'cloud', 'notch-pent',
]);
