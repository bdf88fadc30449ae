import type { TicketTurn } from '@parley/contracts';
import type { Taxonomy } from '@parley/demo-store';
import { isStatusOnly, readOrderQuestion } from '@parley/wording';
import type { IntentResult } from '../intent/classifier.js';

export const ORDER_STATUS = 'order_status';

/**
 * Whether the turn asks only for the status of an order: where it is, whether it shipped or arrived, its
 * tracking, in any wording (`@parley/wording`), and nothing a status cannot answer (no cancellation,
 * return, change, refund or reported problem). Only a known customer has orders to ask about, and "my
 * wife's order" without an order id is not theirs. Whether the order is the sender's is checked later,
 * against their records.
 */
export function asksOrderStatus(ticket: Pick<TicketTurn, 'customer'>, text: string): boolean {
  if (!ticket.customer.crmId) return false;
  const q = readOrderQuestion(text);
  return isStatusOnly(q) && (q.orderIds.length > 0 || !q.someoneElse);
}

/**
 * The classifier's answer for a turn that asks only for an order's status: order_status, with the
 * classifier's own probability for it (0 when it gave none), unless the classifier is sure of an intent that
 * a person handles (a confident "cancel" is not overruled by wording that missed the request).
 */
export function asOrderStatus(
  result: IntentResult,
  taxonomy: Taxonomy,
  sureAt: number,
  handling: number,
): IntentResult | null {
  if (result.intent === ORDER_STATUS) return { ...result, outOfScope: false };
  const spec = (taxonomy.intents as Record<string, { band: string } | undefined>)[result.intent];
  if (spec && spec.band !== 'auto' && !result.outOfScope && handling >= sureAt) return null;
  const p = result.distribution?.find((d) => d.intent === ORDER_STATUS)?.p ?? 0;
  return { ...result, intent: ORDER_STATUS, confidence: p, outOfScope: false };
}
