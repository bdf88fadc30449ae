// Questions an order's records cannot answer however complete they are: why something happened, or what happens
// or is to be done next. The records say what was done (a refund of $12.00 to the card); "why was it less than I
// paid?" and "it went to a card I closed, what happens now?" ask for an explanation or a way forward, which a
// person gives.

import { canonicalText } from './order-question.js';

const WHY_OR_NEXT: readonly RegExp[] = [
  / (?:why|how come) /,
  / (?:what|whats) (?:happens|will happen|now|next|do i do|should i do|can i do|are my options|are the options) /,
  // "how do I get it back?", but not "how do I know whether it went through?", which the records answer
  / how (?:do|can|should|would) (?:i|we) (?!(?:know|tell|check|see|find out|confirm)\b)/,
];

/** The message asks why something happened, or what happens or is to be done next (in canonical words). */
export function asksWhyOrWhatNext(text: string): boolean {
  const words = canonicalText(text);
  return WHY_OR_NEXT.some((p) => p.test(words));
}
