import type { Database } from '@parley/db';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';

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
 * (ingress), a matched customer's orders and the product catalogue (retrieval). The store's tables are this
 * package's; services read them only through here.
 */
export interface CrmReader {
  contact(customerId: string): Promise<CrmContactRow | null>;
  /** `email` already lower-cased; served by the unique index on lower(email). */
  customerIdByEmail(email: string): Promise<string | null>;
  /** Customers whose phone's digits end with `lastDigits` (at most 20). */
  customersByPhoneEnding(lastDigits: string): Promise<Array<{ id: string; phone: string }>>;
  /** Who each of the order ids that exist belongs to. */
  orderOwners(orderIds: readonly string[]): Promise<Map<string, string>>;
  customer(customerId: string): Promise<CrmCustomerRow | null>;
  /**
   * Orders of this customer only: those of `ids` (when given) or the latest `limit`. Filtering by the customer
   * here means an order id someone names that is another customer's is never read.
   */
  ordersOf(customerId: string, query: { ids: readonly string[] } | { limit: number }): Promise<CrmOrderRow[]>;
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
    async ordersOf(customerId, query) {
      const own = db.selectFrom('orders').select(ORDER_COLUMNS).where('customer_id', '=', customerId);
      if ('ids' in query)
        return query.ids.length === 0 ? [] : own.where('id', 'in', [...query.ids]).execute();
      return own.orderBy('created_at', 'desc').orderBy('id').limit(query.limit).execute();
    },
    async catalogue() {
      return db.selectFrom('products').select(['id', 'name', 'variants']).orderBy('id').execute();
    },
  };
}
