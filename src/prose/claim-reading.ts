/**
 * How a clause is read for claims about this design, shared by every claim reader (claims.ts and
 * the readers it calls): what a clause states once its condition is set aside, what a negation
 * denies, and the number words of a count.
 */
import { anyOf, CARRIED_OVER, CONDITION_MARKERS, COUNTERFACTUAL_MARKERS, FUTURE, NEGATIONS, NOT_THIS_DESIGN } from './lexicon.js';
import { plainText } from './sentences.js';

export interface Where {
  file: string;
  line: number;
}

/** Another design, the future, a counterfactual: no claim. ("Only one load balancer" is a count, not a counterfactual.) */
export const ELSEWHERE = anyOf(...NOT_THIS_DESIGN, ...FUTURE, ...COUNTERFACTUAL_MARKERS.filter((m) => !/one/.test(m)));
/** What was kept from the previous task is in this design. */
export const CARRIED = anyOf(...CARRIED_OVER);
export const CONDITION = anyOf(...CONDITION_MARKERS);
export const NEGATED = anyOf(...NEGATIONS);
/** How far before a claimed thing a negation reaches: "there is no firewall", "without any monitoring". */
export const NEGATION_REACH = 30;

/** Number words of a count. */
export const NUMBER: Record<string, number> = {
  one: 1, single: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, deux: 2, trois: 3, quatre: 4, cinq: 5,
};
/** A count of two or more, as a regex fragment: "three", "3", "trois". */
export const MANY = '(?:two|three|four|five|six|seven|eight|nine|deux|trois|quatre|cinq|[2-9])';

/** The number a count word says: "three" -> 3, "3" -> 3. */
export function numberOf(word: string): number {
  return NUMBER[word] ?? Number(word);
}

/** A negation reaches `index` of `plain`: "there is no firewall" at "firewall". */
export function negatedAt(plain: string, index: number): boolean {
  return NEGATED.test(plain.slice(Math.max(0, index - NEGATION_REACH), index));
}

/**
 * What a clause states, without its condition: "We run two load balancers, so the site stays up
 * when one crashes" states two load balancers; "If one load balancer fails, ..." states nothing of
 * how many there are.
 */
export function statementOf(clause: { raw: string; plain: string }): string {
  const condition = CONDITION.exec(clause.plain);
  if (!condition) return clause.plain;
  if (condition.index > 0) return clause.plain.slice(0, condition.index);
  const comma = clause.raw.indexOf(',');
  return comma < 0 ? '' : plainText(clause.raw.slice(comma + 1)).replace(CONDITION_AND_AFTER, '');
}
const CONDITION_AND_AFTER = new RegExp(`${CONDITION.source}.*$`);

/**
 * A sentence that opens with a condition is a hypothetical, main clause included: "If SSL is
 * terminated at the load balancer, the traffic behind it is unencrypted" asserts nothing of this
 * design. (Claims of counts keep the main clause: see statementOf.)
 */
export function opensWithCondition(plain: string): boolean {
  return OPENS_WITH_CONDITION.test(plain);
}
const OPENS_WITH_CONDITION = new RegExp(`^(?:(?:and|but|so|also|even|only|et|mais) )?(?:${CONDITION_MARKERS.join('|')})\\b`);

/** What a clause asserts outright: the part before any condition it holds. */
export function assertionOf(plain: string): string {
  const condition = CONDITION.exec(plain);
  return condition ? plain.slice(0, condition.index) : plain;
}
