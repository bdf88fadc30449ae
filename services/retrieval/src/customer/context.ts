import type { CustomerContext, OrderFacts } from '@parley/contracts';
import { OrderItem } from '@parley/contracts';
import { z } from 'zod';

export const MAX_ORDERS = 100;
export const MAX_UNOWNED = 50;

export interface CustomerRow {
  id: string;
  first_name: string;
  last_name: string;
}

export interface OrderRow {
  id: string;
  customer_id: string;
  status: string;
  items: unknown;
  fulfillments: unknown;
}

const Items = z.array(OrderItem);
const Fulfillments = z.array(z.object({ trackingIds: z.array(z.string()), itemIds: z.array(z.string()) }));

/** The facts the resolver may state about an order; a malformed stored row is an error naming the order. */
export function orderFacts(row: OrderRow): OrderFacts {
  const items = Items.safeParse(row.items);
  const fulfillments = Fulfillments.safeParse(row.fulfillments);
  if (!items.success) throw new Error(`order ${row.id}: stored items are malformed`);
  if (!fulfillments.success) throw new Error(`order ${row.id}: stored fulfillments are malformed`);
  const cents = items.data.reduce((sum, i) => sum + Math.round(i.price * 100), 0);
  return {
    orderId: row.id,
    status: row.status,
    items: items.data,
    trackingIds: [...new Set(fulfillments.data.flatMap((f) => f.trackingIds))],
    total: cents / 100,
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
  return {
    customerId: customer.id,
    name: `${customer.first_name} ${customer.last_name}`.trim(),
    orders: [...namedOwn, ...rest].slice(0, MAX_ORDERS).map(orderFacts),
    unownedOrderIds: named.filter((id) => !byId.has(id)).slice(0, MAX_UNOWNED),
  };
}
