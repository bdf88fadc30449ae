import { canonicalJson, sha256Hex } from './canonical.js';
import type { StateSource } from './store.js';
import type { Address, Customer, Order, PaymentMethod } from './types.js';

// A digest of the store's customers and orders, for comparing two end states: the store after a conversation
// and a fresh store after the task's expected actions. The records are written in tau-bench's own field
// names and shapes (its `users` and `orders` data), so the same digest can be computed from the benchmark's
// data: a customer's order list sorted, money in cents. Products are left out: no write changes them.

function rawAddress(a: Address) {
  return {
    address1: a.line1,
    address2: a.line2,
    city: a.city,
    state: a.state,
    zip: a.zip,
    country: a.country,
  };
}

function rawPaymentMethod(m: PaymentMethod) {
  switch (m.kind) {
    case 'credit_card':
      return { source: 'credit_card', id: m.id, brand: m.brand, last_four: m.lastFour };
    case 'paypal':
      return { source: 'paypal', id: m.id };
    case 'gift_card':
      return { source: 'gift_card', id: m.id, balance: m.balance };
  }
}

export function rawUser(c: Customer) {
  return {
    name: { first_name: c.firstName, last_name: c.lastName },
    address: rawAddress(c.address),
    email: c.email,
    payment_methods: Object.fromEntries(c.paymentMethods.map((m) => [m.id, rawPaymentMethod(m)])),
    orders: [...c.orderIds].sort(),
  };
}

export function rawOrder(o: Order) {
  return {
    order_id: o.id,
    user_id: o.customerId,
    address: rawAddress(o.address),
    items: o.items.map((i) => ({
      name: i.name,
      product_id: i.productId,
      item_id: i.itemId,
      price: i.price,
      options: i.options,
    })),
    fulfillments: o.fulfillments.map((f) => ({ tracking_id: f.trackingIds, item_ids: f.itemIds })),
    status: o.status,
    payment_history: o.paymentHistory.map((t) => ({
      transaction_type: t.type,
      amount: t.amount,
      payment_method_id: t.paymentMethodId,
    })),
    cancel_reason: o.cancelReason,
    return_items: o.returnRequest?.itemIds,
    return_payment_method_id: o.returnRequest?.paymentMethodId,
    exchange_items: o.exchangeRequest?.itemIds,
    exchange_new_items: o.exchangeRequest?.newItemIds,
    exchange_payment_method_id: o.exchangeRequest?.paymentMethodId,
    exchange_price_difference: o.exchangeRequest?.priceDifference,
  };
}

/** The canonical text the digest hashes: `{"orders":{id:order},"users":{id:user}}` with sorted keys. */
export function stateDocument(state: { customers: Customer[]; orders: Order[] }): string {
  return canonicalJson({
    users: Object.fromEntries(state.customers.map((c) => [c.id, rawUser(c)])),
    orders: Object.fromEntries(state.orders.map((o) => [o.id, rawOrder(o)])),
  });
}

/**
 * sha256 (hex) of the store's customers and orders, or only of some customers and their orders. Equal
 * digests mean equal statuses, items, payment histories, gift card balances, addresses and requests.
 */
export async function stateDigest(
  source: StateSource,
  scope: { customerIds?: string[] } = {},
): Promise<string> {
  return sha256Hex(stateDocument(await source.snapshot(scope)));
}
