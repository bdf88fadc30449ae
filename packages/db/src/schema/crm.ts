import type { Generated } from 'kysely';

/** The store's customers (the demo store seeds these; a real deployment syncs its CRM here). */
export interface CustomersTable {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  phone: string | null;
  address: unknown;
  payment_methods: unknown;
  created_at: Generated<Date>;
}

/**
 * JSON columns hold the demo store's normalised shapes (`@parley/demo-store` `Order`):
 * items `[{ name, productId, itemId, price, options: Record<string,string> }]`,
 * fulfillments `[{ trackingIds: string[], itemIds: string[] }]`,
 * payment_history `[{ type: 'payment' | 'refund', amount, paymentMethodId }]`,
 * address `{ line1, line2, city, state, zip, country }`; products.variants `[{ itemId, options, available, price }]`.
 */
export interface OrdersTable {
  id: string;
  customer_id: string;
  /** pending | processed | delivered | cancelled, and after a write 'pending (item modified)' | 'return requested' | 'exchange requested' */
  status: string;
  items: unknown;
  fulfillments: unknown;
  payment_history: unknown;
  address: unknown;
  created_at: Generated<Date>;
  /** Set by a cancellation: 'no longer needed' | 'ordered by mistake'. */
  cancel_reason: string | null;
  /** Set by a return request: `{ itemIds, paymentMethodId }`. */
  return_request: unknown;
  /** Set by an exchange request: `{ itemIds, newItemIds, paymentMethodId, priceDifference }`. */
  exchange_request: unknown;
}

export interface ProductsTable {
  id: string;
  name: string;
  variants: unknown;
}
