/**
 * Whose reason a sentence gives, where a question asks why an element is there (see Question.why in
 * questions.ts): a purpose must be the element's own, not the task's words, a product choice, a count
 * or another element's job.
 */
import { anyOf, CHOICE_VERBS, CHOSEN_ACTIONS, COUNT_REASONS } from './lexicon.js';
import { matchesOf } from './question-text.js';
import { reasonIn, type Reason } from './reasons.js';

/**
 * The first reason a sentence gives for an element that does not name it again. A reason that names
 * the element is circular ("a certificate to serve the site over HTTPS": the task's words), but a
 * reason may follow it ("We chose to add a firewall on each box because otherwise anyone could reach MySQL").
 */
export function elementReason(about: RegExp | null, plain: string, why: boolean): Reason | null {
  let from = 0;
  for (;;) {
    const found = reasonIn(plain.slice(from), why);
    if (!found) return null;
    const reason = { ...found, index: from + found.index };
    const named = about ? matchesOf(about, plain.slice(reason.index))[0] : undefined;
    if (!named) return reason;
    from = reason.index + named.end;
  }
}

const CHOICE = anyOf(...CHOICE_VERBS);
const CHOSEN_ACTION = new RegExp(`^ (?:${CHOSEN_ACTIONS.join('|')})\\b`);
const COUNT_REASON = anyOf(...COUNT_REASONS);

/**
 * Whether the reason a sentence gives (at `index`) explains something else than why the element is
 * there: another element's job ("...are shared between server 1 and server 2 with round robin, so
 * both get the same amount of work" under the firewalls), a choice among products ("I chose ufw
 * because it ships with Ubuntu"), or a count ("There are three firewalls because there are three
 * machines").
 */
export function reasonOfAnother(reader: { otherJobs: RegExp | null; counted: RegExp | null }, plain: string, index: number): boolean {
  if (reader.otherJobs?.test(plain)) return true;
  const before = plain.slice(0, index);
  const choice = matchesOf(CHOICE, before).pop();
  if (choice && !CHOSEN_ACTION.test(before.slice(choice.end))) return true;
  return reader.counted !== null && reader.counted.test(before) && COUNT_REASON.test(plain.slice(index));
}
