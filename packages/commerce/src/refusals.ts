/**
 * Every reason the store declines a request, as a stable code a caller can branch on. The message names the
 * rule in plain words so it can be shown to a model or a person as it is; it never holds customer data
 * beyond the ids the caller sent.
 */
export const REFUSAL_RULES = [
  'invalid_input',
  'not_authenticated',
  'customer_not_found',
  'order_not_found',
  'product_not_found',
  'other_customer',
  'order_not_pending',
  'items_already_modified',
  'order_not_delivered',
  'invalid_cancel_reason',
  'item_not_in_order',
  'item_count_mismatch',
  'item_not_in_product',
  'item_unavailable',
  'item_unchanged',
  'payment_method_not_found',
  'same_payment_method',
  'multiple_payments',
  'insufficient_gift_card_balance',
  'refund_method_not_allowed',
  'action_id_reused',
  'unsupported_by_backend',
  'backend_rejected',
] as const;

export type RefusalRule = (typeof REFUSAL_RULES)[number];

export interface Refusal {
  rule: RefusalRule;
  message: string;
}

export type WriteResult<T> = { ok: true; result: T } | { ok: false; refusal: Refusal };

export function refuse(rule: RefusalRule, message: string): { ok: false; refusal: Refusal } {
  return { ok: false, refusal: { rule, message } };
}

export function accept<T>(result: T): { ok: true; result: T } {
  return { ok: true, result };
}
