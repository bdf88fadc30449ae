import type { CustomerContext, OrderFacts, RefundFacts } from '@parley/contracts';
import type { PaymentMethod } from '@parley/commerce';
import { paymentMethodSchema, paymentTransactionSchema } from '@parley/commerce';
import { OrderItem } from '@parley/contracts';
import { z } from 'zod';

export const MAX_ORDERS = 100;
export const MAX_UNOWNED = 50;

export interface CustomerRow {
  id: string;
  first_name: string;
  last_name: string;
  payment_methods: unknown;
}

export interface OrderRow {
  id: string;
  customer_id: string;
  status: string;
  items: unknown;
  fulfillments: unknown;
  payment_history: unknown;
}

const Items = z.array(OrderItem);
const Fulfillments = z.array(z.object({ trackingIds: z.array(z.string()), itemIds: z.array(z.string()) }));

// The store's own shapes (`@parley/commerce`): a stored history or method list in another shape states no refund.
const Transactions = z.array(paymentTransactionSchema);
const Methods = z.array(paymentMethodSchema);

/** A payment method as a customer would name it; one no longer saved is "the original payment method". */
function methodWords(id: string, methods: readonly PaymentMethod[]): string {
  const m = methods.find((x) => x.id === id);
  if (!m) return 'the original payment method';
  if (m.kind === 'paypal') return 'PayPal';
  if (m.kind === 'gift_card') return 'the gift card';
  return `the ${m.brand.charAt(0).toUpperCase()}${m.brand.slice(1)} card ending ${m.lastFour}`;
}

/** The refunds issued for an order, oldest first, each with the method it went to in words. */
function refundsOf(row: OrderRow, methods: readonly PaymentMethod[]): RefundFacts[] {
  // Refunds are stated only from a history in the store's shape: one in another shape states none (the gate
  // then sends no refund answer on its own), rather than keeping the ticket's items and status from it.
  const history = Transactions.safeParse(row.payment_history);
  if (!history.success) return [];
  return history.data
    .filter((t) => t.type === 'refund')
    .map((t) => ({ amount: t.amount, method: methodWords(t.paymentMethodId, methods) }));
}

/** The facts the resolver may state about an order; a malformed stored row is an error naming the order. */
export function orderFacts(row: OrderRow, methods: readonly PaymentMethod[] = []): OrderFacts {
  const items = Items.safeParse(row.items);
  const fulfillments = Fulfillments.safeParse(row.fulfillments);
  if (!items.success) throw new Error(`order ${row.id}: stored items are malformed`);
  if (!fulfillments.success) throw new Error(`order ${row.id}: stored fulfillments are malformed`);
  const cents = items.data.reduce((sum, i) => sum + Math.round(i.price * 100), 0);
  const refunds = refundsOf(row, methods);
  return {
    orderId: row.id,
    status: row.status,
    items: items.data,
    trackingIds: [...new Set(fulfillments.data.flatMap((f) => f.trackingIds))],
    total: cents / 100,
    ...(refunds.length > 0 ? { refunds: refunds.slice(0, 20) } : {}),
  };
}

/**
 * The customer's own orders, those named in the ticket first. `orders` must already be limited to this
 * customer; a named id not among them goes to `unownedOrderIds` and nothing else about it is included.
 */
export function buildCustomerContext(
  customer: CustomerRow,
  orders: readonly OrderRow[],
  named: readonly string[],
): CustomerContext {
  const own = orders.filter((o) => o.customer_id === customer.id);
  const byId = new Map(own.map((o) => [o.id, o]));
  const namedOwn = named.filter((id) => byId.has(id)).map((id) => byId.get(id)!);
  const rest = own.filter((o) => !named.includes(o.id));
  // Saved methods only name where a refund went; without them it went to "the original payment method".
  const parsed = Methods.safeParse(customer.payment_methods);
  const methods = parsed.success ? parsed.data : [];
  return {
    customerId: customer.id,
    name: `${customer.first_name} ${customer.last_name}`.trim(),
    orders: [...namedOwn, ...rest].slice(0, MAX_ORDERS).map((o) => orderFacts(o, methods)),
    unownedOrderIds: named.filter((id) => !byId.has(id)).slice(0, MAX_UNOWNED),
  };
}
