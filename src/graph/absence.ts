/**
 * Text that says an element is absent is not that element: a node "Known gap: no firewall yet", a
 * note "Issues: No monitoring", an arrow "HTTP (no SSL)". Read on normalised text (normaliseText).
 */
import { everyMatch } from '../every-match.js';
import { ABSENT_AFTER, NEGATIONS } from '../vocabulary.js';

const NEGATION = new RegExp(`\\b(?:${NEGATIONS.join('|')})\\b`);
/** A negation, then at most two words, right before the mention: "no firewall", "without any SSL". */
const NEGATED_BEFORE = new RegExp(`\\b(?:${NEGATIONS.join('|')})(?: \\w+){0,2} $`);
/** Absence said after the mention, a word or two on: "SSL: missing", "monitoring agent not installed". */
const NEGATED_AFTER = new RegExp(`^(?: \\w+){0,2} (?:${ABSENT_AFTER.join('|')})\\b`);

const runs = new Map<string, RegExp>();
/** A run of the pattern's words is one mention: "SSL certificate: missing". */
function runOf(pattern: RegExp): RegExp {
  let run = runs.get(pattern.source);
  if (!run) {
    run = new RegExp(`(?:${pattern.source})(?: (?:${pattern.source}))*`, 'g');
    runs.set(pattern.source, run);
  }
  return run;
}

/**
 * True when `pattern` is in `norm` (normalised text) as something there, not as what is absent:
 * "HTTPS", "HAProxy + SSL" are; "No HTTPS", "without SSL", "SSL: missing" are not.
 */
export function affirmedIn(norm: string, pattern: RegExp): boolean {
  if (!pattern.test(norm)) return false;
  // Most labels hold no negation at all: one test decides.
  if (!NEGATION.test(norm) && !/\b(?:missing|absent|none|lacking|disabled)\b/.test(norm)) return true;
  // everyMatch, not matchAll: matchAll would copy the run's pattern (the concept's source, twice) at every call.
  for (const m of everyMatch(runOf(pattern), norm)) {
    if (!NEGATED_BEFORE.test(norm.slice(0, m.index)) && !NEGATED_AFTER.test(norm.slice(m.index + m[0].length))) return true;
  }
  return false;
}
