// A write offered at the end of a reply ("...Because it is pending, it can be cancelled. I can help you cancel your
// order. Would you like me to go ahead?"), and the customer's plain "no" to it. The resolver writes the offer and
// reads the answer; the gate reads the same answer to send the reply that nothing was changed.
import { confirmationOf } from './confirmation.js';

/** The question that ends a reply offering a write the customer asked about. */
export const GO_AHEAD_QUESTION = 'Would you like me to go ahead?';

/** The reply just before the message offered a write, and the message says no to it and nothing else. */
export function declinesOffer(history: readonly { role: string; body: string }[], body: string): boolean {
  const previous = history.at(-1);
  return (
    previous !== undefined &&
    previous.role !== 'customer' &&
    previous.body.includes(GO_AHEAD_QUESTION) &&
    confirmationOf(body) === 'no'
  );
}
