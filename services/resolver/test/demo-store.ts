import { PostgresStore, stateDigest } from '@parley/commerce';
import type { CustomerContext, OrderFacts } from '@parley/contracts';
import type { TestDb } from '@parley/db/testing';
import { createTestDb } from '@parley/db/testing';
import type { Customer, Order } from '@parley/demo-store';
import { seedDemoStore } from '@parley/commerce';
import { loadCustomers, loadOrders } from '@parley/demo-store';

/** The demo store seeded into a schema of its own, and the customers and orders a test needs from it. */
export interface DemoStore {
  db: TestDb;
  store: PostgresStore;
  /** A customer with a pending order and a delivered order that has a tracking number. */
  customer: Customer;
  pending: Order;
  delivered: Order;
  /** Another customer's order. */
  stranger: Order;
  /** A digest of every customer and order: equal before and after means nothing was written. */
  digest(): Promise<string>;
}

export async function demoStore(label: string): Promise<DemoStore> {
  const db = await createTestDb(label, { poolMax: 4 });
  await seedDemoStore(db.db);
  const [customers, orders] = await Promise.all([loadCustomers(), loadOrders()]);
  const ordersOf = (id: string) => orders.filter((o) => o.customerId === id);
  const customer = customers.find((c) => {
    const own = ordersOf(c.id);
    return (
      own.some((o) => o.status === 'pending' && o.paymentHistory.length === 1) &&
      own.some((o) => o.status === 'delivered' && o.fulfillments.some((f) => f.trackingIds.length > 0))
    );
  });
  if (!customer) throw new Error('the demo store has no customer with a pending and a delivered order');
  const own = ordersOf(customer.id);
  const store = new PostgresStore(db.db);
  return {
    db,
    store,
    customer,
    pending: own.find((o) => o.status === 'pending' && o.paymentHistory.length === 1)!,
    delivered: own.find(
      (o) => o.status === 'delivered' && o.fulfillments.some((f) => f.trackingIds.length > 0),
    )!,
    stranger: orders.find((o) => o.customerId !== customer.id)!,
    digest: () => stateDigest(store),
  };
}

/** The order as retrieval puts it in the customer's context. */
export function orderFacts(o: Order): OrderFacts {
  return {
    orderId: o.id,
    status: o.status,
    items: o.items,
    trackingIds: o.fulfillments.flatMap((f) => f.trackingIds),
    total: o.items.reduce((n, i) => n + i.price, 0),
  };
}

/** The customer as retrieval matched them, with the orders retrieval found in the message (none by default). */
export function customerContext(c: Customer, orders: Order[] = []): CustomerContext {
  return { customerId: c.id, name: c.name, orders: orders.map(orderFacts), unownedOrderIds: [] };
}
