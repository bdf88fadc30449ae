import type { CustomersTable, OrdersTable, ProductsTable } from '@parley/db';
import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { Customer, Order, PaymentMethod, Product } from '../types.js';
import {
  addressSchema,
  exchangeRequestSchema,
  orderSchema,
  paymentMethodSchema,
  productSchema,
  returnRequestSchema,
} from '../types.js';

// The demo store's rows hold the normalised shapes as JSON. They are parsed on the way out, so a row that
// something else wrote in another shape fails here, by id, rather than deep inside a policy decision.

type CustomerRow = Pick<
  Selectable<CustomersTable>,
  'id' | 'first_name' | 'last_name' | 'email' | 'address' | 'payment_methods'
>;
type OrderRow = Pick<
  Selectable<OrdersTable>,
  | 'id'
  | 'customer_id'
  | 'status'
  | 'items'
  | 'fulfillments'
  | 'payment_history'
  | 'address'
  | 'cancel_reason'
  | 'return_request'
  | 'exchange_request'
>;

export const CUSTOMER_COLUMNS = [
  'id',
  'first_name',
  'last_name',
  'email',
  'address',
  'payment_methods',
] as const satisfies ReadonlyArray<keyof CustomersTable>;

export const ORDER_COLUMNS = [
  'id',
  'customer_id',
  'status',
  'items',
  'fulfillments',
  'payment_history',
  'address',
  'cancel_reason',
  'return_request',
  'exchange_request',
] as const satisfies ReadonlyArray<keyof OrdersTable>;

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join('.') || '(root)').join(', ');
    throw new Error(`${what} does not hold the store's shape (${fields})`);
  }
  return parsed.data;
}

const paymentMethods = z.array(paymentMethodSchema);

export function toPaymentMethods(row: Pick<CustomerRow, 'id' | 'payment_methods'>): PaymentMethod[] {
  return parse(paymentMethods, row.payment_methods, `customer ${row.id} payment_methods`);
}

export function toCustomer(row: CustomerRow, orderIds: string[]): Customer {
  return {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    name: `${row.first_name} ${row.last_name}`,
    email: row.email,
    address: parse(addressSchema, row.address, `customer ${row.id} address`),
    paymentMethods: toPaymentMethods(row),
    orderIds,
  };
}

export function toOrder(row: OrderRow): Order {
  return parse(
    orderSchema,
    {
      id: row.id,
      customerId: row.customer_id,
      status: row.status,
      items: row.items,
      fulfillments: row.fulfillments,
      paymentHistory: row.payment_history,
      address: row.address,
      cancelReason: row.cancel_reason ?? undefined,
      returnRequest:
        row.return_request === null
          ? undefined
          : parse(returnRequestSchema, row.return_request, `order ${row.id} return_request`),
      exchangeRequest:
        row.exchange_request === null
          ? undefined
          : parse(exchangeRequestSchema, row.exchange_request, `order ${row.id} exchange_request`),
    },
    `order ${row.id}`,
  );
}

/** The columns an order write changes. */
export function orderUpdate(order: Order) {
  return {
    status: order.status,
    items: JSON.stringify(order.items),
    payment_history: JSON.stringify(order.paymentHistory),
    address: JSON.stringify(order.address),
    cancel_reason: order.cancelReason ?? null,
    return_request: order.returnRequest ? JSON.stringify(order.returnRequest) : null,
    exchange_request: order.exchangeRequest ? JSON.stringify(order.exchangeRequest) : null,
  };
}

export function toProduct(row: Selectable<ProductsTable>): Product {
  return parse(productSchema, { id: row.id, name: row.name, variants: row.variants }, `product ${row.id}`);
}
