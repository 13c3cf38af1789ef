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

/** A box with its names read once: normalised label and id, and the label's telling words. */
interface Named {
  component: Component;
  label: string;
  id: string;
  words: Set<string>;
}

function named(component: Component): Named {
  const label = normaliseText(component.label);
  // The label names the box; an id ("App2", "MC2") is a handle, compared only as a whole.
  const words = new Set(label.split(' ').filter((w) => w && !GENERIC.has(w)));
  return { component, label, id: normaliseText(component.id), words };
}

function sameRoleFamily(a: Component, b: Component): boolean {
  if (a.roles.includes('other') || b.roles.includes('other')) return true;
  return a.roles.some((r) => b.roles.includes(r));
}

function sharesRole(a: Component, b: Component): boolean {
  return a.roles.some((r) => r !== 'other' && r !== 'server' && b.roles.includes(r));
}

/**
 * Nothing in common but what they are ("Nginx" in one diagram, "Web server" in the other): the
 * same roles exactly, so that "Monitoring client - App server" is not taken for the app server.
 */
function sameKindOnly(a: Component, b: Component): number {
  const roles = (c: Component) => c.roles.filter((r) => r !== 'server').sort().join();
  return sharesRole(a, b) && roles(a) === roles(b) ? 1 : 0;
}

/** How strongly `a` names the same thing as `b`: 0 = not at all. */
function matchScore(a: Named, b: Named): number {
  if (!sameRoleFamily(a.component, b.component)) return 0;
  if (a.label === b.label || a.id === b.id) return 4;
  const shared = [...a.words].filter((w) => b.words.has(w));
  // A number alone ("MC2" and "App2") numbers boxes; it does not name them.
  if (!shared.some((w) => !/^\d+$/.test(w))) return sameKindOnly(a.component, b.component);
  // The closer the names, the stronger ("Monitoring Client - Web Server" is the monitoring box
  // more than it is "Web Server 2 (Nginx)").
  const jaccard = shared.length / (a.words.size + b.words.size - shared.length);
  return (shared.length === Math.min(a.words.size, b.words.size) ? 3 : 2) + jaccard;
}

/** Groups the components of all diagrams into identities. Within one diagram, boxes stay distinct. */
export function identifyComponents(graphs: DiagramGraph[]): Identity[] {
  // The most detailed diagram gives the identities; the others are matched onto them.
  const ordered = [...graphs].sort((a, b) => b.components.length - a.components.length || a.diagram - b.diagram);
  const identities: (Identity & { representative: Named; first: boolean; diagrams: Set<number> })[] = [];
  for (const graph of ordered) {
    const boxes = graph.components.map(named);
    // Strong matches first, so that "Web Server" goes to "Web Server" before a weaker box takes it.
    const candidates: { box: Named; identity: number; score: number }[] = [];
    for (const box of boxes) {
      identities.forEach((identity, index) => {
        if (identity.diagrams.has(graph.diagram)) return;
        const score = matchScore(box, identity.representative);
        if (score > 0) candidates.push({ box, identity: index, score });
      });
    }
    candidates.sort((a, b) => b.score - a.score || Number(identities[b.identity]!.first) - Number(identities[a.identity]!.first) || a.identity - b.identity);
    const claimed = new Set<number>();
    const placed = new Set<string>();
    for (const { box, identity, score } of candidates) {
      if (placed.has(box.component.key) || claimed.has(identity)) continue;
      // A weak match (role only) is kept only when the role is unambiguous in this diagram.
      if (score <= 1 && graph.components.filter((c) => !placed.has(c.key) && sharesRole(c, box.component)).length > 1) continue;
      identities[identity]!.members.push(box.component);
      identities[identity]!.diagrams.add(graph.diagram);
      claimed.add(identity);
      placed.add(box.component.key);
    }
    for (const box of boxes) {
      if (placed.has(box.component.key)) continue;
      identities.push({ key: box.component.key, members: [box.component], representative: box, first: FIRST_OF_PAIR.test(`${box.label} ${box.id}`), diagrams: new Set([graph.diagram]) });
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
