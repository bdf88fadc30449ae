import { crmReader } from '@parley/commerce';
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
  const found = await crmReader(db).customerWithOrders(crmId, { first: named, limit: MAX_ORDERS });
  return found ? buildCustomerContext(found.customer, found.orders, named) : null;
}
