import {
  GO_AHEAD_QUESTION,
  IDENTITY_QUESTION,
  WHICH_ITEMS_QUESTION,
  WHICH_ORDER_FOR_WRITE,
} from '@parley/wording';
import type { Requested } from './request.js';
import type { Missing } from './types.js';

// The planner's own fixed sentences. Each asking reply opens with the lead of the write it is about, so the next
// turn can tell the conversation is still filling that write (the service keeps no state between turns).

export const LEADS: Record<Requested, string> = {
  cancel: 'I can help you cancel your order.',
  order_address: 'I can help you change the shipping address of your order.',
  order_items: 'I can help you change the items in your order.',
  order_payment: 'I can help you change the payment method of your order.',
  return: 'I can help you return items from your order.',
  exchange: 'I can help you exchange items from your order.',
  user_address: 'I can help you change the default address on your account.',
  swap: 'I can help you change items from your order for other options.',
  refund: 'I can help you with a refund for your order.',
  modify: 'I can help you change your order.',
};

/**
 * Ends an answer to whether the sender's own order still allows a write ("can I cancel #W...?") when it does:
 * the write offered, opening with its lead so that the customer's "yes please" (or the details themselves) carries
 * on as a request for it (`writeAskedIn`); a plain "no" declines it (`declinesOffer` of `@parley/wording`).
 */
export function offerOf(write: Requested): string {
  return `${LEADS[write]} ${GO_AHEAD_QUESTION}`;
}

/** Heads the read-back of a proposal (the summary follows it). */
export const READ_BACK = 'Here are the details to confirm:';

export const ASKS: Record<Exclude<Missing, 'order' | 'new_items' | 'payment'>, string> = {
  identity: IDENTITY_QUESTION,
  reason: 'Could you tell me the reason: is the order no longer needed, or was it ordered by mistake?',
  items: WHICH_ITEMS_QUESTION,
  address:
    'What is the new address? Please write the street, any suite or apartment, the city, the state and the ZIP code.',
  write: 'What would you like to change in the order: the items, the shipping address or the payment method?',
};

/** Said before asking again when the details a customer gave match no account (never which detail failed). */
export const IDENTITY_UNMATCHED = 'I could not find an account that matches the details you gave.';

/** A reply of the planner's that asked the customer to identify themselves (again, or for the first time). */
export function askedForIdentity(body: string): boolean {
  return body.includes(ASKS.identity);
}

/** The router and the gate read an answer picking from the list before it (`orderPickedFromList`). */
export const ASK_ORDER = WHICH_ORDER_FOR_WRITE;
export const ASK_NEW_ITEMS = 'Which options would you like instead?';
export const ASK_REFUND_METHOD = 'Where should the refund go?';
export const ASK_PAYMENT_METHOD = 'Which payment method should pay or receive the price difference?';
export const ASK_NEW_PAYMENT = 'Which payment method would you like to pay with instead?';
export const ALL_ITEMS_REMINDER =
  'Items can be changed only once, so please make sure these are all the items you want changed.';

/** The write a bot message was filling, read from its lead; undefined for any other message. */
export function writeAskedIn(body: string): Requested | undefined {
  for (const [kind, lead] of Object.entries(LEADS) as Array<[Requested, string]>)
    if (body.includes(lead)) return kind;
  return undefined;
}
