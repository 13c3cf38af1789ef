import { printable } from '../../chars.js';
import type { Graphviz } from '@hpcc-js/wasm-graphviz';
import type { GradedTask } from '../record.js';

/** Fill colour per role: the legend of every drawing. */
export const ROLE_COLOURS: Record<string, string> = {
  'load-balancer': '#f6c344',
  'web-server': '#7cc4f4',
  'app-server': '#8fd19e',
  'code-base': '#d8f0dd',
  database: '#c9a0dc',
  firewall: '#f4978e',
  monitoring: '#d5d5d5',
  certificate: '#ffe08a',
  dns: '#eef2f7',
  client: '#eef2f7',
  internet: '#eef2f7',
  cdn: '#eef2f7',
  cache: '#ffd6a5',
  server: '#ffffff',
  other: '#ffffff',
};
const PRIORITY = ['load-balancer', 'database', 'app-server', 'web-server', 'code-base', 'firewall', 'monitoring', 'certificate', 'cache', 'dns', 'client', 'internet', 'cdn', 'server'];

/** What a failing rule says is missing, drawn as a dashed red placeholder. */
const MISSING_BY_RULE: Record<string, { role: string; label: string }> = {
  'lb-pair': { role: 'load-balancer', label: 'missing: second load balancer' },
  'web-tier': { role: 'web-server', label: 'missing: web server on its own server' },
  'app-tier': { role: 'app-server', label: 'missing: application server on its own server' },
  'db-tier': { role: 'database', label: 'missing: database on its own server' },
};

const MAX_LABEL = 48;

/**
 * A DOT string literal: quotes and backslashes escaped (Graphviz also reads `\N`, `\G`... in labels),
 * control characters written out (Graphviz copies them into the SVG's text).
 */
function dotString(text: string): string {
  const oneLine = printable(text.replace(/\s+/g, ' ').trim());
  const short = oneLine.length > MAX_LABEL ? `${oneLine.slice(0, MAX_LABEL - 1)}…` : oneLine;
  return `"${short.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function fillOf(roles: string[]): string {
  const role = PRIORITY.find((r) => roles.includes(r)) ?? 'other';
  return ROLE_COLOURS[role]!;
}

/**
 * The task's infrastructure graph in DOT: nodes filled by role, machines and clusters as boxes,
 * parts named by a failing rule outlined red, and what is missing as dashed red placeholders.
 */
export function taskDot(task: GradedTask): string {
  const ids = new Map<string, string>();
  task.graph.components.forEach((c, i) => ids.set(c.key, `n${i}`));
  const failing = task.rules.filter((r) => r.status === 'fail' || r.status === 'partial');
  const flaggedLines = new Set(failing.flatMap((r) => r.findings.filter((f) => f.severity !== 'info').map((f) => `${f.file}:${f.line}`)));
  const lines = ['digraph infrastructure {', '  graph [rankdir=LR, bgcolor="transparent", fontname="Helvetica", fontsize=10, nodesep=0.25, ranksep=0.45];', '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10, color="#555555"];', '  edge [fontname="Helvetica", fontsize=9, color="#555555"];'];
  const placed = new Set<string>();
  task.graph.groups.forEach((group, g) => {
    const members = group.members.filter((m) => ids.has(m) && !placed.has(m));
    if (!members.length) return;
    lines.push(`  subgraph cluster_${g} { label=${dotString(group.title || group.kind)}; style="rounded,dashed"; color="${group.kind === 'cluster' ? '#b8860b' : '#888888'}";`);
    for (const m of members) {
      placed.add(m);
      lines.push(`    ${ids.get(m)};`);
    }
    lines.push('  }');
  });
  for (const c of task.graph.components) {
    const flagged = flaggedLines.has(`${c.file}:${c.line}`);
    const label = c.multiplicity > 1 ? `${c.label || c.id} ×${c.multiplicity}` : c.label || c.id;
    lines.push(`  ${ids.get(c.key)} [label=${dotString(label)}, fillcolor="${fillOf(c.roles)}"${flagged ? ', color="#c62828", penwidth=2' : ''}];`);
  }
  for (const e of task.graph.edges) {
    const from = ids.get(e.from);
    const to = ids.get(e.to);
    if (!from || !to) continue;
    const flagged = flaggedLines.has(`${e.file}:${e.line}`);
    lines.push(`  ${from} -> ${to} [${e.label ? `label=${dotString(e.label)}, ` : ''}${e.directed ? '' : 'dir=none, '}${flagged ? 'color="#c62828", penwidth=2' : 'penwidth=1'}];`);
  }
  failing.forEach((rule, i) => {
    const missing = MISSING_BY_RULE[rule.id];
    if (missing) lines.push(`  missing${i} [label=${dotString(missing.label)}, style="rounded,dashed", color="#c62828", fontcolor="#c62828", fillcolor="#ffffff"];`);
  });
  lines.push('}');
  return lines.join('\n');
}

/** Renders DOT with Graphviz and keeps only the <svg> element. */
export function renderSvg(graphviz: Graphviz, dot: string): string {
  const svg = graphviz.dot(dot);
  const start = svg.indexOf('<svg');
  return svg.slice(start).replace(/<!--[\s\S]*?-->/g, '');
}

/** A drawing reduced to what the report needs: its size in points and the elements that draw it. */
export interface CompactSvg {
  width: number;
  height: number;
  /** The drawing's elements, wrapped in one <g> that carries the defaults they no longer repeat. */
  body: string;
}

/** Coordinates to whole points: a point is 1/72 inch, below what a person sees at natural size. */
const roundNumbers = (value: string): string => value.replace(/-?\d+\.\d+/g, (n) => String(Math.round(Number(n))));

/**
 * Graphviz draws a rounded box as a closed path of 25 points, every one on the box's edges: the
 * same box as a <rect> is a third of the bytes. Other paths (edges, other shapes) are kept.
 */
function roundedBoxAsRect(attributes: string, d: string): string | null {
  const numbers = d.match(/-?\d+(?:\.\d+)?/g)?.map(Number);
  if (!/^M[^MC]+C[^MCLZz]+$/.test(d) || numbers?.length !== 50) return null;
  const xs = numbers.filter((_, i) => i % 2 === 0);
  const ys = numbers.filter((_, i) => i % 2 === 1);
  const [left, right, top, bottom] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const onEdge = xs.every((x, i) => x === left || x === right || ys[i] === top || ys[i] === bottom);
  if (!onEdge || xs[0] !== xs[24] || ys[0] !== ys[24]) return null;
  const radius = Math.max(0, Math.min(right - xs[0]!, xs[3]! - left));
  return `<rect${attributes} x="${left}" y="${top}" width="${right - left}" height="${bottom - top}" rx="${radius}"/>`;
}

/** Drops the <g> wrappers left without attributes (and their closing tags), keeping the others. */
function dropBareGroups(svg: string): string {
  const bare: boolean[] = [];
  return svg.replace(/<g( [^>]*)?>|<\/g>/g, (tag: string, attributes: string | undefined) => {
    if (tag === '</g>') return bare.pop() ? '' : tag;
    bare.push(!attributes);
    return attributes ? tag : '';
  });
}

/**
 * Graphviz's SVG without what the report does not use, about a third of its size: titles (node
 * ids), ids and classes, whitespace between elements, decimals of coordinates, bare groups, rounded
 * boxes as rects, and the font attributes every text repeats (set once on the wrapping group).
 * Student text sits in <text> content, which Graphviz escapes (no raw quote or angle bracket), so
 * the tag and attribute patterns below cannot match inside it.
 */
export function compactSvg(svg: string): CompactSvg {
  const size = /^<svg width="([\d.]+)pt" height="([\d.]+)pt"/.exec(svg);
  const open = svg.indexOf('>', svg.indexOf('<svg')) + 1;
  const close = svg.lastIndexOf('</svg>');
  if (!size || open <= 0 || close < open) throw new Error('Graphviz returned an SVG infralint does not recognise');
  const inner = svg
    .slice(open, close)
    .replace(/<title>[^<]*<\/title>/g, '')
    .replace(/ (?:id|class)="[^"]*"/g, '')
    .replace(/ xml:space="preserve"/g, '')
    .replace(/ font-family="Helvetica,sans-Serif"/g, '')
    .replace(/ text-anchor="middle"/g, '')
    .replace(/ font-size="10\.00"/g, '')
    .replace(/ font-size="(\d+)\.00"/g, ' font-size="$1"')
    .replace(/ transform="scale\(1 1\) rotate\(0\) (translate\([^)]*\))"/g, ' transform="$1"')
    .replace(/ (d|points|x|y|transform)="([^"]*)"/g, (_, name: string, value: string) => ` ${name}="${roundNumbers(value)}"`)
    .replace(/<path([^>]*?) d="([^"]*)"\/>/g, (path: string, attributes: string, d: string) => roundedBoxAsRect(attributes, d) ?? path)
    .replace(/>\s+</g, '><')
    .trim();
  return {
    width: Math.ceil(Number(size[1])),
    height: Math.ceil(Number(size[2])),
    body: `<g font-family="Helvetica,Arial,sans-serif" font-size="10" text-anchor="middle">${dropBareGroups(inner)}</g>`,
  };
}
