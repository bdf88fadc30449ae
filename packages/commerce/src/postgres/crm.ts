import type { Database } from '@parley/db';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';

/** A customer's own contact details, to check what a sender says about themselves. */
export interface CrmContactRow {
  id: string;
  email: string | null;
  phone: string | null;
}

export interface CrmCustomerRow {
  id: string;
  first_name: string;
  last_name: string;
  /** The customer's saved payment methods, as stored (JSON): says which card or account a refund went to. */
  payment_methods: unknown;
}

export interface CrmOrderRow {
  id: string;
  customer_id: string;
  status: string;
  items: unknown;
  fulfillments: unknown;
  /** Payments and refunds, as stored (JSON). */
  payment_history: unknown;
}

export interface CatalogueRow {
  id: string;
  name: string;
  variants: unknown;
}

/**
 * The reads of the store's tables that services make besides the `Store` tools: matching a sender at the edge
 * (ingress), a matched customer's orders, a sender identified in the conversation and the product catalogue
 * (retrieval). The store's tables are this package's; services read them only through here.
 */
export interface CrmReader {
  contact(customerId: string): Promise<CrmContactRow | null>;
  /** `email` already lower-cased; served by the unique index on lower(email). */
  customerIdByEmail(email: string): Promise<string | null>;
  /** The customer with this full name (any case) and this ZIP code on their default address; the first by id. */
  customerIdByNameZip(query: { firstName: string; lastName: string; zip: string }): Promise<string | null>;
  /** Customers whose phone's digits end with `lastDigits` (at most 20). */
  customersByPhoneEnding(lastDigits: string): Promise<Array<{ id: string; phone: string }>>;
  /** Who each of the order ids that exist belongs to. */
  orderOwners(orderIds: readonly string[]): Promise<Map<string, string>>;
  customer(customerId: string): Promise<CrmCustomerRow | null>;
  /**
   * A customer with their latest `limit` orders, those of `first` (orders of theirs a message names) ahead of
   * the rest, in one statement; null when there is no such customer. Only this customer's orders are read: an
   * order id someone names that is another customer's is never read.
   */
  customerWithOrders(
    customerId: string,
    query: { first: readonly string[]; limit: number },
  ): Promise<{ customer: CrmCustomerRow; orders: CrmOrderRow[] } | null>;
  catalogue(): Promise<CatalogueRow[]>;
}

const ORDER_COLUMNS = ['id', 'customer_id', 'status', 'items', 'fulfillments', 'payment_history'] as const;
const PHONE_MATCHES = 20;

export function crmReader(db: Kysely<Database>): CrmReader {
  return {
    async contact(customerId) {
      const row = await db
        .selectFrom('customers')
        .select(['id', 'email', 'phone'])
        .where('id', '=', customerId)
        .executeTakeFirst();
      return row ?? null;
    },
    async customerIdByEmail(email) {
      const row = await db
        .selectFrom('customers')
        .select('id')
        .where(sql<string>`lower(email)`, '=', email)
        .executeTakeFirst();
      return row?.id ?? null;
    },
    async customerIdByNameZip(query) {
      const row = await db
        .selectFrom('customers')
        .select('id')
        .where(sql<string>`lower(first_name)`, '=', query.firstName.toLowerCase())
        .where(sql<string>`lower(last_name)`, '=', query.lastName.toLowerCase())
        .where(sql<string>`address->>'zip'`, '=', query.zip)
        .orderBy('id')
        .executeTakeFirst();
      return row?.id ?? null;
    },
    async customersByPhoneEnding(lastDigits) {
      const rows = await db
        .selectFrom('customers')
        .select(['id', 'phone'])
        .where('phone', 'is not', null)
        .where(
          sql<string>`regexp_replace(phone, '\\D', '', 'g')`,
          'like',
          `%${lastDigits.replace(/\D/g, '')}`,
        )
        .limit(PHONE_MATCHES)
        .execute();
      return rows.map((r) => ({ id: r.id, phone: r.phone! }));
    },
    async orderOwners(orderIds) {
      if (orderIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('orders')
        .select(['id', 'customer_id'])
        .where('id', 'in', [...orderIds])
        .execute();
      return new Map(rows.map((r) => [r.id, r.customer_id]));
    },
    async customer(customerId) {
      const row = await db
        .selectFrom('customers')
        .select(['id', 'first_name', 'last_name', 'payment_methods'])
        .where('id', '=', customerId)
        .executeTakeFirst();
      return row ?? null;
    },
    async customerWithOrders(customerId, { first, limit }) {
      // One text per statement whatever the number of ids: the ids go as one array parameter.
      const named = sql<boolean>`orders.id = any(${[...first]}::text[])`;
      const row = await db
        .selectFrom('customers')
        .select(['id', 'first_name', 'last_name', 'payment_methods'])
        .select((eb) =>
          jsonArrayFrom(
            eb
              .selectFrom('orders')
              .select(ORDER_COLUMNS)
              .whereRef('orders.customer_id', '=', 'customers.id')
              .orderBy(named, 'desc')
              .orderBy('orders.created_at', 'desc')
              .orderBy('orders.id')
              .limit(limit),
          ).as('orders'),
        )
        .where('id', '=', customerId)
        .executeTakeFirst();
      if (!row) return null;
      const { orders, ...customer } = row;
      return { customer, orders };
    },
    async catalogue() {
      return db.selectFrom('products').select(['id', 'name', 'variants']).orderBy('id').execute();
    },
  };
}
