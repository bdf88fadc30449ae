import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { PostgresStore, seedDemoStore, stateDigest, toolByName } from '@parley/commerce';
import type { Db } from '@parley/db';
import { createDb, migrateToLatest, withDdlLock } from '@parley/db';
import type { ExpectedAction, Task } from './tasks.js';

// Grading on the store's end state: a fresh demo store with the task's expected actions applied (the benchmark's
// answers, some of which change an item to itself, hence `allowUnchangedItems`) against the store after the
// conversation, both digested over the task's customer only.

/** Keeps a pristine copy of customers and orders in the schema, so one customer can be put back in two statements. */
export async function keepSeedCopy(db: Kysely<unknown>): Promise<void> {
  await sql`create table seed_customers as select * from customers`.execute(db);
  await sql`create table seed_orders as select * from orders`.execute(db);
}

/** Puts one customer and their orders back as seeded. */
export async function restoreCustomer(db: Kysely<unknown>, customerId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`update customers c set address = s.address, payment_methods = s.payment_methods
      from seed_customers s where s.id = c.id and c.id = ${customerId}`.execute(trx);
    await sql`update orders o set status = s.status, items = s.items, payment_history = s.payment_history,
        address = s.address, cancel_reason = s.cancel_reason, return_request = s.return_request,
        exchange_request = s.exchange_request
      from seed_orders s where s.id = o.id and o.customer_id = ${customerId}`.execute(trx);
  });
}

/** The expected end state of each task, worked out in a schema of its own. */
export class ExpectedStates {
  private constructor(
    private readonly db: Db,
    private readonly store: PostgresStore,
  ) {}

  static async create(databaseUrl: string): Promise<ExpectedStates> {
    const schema = `actions_expected_${randomBytes(4).toString('hex')}`;
    const db = createDb({ url: databaseUrl, schema, poolMax: 2, statementTimeoutMs: 60_000 });
    await migrateToLatest(db);
    await seedDemoStore(db.db);
    await keepSeedCopy(db.db as Kysely<unknown>);
    return new ExpectedStates(db, new PostgresStore(db.db, { policy: { allowUnchangedItems: true } }));
  }

  async digest(task: Task, index: number): Promise<string> {
    const customerId = task.customer.userId;
    for (const [j, action] of task.expected.entries()) {
      const tool = toolByName(action.name);
      if (!tool) throw new Error(`task ${task.customer.id}: no tool ${action.name}`);
      await tool.run(this.store, action.kwargs, { customerId, actionId: `expected_${index}_${j}` });
    }
    const digest = await stateDigest(this.store, { customerIds: [customerId] });
    await restoreCustomer(this.db.db as Kysely<unknown>, customerId);
    return digest;
  }

  async close(): Promise<void> {
    const schema = this.db.config.schema;
    await withDdlLock(this.db, (conn) => sql`drop schema if exists ${sql.id(schema)} cascade`.execute(conn));
    await this.db.close();
  }
}

const sortedIds = (v: unknown) => (Array.isArray(v) ? [...(v as string[])].sort() : v);

/** One write with its arguments in a form where equal requests compare equal (item lists as the store sorts them). */
function key(name: string, kwargs: Record<string, unknown>): string {
  const pairs =
    Array.isArray(kwargs.item_ids) && Array.isArray(kwargs.new_item_ids)
      ? (kwargs.item_ids as string[]).map((id, i) => `${id}>${(kwargs.new_item_ids as string[])[i]}`).sort()
      : undefined;
  const rest = Object.entries(kwargs)
    .filter(([k]) => !(pairs && (k === 'item_ids' || k === 'new_item_ids')))
    .map(([k, v]) => [k, k === 'item_ids' ? sortedIds(v) : v] as const)
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([name, pairs ?? null, rest]);
}

/** Writes carried out that are not among the task's expected ones. */
export function wrongWrites(
  executed: ReadonlyArray<{ tool: string; input: Record<string, unknown> }>,
  expected: readonly ExpectedAction[],
): number {
  const left = expected.map((e) => key(e.name, e.kwargs));
  let wrong = 0;
  for (const w of executed) {
    const at = left.indexOf(key(w.tool, w.input));
    if (at >= 0) left.splice(at, 1);
    else wrong += 1;
  }
  return wrong;
}
