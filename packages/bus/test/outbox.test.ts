import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TestDb } from '@parley/db/testing';
import { createTestDb } from '@parley/db/testing';
import { sql } from 'kysely';
import { IF_CLAIMED } from '../src/catalog.js';
import { createLogger, Registry } from '@parley/telemetry';
import { createBusMetrics } from '../src/metrics.js';
import { claimAndWriteOutbox, defaultRelayOptions, OutboxRelay, writeGuarded } from '../src/outbox.js';
import { topology } from '../src/topology.js';
import { received, routedFrom } from './fixtures.js';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb('outboxclaim');
});
afterAll(async () => {
  await t.drop();
});

describe('claimAndWriteOutbox', () => {
  it('claims a new message and writes its events in the order emitted, as the relay reads them back', async () => {
    const first = routedFrom(received('claim-1'));
    const second = routedFrom(received('claim-2'));
    const result = await t.db
      .transaction()
      .execute((trx) => claimAndWriteOutbox(trx, { consumer: 'svc__c', messageId: 'm-1' }, [first, second]));

    expect(result.claimed).toBe(true);
    expect(result.rows.map((r) => r.msg_id)).toEqual([first.id, second.id]);
    const stored = await t.db
      .selectFrom('outbox')
      .select(['id', 'msg_id', 'subject', 'headers', 'body'])
      .orderBy('id')
      .execute();
    // What the fast path publishes is exactly what the sweeper would read from the table.
    expect(result.rows).toEqual(stored);
    expect(typeof result.rows[0]!.id).toBe('string');
    expect(JSON.parse(result.rows[0]!.body)).toMatchObject({ id: first.id, ticketId: 'claim-1' });
    expect(result.rows[0]!.subject).toBe('ticket.routed.v1');
    const ledger = await t.db.selectFrom('bus_processed').selectAll().execute();
    expect(ledger.map((r) => [r.consumer, r.message_id])).toEqual([['svc__c', 'm-1']]);
  });

  it('writes nothing for a message already claimed, and reports it as a duplicate', async () => {
    const before = await t.db.selectFrom('outbox').select('id').execute();
    const again = await t.db
      .transaction()
      .execute((trx) =>
        claimAndWriteOutbox(trx, { consumer: 'svc__c', messageId: 'm-1' }, [routedFrom(received('claim-3'))]),
      );
    expect(again).toEqual({ claimed: false, rows: [] });
    expect(await t.db.selectFrom('outbox').select('id').execute()).toHaveLength(before.length);
  });

  it('claims a message that emits nothing', async () => {
    const result = await t.db
      .transaction()
      .execute((trx) => claimAndWriteOutbox(trx, { consumer: 'svc__c', messageId: 'm-2' }, []));
    expect(result).toEqual({ claimed: true, rows: [] });
  });

  it('records the timeline entries in the claim statement, alone or in a transaction, only for a new claim', async () => {
    const routed = routedFrom(received('claim-4'));
    const entry = (eventId: string, detail: Record<string, unknown>) => ({
      ticketId: 'claim-4',
      turn: 1,
      type: 'ticket.routed',
      service: 'router',
      eventId,
      detail,
    });
    // No transaction: the one statement is all the message commits.
    const alone = await claimAndWriteOutbox(
      t.db,
      { consumer: 'svc__c', messageId: 'm-4' },
      [routed],
      [entry(routed.id, { intent: 'order_status' }), entry(`${routed.id}:second`, { n: 2 })],
    );
    expect(alone.claimed).toBe(true);
    expect(alone.rows.map((r) => r.msg_id)).toEqual([routed.id]);
    const rows = () =>
      t.db
        .selectFrom('timeline')
        .select(['ticket_id', 'turn', 'type', 'service', 'event_id', 'detail'])
        .where('ticket_id', '=', 'claim-4')
        .orderBy('id')
        .execute();
    expect(await rows()).toEqual([
      {
        ticket_id: 'claim-4',
        turn: 1,
        type: 'ticket.routed',
        service: 'router',
        event_id: routed.id,
        detail: { intent: 'order_status' },
      },
      {
        ticket_id: 'claim-4',
        turn: 1,
        type: 'ticket.routed',
        service: 'router',
        event_id: `${routed.id}:second`,
        detail: { n: 2 },
      },
    ]);

    // The same message again, other details: refused at the claim, so neither entry changes nor a new one appears.
    const again = await t.db
      .transaction()
      .execute((trx) =>
        claimAndWriteOutbox(
          trx,
          { consumer: 'svc__c', messageId: 'm-4' },
          [routed],
          [entry(`${routed.id}:third`, { n: 3 })],
        ),
      );
    expect(again).toEqual({ claimed: false, rows: [] });
    expect((await rows()).map((r) => r.event_id)).toEqual([routed.id, `${routed.id}:second`]);
  });
});

describe('writeGuarded', () => {
  const GUARD = `insert into guarded (id, label) values ($1, $2) on conflict do nothing returning id`;
  const NOTE = `insert into guard_notes (id, note, n) select $1, $2, $3 where ${IF_CLAIMED}`;

  it('writes the events, entries and statements, each statement with its own parameters, only for a new row', async () => {
    await sql`create table guarded (id text primary key, label text not null)`.execute(t.db);
    await sql`create table guard_notes (id text, note text not null, n int not null)`.execute(t.db);
    const routed = routedFrom(received('guard-1'));
    const write = (label: string) =>
      t.db.transaction().execute((trx) =>
        writeGuarded(
          trx,
          { sql: GUARD, params: ['g-1', label] },
          {
            events: [routed],
            entries: [
              { ticketId: 'guard-1', turn: 1, type: 'ticket.routed', service: 'svc', eventId: routed.id },
            ],
            statements: [
              { sql: NOTE, params: ['g-1', 'first', 1] },
              { sql: NOTE, params: ['g-1', 'second', 2] },
            ],
          },
        ),
      );
    const first = await write('a');
    expect(first.claimed).toBe(true);
    expect(first.rows.map((r) => r.msg_id)).toEqual([routed.id]);
    const notes = await sql<{ note: string; n: number }>`select note, n from guard_notes order by n`.execute(
      t.db,
    );
    expect(notes.rows).toEqual([
      { note: 'first', n: 1 },
      { note: 'second', n: 2 },
    ]);
    const entries = await t.db
      .selectFrom('timeline')
      .select('event_id')
      .where('ticket_id', '=', 'guard-1')
      .execute();
    expect(entries).toEqual([{ event_id: routed.id }]);

    // The guard's row is there already: nothing else is written.
    const outbox = (await t.db.selectFrom('outbox').select('id').execute()).length;
    expect(await write('b')).toEqual({ claimed: false, rows: [] });
    expect((await sql`select 1 from guard_notes`.execute(t.db)).rows).toHaveLength(2);
    expect(await t.db.selectFrom('outbox').select('id').execute()).toHaveLength(outbox);
  });

  /** A guarded write with one statement beside the guard, in a transaction of its own. */
  const withStatement = (id: string, statement: { sql: string; params: unknown[] }) =>
    t.db
      .transaction()
      .execute((trx) => writeGuarded(trx, { sql: GUARD, params: [id, 'a'] }, { statements: [statement] }));

  it('refuses a statement not held to the guard, which would run whatever the guard found', async () => {
    const unguarded = `insert into guard_notes (id, note, n) values ($1, 'x', 0)`;
    await expect(withStatement('g-2', { sql: unguarded, params: ['g-2'] })).rejects.toThrow(/IF_CLAIMED/);
  });

  it('refuses parameters that do not match what the texts take, which would shift every one after them', async () => {
    await expect(withStatement('g-3', { sql: NOTE, params: ['g-3', 'x'] })).rejects.toThrow(
      /other parameters/,
    );
  });
});

describe('OutboxRelay.sweep', () => {
  /** The statements a sweep runs (as kysely builds them) and the transactions it opens. */
  const counted = () => {
    const seen = { statements: [] as string[], transactions: 0 };
    const db = t.db.withPlugin({
      transformQuery: (args) => {
        seen.statements.push(args.node.kind);
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    const transaction = db.transaction.bind(db);
    db.transaction = () => {
      seen.transactions++;
      return transaction();
    };
    const relay = new OutboxRelay(
      db,
      // Never reached: a sweep with nothing stale publishes nothing.
      undefined as never,
      topology('sweep'),
      createLogger({ service: 'test', level: 'silent' }),
      createBusMetrics(new Registry()),
      { ...defaultRelayOptions, staleMs: 60_000 },
    );
    return { relay, seen };
  };

  it('reads once and opens no transaction when no row is stale', async () => {
    await sql`delete from outbox`.execute(t.db);
    const empty = counted();
    expect(await empty.relay.sweep()).toBe(0);
    expect(empty.seen).toEqual({ statements: ['SelectQueryNode'], transactions: 0 });

    // A row the fast path has not published yet, younger than `staleMs`, is left to it.
    await sql`insert into outbox (msg_id, subject, headers, body) values ('m-fresh', 's', '{}', '{}')`.execute(
      t.db,
    );
    const fresh = counted();
    expect(await fresh.relay.sweep()).toBe(0);
    expect(fresh.seen).toEqual({ statements: ['SelectQueryNode'], transactions: 0 });
    const left = await t.db.selectFrom('outbox').select('msg_id').execute();
    expect(left.map((r) => r.msg_id)).toEqual(['m-fresh']);
    await sql`delete from outbox`.execute(t.db);
  });
});
