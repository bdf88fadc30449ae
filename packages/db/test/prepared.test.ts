import { afterAll, describe, expect, it } from '@jest/globals';
import { CompiledQuery, sql } from 'kysely';
import { prepared } from '../src/index.js';
import { createTestDb } from '../src/testing.js';

const db = await createTestDb('prepared', { poolMax: 1 });
afterAll(() => db.drop());

const MARKED = prepared('select $1::int + 1 as n');

async function preparedHere(): Promise<string[]> {
  const { rows } = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(
    db.db,
  );
  return rows.map((r) => r.statement);
}

describe('prepared statements', () => {
  it('sends a marked text by name, prepared once per connection, with the same results', async () => {
    for (const n of [1, 2, 3]) {
      const { rows } = await db.db.executeQuery<{ n: number }>(CompiledQuery.raw(MARKED, [n]));
      expect(rows).toEqual([{ n: n + 1 }]);
    }
    expect(await preparedHere()).toEqual([MARKED]);
  });

  it('sends any other text unnamed, also inside a transaction', async () => {
    await db.db.transaction().execute(async (trx) => {
      const { rows } = await trx.executeQuery<{ n: number }>(
        CompiledQuery.raw('select $1::int * 2 as n', [4]),
      );
      expect(rows).toEqual([{ n: 8 }]);
      await trx.executeQuery(CompiledQuery.raw(MARKED, [0]));
    });
    expect(await preparedHere()).toEqual([MARKED]);
  });
});
