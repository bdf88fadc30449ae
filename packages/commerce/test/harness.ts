import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { TestDb } from '@parley/db/testing';
import { createTestDb } from '@parley/db/testing';
import { seedDemoStore } from '../src/index.js';
import { sql } from 'kysely';
import type { PostgresStoreOptions } from '../src/postgres/store.js';
import { PostgresStore } from '../src/postgres/store.js';

export interface SeededStore {
  t: TestDb;
  store: PostgresStore;
  /** Puts one customer and their orders back as seeded (and forgets nothing else). */
  restore(customerId: string): Promise<void>;
}

/**
 * A migrated schema of its own holding the demo store, plus a pristine copy of customers and orders so a test
 * can undo one customer's changes in two statements instead of seeding again.
 */
export async function seededStore(label: string, options: PostgresStoreOptions = {}): Promise<SeededStore> {
  const t = await createTestDb(label, { poolMax: 4 });
  await seedDemoStore(t.db);
  await sql`create table seed_customers as select * from customers`.execute(t.db);
  await sql`create table seed_orders as select * from orders`.execute(t.db);
  return {
    t,
    store: new PostgresStore(t.db, options),
    async restore(customerId) {
      await t.db.transaction().execute(async (trx) => {
        await sql`update customers c set address = s.address, payment_methods = s.payment_methods
          from seed_customers s where s.id = c.id and c.id = ${customerId}`.execute(trx);
        await sql`update orders o set status = s.status, items = s.items, payment_history = s.payment_history,
            address = s.address, cancel_reason = s.cancel_reason, return_request = s.return_request,
            exchange_request = s.exchange_request
          from seed_orders s where s.id = o.id and o.customer_id = ${customerId}`.execute(trx);
      });
    },
  };
}

export interface TauTask {
  split: 'train' | 'dev';
  index: number;
  userId: string;
  actions: Array<{ name: string; kwargs: Record<string, unknown> }>;
}

const dataFile = (name: string) => fileURLToPath(new URL(`../../demo-store/data/${name}`, import.meta.url));

export async function loadTasks(): Promise<TauTask[]> {
  const tasks: TauTask[] = [];
  for (const split of ['train', 'dev'] as const) {
    const lines = (await readFile(dataFile(`tasks_${split}.jsonl`), 'utf8')).split('\n').filter(Boolean);
    lines.forEach((line, index) => {
      const raw = JSON.parse(line) as { user_id: string; actions: TauTask['actions'] };
      tasks.push({ split, index, userId: raw.user_id, actions: raw.actions });
    });
  }
  return tasks;
}
