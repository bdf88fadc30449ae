import type { WriteKind } from './types.js';

/**
 * A write not yet settled by the order it is about: a change of items is a modification of a pending order and
 * an exchange of a delivered one; a refund is a cancellation of a pending order and a return of a delivered one;
 * a modification may still be of items, address or payment.
 */
export type Requested = WriteKind | 'swap' | 'refund' | 'modify';

const PAYMENT_CHANGE =
  /\b(?:payment method|pay (?:for it |it )?(?:with|using|by)|change (?:the |my )?payment|switch (?:the |my )?payment|use (?:my |the )?(?:paypal|gift card|credit card))\b/i;
const ADDRESS_CHANGE = /\b(?:address|ship (?:it )?to|deliver (?:it )?to|shipping to)\b/i;
const DEFAULT_ADDRESS =
  /\b(?:default (?:shipping |delivery |billing |home |mailing )?address|(?:my|the) address on (?:file|my account|the account|my profile)|account address|profile address|address (?:in|on) my (?:account|profile))\b/i;
const ITEM_CHANGE = /\b(?:exchange|swap|switch|change|replace)\b.*\b(?:for|to|into|with)\b/i;

/** The write the customer asks for, from the routed intent and their words; undefined when the intent is not one. */
export function requestedWrite(intent: string, text: string): Requested | undefined {
  switch (intent) {
    case 'cancel_order':
      return 'cancel';
    case 'return_request':
      return 'return';
    case 'exchange_request':
      return 'swap';
    case 'change_address':
      return DEFAULT_ADDRESS.test(text) ? 'user_address' : 'order_address';
    case 'modify_order':
      // The address every future order ships to is the account's, whatever intent a change of it was read as.
      if (DEFAULT_ADDRESS.test(text)) return 'user_address';
      if (ADDRESS_CHANGE.test(text) && !ITEM_CHANGE.test(text)) return 'order_address';
      if (PAYMENT_CHANGE.test(text) && !ITEM_CHANGE.test(text.replace(PAYMENT_CHANGE, '')))
        return 'order_payment';
      return ITEM_CHANGE.test(text) ? 'swap' : 'modify';
    case 'complaint':
      // A complaint that asks for the money back or to send the item back is that request.
      if (/\b(?:return|send (?:it|them) back)\b/i.test(text)) return 'return';
      if (/\b(?:exchange|swap|replacement)\b/i.test(text)) return 'swap';
      if (/\b(?:cancel)\b/i.test(text)) return 'cancel';
      if (/\b(?:refund|money back)\b/i.test(text)) return 'refund';
      return undefined;
    default:
      return undefined;
  }
}

/** Order statuses each write is possible in (the store's policy; its own decisions check again before writing). */
export function statusesFor(write: Requested): string[] {
  switch (write) {
    case 'cancel':
    case 'order_address':
    case 'order_items':
    case 'order_payment':
    case 'modify':
      return ['pending'];
    case 'return':
    case 'exchange':
      return ['delivered'];
    case 'swap':
    case 'refund':
      return ['pending', 'delivered'];
    case 'user_address':
      return [];
  }
}

/** The write once the order is known. */
export function settle(write: Requested, status: string, text: string): WriteKind | undefined {
  const pending = status === 'pending';
  switch (write) {
    case 'swap':
      return pending ? 'order_items' : 'exchange';
    case 'refund':
      return pending ? 'cancel' : 'return';
    case 'modify':
      if (ADDRESS_CHANGE.test(text)) return 'order_address';
      if (PAYMENT_CHANGE.test(text)) return 'order_payment';
      return undefined;
    default:
      return write;
  }
}

/** The rule a write breaks on an order in this status (the store's refusal names). */
export function statusRule(write: Requested, status: string): string {
  if (status.startsWith('pending (')) return 'items_already_modified';
  return statusesFor(write).includes('delivered') && !statusesFor(write).includes('pending')
    ? 'order_not_delivered'
    : 'order_not_pending';
}
