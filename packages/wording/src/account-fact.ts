/**
 * A question for a fact of the sender's own account that only their records hold: the address, email, name or
 * phone on it, the cards saved, a gift card's balance ("what is my default shipping address?", "what email do you
 * have for me?", "which cards do I have saved?"). The help centre says where such facts are kept and how to change
 * them, which reads as an answer and is not one.
 */
import { canonicalText } from './order-question.js';

/** What an account holds of the customer. */
const HELD = String.raw`(?:address|addresses|email|email address|e mail|name|surname|phone|phone number|mobile number|number|balance|card|cards|payment method|payment methods|zip|zip code|postcode|username|user name|account number|details|info|information)`;

const r = (source: string) => new RegExp(source);

const ASKS_HELD: readonly RegExp[] = [
  // "what is my default shipping address?", "what's the email on my account", "what name is my account under"
  r(
    String.raw` (?:what|whats|which) (?:is |are |s |was |were )?(?:my|the) (?:\S+ ){0,2}?${HELD} (?:on|in|for|of|under|linked to|saved|stored|registered|do you have)`,
  ),
  r(String.raw` (?:what|whats|which) (?:is |are |s )?my (?:\S+ ){0,2}?${HELD} $`),
  // "what email do you have for me?", "which address is my default?", "which cards do I have saved?"
  r(
    String.raw` (?:what|which) ${HELD} (?:do|does|did|is|are|have) (?:you|i|my|we) (?:\S+ ){0,3}?(?:have|got|default|saved|stored|registered|on file|use|using|listed) `,
  ),
  r(
    String.raw` (?:what|which) (?:\S+ ){0,3}?(?:are|is) (?:on|in|saved to|saved on|stored on|linked to) (?:my|the) (?:account|profile) `,
  ),
  // "how much is left on my gift card?"
  r(String.raw` how much (?:\S+ ){0,4}?(?:left|remaining|balance) (?:on|in) (?:my|the) `),
];

/** The message, in any words, asks for a fact its sender's account holds (see above). */
export function asksOwnAccountFact(text: string): boolean {
  const words = canonicalText(text);
  return ASKS_HELD.some((p) => p.test(words));
}
