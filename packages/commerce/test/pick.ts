import type { Customer, Order, Product } from '@parley/demo-store';
import { loadCustomers, loadOrders, loadProducts } from '@parley/demo-store';

/** The seeded demo store in memory, to pick orders that fit a test rather than hard-coding their ids. */
export interface Catalogue {
  customers: Map<string, Customer>;
  orders: Order[];
  products: Map<string, Product>;
}

export async function loadCatalogue(): Promise<Catalogue> {
  const [customers, orders, products] = await Promise.all([loadCustomers(), loadOrders(), loadProducts()]);
  return {
    customers: new Map(customers.map((c) => [c.id, c])),
    orders,
    products: new Map(products.map((p) => [p.id, p])),
  };
}

export function customerOf(c: Catalogue, order: Order): Customer {
  const customer = c.customers.get(order.customerId);
  if (!customer) throw new Error(`no customer ${order.customerId}`);
  return customer;
}

export function pick(c: Catalogue, what: string, test: (order: Order, customer: Customer) => boolean): Order {
  const order = c.orders.find((o) => test(o, customerOf(c, o)));
  if (!order) throw new Error(`the demo store has no ${what}`);
  return order;
}

export function methodKind(customer: Customer, id: string | undefined): string | undefined {
  return customer.paymentMethods.find((m) => m.id === id)?.kind;
}

export function giftCards(customer: Customer) {
  return customer.paymentMethods.flatMap((m) => (m.kind === 'gift_card' ? [m] : []));
}

/** Another variant of the item's product: available or not, as asked. */
export function otherVariant(c: Catalogue, productId: string, itemId: string, available: boolean) {
  return c.products.get(productId)?.variants.find((v) => v.itemId !== itemId && v.available === available);
}
