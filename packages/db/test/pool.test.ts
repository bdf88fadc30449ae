import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import type { Db } from '../src/index.js';
import { createDb } from '../src/index.js';
import type { TestDb } from '../src/testing.js';
import { createTestDb, TEST_DATABASE_URL } from '../src/testing.js';

let admin: TestDb;
let db: Db;
const errors: Error[] = [];

beforeAll(async () => {
  admin = await createTestDb('pool');
  // One connection, so the next query must reuse (or replace) the one we break.
  db = createDb({
    url: TEST_DATABASE_URL,
    schema: admin.config.schema,
    poolMax: 1,
    statementTimeoutMs: 10_000,
    onError: (e) => errors.push(e),
  });
});
afterAll(async () => {
  await db.close();
  await admin.drop();
});

import type { Kysely } from 'kysely';
import type { Database } from '../src/index.js';

const pid = async (q: Kysely<Database>) =>
  (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(q)).rows[0]!.pid;

describe('pool under a Postgres restart of its connection', () => {
  it('replaces a connection killed while checked out instead of handing it out again', async () => {
    await expect(
      db.db.transaction().execute(async (trx) => {
        const victim = await pid(trx);
        await sql`select pg_terminate_backend(${victim})`.execute(admin.db);
        await sql`select 1`.execute(trx);
      }),
    ).rejects.toThrow();
    // The process is still alive, the error was reported, and the pool serves the next query.
    const r = await sql<{ one: number }>`select 1 as one`.execute(db.db);
    expect(r.rows[0]?.one).toBe(1);
    expect(errors.length).toBeGreaterThanOrEqual(1);
  });
});
