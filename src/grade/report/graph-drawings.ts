import { createHash } from 'node:crypto';
import type { Graphviz } from '@hpcc-js/wasm-graphviz';
import { escapeXml } from '../../reporters/escape-xml.js';
import type { GradedTask } from '../record.js';
import { compactSvg, renderSvg, taskDot, type CompactSvg } from './graph-svg.js';

/** A drawing made once, or why it could not be made. */
type Drawing = { id: number; svg: CompactSvg } | { error: string };

/**
 * Every student's graph drawn once per distinct graph (students who draw the same graph share it)
 * and placed in the report as a <symbol> that each student's figure shows with <use>.
 *
 * The symbol is written inside a <noscript>, just before the section of the first student who uses
 * it: with scripts off the browser parses it as markup and every <use> draws it; with scripts on the
 * parser keeps it as one text node, nearly free to load, and the report's script turns it into the
 * symbol when a section that shows it is opened (see report-script.ts). Either way the drawing is
 * stored once and nothing is laid out until a person opens a student.
 */
export class GraphDrawings {
  /** By digest of the DOT text: a few bytes a graph, however large the cohort. */
  private readonly drawings = new Map<string, Drawing>();

  constructor(private readonly graphviz: Graphviz) {}

  static async load(): Promise<GraphDrawings> {
    const { Graphviz } = await import('@hpcc-js/wasm-graphviz');
    return new GraphDrawings(await Graphviz.load());
  }

  /**
   * The figure of one task, and the symbol definition to write before the student's section when
   * this is the first use of the drawing ('' otherwise).
   */
  figure(task: GradedTask): { definition: string; figure: string } {
    if (!task.graph.components.length) return { definition: '', figure: '<p class="muted">No diagram infralint can read: nothing to draw.</p>' };
    const dot = taskDot(task);
    const key = createHash('sha1').update(dot).digest('base64');
    let drawing = this.drawings.get(key);
    let definition = '';
    if (drawing === undefined) {
      drawing = this.draw(dot);
      this.drawings.set(key, drawing);
      if ('id' in drawing) definition = symbolDefinition(drawing.id, drawing.svg);
    }
    if ('error' in drawing) return { definition, figure: `<p class="error">The graph could not be drawn: ${escapeXml(drawing.error)}</p>` };
    return { definition, figure: figureOf(drawing.id, drawing.svg) };
  }

  private draw(dot: string): Drawing {
    try {
      return { id: this.drawings.size, svg: compactSvg(renderSvg(this.graphviz, dot)) };
    } catch (error) {
      return { error: (error as Error).message };
    }
  }
}

/** The id of drawing `id`'s <symbol>; its <noscript> holder is `d` + that id. */
export const symbolId = (id: number): string => `g${id}`;

function symbolDefinition(id: number, svg: CompactSvg): string {
  return `<noscript id="d${symbolId(id)}"><svg class="defs" width="0" height="0" aria-hidden="true"><symbol id="${symbolId(id)}" viewBox="0 0 ${svg.width} ${svg.height}">${svg.body}</symbol></svg></noscript>\n`;
}

/**
 * The drawing fitted to the page's width, and at its natural size in a scrolling box behind a
 * disclosure: a dense graph squeezed to the page stays readable by opening it full size.
 */
function figureOf(id: number, svg: CompactSvg): string {
  const use = `<use href="#${symbolId(id)}"/>`;
  const box = `width="${svg.width}pt" height="${svg.height}pt" viewBox="0 0 ${svg.width} ${svg.height}"`;
  return `<figure class="graph"><svg class="fit" ${box} role="img" aria-label="infrastructure graph">${use}</svg><details class="full"><summary>Open the drawing full size (${svg.width} × ${svg.height} pt)</summary><div class="scroll"><svg ${box} role="img" aria-label="infrastructure graph, full size">${use}</svg></div></details></figure>`;
}
