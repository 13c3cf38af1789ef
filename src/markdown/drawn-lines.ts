/**
 * Lines that are drawn rather than written: ASCII-art boxes and arrows, and the first line of a
 * Mermaid diagram. The markdown stage uses them to tell indented prose from indented drawings, the
 * diagrams stage to find ASCII art and Mermaid left outside a fence.
 */

/**
 * A line of an ASCII-art drawing: box-drawing characters, `+---+` borders, arrows, bare `|`. Only
 * ever tested, so runs are matched by their ends (`--+` for `-{2,}\+`, `->` for `-{1,}>`): the
 * same lines, without rescanning a run of dashes from each of its dashes (quadratic).
 */
export const ART_LINE = /[┌┐└┘│─├┤┬┴┼╔╗╚╝║═▼▲►◄]|\+--|--\+|^\s*[|+]\s*$|^\s*[|v^▼]\s*$|\S\s{3,}\|\s{2}|\|\s{3}\s*\S|->|<-|==>/;

/** True when a line starts like a Mermaid diagram (used to find Mermaid text outside a fence). */
export function looksLikeDiagramHeader(line: string): boolean {
  return /^\s*(graph|flowchart)\s+(TB|TD|BT|RL|LR)\b|^\s*(flowchart|graph)\s*$|^\s*sequenceDiagram\s*$|^\s*architecture-beta\s*$/.test(line);
}
