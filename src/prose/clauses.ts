import { normaliseText } from '../graph/roles.js';

/**
 * Cuts a block of prose into the clauses a reason can belong to. A paragraph often states a
 * change in one clause and a benefit in another ("all SPOFs have been removed and the components
 * have been moved to separate servers"): the benefit is about its own clause, not about every
 * element the paragraph names.
 */
export interface Clause {
  /** Normalised text (see normaliseText) of the whole clause. */
  norm: string;
  /** A leading circumstance ("when adding servers"), normalised; empty when none. */
  setting: string;
  /** The clause without its setting: what it states. */
  main: string;
  /** The clause (after its setting) refers back to the one before it ("This removes...", "which ..."). */
  continues: boolean;
}

// A new sentence: after . ! ? followed by a space, or a line that starts a bullet of its own.
const SENTENCE_END = /(?<=[.!?])\s+(?=\S)|\n+(?=\s*(?:[-*•+]|\d+[.)]))/;
// Coordinators that may join two independent clauses.
const COORDINATOR = /,?\s+(?:and|but|while|whereas)\s+|;\s*/g;
// A finite verb: what tells an independent clause ("SPOFs have been removed") from a list item.
const FINITE = /\b(is|are|was|were|has|have|had|will|would|can|could|should|may|might|must|does|do|did)\b/i;
/** Openings that refer back to the clause before. */
const CONTINUES = /^(this|that|these|those|which|it|its|they|them|their|both|so|thus|hence|therefore|because|since|as a result|in order|to|thereby|if|in case|should|otherwise|allowing|ensuring|making|providing|meaning|preventing|eliminating|removing|reducing|improving|increasing|enabling|giving|for|also|plus|additionally|moreover|furthermore|each|every|the (second|other|backup|passive|standby|new|additional|extra)|one)\b/;
/** A pronoun among the first words: "I added it to remove the SPOF". */
const REFERS_BACK = /^(\S+ ){0,3}(it|this|them|they|these|those)\b/;
/** A leading circumstance: "When adding servers and a load balancer, monitoring becomes crucial". */
const SETTING = /^(when|while|whenever|once|after|as) \w+ing\b[^,]*,\s*/i;

export function clausesOf(text: string): Clause[] {
  const clauses: Clause[] = [];
  for (const sentence of text.split(SENTENCE_END)) {
    for (const raw of splitCoordinated(sentence)) {
      const norm = normaliseText(raw);
      if (!norm) continue;
      const settingMatch = SETTING.exec(raw.trimStart());
      const setting = settingMatch ? normaliseText(settingMatch[0]) : '';
      const main = settingMatch ? normaliseText(raw.trimStart().slice(settingMatch[0].length)) : norm;
      clauses.push({ norm, setting, main, continues: CONTINUES.test(main) || REFERS_BACK.test(main) });
    }
  }
  return clauses;
}

/** Splits at a coordinator outside brackets when both sides have a finite verb of their own. */
function splitCoordinated(sentence: string): string[] {
  const parts: string[] = [];
  let start = 0;
  COORDINATOR.lastIndex = 0;
  for (let match = COORDINATOR.exec(sentence); match; match = COORDINATOR.exec(sentence)) {
    if (depthAt(sentence, match.index) > 0) continue;
    const left = sentence.slice(start, match.index);
    const right = sentence.slice(match.index + match[0].length);
    if (!FINITE.test(left) || !FINITE.test(right)) continue;
    parts.push(left);
    start = match.index + match[0].length;
  }
  parts.push(sentence.slice(start));
  return parts;
}

function depthAt(text: string, index: number): number {
  let depth = 0;
  for (let i = 0; i < index; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 91) depth++;
    else if ((c === 41 || c === 93) && depth > 0) depth--;
  }
  return depth;
}
