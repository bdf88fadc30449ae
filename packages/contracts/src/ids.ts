// Ids more than one service makes or reads. A reply id is ingress's delivery key (each id goes out once), so two
// producers spelling the same reply differently would send it twice; one spelling lives here.

/** The one reply a gate decision can produce for a turn. */
export const turnReplyId = (ticketId: string, turn: number): string => `rpl_${ticketId}_${turn}`;

/**
 * An agent's reply to a turn from the inbox. `attempt` counts replies already sent (or failed) on the item: a
 * reply that did not arrive is sent again under a new id, because the bus drops a re-publish of the same one.
 */
export const agentReplyId = (ticketId: string, turn: number, attempt = 1): string =>
  `rpl_${ticketId}_${turn}_agent${attempt > 1 ? `_${attempt}` : ''}`;

/** A public reply an agent wrote in a desk (Zendesk) comment: one per comment. */
export const deskReplyId = (ticketId: string, turn: number, commentId: number | string): string =>
  `rpl_${ticketId}_${turn}_zd${commentId}`;

/** The message telling the customer what became of an authorised action. */
export const actionReplyId = (actionId: string): string => `rpl_${actionId}`;

/** A proposed store write of a turn: unique per ticket, and the store's idempotency key when it runs. */
export const actionIdFor = (ticketId: string, turn: number): string => `act_${ticketId}_${turn}`;

// Store order ids look like "#W2611340"; customers also drop the "#" or write the letter in lower case, and
// many give only the number ("order 2611340", "#2611340", "the boots (2611340)"): seven digits standing alone
// are the store's order number, which nothing else the store sends is (tracking numbers have 9 or more digits,
// item and product ids 10, ZIP codes 5). A longer digit run, or an id glued to other letters or digits, is
// something else (a tracking number, a product code), and so is a number inside an amount, a date, a time, a
// phone number or a payment method's id ("$1234567", "1234567.50", "555-1234567", "gift_card_1234567").
const ORDER_ID = /(?<![\p{L}\p{N}_$€£.,/:-])(?:#?[Ww]|#)?(\d{7})(?![\p{L}\p{N}_]|[.,/:-]\d)/gu;
const ONE_ORDER_ID = /^(?:#?[Ww]|#)?\d{7}$/;

/** "#w1234567", "W1234567", "#1234567", "1234567" and "#W1234567" are all "#W1234567". */
export function canonicalOrderId(id: string): string {
  const bare = id.replace(/^#/, '').toUpperCase();
  return `#${/^\d/.test(bare) ? `W${bare}` : bare}`;
}

/** Order ids named in the texts, canonical ("#W1234567"), each once, in order of appearance. */
export function orderIdsIn(...texts: ReadonlyArray<string | undefined>): string[] {
  const ids = new Set<string>();
  for (const text of texts) for (const m of text?.matchAll(ORDER_ID) ?? []) ids.add(canonicalOrderId(m[1]!));
  return [...ids];
}

/** The text with every order id replaced by `token`. */
export function replaceOrderIds(text: string, token: string): string {
  return text.replace(ORDER_ID, token);
}

export function sameOrderId(a: string, b: string): boolean {
  return canonicalOrderId(a) === canonicalOrderId(b);
}

/** The whole string is one order id, in any of the spellings `orderIdsIn` reads. */
export function isOrderId(text: string): boolean {
  return ONE_ORDER_ID.test(text);
}
