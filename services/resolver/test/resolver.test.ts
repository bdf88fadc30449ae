import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Bus } from '@parley/bus';
import type { BusHarness } from '@parley/bus/testing';
import { createBusHarness } from '@parley/bus/testing';
import { makeEvent, TicketRetrieved } from '@parley/contracts';
import type { RunningService } from '@parley/runtime';

import {
  CANCEL,
  customer,
  passage,
  pendingOrder,
  processedOrder,
  REFUNDS,
  retrieval,
  routing,
  STATUSES,
  ticket,
} from '../src/compose/local/testing.js';
import { resolvedFor as resolvedAs, startResolver } from './harness.js';

const ADDRESS_ON_ORDER = passage(
  'change-shipping-address#existing',
  'change-shipping-address',
  'Address on an existing order',
  'You can change the delivery address of an order while it is pending. Contact us with the order number and the full new address: street, apartment or suite, city, state and ZIP code.\nOnce the order is processed it is with the carrier and we can no longer change the address.',
  0.84,
);

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

    // Asked how the write works, in no words asking for it and naming no order, the sender not yet known gets the
    // help centre's rule with its coverage, not a question for who they are that answers nothing.
    await bus.publish(
      makeEvent(TicketRetrieved, {
        ticketId: 'tk_address_rule',
        payload: {
          turn: 1,
          ticket: ticket(
            'the apartment number on my order is wrong and it has not shipped yet, what do you need from me',
          ),
          routing: routing('change_address', 'suggest'),
          retrieval: retrieval([ADDRESS_ON_ORDER], null),
        },
      }),
    );
    const rule = (await resolvedFor('tk_address_rule')).payload.draft!;
    expect(rule.clarifies).toBeUndefined();
    expect(rule.writeAsked).toBeUndefined();
    expect(rule.body).not.toContain('email address of your account');
    expect(rule.body).toContain('You can change the delivery address of an order while it is pending.');
    expect(rule.citations.map((c) => c.articleId)).toEqual(['change-shipping-address']);
    expect(rule.coverage).toMatchObject({ asks: 1 });
    expect(rule.toolCalls).toEqual([]);

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
