import { localRouting } from '@parley/contracts/testing';
import type { ActionProposal, AnswerCoverage, Draft, EventOf, Routing, TicketTurn } from '@parley/contracts';
import {
  makeEvent,
  TicketConfirmation,
  TicketEscalated,
  TicketOwnerChanged,
  TicketResolved,
} from '@parley/contracts';

export const ticket: TicketTurn = {
  channel: 'email',
  customer: { crmId: 'yara_li_6570', email: 'yara@example.com', name: 'Yara Li' },
  subject: 'Shipping',
  body: 'How long does standard shipping take?',
  history: [],
  receivedAt: new Date(0).toISOString(),
};

export const routing = (over: Partial<Routing> = {}): Routing =>
  localRouting({ intent: 'shipping_info', confidence: 0.93, ...over });

export const draft: Draft = {
  body: 'Hi Yara,\n\nStandard shipping takes 3-5 business days.\n\nBest regards,\nThe support team',
  citations: [{ chunkId: 'shipping-methods#1', articleId: 'shipping-methods', section: 'Delivery times' }],
  facts: [],
  groundedness: 1,
  toolCalls: [],
  model: { provider: 'local', name: 'grounded-composer-v1', tier: 'local' },
  usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
  coverage: { share: 0.9, asks: 1, answered: 1, sections: 1 },
};

export function resolved(
  ticketId: string,
  turn = 1,
  over: Partial<Routing> = {},
  coverage: AnswerCoverage = draft.coverage!,
): EventOf<typeof TicketResolved> {
  return makeEvent(TicketResolved, {
    ticketId,
    payload: {
      turn,
      ticket,
      routing: routing(over),
      retrieval: { passages: [], customer: null, topScore: 0.9, index: 'embedded', leadMargin: 0.6 },
      draft: { ...draft, coverage },
    },
  });
}

export function escalated(ticketId: string, turn = 1): EventOf<typeof TicketEscalated> {
  return makeEvent(TicketEscalated, {
    ticketId,
    payload: {
      turn,
      ticket: { ...ticket, body: 'My attorney will contact you.' },
      routing: routing({
        intent: 'complaint',
        band: 'escalate',
        rules: [{ id: 'legal_threat', reason: 'legal words' }],
      }),
    },
  });
}

export const proposal = (ticketId: string, amountUsd = 120): ActionProposal => ({
  actionId: `act_${ticketId}_1`,
  tool: 'cancel_pending_order',
  input: { order_id: '#W3400144', reason: 'no longer needed' },
  summary:
    'Cancel order #W3400144, reason: no longer needed; $120.00 back to your card in 5-7 business days.',
  customerId: 'yara_li_6570',
  amountUsd,
});

/** A turn whose draft reads a cancellation back and asks the customer to confirm it. */
export function proposing(ticketId: string, amountUsd = 120): EventOf<typeof TicketResolved> {
  const p = proposal(ticketId, amountUsd);
  return makeEvent(TicketResolved, {
    ticketId,
    payload: {
      turn: 1,
      ticket: { ...ticket, body: 'Please cancel #W3400144, I no longer need it.' },
      routing: routing({ intent: 'cancel_order', band: 'suggest' }),
      retrieval: { passages: [], customer: null, topScore: 0.9, index: 'embedded' },
      draft: {
        ...draft,
        body: `I can do this for you: ${p.summary} Reply YES to confirm.`,
        facts: [{ source: 'order', ref: '#W3400144', field: 'status', value: 'pending' }],
        action: 'cancel_pending_order',
        proposal: p,
      },
    },
  });
}

export function confirmation(
  ticketId: string,
  answer: 'yes' | 'no',
  amountUsd = 120,
): EventOf<typeof TicketConfirmation> {
  const p = proposal(ticketId, amountUsd);
  return makeEvent(TicketConfirmation, {
    ticketId,
    payload: {
      turn: 2,
      ticket: { ...ticket, body: answer, pendingAction: { proposal: p, confirmBy: 'customer' } },
      routing: routing({ intent: 'cancel_order', band: 'suggest' }),
      answer,
      proposal: p,
      confirmBy: 'customer',
    },
  });
}

/** A draft that quotes no help-centre section, as one built from records alone. */
function withoutCoverage(d: Draft): Draft {
  const { coverage: _coverage, ...rest } = d;
  return rest;
}

/**
 * A status answer from the sender's own order, for a message routed on its wording with little classifier
 * confidence; `body` is the customer's message.
 */
export function ownOrderStatus(
  ticketId: string,
  body: string,
  over: Partial<Routing> = {},
): EventOf<typeof TicketResolved> {
  const order = {
    orderId: '#W3113816',
    status: 'processed',
    items: [],
    trackingIds: ['123456789012'],
    total: 10,
  };
  return makeEvent(TicketResolved, {
    ticketId,
    payload: {
      turn: 1,
      ticket: { ...ticket, subject: undefined, body },
      routing: routing({ intent: 'order_status', confidence: 0.2, handlingConfidence: 0.2, ...over }),
      retrieval: {
        passages: [],
        customer: { customerId: 'yara_li_6570', name: 'Yara Li', orders: [order], unownedOrderIds: [] },
        topScore: 0.1,
        index: 'embedded',
      },
      draft: {
        ...withoutCoverage(draft),
        body: 'Hi Yara,\n\nYour order #W3113816 is currently processed. Tracking number: 123456789012.',
        citations: [],
        facts: [
          { source: 'order', ref: '#W3113816', field: 'orderId', value: '#W3113816' },
          { source: 'order', ref: '#W3113816', field: 'status', value: 'processed' },
        ],
      },
    },
  });
}

/** Handoff's announcement that an agent took the ticket over (`agent`) or handed it back (`bot`). */
export function ownerChanged(
  ticketId: string,
  owner: 'bot' | 'agent',
  seq: number,
): EventOf<typeof TicketOwnerChanged> {
  return makeEvent(TicketOwnerChanged, {
    ticketId,
    payload: { turn: 1, owner, seq, workspace: 'default', agentId: 'agent_ana' },
  });
}
