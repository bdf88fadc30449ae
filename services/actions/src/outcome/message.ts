import type { ActionProposal } from '@parley/contracts';

export type Settlement =
  | { status: 'executed'; result: Record<string, unknown> }
  | { status: 'refused'; refusal: { rule: string; message: string } }
  | { status: 'failed'; reason: string };

interface OrderLike {
  id?: string;
  status?: string;
  paymentHistory?: Array<{ type: string; amount: number; paymentMethodId: string }>;
  address?: { line1: string; line2: string; city: string; state: string; zip: string; country: string };
}

const money = (n: number) => `$${n.toFixed(2)}`;

function oneLine(a: NonNullable<OrderLike['address']>): string {
  return [a.line1, a.line2, a.city, `${a.state} ${a.zip}`.trim(), a.country]
    .filter((p) => p.trim())
    .join(', ');
}

/** The refunds an action added to an order: the last payment-history entries that are refunds. */
function newRefunds(order: OrderLike): Array<{ amount: number; method: string }> {
  const history = order.paymentHistory ?? [];
  const out: Array<{ amount: number; method: string }> = [];
  for (let i = history.length - 1; i >= 0 && history[i]!.type === 'refund'; i--) {
    out.unshift({ amount: history[i]!.amount, method: history[i]!.paymentMethodId });
  }
  return out;
}

/** When a refund to a method arrives, in the help centre's words. */
function refundTiming(method: string): string {
  return method.startsWith('gift_card')
    ? 'to your gift card right away'
    : 'to your original payment method within 5-7 business days';
}

function refundLine(order: OrderLike): string {
  const refunds = newRefunds(order);
  if (refunds.length === 0) return '';
  return ` ${refunds.map((r) => `A refund of ${money(r.amount)} goes ${refundTiming(r.method)}.`).join(' ')}`;
}

/**
 * What the customer is told once an authorised action settled: what was done, in the store's terms (order,
 * status, refund and when it arrives), or why it could not be done. Only facts from the store's result.
 */
export function outcomeMessage(proposal: ActionProposal, settled: Settlement): string {
  if (settled.status === 'refused') {
    return `I couldn't complete that: ${settled.refusal.message.replace(/\.?$/, '.')} Nothing in your order was changed. Reply here if you'd like a member of our team to look at it.`;
  }
  if (settled.status === 'failed') {
    return 'Something went wrong on our side while making that change, so nothing was changed yet. A member of our team will follow up with you.';
  }
  const order = settled.result as OrderLike;
  const id = order.id ?? (proposal.input.order_id as string | undefined) ?? '';
  switch (proposal.tool) {
    case 'cancel_pending_order':
      return `Done: order ${id} is cancelled.${refundLine(order)}`;
    case 'modify_pending_order_address':
      return `Done: order ${id} will now ship to ${order.address ? oneLine(order.address) : 'the new address'}.`;
    case 'modify_pending_order_items':
      return `Done: order ${id} now has the items you chose. Items in an order can be changed only once, so it can no longer be changed or cancelled.${refundLine(order)}`;
    case 'modify_pending_order_payment':
      return `Done: order ${id} is now paid with the payment method you chose.${refundLine(order)}`;
    case 'return_delivered_order_items':
      return `Done: the return for order ${id} is registered. You'll get an email with how to send the items back; the refund is issued once we receive them.`;
    case 'exchange_delivered_order_items':
      return `Done: the exchange for order ${id} is registered. You'll get an email with how to send the items back; the new items ship once we receive them.`;
    case 'modify_user_address': {
      const address = (settled.result as { address?: OrderLike['address'] }).address;
      return `Done: your default address is now ${address ? oneLine(address) : 'the new address'}.`;
    }
    default:
      return `Done: ${proposal.summary}`;
  }
}
