import { describe, expect, it } from '@jest/globals';
import { tableUsages, violationsIn } from './scan.js';

const OWNERS = {
  tickets: 'services/ingress',
  decisions: 'services/gate',
  ticket_owners: 'services/gate',
  timeline: 'packages/audit',
};
const known = new Set(Object.keys(OWNERS));
const reasons = (owner: string, text: string) =>
  violationsIn('planted.ts', owner, text, OWNERS).map((v) => [v.line, v.table, v.reason]);

describe('the table-ownership scan', () => {
  it('finds the tables of kysely calls, aliases, joins and subqueries, with their lines', () => {
    const text = [
      "await db.selectFrom('tickets as t')",
      "  .leftJoin('decisions as d', (j) => j.onRef('d.ticket_id', '=', 't.id'))",
      "  .select((eb) => eb.selectFrom('timeline').select('id').as('x'))",
      '  .execute();',
      "await trx.insertInto('ticket_owners').values(row).execute();",
      "await trx.updateTable('tickets').set({}).execute();",
      "await trx.deleteFrom('decisions').execute();",
    ].join('\n');
    expect(tableUsages('a.ts', text, known).map((u) => [u.line, u.table, u.via])).toEqual([
      [1, 'tickets', 'selectFrom'],
      [2, 'decisions', 'leftJoin'],
      [3, 'timeline', 'selectFrom'],
      [5, 'ticket_owners', 'insertInto'],
      [6, 'tickets', 'updateTable'],
      [7, 'decisions', 'deleteFrom'],
    ]);
  });

  it('reads raw SQL in sql templates, sql.raw, CompiledQuery.raw, prepared and query strings, and only known tables in it', () => {
    const text = [
      'await sql`select owner from public.tickets where id = ${id}`.execute(db);',
      "await sql<number>`update decisions set mode = 'x'`.execute(db);",
      'await sql.raw(\'delete from "timeline"\').execute(db);',
      "await client.query('select 1 from ticket_owners');",
      'const at = sql`extract(epoch from t.created_at)`;',
      'await client.query(`LISTEN "parley_inbox"`);',
      "const LOOKUP = prepared('select id from tickets where id = $1');",
      "await db.executeQuery(CompiledQuery.raw('delete from decisions where id = $1', [id]));",
    ].join('\n');
    expect(tableUsages('a.ts', text, known).map((u) => [u.line, u.table])).toEqual([
      [1, 'tickets'],
      [2, 'decisions'],
      [3, 'timeline'],
      [4, 'ticket_owners'],
      [7, 'tickets'],
      [8, 'decisions'],
    ]);
  });

  it('reads a statement kept in a constant to run inside another (an insert, update or delete), wherever it is', () => {
    const text = [
      'const APPLY = `update tickets set status = $1 where id = $2 and ${IF_CLAIMED}`;',
      "ctx.writeInClaim({ sql: 'delete from timeline where id = $1 and ' + IF_CLAIMED, params: [id] });",
      'const GUARD = `insert into decisions (ticket_id) values ($1)',
      '  on conflict do nothing returning ticket_id`;',
      "const note = 'update the tickets view when decided';",
    ].join('\n');
    expect(tableUsages('a.ts', text, known).map((u) => [u.line, u.table])).toEqual([
      [1, 'tickets'],
      [2, 'timeline'],
      [3, 'decisions'],
    ]);
  });

  it('does not count tables named in comments or ordinary strings', () => {
    const text = [
      "// the gate used to selectFrom('tickets') here",
      '/* sql`select * from tickets` */',
      "const message = 'select owner from tickets';",
      "log.info('read from tickets');",
    ].join('\n');
    expect(tableUsages('a.ts', text, known)).toEqual([]);
  });

  it('fails a planted violation: the gate reading ingress tickets, by builder and by raw SQL', () => {
    expect(
      reasons(
        'services/gate',
        [
          "const row = await trx.selectFrom('tickets').select('owner').executeTakeFirst();",
          'const raw = await sql`select owner from tickets where id = ${id}`.execute(trx);',
        ].join('\n'),
      ),
    ).toEqual([
      [1, 'tickets', "table tickets is services/ingress's; services/gate may not query it"],
      [2, 'tickets', "table tickets is services/ingress's; services/gate may not query it"],
    ]);
  });

  it("fails a service writing a platform package's table itself instead of through the package", () => {
    expect(reasons('services/gate', "await trx.insertInto('timeline').values(entry).execute();")).toEqual([
      [1, 'timeline', "table timeline is packages/audit's; services/gate may not query it"],
    ]);
  });

  it('fails an unknown table and a table named by an expression', () => {
    expect(
      reasons(
        'services/gate',
        ["await db.selectFrom('ledger').execute();", 'await db.selectFrom(name);'].join('\n'),
      ),
    ).toEqual([
      [1, 'ledger', 'table ledger has no owner in TABLE_OWNERS (packages/db/src/owners.ts)'],
      [2, null, 'names a table with an expression; use a literal the check can read'],
    ]);
  });

  it("passes an owner's queries of its own tables", () => {
    const text = [
      "await trx.selectFrom('ticket_owners').select('owner').execute();",
      "await trx.insertInto('decisions').values(row).execute();",
    ].join('\n');
    expect(reasons('services/gate', text)).toEqual([]);
  });
});
