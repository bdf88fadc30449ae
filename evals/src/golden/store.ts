// The demo store's records a golden answer is checked against: each order's status and tracking ids, and
// whose orders, tracking ids, emails and names are whose (for the privacy check).
import type { Customer, Order, OrderStatus } from '@parley/demo-store';
import { loadCustomers, loadHelpCentre, loadOrders } from '@parley/demo-store';
import type { GoldenCase } from './cases.js';

export interface StoreOrder {
  id: string;
  customerId: string;
  status: OrderStatus;
  trackingIds: string[];
}

export interface StoreCustomer {
  id: string;
  name: string;
  email: string;
}

export interface StoreFacts {
  orders: Map<string, StoreOrder>;
  customers: StoreCustomer[];
  /** Keyed by lower-case email. */
  byEmail: Map<string, StoreCustomer>;
  byTracking: Map<string, StoreOrder>;
  articleIds: Set<string>;
}

export function storeFacts(
  customers: ReadonlyArray<Pick<Customer, 'id' | 'name' | 'email'>>,
  orders: ReadonlyArray<Pick<Order, 'id' | 'customerId' | 'status' | 'fulfillments'>>,
  articleIds: Iterable<string>,
): StoreFacts {
  const storeOrders = orders.map((o) => ({
    id: o.id,
    customerId: o.customerId,
    status: o.status,
    trackingIds: [...new Set(o.fulfillments.flatMap((f) => f.trackingIds))],
  }));
  const people = customers.map((c) => ({ id: c.id, name: c.name, email: c.email }));
  return {
    orders: new Map(storeOrders.map((o) => [o.id, o])),
    customers: people,
    byEmail: new Map(people.map((c) => [c.email.toLowerCase(), c])),
    byTracking: new Map(storeOrders.flatMap((o) => o.trackingIds.map((t) => [t, o] as const))),
    articleIds: new Set(articleIds),
  };
}

/** The shipped demo store and help centre: what the stack seeds. */
export async function loadStoreFacts(): Promise<StoreFacts> {
  const [customers, orders, articles] = await Promise.all([loadCustomers(), loadOrders(), loadHelpCentre()]);
  return storeFacts(
    customers,
    orders,
    articles.map((a) => a.id),
  );
}

/** Cases that name an article, customer or order the store does not have (one line per problem). */
export function referenceProblems(cases: readonly GoldenCase[], store: StoreFacts): string[] {
  const problems: string[] = [];
  for (const c of cases) {
    for (const a of c.articles)
      if (!store.articleIds.has(a)) problems.push(`${c.id}: unknown article ${JSON.stringify(a)}`);
    if (c.customer !== undefined && !store.byEmail.has(c.customer.toLowerCase()))
      problems.push(`${c.id}: customer is not a demo-store customer`);
    if (c.orderId !== undefined && !store.orders.has(c.orderId))
      problems.push(`${c.id}: unknown order ${c.orderId}`);
  }
  return problems;
}
