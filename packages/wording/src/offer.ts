// A write offered at the end of a reply ("...Because it is pending, it can be cancelled. I can help you cancel your
// order. Would you like me to go ahead?") or being filled in ("I can help you cancel your order. Could you tell me
// the reason...?"), and the customer's plain "no" to it. The resolver writes the offer and reads the answer; the
// gate reads the same answer to send the reply that nothing was changed.
import { confirmationOf } from './confirmation.js';

/** The question that ends a reply offering a write the customer asked about. */
export const GO_AHEAD_QUESTION = 'Would you like me to go ahead?';

/**
 * How a reply that offers a write or asks for its details opens it ("I can help you cancel your order.",
 * "I can help you change the shipping address of your order."): the action planner's leads all do.
 */
export const WRITE_LEAD = 'I can help you ';

/**
 * The reply just before the message offered a write or was asking for its details, and the message says no to it
 * and nothing else ("no thanks", "actually no, keep it"): the request is withdrawn. A no to a write read back is
 * the router's to read (`confirmationOf` against the proposal waiting).
 */
export function declinesOffer(history: readonly { role: string; body: string }[], body: string): boolean {
  const previous = history.at(-1);
  if (previous === undefined || previous.role === 'customer') return false;
  // An offer opens with the write's lead as well ("I can help you cancel your order. Would you like me to go ahead?").
  return previous.body.includes(WRITE_LEAD) && confirmationOf(body) === 'no';
}
