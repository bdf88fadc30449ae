import { orderIdsIn } from '@parley/wording';

// "Can I return something I used?", "do I need to give a reason to cancel?", "what if the new size costs
// more?": asking whether or how the store allows a write, in general.
const ASKS_HOW = new RegExp(
  [
    String.raw`\b(?:can|could|may) i\b`,
    String.raw`\bam i able to\b`,
    String.raw`\bis (?:it|that|this) (?:still )?(?:possible|ok|okay|allowed)\b`,
    String.raw`\bhow (?:do|can|would|should) i\b`,
    String.raw`\bwhat if\b`,
    String.raw`\bdo i (?:need|have) to\b`,
    String.raw`\bwhat do you need\b`,
  ].join('|'),
  'i',
);

// Words that make the same message a request about one purchase: asking the store to act, or naming what
// was bought.
const ASKS_TO_ACT =
  /\b(?:please|pls|plz|can you|could you|would you|will you|i bought|i ordered|i purchased|i received)\b/i;

/**
 * The message asks how the store's rules work for a write (whether it is allowed, what it needs), without
 * asking for it on an order: no order named, no request to act, nothing said of a purchase. Such a message is
 * answered from the help centre, not planned as a write whose details the customer would be asked for.
 */
export function asksHowThingsWork(text: string): boolean {
  return ASKS_HOW.test(text) && !ASKS_TO_ACT.test(text) && orderIdsIn(text).length === 0;
}
