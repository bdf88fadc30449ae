import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Bus } from '@parley/bus';
import type { BusHarness } from '@parley/bus/testing';
import { createBusHarness } from '@parley/bus/testing';
import { makeEvent, TicketRetrieved } from '@parley/contracts';
import type { RunningService } from '@parley/runtime';

import {
  CANCEL,
  customer,
  pendingOrder,
  processedOrder,
  REFUNDS,
  retrieval,
  routing,
  STATUSES,
  ticket,
} from '../src/compose/local/testing.js';
import { resolvedFor as resolvedAs, startResolver } from './harness.js';

let h: BusHarness;
let svc: RunningService;
let bus: Bus;

beforeAll(async () => {
  h = await createBusHarness('resolver');
  svc = await startResolver(h);
  bus = await h.bus();
});
afterAll(async () => {
  await svc.stop();
  await h.close();
});

const resolvedFor = (ticketId: string) => resolvedAs(bus, h.prefix, ticketId);

describe('resolver service', () => {
  it('turns ticket.retrieved into a grounded ticket.resolved and records what it produced in the timeline', async () => {
    await bus.publish(
      makeEvent(TicketRetrieved, {
        ticketId: 'tk_status',
        payload: {
          turn: 1,
          ticket: ticket('Where is order #W3400144?'),
          routing: routing('order_status'),
          retrieval: retrieval([STATUSES], customer([processedOrder])),
        },
      }),
    );
    const resolved = await resolvedFor('tk_status');
    expect(resolved.payload.draft?.body).toContain('Your order #W3400144 is currently processed.');
    expect(resolved.payload.draft?.groundedness).toBe(1);
    const timeline = await h.db.db
      .selectFrom('timeline')
      .select(['type', 'detail'])
      .where('ticket_id', '=', 'tk_status')
      .orderBy('id')
      .execute();
    // `ticket.retrieved` is retrieval's entry (written when it emitted it), never the resolver's.
    expect(timeline.map((t) => t.type)).toEqual(['ticket.resolved']);
    expect(timeline[0]!.detail).toMatchObject({
      draft: true,
      groundedness: 1,
      model: 'grounded-composer-v1',
    });
  });

  it('records how much of a help-centre question the answer covers, and no text, in the timeline', async () => {
    await bus.publish(
      makeEvent(TicketRetrieved, {
        ticketId: 'tk_refund',
        payload: {
          turn: 1,
          ticket: ticket('How long do refunds to PayPal take?'),
          routing: routing('refund_status'),
          retrieval: retrieval([REFUNDS], null),
        },
      }),
    );
    const draft = (await resolvedFor('tk_refund')).payload.draft!;
    expect(draft.coverage).toMatchObject({ asks: 1, answered: 1, sections: 1 });
    expect(draft.ordersUnused).toBe(false);
    const [entry] = await h.db.db
      .selectFrom('timeline')
      .select(['type', 'detail'])
      .where('ticket_id', '=', 'tk_refund')
      .orderBy('id')
      .execute();
    expect(entry!.detail).toMatchObject({ coverage: draft.coverage });
    expect(JSON.stringify(entry!.detail)).not.toContain('PayPal');
  });

  it('asks for the account of a sender the store does not know instead of proposing, and drafts nothing in the escalate band', async () => {
    await bus.publish(
      makeEvent(TicketRetrieved, {
        ticketId: 'tk_cancel',
        payload: {
          turn: 1,
          ticket: ticket('Cancel #W8770097 please'),
          routing: routing('cancel_order', 'suggest'),
          retrieval: retrieval([CANCEL], customer([pendingOrder])),
        },
      }),
    );
    const cancel = await resolvedFor('tk_cancel');
    // The sender's CRM id has no record in the store the planner reads: nothing is proposed, the account is asked for.
    expect(cancel.payload.draft?.action).toBeUndefined();
    expect(cancel.payload.draft?.proposal).toBeUndefined();
    expect(cancel.payload.draft?.clarifies).toEqual(['identity']);

    await bus.publish(
      makeEvent(TicketRetrieved, {
        ticketId: 'tk_escalate',
        payload: {
          turn: 1,
          ticket: ticket('I want a person'),
          routing: routing('complaint', 'escalate'),
          retrieval: retrieval([], null),
        },
      }),
    );
    const escalate = await resolvedFor('tk_escalate');
    expect(escalate.payload.draft).toBeNull();
    expect(escalate.payload.noDraftReason).toBe('escalate band');
  });
});
