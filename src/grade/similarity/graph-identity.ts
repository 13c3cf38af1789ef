import type { TaskResult } from '../../report/model.js';
import { FNV_OFFSET, fnvStep } from './features.js';

/** A graph with its labels dropped: what stays the same when a copier renames every node. */
export interface GraphShape {
  /** One colour per node (its sorted roles), in node order. */
  colours: string[];
  /** Directed edges as [from, to] node indexes (an undirected link appears both ways). */
  edges: [number, number][];
}

/**
 * A graph's identity up to renaming, small enough to keep for every student of a cohort: a hash of
 * its stable colour refinement, and its size (what decides whether sharing it is evidence at all).
 */
export interface GraphFingerprint {
  task: string;
  /** Equal for isomorphic graphs; different graphs almost never share it (see `fingerprintOf`). */
  hash: string;
  nodes: number;
  edges: number;
}

/** Graphs this small say nothing: not fingerprinted at all. */
const MIN_NODES = 3;
/** Refinement rounds at most: enough to stabilise any diagram a student draws; bounds a hostile one. */
const MAX_ROUNDS = 12;

export function graphShape(graph: TaskResult['graph']): GraphShape {
  const index = new Map<string, number>();
  graph.components.forEach((c, i) => index.set(c.key, i));
  const edges: [number, number][] = [];
  const seen = new Set<number>();
  const n = graph.components.length;
  const add = (a: number, b: number) => {
    if (a === b || seen.has(a * n + b)) return;
    seen.add(a * n + b);
    edges.push([a, b]);
  };
  for (const e of graph.edges) {
    const from = index.get(e.from);
    const to = index.get(e.to);
    if (from === undefined || to === undefined) continue;
    add(from, to);
    if (!e.directed) add(to, from);
  }
  return { colours: graph.components.map((c) => [...c.roles].sort().join('+') || 'none'), edges };
}

/**
 * Colour refinement (1-dimensional Weisfeiler-Lehman) until the partition is stable: a node's
 * colour becomes its colour plus the multisets of its successors' and predecessors' colours.
 * Isomorphic graphs always end with the same multiset of colours.
 */
export function refineColours(shape: GraphShape): string[] {
  const out: number[][] = shape.colours.map(() => []);
  const inc: number[][] = shape.colours.map(() => []);
  for (const [a, b] of shape.edges) {
    out[a]!.push(b);
    inc[b]!.push(a);
  }
  let colours = [...shape.colours];
  let classes = new Set(colours).size;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    // A node's refined colour, `colour(successors|predecessors)` (each list sorted, comma-separated),
    // renumbered so that colours stay short: the same refined colour gets the same name in every
    // graph. Its text is hashed as it is read, never joined.
    const previous = colours;
    colours = previous.map((c, i) => {
      const hash = new ShortHash().add(c).add('(');
      addJoined(hash, out[i]!.map((j) => previous[j]!).sort());
      addJoined(hash.add('|'), inc[i]!.map((j) => previous[j]!).sort());
      return hash.add(')').digest();
    });
    const refined = new Set(colours).size;
    if (refined === classes) break;
    classes = refined;
  }
  return colours;
}

/**
 * The fingerprint of a task's graph, or null when it is too small to compare. Two graphs with the
 * same fingerprint are isomorphic (roles and edges kept, labels dropped) but for rare regular
 * graphs that colour refinement cannot tell apart: a reason for a person to look, never a verdict.
 */
export function fingerprintOf(task: string, graph: TaskResult['graph']): GraphFingerprint | null {
  const shape = graphShape(graph);
  if (shape.colours.length < MIN_NODES || !shape.edges.length) return null;
  const refined = refineColours(shape).sort();
  return { task, hash: shortHash(`${shape.colours.length}:${shape.edges.length}:${refined.join(',')}`), nodes: shape.colours.length, edges: shape.edges.length };
}

/** 64 bits of two independent hashes of a text, in base 36. */
function shortHash(text: string): string {
  return new ShortHash().add(text).digest();
}

/**
 * shortHash of a text given in parts, as of the parts joined: fnv1a's hash and a multiply-xor, both
 * in one pass over each part's code units.
 */
class ShortHash {
  private h1 = FNV_OFFSET;
  private h2 = 0x01000193;

  add(part: string): this {
    let { h1, h2 } = this;
    for (let i = 0; i < part.length; i++) {
      const code = part.charCodeAt(i);
      h1 = fnvStep(h1, code);
      h2 = Math.imul(h2 ^ code, 0x5bd1e995);
    }
    this.h1 = h1;
    this.h2 = h2;
    return this;
  }

  digest(): string {
    return (this.h1 >>> 0).toString(36) + (this.h2 >>> 0).toString(36);
  }
}

/** `parts.join(',')` added to `hash`. */
function addJoined(hash: ShortHash, parts: readonly string[]): void {
  for (let k = 0; k < parts.length; k++) hash.add(k ? ',' : '').add(parts[k]!);
}
