import { labelForm, labelHas, shownLabel } from '../graph/labels.js';
import type { Component, DiagramGraph, Edge, Group } from '../graph/model.js';
import { inferRoles } from '../graph/roles.js';
import { editDistance } from '../edit-distance.js';
import type { SourcePosition } from '../types.js';
import { bestOverDiagrams, describe } from './diagram-helpers.js';
import { outcomeFromShare, type RuleFinding, type RuleModule, type RuleOutcome } from './rule.js';

/** Where a prescribed label belongs: on a node, on an arrow, or as a group's title. */
const KINDS = ['nodes', 'edges', 'groups'] as const;
type Kind = (typeof KINDS)[number];

/** One prescribed label: the task's spelling first, then other spellings that count (a typo corrected). */
type Spellings = readonly [string, ...string[]];

/**
 * The labels a task prescribes are in the diagram, as the task writes them (students are told to
 * copy them, typos included): node labels (option `nodes`), arrow labels (`edges`) and group titles
 * (`groups`). Each entry is a label, or a list of the spellings that count (the task's first).
 * Matched leniently: case, spacing, and how the arrow is typed (`→`, `&rarr;`, `->`) do not matter,
 * and words may surround the label ("Load balancer (HAProxy) 1"). Partial credit per label.
 */
export const prescribedLabels: RuleModule = {
  meta: {
    id: 'prescribed-labels',
    description: 'The node labels, arrow labels and group titles the task prescribes are in the diagram, as the task writes them (case, spacing and the arrow\'s spelling aside).',
    diagramBased: true,
    whenTaskMissing: 'fail',
    partialCredit: true,
    validateOptions(options) {
      const unknown = Object.keys(options).filter((k) => !(KINDS as readonly string[]).includes(k));
      if (unknown.length) return `unknown option${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')} (known: ${KINDS.join(', ')})`;
      let total = 0;
      for (const kind of KINDS) {
        const list = options[kind];
        if (list === undefined) continue;
        if (!Array.isArray(list)) return `option "${kind}" must be a list of labels`;
        for (const entry of list) {
          const ok = (typeof entry === 'string' && entry.trim() !== '') || (Array.isArray(entry) && entry.length > 0 && entry.every((s) => typeof s === 'string' && s.trim() !== ''));
          if (!ok) return `option "${kind}": each entry must be a label or a non-empty list of spellings (got ${JSON.stringify(entry)})`;
          total++;
        }
      }
      return total === 0 ? 'needs at least one label in "nodes", "edges" or "groups"' : null;
    },
  },
  check(context) {
    const wanted = KINDS.flatMap((kind) => ((context.options[kind] ?? []) as (string | string[])[]).map((entry) => ({ kind, spellings: (typeof entry === 'string' ? [entry] : entry) as unknown as Spellings })));
    return bestOverDiagrams(context.graphs, (graph) => checkLabels(graph, wanted));
  },
};

interface Wanted {
  kind: Kind;
  spellings: Spellings;
}

/** A place of the diagram a label may be written: a node, an arrow, a group. */
interface Labelled {
  text: string;
  source: SourcePosition;
  name: string;
  /** The node, for its roles. */
  component?: Component;
}

function placesOf(graph: DiagramGraph, kind: Kind): Labelled[] {
  const byKey = new Map(graph.components.map((c) => [c.key, c]));
  const groups = (g: Group): Labelled => ({ text: g.title, source: g.source, name: `the group "${shownLabel(g.title)}"` });
  const arrow = (e: Edge): Labelled => ({ text: e.label, source: e.source, name: `the arrow ${arrowName(e, byKey)}` });
  if (kind === 'edges') return uniqueBySource(graph.edges.filter((e) => e.label).map(arrow));
  if (kind === 'groups') return graph.groups.filter((g) => g.title).map(groups);
  // A node's label may be drawn as a box around others ("Monitoring system" around its agents).
  return [...graph.components.map((c) => ({ text: c.label, source: c.source, name: describe(c), component: c })), ...graph.groups.filter((g) => g.title).map(groups)];
}

/** An arrow to a subgraph is one arrow per node inside: one place. */
function uniqueBySource(places: Labelled[]): Labelled[] {
  const seen = new Set<string>();
  return places.filter((p) => {
    const key = `${p.source.line}:${p.source.column}:${p.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function arrowName(e: Edge, byKey: Map<string, Component>): string {
  const id = (key: string) => byKey.get(key)?.id ?? key.slice(key.indexOf(':') + 1);
  return `\`${id(e.from)} ${e.directed ? '-->' : '---'} ${id(e.to)}\` ("${shownLabel(e.label)}")`;
}

function checkLabels(graph: DiagramGraph, wanted: Wanted[]): RuleOutcome {
  const places = new Map(KINDS.map((kind) => [kind, placesOf(graph, kind)]));
  const matches = (place: Labelled, w: Wanted) => w.spellings.some((s) => labelHas(place.text, s));
  const missing = wanted.filter((w) => !places.get(w.kind)!.some((p) => matches(p, w)));
  const found = wanted.length - missing.length;
  const findings: RuleFinding[] = missing.map((w) => {
    // The closest place that is not already another prescribed label: what the student probably meant.
    const free = places.get(w.kind)!.filter((p) => !wanted.some((o) => o.kind === w.kind && matches(p, o)));
    const near = closest(w, free);
    return missingLabel(w, near, { file: graph.file, line: graph.line, column: 1 });
  });
  const quoted = (w: Wanted) => `\`${w.spellings[0]}\``;
  const message = missing.length === 0
    ? `Every label the task prescribes is in the diagram (${wanted.length} of ${wanted.length}).`
    : `${found} of ${wanted.length} prescribed labels are in the diagram; missing: ${missing.map(quoted).join(', ')}.`;
  return outcomeFromShare(found, wanted.length, message, findings);
}

/** The place a student probably meant for a missing label: a node of the same kind ("HAProxy" for `Load balancer (HAProxy)`), or a label a few letters away. */
function closest(w: Wanted, places: Labelled[]): Labelled | null {
  const roles = inferRoles(w.spellings[0]).filter((r) => r !== 'server' && r !== 'other');
  if (w.kind === 'nodes' && roles.length) {
    const sameRole = places.find((p) => p.component && roles.every((r) => p.component!.roles.includes(r)));
    if (sameRole) return sameRole;
  }
  const want = labelForm(w.spellings[0]);
  let best: { place: Labelled; d: number } | null = null;
  for (const place of places) {
    const d = editDistance(labelForm(place.text), want);
    if (d <= Math.max(2, Math.floor(want.length / 4)) && (!best || d < best.d)) best = { place, d };
  }
  return best?.place ?? null;
}

const WHAT: Record<Kind, string> = { nodes: 'a node labelled', edges: 'an arrow labelled', groups: 'a group (subgraph) titled' };

function missingLabel(w: Wanted, near: Labelled | null, start: SourcePosition): RuleFinding {
  const [label, ...others] = w.spellings;
  const also = others.length ? ` (${others.map((o) => `\`${o}\``).join(' or ')} count${others.length === 1 ? 's' : ''} too)` : '';
  const where = near ? `: ${near.name} comes closest` : w.kind === 'edges' ? ': no arrow has that label' : w.kind === 'groups' ? ': no group has that title' : ': no node has that label';
  return {
    message: `The task asks for ${WHAT[w.kind]} \`${label}\`${also}${where}.`,
    at: near?.source ?? start,
    hint: `Copy the label exactly as the task writes it, spelling included: ${example(w.kind, label, near)}.`,
  };
}

function example(kind: Kind, label: string, near: Labelled | null): string {
  const quoted = `"${label.replace(/"/g, '#quot;')}"`;
  if (kind === 'edges') return `\`A -->|${quoted}| B\``;
  if (kind === 'groups') return `\`subgraph tier[${quoted}]\` ... \`end\``;
  const id = near?.component?.id ?? (label.replace(/[^A-Za-z]/g, '').slice(0, 8) || 'node');
  return `\`${id}[${quoted}]\``;
}
