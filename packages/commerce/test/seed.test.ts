import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TestDb } from '@parley/db/testing';
import { createTestDb } from '@parley/db/testing';
import { seedDemoStore } from '../src/index.js';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb('seed');
});
afterAll(async () => {
  await t.drop();
});

describe('seedDemoStore', () => {
  it('loads every customer, order and product once, even when run concurrently', async () => {
    const results = await Promise.all([seedDemoStore(t.db), seedDemoStore(t.db)]);
    expect(results.filter((r) => r.seeded)).toHaveLength(1);
    expect(results.find((r) => r.seeded)).toEqual({
      seeded: true,
      customers: 500,
      orders: 1000,
      products: 50,
    });
    const count = async (table: 'customers' | 'orders' | 'products') =>
      Number(
        (
          await t.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect([await count('customers'), await count('orders'), await count('products')]).toEqual([
      500, 1000, 50,
    ]);
    const order = await t.db
      .selectFrom('orders')
      .selectAll()
      .where('id', '=', '#W2378156')
      .executeTakeFirstOrThrow();
    expect(order.customer_id).toBe('yusuf_rossi_9620');
    expect(order.status).toBe('delivered');
    expect((order.fulfillments as Array<{ trackingIds: string[] }>)[0]?.trackingIds.length).toBeGreaterThan(
      0,
    );
  });
});
