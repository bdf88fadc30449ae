import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { migrateDown, migrateToLatest } from '../src/index.js';
import type { TestDb } from '../src/testing.js';
import { createTestDb } from '../src/testing.js';
import { migrations } from '../src/migrations/index.js';

let t: TestDb;

beforeAll(async () => {
  t = await createTestDb('migrate');
});
afterAll(async () => {
  await t.drop();
});

async function tables(): Promise<string[]> {
  const r = await sql<{ table_name: string }>`
    select table_name from information_schema.tables where table_schema = ${t.config.schema} order by table_name`.execute(
    t.db,
  );
  return r.rows.map((row) => row.table_name);
}

describe('migrations', () => {
  it('creates the tables in the configured schema only', async () => {
    expect(await tables()).toEqual(expect.arrayContaining(['bus_processed', 'outbox']));
    const elsewhere = await sql<{ n: string }>`
      select count(*) as n from information_schema.tables
      where table_name = 'outbox' and table_schema = ${t.config.schema}`.execute(t.db);
    expect(Number(elsewhere.rows[0]?.n)).toBe(1);
  });

  it('is idempotent: a second run applies nothing', async () => {
    expect(await migrateToLatest(t)).toEqual([]);
  });

  it('rolls back every migration and re-applies them', async () => {
    const names = Object.keys(migrations);
    for (let i = 0; i < names.length; i++) await migrateDown(t);
    const left = await tables();
    expect(left.filter((name) => !name.startsWith('kysely_'))).toEqual([]);
    expect(await migrateToLatest(t)).toEqual(names);
  });

  it('keeps the timeline append-only', async () => {
    await t.db
      .insertInto('timeline')
      .values({
        ticket_id: 't1',
        turn: 1,
        type: 'ticket.received',
        service: 'ingress',
        event_id: 'e1',
        detail: '{}',
      })
      .execute();
    await expect(t.db.updateTable('timeline').set({ service: 'x' }).execute()).rejects.toThrow(/append-only/);
    await expect(t.db.deleteFrom('timeline').execute()).rejects.toThrow(/append-only/);
  });

  it('allows one decision per ticket turn', async () => {
    const row = { ticket_id: 't1', turn: 1, decision: 'auto_sent', mode: 'auto', reasons: '[]' };
    await t.db.insertInto('decisions').values(row).execute();
    await expect(
      t.db
        .insertInto('decisions')
        .values({ ...row, decision: 'escalated' })
        .execute(),
    ).rejects.toThrow(/duplicate key/);
  });

  it('enforces the ledger key', async () => {
    await t.db.insertInto('bus_processed').values({ consumer: 'c', message_id: 'm' }).execute();
    await expect(
      t.db.insertInto('bus_processed').values({ consumer: 'c', message_id: 'm' }).execute(),
    ).rejects.toThrow(/duplicate key/);
  });
});
