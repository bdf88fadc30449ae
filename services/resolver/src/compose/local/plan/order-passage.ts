import { orderIdsIn } from '@parley/wording';
import { sentences } from './words.js';

/**
 * What a message says about one order when it asks for things about several ("Cancel #W1 because I no longer
 * need it. Cancel #W2, I ordered it by mistake."): the sentences from one whose first order id is this order up
 * to one whose first order id is another, and the sentences before any order id (they are about every order).
 * A sentence's first id says what it is about: "ship #W1 to the address of #W2" is about #W1. A message naming
 * one order or none is kept whole.
 */
export function orderPassage(message: string, orderId: string): string {
  const ids = orderIdsIn(message);
  if (ids.length < 2 || !ids.includes(orderId)) return message;
  let about: string | undefined;
  const out: string[] = [];
  for (const s of sentences(message)) {
    const first = orderIdsIn(s)[0];
    if (first) about = first;
    if (about === undefined || about === orderId) out.push(s);
  }
  return out.join(' ');
}
