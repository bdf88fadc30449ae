import type { Customer, Store } from '@parley/commerce';
import type { TicketTurn } from '@parley/contracts';
import { claimedAccount, identityIn } from '@parley/wording';
import type { Account } from './types.js';

/**
 * The sender's store customer: the CRM match made at the edge, else one they identify in the conversation the
 * way the store's policy allows (the account's email, or full name and ZIP code). The name given at the edge,
 * when there is one, must be the account's as far as it goes (`nameAgrees`): an email typed in a message does
 * not open someone else's account.
 */
export async function senderOf(
  ticket: TicketTurn,
  texts: readonly string[],
  store: Store,
): Promise<string | null> {
  if (ticket.customer.crmId) return ticket.customer.crmId;
  return claimedAccount(identityIn(texts, ticket.customer.name), ticket.customer.name, {
    byEmail: (email) => store.findCustomerByEmail(email),
    nameOf: async (id) => (await store.getCustomer(id))?.name ?? null,
    byNameZip: (name) => store.findCustomerByNameZip(name),
  });
}

/** The customer's record, their orders and the products of those orders. */
export async function loadAccount(store: Store, customerId: string): Promise<Account | null> {
  const customer: Customer | null = await store.getCustomer(customerId);
  if (!customer) return null;
  const orders = (await store.getOrders(customer.orderIds)).filter((o) => o.customerId === customerId);
  const products = await store.getProducts(orders.flatMap((o) => o.items.map((i) => i.productId)));
  return { customer, orders, products: new Map(products.map((p) => [p.id, p])) };
}
