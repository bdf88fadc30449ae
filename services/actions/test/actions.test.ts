import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Bus } from '@parley/bus';
import type { BusHarness } from '@parley/bus/testing';
import { createBusHarness, waitFor } from '@parley/bus/testing';
import type { ActionProposal } from '@parley/contracts';
import { ActionAuthorised, makeEvent } from '@parley/contracts';
import { seedDemoStore } from '@parley/commerce';
import { loadOrders } from '@parley/demo-store';
import type { RunningService } from '@parley/runtime';
import { startService } from '@parley/runtime';
import { readServiceConfig } from '../src/config.js';
import { buildService } from '../src/service.js';

let h: BusHarness;
let bus: Bus;
let svc: RunningService;
let orders: Awaited<ReturnType<typeof loadOrders>>;
let pending: (typeof orders)[number];
let delivered: (typeof orders)[number];

beforeAll(async () => {
  orders = await loadOrders();
  pending = orders.find((o) => o.status === 'pending')!;
  delivered = orders.find((o) => o.status === 'delivered')!;
  h = await createBusHarness('actions');
  await seedDemoStore(h.db.db);
  svc = await startService(
    buildService(readServiceConfig({ ...h.env(), ACTIONS_PORT: '0', LOG_LEVEL: 'silent' })),
    { migrate: false },
  );
  bus = await h.bus();
});
afterAll(async () => {
  await svc.stop();
  await h.close();
});

function authorised(ticketId: string, proposal: ActionProposal, by: 'customer' | 'agent' = 'customer') {
  return makeEvent(ActionAuthorised, {
    ticketId,
    payload: {
      turn: 2,
      proposal,
      by: by === 'agent' ? { kind: 'agent', id: 'ana' } : { kind: 'customer' },
      channel: 'api',
    },
  });
}

const stored = (subject: string, ticketId: string) => h.stored(subject, ticketId);

const orderRow = (id: string) =>
  h.db.db
    .selectFrom('orders')
    .select(['status', 'payment_history'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

describe('the actions service', () => {
  it('executes an authorised cancellation once, however often and by whomever it is authorised', async () => {
    const proposal: ActionProposal = {
      actionId: 'act_tk_cancel_1',
      tool: 'cancel_pending_order',
      input: { order_id: pending.id, reason: 'no longer needed' },
      summary: `Cancel order ${pending.id}`,
      customerId: pending.customerId,
    };
    const event = authorised('tk_cancel', proposal);
    await bus.publish(event);
    // A redelivery past the stream's duplicate check, and an agent approving the same proposal too.
    await bus.js.publish(
      `${h.prefix}.action.authorised.v1`,
      JSON.stringify({ ...event, id: `${event.id}:again` }),
    );
    await bus.js.publish(
      `${h.prefix}.action.authorised.v1`,
      JSON.stringify({ ...authorised('tk_cancel', proposal, 'agent'), id: `${event.id}:agent` }),
    );
    await waitFor(
      'three deliveries handled',
      async () => (await stored('reply.requested.v1', 'tk_cancel')).length >= 1,
    );
    await waitFor('every copy processed', async () => {
      const rows = await h.db.db.selectFrom('bus_processed').select('message_id').execute();
      return rows.filter((r) => r.message_id.startsWith(event.id)).length === 3;
    });
    const row = await orderRow(pending.id);
    expect(row.status).toBe('cancelled');
    const refunds = (row.payment_history as Array<{ type: string }>).filter((t) => t.type === 'refund');
    expect(refunds).toHaveLength(1);
    const settled = await stored('action.settled.v1', 'tk_cancel');
    expect(settled.map((e) => (e.payload as { status: string }).status)).toEqual(['executed']);
    const replies = await stored('reply.requested.v1', 'tk_cancel');
    expect(replies).toHaveLength(1);
    expect((replies[0]!.payload as { body: string }).body).toMatch(
      new RegExp(`^Done: order ${pending.id} is cancelled\\.`),
    );
    const timeline = await h.db.db
      .selectFrom('timeline')
      .select(['type', 'service'])
      .where('ticket_id', '=', 'tk_cancel')
      .orderBy('id')
      .execute();
    expect(timeline).toEqual([
      { type: 'action.settled', service: 'actions' },
      { type: 'reply.requested', service: 'actions' },
    ]);
  });

  it('lets the store policy refuse whatever was authorised, and says why', async () => {
    const proposal: ActionProposal = {
      actionId: 'act_tk_refuse_1',
      tool: 'cancel_pending_order',
      input: { order_id: delivered.id, reason: 'no longer needed' },
      summary: `Cancel order ${delivered.id}`,
      customerId: delivered.customerId,
    };
    await bus.publish(authorised('tk_refuse', proposal, 'agent'));
    const [settled] = (await waitFor('the settlement', async () => {
      const found = await stored('action.settled.v1', 'tk_refuse');
      return found.length > 0 ? found : undefined;
    }))!;
    expect(settled!.payload).toMatchObject({ status: 'refused', refusal: { rule: 'order_not_pending' } });
    expect((await orderRow(delivered.id)).status).toBe('delivered');
    const [reply] = await stored('reply.requested.v1', 'tk_refuse');
    expect((reply!.payload as { body: string }).body).toMatch(
      /^I couldn't complete that: .*Nothing in your order was changed\./,
    );
  });

  it('refuses another customer’s order even when authorised', async () => {
    const other = orders.find(
      (o) => o.status === 'pending' && o.customerId !== pending.customerId && o.id !== pending.id,
    )!;
    const proposal: ActionProposal = {
      actionId: 'act_tk_other_1',
      tool: 'cancel_pending_order',
      input: { order_id: other.id, reason: 'ordered by mistake' },
      summary: `Cancel order ${other.id}`,
      customerId: pending.customerId,
    };
    await bus.publish(authorised('tk_other', proposal));
    const [settled] = (await waitFor('the settlement', async () => {
      const found = await stored('action.settled.v1', 'tk_other');
      return found.length > 0 ? found : undefined;
    }))!;
    expect(settled!.payload).toMatchObject({ status: 'refused', refusal: { rule: 'other_customer' } });
    expect((await orderRow(other.id)).status).toBe('pending');
  });
});
