import { entryFor } from '@parley/audit';
import { IF_CLAIMED } from '@parley/bus';
import type { Channel, Customer } from '@parley/contracts';
import { makeEvent, TicketReceived } from '@parley/contracts';
import type { Database } from '@parley/db';
import type { Kysely } from 'kysely';
import type { StoredTurn, WithinCommit } from './within-commit.js';
import type { Outbox } from './outbox.js';
import { maskCards } from '@parley/pii';
import type { CrmLookup } from './customer-match.js';
import { matchCustomer } from './customer-match.js';
import { newTicketId } from './ids.js';

export interface NewTicket {
  channel: Channel;
  customer: {
    id?: string | undefined;
    email?: string | undefined;
    name?: string | undefined;
    phone?: string | undefined;
  };
  subject?: string | undefined;
  body: string;
  externalId?: string | undefined;
}

export interface AcceptDeps {
  db: Kysely<Database>;
  /** The caller's workspace: the ticket, and the externalId it is found by, belong to it. */
  workspace: string;
  outbox: Outbox;
  crm: CrmLookup;
  now?: () => Date;
  /** A channel's own writes (its thread mapping), in the ticket's transaction; not called for a duplicate. */
  withinCommit?: WithinCommit;
}

/**
 * Stores a new ticket and its first turn, and queues `ticket.received`, all in one transaction; the
 * event is published after commit. The same externalId again returns the first ticket's id: found when the
 * insert finds it there, not looked up before, since a client's retry is rare and every ticket would pay for it.
 */
export async function acceptTicket(
  deps: AcceptDeps,
  input: NewTicket,
  guard: () => void = () => undefined,
): Promise<{ ticketId: string; created: boolean }> {
  const { db } = deps;
  // Card numbers never reach storage, the bus or a model.
  const subject = input.subject === undefined ? undefined : maskCards(input.subject);
  const body = maskCards(input.body);
  const match = await matchCustomer(input.customer, { subject, body }, deps.crm);
  const customer: Customer = {
    crmId: match.crmId,
    email: input.customer.email,
    name: input.customer.name,
    phone: input.customer.phone,
  };
  const receivedAt = (deps.now ?? (() => new Date()))();
  const ticketId = newTicketId(receivedAt.getTime());
  const event = makeEvent(TicketReceived, {
    ticketId,
    occurredAt: receivedAt,
    payload: {
      turn: 1,
      ticket: {
        workspace: deps.workspace,
        channel: input.channel,
        customer,
        subject,
        body,
        history: [],
        receivedAt: receivedAt.toISOString(),
      },
      ...(input.externalId ? { externalId: input.externalId } : {}),
    },
  });

  const outcome = await db.transaction().execute(async (trx) => {
    guard();
    // The ticket, its first message, its timeline entry and its event in one statement.
    const { claimed, rows } = await deps.outbox.emitGuarded(
      trx,
      {
        sql: INSERT_TICKET,
        params: [
          ticketId,
          deps.workspace,
          input.externalId ?? null,
          input.channel,
          match.crmId,
          JSON.stringify(customer),
          subject ?? null,
          receivedAt,
        ],
      },
      {
        events: [event],
        entries: [
          entryFor(event, 'ingress', {
            channel: input.channel,
            crmId: match.crmId,
            matchedBy: match.matchedBy,
            // A code, never the identifiers themselves: the timeline holds no personal data.
            ...(match.refused ? { matchRefused: match.refused } : {}),
            ordersConfirmed: match.confirmedOrderIds.length,
            ordersUnowned: match.unownedOrderIds.length,
          }),
        ],
        statements: [{ sql: INSERT_FIRST_MESSAGE, params: [ticketId, body, receivedAt] }],
      },
    );
    if (!claimed) return { created: false as const };
    const stored: StoredTurn = { ticketId, turn: 1 };
    await deps.withinCommit?.(trx, stored);
    guard();
    return { created: true as const, rows };
  });

  if (!outcome.created) {
    const winner = await findByExternalId(db, deps.workspace, input.externalId!);
    if (!winner) throw new Error('ticket with this externalId vanished after a conflict');
    return { ticketId: winner, created: false };
  }
  await deps.outbox.flush(outcome.rows);
  return { ticketId, created: true };
}

async function findByExternalId(
  db: Kysely<Database>,
  workspace: string,
  externalId: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('tickets')
    .select('id')
    .where('workspace_id', '=', workspace)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * The ticket: a concurrent request with the same externalId that won the race leaves nothing inserted (no row
 * back), and then nothing else is written and the caller answers with that ticket.
 */
const INSERT_TICKET = `insert into tickets (id, workspace_id, external_id, channel, customer_crm_id, customer, subject,
      status, current_turn, intent, band, created_at, updated_at)
    values ($1, $2, $3, $4, $5, $6, $7, 'open', 1, null, null, $8, $8)
    on conflict (workspace_id, external_id) where external_id is not null do nothing
    returning id`;

const INSERT_FIRST_MESSAGE = `insert into messages (ticket_id, turn, role, body, created_at)
    select $1, 1, 'customer', $2, $3::timestamptz where ${IF_CLAIMED}`;
