import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// Written by @parley/commerce's PostgresStore, read by whoever uses it (resolver, evaluators).
export async function up(db: Kysely<unknown>): Promise<void> {
  // What a request leaves on an order, as the store's policy describes it: the reason an order was cancelled,
  // the items to be returned and where the refund goes, the items to be exchanged and who pays the difference.
  await db.schema
    .alterTable('orders')
    .addColumn('cancel_reason', 'text')
    .addColumn('return_request', 'jsonb')
    .addColumn('exchange_request', 'jsonb')
    .execute();

  // One row per store write, keyed by the caller's idempotency key and holding the first outcome, so a
  // retried or concurrent duplicate returns that outcome and changes nothing. Inserted in the write's own
  // transaction, before the change.
  await db.schema
    .createTable('store_actions')
    .addColumn('action_id', 'text', (c) => c.primaryKey())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('outcome', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('store_actions_customer_idx')
    .on('store_actions')
    .column('customer_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('store_actions').execute();
  await db.schema
    .alterTable('orders')
    .dropColumn('cancel_reason')
    .dropColumn('return_request')
    .dropColumn('exchange_request')
    .execute();
}
