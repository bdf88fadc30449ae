import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from './pool.js';
import { createDb } from './pool.js';
import { migrateToLatest, withDdlLock } from './migrate.js';

export const TEST_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDb extends Db {
  drop(): Promise<void>;
}

/** A migrated database in a schema of its own, so test files never see each other's rows. */
export async function createTestDb(label: string, opts: { poolMax?: number } = {}): Promise<TestDb> {
  const schema = `t_${label
    .replace(/[^a-z0-9]/gi, '')
    .toLowerCase()
    .slice(0, 20)}_${randomBytes(4).toString('hex')}`;
  const db = createDb({
    url: TEST_DATABASE_URL,
    schema,
    poolMax: opts.poolMax ?? 5,
    statementTimeoutMs: 20_000,
  });
  await migrateToLatest(db);
  let dropped = false;
  return {
    ...db,
    async drop() {
      if (dropped) return;
      dropped = true;
      await withDdlLock(db, (conn) => sql`drop schema if exists ${sql.id(schema)} cascade`.execute(conn));
      await db.close();
    },
  };
}
