import type { Component, DiagramGraph } from './model.js';
import { normaliseText } from './roles.js';

/**
 * Which boxes of different diagrams are the same component. Students often draw a flowchart and
 * a sequence diagram of one design: the sequence's participant "HAProxy" is the flowchart's
 * "LB1 (HAProxy)", and "Web Server" is "WS1[Web Server - Nginx]". Merging them gives one graph to
 * draw and lets `consistency` say exactly what one diagram has that the other lacks.
 */
export interface Identity {
  /** Key of the component that stands for the identity (from the most detailed diagram). */
  key: string;
  /** Every component that is this identity, one per diagram at most. */
  members: Component[];
}

// Words that name a kind of box rather than this box: they do not tell two boxes apart.
const GENERIC = new Set(['server', 'servers', 'the', 'a', 'an', 'of', 'for', 'and', 'with', 'node', 'host', 'machine', 'instance', 'service', 'tier', 'layer']);
// In a tie, the box marked first or primary is the one a single box of another diagram stands for.
const FIRST_OF_PAIR = /\b(1|one|primary|active|master|main)\b/;

function wordsOf(component: Component): Set<string> {
  const words = new Set<string>();
  // The label names the box; an id ("App2", "MC2") is a handle, compared only as a whole.
  for (const w of normaliseText(component.label).split(' ')) if (w && !GENERIC.has(w)) words.add(w);
  return words;
}

function sameRoleFamily(a: Component, b: Component): boolean {
  if (a.roles.includes('other') || b.roles.includes('other')) return true;
  return a.roles.some((r) => b.roles.includes(r));
}

function sharesRole(a: Component, b: Component): boolean {
  return a.roles.some((r) => r !== 'other' && r !== 'server' && b.roles.includes(r));
}

function sameRoles(a: Component, b: Component): boolean {
  const roles = (c: Component) => c.roles.filter((r) => r !== 'server').sort().join();
  return roles(a) === roles(b);
}

/** How strongly `a` names the same thing as `b`: 0 = not at all. */
function matchScore(a: Component, aWords: Set<string>, b: Component, bWords: Set<string>): number {
  if (!sameRoleFamily(a, b)) return 0;
  const aLabel = normaliseText(a.label);
  const bLabel = normaliseText(b.label);
  if (aLabel === bLabel || normaliseText(a.id) === normaliseText(b.id)) return 4;
  if (aWords.size && bWords.size) {
    const sharedWords = [...aWords].filter((w) => bWords.has(w));
    const shared = sharedWords.length;
    // A number alone ("MC2" and "App2") numbers boxes; it does not name them.
    if (sharedWords.every((w) => /^\d+$/.test(w))) return sharesRole(a, b) && sameRoles(a, b) ? 1 : 0;
    // The closer the names, the stronger ("Monitoring Client - Web Server" is the monitoring box
    // more than it is "Web Server 2 (Nginx)").
    const jaccard = shared / (aWords.size + bWords.size - shared);
    if (shared === Math.min(aWords.size, bWords.size)) return 3 + jaccard;
    if (shared > 0) return 2 + jaccard;
  }
  // Nothing in common but what they are ("Nginx" in one diagram, "Web server" in the other): the
  // same roles exactly, so that "Monitoring client - App server" is not taken for the app server.
  return sharesRole(a, b) && sameRoles(a, b) ? 1 : 0;
}

/** Groups the components of all diagrams into identities. Within one diagram, boxes stay distinct. */
export function identifyComponents(graphs: DiagramGraph[]): Identity[] {
  // The most detailed diagram gives the identities; the others are matched onto them.
  const ordered = [...graphs].sort((a, b) => b.components.length - a.components.length || a.diagram - b.diagram);
  const identities: (Identity & { words: Set<string>; diagrams: Set<number> })[] = [];
  for (const graph of ordered) {
    const claimed = new Set<number>();
    // Strong matches first, so that "Web Server" goes to "Web Server" before a weaker box takes it.
    const candidates: { component: Component; words: Set<string>; identity: number; score: number; first: boolean }[] = [];
    const words = new Map(graph.components.map((c) => [c.key, wordsOf(c)] as const));
    graph.components.forEach((component) => {
      identities.forEach((identity, index) => {
        if (identity.diagrams.has(graph.diagram)) return;
        const representative = identity.members[0]!;
        const score = matchScore(component, words.get(component.key)!, representative, identity.words);
        if (score > 0) candidates.push({ component, words: words.get(component.key)!, identity: index, score, first: FIRST_OF_PAIR.test(normaliseText(representative.label + ' ' + representative.id)) });
      });
    });
    candidates.sort((a, b) => b.score - a.score || Number(b.first) - Number(a.first) || a.identity - b.identity);
    const placed = new Set<string>();
    for (const candidate of candidates) {
      if (placed.has(candidate.component.key) || claimed.has(candidate.identity)) continue;
      // A weak match (role only) is kept only when the role is unambiguous in this diagram.
      if (candidate.score <= 1 && graph.components.filter((c) => !placed.has(c.key) && sharesRole(c, candidate.component)).length > 1) continue;
      identities[candidate.identity]!.members.push(candidate.component);
      identities[candidate.identity]!.diagrams.add(graph.diagram);
      claimed.add(candidate.identity);
      placed.add(candidate.component.key);
    }
    for (const component of graph.components) {
      if (placed.has(component.key)) continue;
      identities.push({ key: component.key, members: [component], words: words.get(component.key)!, diagrams: new Set([graph.diagram]) });
    }
  }
  return identities.map(({ key, members }) => ({ key, members }));
}

/** Component key -> key of its identity. */
export function identityKeys(identities: Identity[]): Map<string, string> {
  const keys = new Map<string, string>();
  for (const identity of identities) for (const member of identity.members) keys.set(member.key, identity.key);
  return keys;
}
