import { makeEvent, ReplyRequested, TicketDecided, TicketOwnerChanged } from '@parley/contracts';
import type { Database } from '@parley/db';
import type { Kysely } from 'kysely';

export const API_KEY = 'test-key-for-ingress-0001';

/**
 * What a log must never hold of the test card number the messages quote ("4111 1111 1111 1111"): as written, or
 * its digits run together. Not "4111" alone, which a millisecond timestamp in any log line may well contain.
 */
export const CARD_NEEDLES = ['4111 1111', '4111111111111111'];

export const CUSTOMERS = [
  {
    id: 'yara_li_6570',
    first_name: 'Yara',
    last_name: 'Li',
    email: 'yara.li6570@example.com',
    phone: '+1 (555) 010-2000',
  },
  {
    id: 'ivan_santos_6635',
    first_name: 'Ivan',
    last_name: 'Santos',
    email: 'ivan.santos3158@example.com',
    phone: null,
  },
];
export const ORDERS = [
  { id: '#W3400144', customer_id: 'yara_li_6570' },
  { id: '#W8770097', customer_id: 'ivan_santos_6635' },
];

/** The CRM rows the tests match against (the seed command does this from the demo store in real runs). */
export async function seedCrm(db: Kysely<Database>): Promise<void> {
  await db
    .insertInto('customers')
    .values(
      CUSTOMERS.map((c) => ({ ...c, address: JSON.stringify({}), payment_methods: JSON.stringify([]) })),
    )
    .execute();
  await db
    .insertInto('orders')
    .values(
      ORDERS.map((o) => ({
        ...o,
        status: 'processed',
        items: JSON.stringify([]),
        fulfillments: JSON.stringify([]),
        payment_history: JSON.stringify([]),
        address: JSON.stringify({}),
      })),
    )
    .execute();
}

export function replyRequested(
  ticketId: string,
  turn: number,
  replyId: string,
  source: 'auto' | 'agent' = 'auto',
) {
  return makeEvent(ReplyRequested, {
    ticketId,
    payload: {
      turn,
      replyId,
      channel: 'api',
      source,
      body: 'Your order #W3400144 ships within 2 days.',
      citations: [
        { chunkId: 'shipping#1', articleId: 'shipping', section: 'Delivery times', title: 'Shipping' },
      ],
    },
  });
}

export function ticketDecided(ticketId: string, turn: number, crmId: string | null) {
  return makeEvent(TicketDecided, {
    ticketId,
    payload: {
      turn,
      decision: 'auto_sent',
      mode: 'auto',
      intent: 'order_status',
      band: 'auto',
      reasons: [{ code: 'grounded' }],
      customer: { crmId },
    },
  });
}

/** Handoff's announcement that an agent took the ticket over (`agent`) or handed it back (`bot`). */
export function ownerChanged(ticketId: string, owner: 'bot' | 'agent', seq: number) {
  return makeEvent(TicketOwnerChanged, {
    ticketId,
    payload: { turn: 1, owner, seq, workspace: 'default', agentId: 'agent_ana' },
  });
}
