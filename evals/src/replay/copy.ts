// A deployment's reference data copied into the replay's schema before its services start: the store (so an
// order the customer asks about is theirs, in the state it is now) and, unless the candidate brings its own
// help centre, the knowledge base. Both schemas live in the same database; only columns both have are copied.
import type { Db } from '@parley/db';
import { sql } from 'kysely';

export const STORE_TABLES = ['customers', 'orders', 'products'] as const;
export const KNOWLEDGE_TABLES = ['kb_sources', 'kb_chunks'] as const;

async function columns(db: Db, schema: string, table: string): Promise<string[]> {
  const rows = await sql<{ column_name: string }>`
    select column_name from information_schema.columns
    where table_schema = ${schema} and table_name = ${table} order by ordinal_position`.execute(db.db);
  return rows.rows.map((r) => r.column_name);
}

/**
 * Replaces the rows of `tables` in `db`'s schema with those of `sourceSchema`, in one transaction. Returns
 * the rows copied per table; a table the source does not have is left as it was (and reported as -1).
 */
export async function copyFromSchema(
  db: Db,
  sourceSchema: string,
  tables: readonly string[],
): Promise<Record<string, number>> {
  const target = db.config.schema;
  const plan: Array<{ table: string; cols: string[] }> = [];
  const copied: Record<string, number> = {};
  for (const table of tables) {
    const have = await columns(db, sourceSchema, table);
    if (have.length === 0) {
      copied[table] = -1;
      continue;
    }
    const want = new Set(await columns(db, target, table));
    plan.push({ table, cols: have.filter((c) => want.has(c)) });
  }
  await db.db.transaction().execute(async (trx) => {
    if (plan.length === 0) return;
    await sql`truncate table ${sql.join(plan.map((p) => sql.table(`${target}.${p.table}`)))} cascade`.execute(
      trx,
    );
    for (const { table, cols } of plan) {
      const list = sql.join(cols.map((c) => sql.id(c)));
      const result = await sql`
        insert into ${sql.table(`${target}.${table}`)} (${list})
        select ${list} from ${sql.table(`${sourceSchema}.${table}`)}`.execute(trx);
      copied[table] = Number(result.numAffectedRows ?? 0);
    }
  });
  return copied;
}
