import type { Database } from '@parley/db';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { loadCustomers, loadOrders, loadProducts } from '@parley/demo-store';

export interface SeedResult {
  seeded: boolean;
  customers: number;
  orders: number;
  products: number;
}

const BATCH = 200;

async function insertInBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

/**
 * Loads the demo store into the CRM tables when they are empty (one transaction, so a crash leaves either
 * nothing or everything). A database that already has customers is left alone.
 */
export async function seedDemoStore(db: Kysely<Database>): Promise<SeedResult> {
  const [customers, orders, products] = await Promise.all([loadCustomers(), loadOrders(), loadProducts()]);
  return db.transaction().execute(async (trx) => {
    // Serialise concurrent seeders (several processes starting at once).
    await sql`select pg_advisory_xact_lock(774411)`.execute(trx);
    const existing = await trx.selectFrom('customers').select('id').limit(1).execute();
    if (existing.length > 0) return { seeded: false, customers: 0, orders: 0, products: 0 };
    await insertInBatches(customers, (batch) =>
      trx
        .insertInto('customers')
        .values(
          batch.map((c) => ({
            id: c.id,
            first_name: c.firstName,
            last_name: c.lastName,
            email: c.email,
            phone: null,
            address: JSON.stringify(c.address),
            payment_methods: JSON.stringify(c.paymentMethods),
          })),
        )
        .execute(),
    );
    await insertInBatches(orders, (batch) =>
      trx
        .insertInto('orders')
        .values(
          batch.map((o) => ({
            id: o.id,
            customer_id: o.customerId,
            status: o.status,
            items: JSON.stringify(o.items),
            fulfillments: JSON.stringify(o.fulfillments),
            payment_history: JSON.stringify(o.paymentHistory),
            address: JSON.stringify(o.address),
          })),
        )
        .execute(),
    );
    await insertInBatches(products, (batch) =>
      trx
        .insertInto('products')
        .values(batch.map((p) => ({ id: p.id, name: p.name, variants: JSON.stringify(p.variants) })))
        .execute(),
    );
    return { seeded: true, customers: customers.length, orders: orders.length, products: products.length };
  });
}
