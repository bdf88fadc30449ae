import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TestDb } from '@parley/db/testing';
import { createTestDb } from '@parley/db/testing';
import { claimAndWriteOutbox } from '../src/outbox.js';
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
