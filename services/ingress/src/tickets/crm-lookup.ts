import { crmReader } from '@parley/commerce';
import type { Database } from '@parley/db';
import type { Kysely } from 'kysely';
import type { CrmLookup } from './customer-match.js';

/** The store's customers behind `matchCustomer`, read through the store's package (its tables are not ours). */
export function crmLookup(db: Kysely<Database>): CrmLookup {
  const crm = crmReader(db);
  return {
    byId: (id) => crm.contact(id),
    byEmail: (email) => crm.customerIdByEmail(email),
    byPhoneEnding: (lastDigits) => crm.customersByPhoneEnding(lastDigits),
    ordersOwners: (orderIds) => crm.orderOwners(orderIds),
  };
}
