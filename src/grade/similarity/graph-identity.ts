import type { GraphShape } from '../record.js';

/**
 * Colour refinement (Weisfeiler-Lehman): a node's colour becomes its colour plus the multiset of its
 * neighbours' colours, a few rounds. Isomorphic graphs always get the same signature; different
 * graphs almost never do, and the backtracking check below settles the rest.
 */
export function refineColours(shape: GraphShape, rounds = 3): string[] {
  const out: number[][] = shape.colours.map(() => []);
  const inc: number[][] = shape.colours.map(() => []);
  for (const [a, b] of shape.edges) {
    out[a]!.push(b);
    inc[b]!.push(a);
  }
  let colours = [...shape.colours];
  for (let round = 0; round < rounds; round++) {
    const next = colours.map((c, i) => `${c}(${out[i]!.map((j) => colours[j]).sort().join(',')}|${inc[i]!.map((j) => colours[j]).sort().join(',')})`);
    // Renumber so that colours stay short: the same refined colour gets the same number in every graph.
    colours = next.map((c) => shortHash(c));
  }
  return colours;
}

export function shapeSignature(refined: string[], shape: GraphShape): string {
  return `${shape.colours.length}:${shape.edges.length}:${[...refined].sort().join(',')}`;
}

function shortHash(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return (h1 >>> 0).toString(36) + (h2 >>> 0).toString(36);
}

/** True when a renaming of b's nodes turns it into a (same roles, same edges). Bounded search. */
export function isomorphic(a: GraphShape, b: GraphShape, refinedA = refineColours(a), refinedB = refineColours(b), budget = 100_000): boolean {
  const n = a.colours.length;
  if (n !== b.colours.length || a.edges.length !== b.edges.length) return false;
  const edgesA = new Set(a.edges.map(([x, y]) => x * n + y));
  const edgesB = new Set(b.edges.map(([x, y]) => x * n + y));
  const mapping = new Array<number>(n).fill(-1);
  const used = new Array<boolean>(n).fill(false);
  let steps = 0;
  const consistent = (i: number, j: number): boolean => {
    for (let k = 0; k < i; k++) {
      const m = mapping[k]!;
      if (edgesA.has(k * n + i) !== edgesB.has(m * n + j)) return false;
      if (edgesA.has(i * n + k) !== edgesB.has(j * n + m)) return false;
    }
    return edgesA.has(i * n + i) === edgesB.has(j * n + j);
  };
  const place = (i: number): boolean => {
    if (i === n) return true;
    for (let j = 0; j < n; j++) {
      if (used[j] || refinedA[i] !== refinedB[j]) continue;
      if (++steps > budget) return false;
      if (!consistent(i, j)) continue;
      mapping[i] = j;
      used[j] = true;
      if (place(i + 1)) return true;
      used[j] = false;
    }
    return false;
  };
  return place(0);
}
