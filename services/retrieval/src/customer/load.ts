import type { CustomerContext } from '@parley/contracts';
import type { Database } from '@parley/db';
import type { Kysely } from 'kysely';
import { buildCustomerContext, MAX_ORDERS } from './context.js';

/**
 * Loads the CRM context for a matched customer. Every order query is filtered by this customer's id, so an
 * order id named in the ticket that belongs to someone else is never read. Null when the customer is unknown.
 */
export async function loadCustomerContext(
  db: Kysely<Database>,
  crmId: string,
  named: readonly string[],
): Promise<CustomerContext | null> {
  const customer = await db
    .selectFrom('customers')
    .select(['id', 'first_name', 'last_name'])
    .where('id', '=', crmId)
    .executeTakeFirst();
  if (!customer) return null;
  const columns = ['id', 'customer_id', 'status', 'items', 'fulfillments'] as const;
  const namedOwn =
    named.length === 0
      ? []
      : await db
          .selectFrom('orders')
          .select(columns)
          .where('customer_id', '=', crmId)
          .where('id', 'in', [...named])
          .execute();
  const recent = await db
    .selectFrom('orders')
    .select(columns)
    .where('customer_id', '=', crmId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(MAX_ORDERS)
    .execute();
  const seen = new Set(namedOwn.map((o) => o.id));
  return buildCustomerContext(customer, [...namedOwn, ...recent.filter((o) => !seen.has(o.id))], named);
}
