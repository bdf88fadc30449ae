import type { Database } from '@parley/db';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { CrmLookup } from './customer-match.js';

/** The CRM tables behind `matchCustomer`. */
export function crmLookup(db: Kysely<Database>): CrmLookup {
  return {
    async byId(id) {
      const row = await db
        .selectFrom('customers')
        .select(['id', 'email', 'phone'])
        .where('id', '=', id)
        .executeTakeFirst();
      return row ?? null;
    },
    async byEmail(email) {
      // Served by the unique index on lower(email).
      const row = await db
        .selectFrom('customers')
        .select('id')
        .where(sql<string>`lower(email)`, '=', email)
        .executeTakeFirst();
      return row?.id ?? null;
    },
    async byPhoneEnding(lastDigits) {
      const rows = await db
        .selectFrom('customers')
        .select(['id', 'phone'])
        .where('phone', 'is not', null)
        .where(
          sql<string>`regexp_replace(phone, '\\D', '', 'g')`,
          'like',
          `%${lastDigits.replace(/\D/g, '')}`,
        )
        .limit(20)
        .execute();
      return rows.map((r) => ({ id: r.id, phone: r.phone! }));
    },
    async ordersOwners(orderIds) {
      if (orderIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('orders')
        .select(['id', 'customer_id'])
        .where('id', 'in', orderIds)
        .execute();
      return new Map(rows.map((r) => [r.id, r.customer_id]));
    },
  };
}
