import { sql } from 'kysely';
import type { MigrationResultSet } from 'kysely/migration';
import { Migrator } from 'kysely/migration';
import type { Kysely } from 'kysely';
import type { Db } from './pool.js';
import type { Database } from './schema/index.js';
import { migrations } from './migrations/index.js';

// Schema-changing work (migrating, dropping a schema) takes this lock: the migrator reads the catalog across
// all schemas, and a schema dropped under it by another session fails that read ("schema ... does not exist").
const DDL_LOCK = 727_301;

/** Runs `work` holding the cluster-wide DDL advisory lock on one connection. */
export async function withDdlLock<T>(db: Db, work: (conn: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${DDL_LOCK})`.execute(conn);
    try {
      return await work(conn);
    } finally {
      await sql`select pg_advisory_unlock(${DDL_LOCK})`.execute(conn);
    }
  });
}

function migrator(db: Db, conn: Kysely<Database>): Migrator {
  return new Migrator({
    db: conn,
    provider: { getMigrations: async () => migrations },
    migrationTableSchema: db.config.schema,
  });
}

function check(result: MigrationResultSet): string[] {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const reason = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`migration ${failed?.migrationName ?? '(setup)'} failed: ${reason}`);
  }
  return (result.results ?? []).map((r) => r.migrationName);
}

export async function ensureSchema(db: Db): Promise<void> {
  await sql`create schema if not exists ${sql.id(db.config.schema)}`.execute(db.db);
}

/** Applies every pending migration; returns the names applied. Safe to run from several processes. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  return withDdlLock(db, async (conn) => {
    await sql`create schema if not exists ${sql.id(db.config.schema)}`.execute(conn);
    return check(await migrator(db, conn).migrateToLatest());
  });
}

export async function migrateDown(db: Db): Promise<string[]> {
  return withDdlLock(db, async (conn) => check(await migrator(db, conn).migrateDown()));
}
