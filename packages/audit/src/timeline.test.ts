import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TestDb } from '@parley/db/testing';
import { createTestDb } from '@parley/db/testing';
import { readTimeline, recordTimeline } from './index.js';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb('audit');
});
afterAll(async () => {
  await t.drop();
});

describe('timeline', () => {
  it('appends entries in order and records each event once', async () => {
    const base = { ticketId: 'tk1', turn: 1, service: 'router' };
    await recordTimeline(t.db, { ...base, type: 'ticket.received', eventId: 'e1', service: 'ingress' });
    await recordTimeline(t.db, {
      ...base,
      type: 'ticket.routed',
      eventId: 'e2',
      detail: { intent: 'order_status' },
    });
    await recordTimeline(t.db, {
      ...base,
      type: 'ticket.routed',
      eventId: 'e2',
      detail: { intent: 'other' },
    });
    const rows = await readTimeline(t.db, 'tk1');
    expect(rows.map((r) => [r.type, r.service, r.detail])).toEqual([
      ['ticket.received', 'ingress', {}],
      ['ticket.routed', 'router', { intent: 'order_status' }],
    ]);
    expect(Date.parse(rows[1]!.at)).toBeGreaterThanOrEqual(Date.parse(rows[0]!.at));
  });

  it('records several entries in one call, in the order given, each event once', async () => {
    const base = { ticketId: 'tk2', turn: 2, service: 'gate' };
    await recordTimeline(
      t.db,
      {
        ...base,
        type: 'ticket.decided',
        eventId: 'd1',
        detail: { decision: 'auto_sent', note: 'it\'s "quoted"' },
      },
      { ...base, type: 'reply.requested', eventId: 'r1' },
      { ...base, type: 'ticket.decided', eventId: 'd1', detail: { decision: 'other' } },
    );
    await recordTimeline(t.db);
    const rows = await readTimeline(t.db, 'tk2');
    expect(rows.map((r) => [r.type, r.turn, r.detail])).toEqual([
      ['ticket.decided', 2, { decision: 'auto_sent', note: 'it\'s "quoted"' }],
      ['reply.requested', 2, {}],
    ]);
  });
});
