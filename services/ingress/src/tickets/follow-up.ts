import { entryFor, recordTimeline } from '@parley/audit';
import type { Channel, ConversationEntry, Customer } from '@parley/contracts';
import { makeEvent, TicketReceived } from '@parley/contracts';
import type { Database } from '@parley/db';
import type { Kysely } from 'kysely';
import { maskCards } from '@parley/pii';
import type { Outbox } from './outbox.js';
import type { WithinCommit } from './within-commit.js';
import { pendingActionFor } from './actions.js';

/** The contract carries at most this many earlier turns; the oldest drop off first. */
export const MAX_HISTORY = 50;

export interface FollowUpDeps {
  db: Kysely<Database>;
  /** The caller's workspace: another workspace's ticket is unknown (null), exactly like a missing one. */
  workspace: string;
  outbox: Outbox;
  now?: () => Date;
  /** A channel's own writes (its thread mapping), in the turn's transaction; not called for a duplicate. */
  withinCommit?: WithinCommit;
}

export interface CustomerMessage {
  text: string;
  /** The client's id for this message: sending it again returns the turn it already made. */
  externalId?: string | undefined;
}

export interface AddedTurn {
  ticketId: string;
  turn: number;
  owner: string;
  /** True when `externalId` had been seen on this ticket: nothing was stored or published again. */
  duplicate: boolean;
}

/**
 * Adds the customer's next message to an existing ticket as a new turn and queues `ticket.received` for
 * it with the earlier turns as history. Returns null for an unknown ticket. A ticket an agent owns still
 * gets its turn published: the gate and handoff keep the automation silent on it.
 */
export async function addCustomerTurn(
  deps: FollowUpDeps,
  ticketId: string,
  message: CustomerMessage,
  guard: () => void = () => undefined,
): Promise<AddedTurn | null> {
  const body = maskCards(message.text);
  const externalId = message.externalId ?? null;
  const receivedAt = (deps.now ?? (() => new Date()))();
  const outcome = await deps.db.transaction().execute(async (trx) => {
    guard();
    // The row lock serialises concurrent follow-ups, so each gets its own turn number.
    const ticket = await trx
      .selectFrom('tickets')
      .select(['id', 'channel', 'customer', 'subject', 'current_turn', 'owner'])
      .where('workspace_id', '=', deps.workspace)
      .where('id', '=', ticketId)
      .forUpdate()
      .executeTakeFirst();
    if (!ticket) return null;
    // Checked under the ticket's row lock, so two concurrent retries of one message make one turn.
    if (externalId !== null) {
      const seen = await trx
        .selectFrom('messages')
        .select('turn')
        .where('ticket_id', '=', ticketId)
        .where('external_id', '=', externalId)
        .executeTakeFirst();
      if (seen) return { turn: seen.turn, owner: ticket.owner, rows: [], duplicate: true };
    }
    const turn = ticket.current_turn + 1;
    // A proposal read back on the previous turn: this message may be the customer's answer to it.
    const pendingAction = await pendingActionFor(trx, ticketId, turn);
    const earlier = await trx
      .selectFrom('messages')
      .select(['turn', 'role', 'body', 'created_at'])
      .where('ticket_id', '=', ticketId)
      .orderBy('id', 'desc')
      .limit(MAX_HISTORY)
      .execute();
    const history: ConversationEntry[] = earlier.reverse().map((m) => ({
      turn: m.turn,
      role: m.role as ConversationEntry['role'],
      body: m.body,
      at: m.created_at.toISOString(),
    }));
    const event = makeEvent(TicketReceived, {
      ticketId,
      occurredAt: receivedAt,
      payload: {
        turn,
        ticket: {
          workspace: deps.workspace,
          channel: ticket.channel as Channel,
          customer: ticket.customer as Customer,
          subject: ticket.subject ?? undefined,
          body,
          history,
          receivedAt: receivedAt.toISOString(),
          ...(pendingAction ? { pendingAction } : {}),
        },
      },
    });
    await trx
      .insertInto('messages')
      .values({
        ticket_id: ticketId,
        turn,
        role: 'customer',
        body,
        external_id: externalId,
        created_at: receivedAt,
      })
      .execute();
    // A new turn starts undecided: the view shows the latest turn's state.
    await trx
      .updateTable('tickets')
      .set({ current_turn: turn, status: 'open', intent: null, band: null, updated_at: receivedAt })
      .where('id', '=', ticketId)
      .execute();
    await recordTimeline(
      trx,
      entryFor(event, 'ingress', { owner: ticket.owner, historyEntries: history.length }),
    );
    await deps.withinCommit?.(trx, { ticketId, turn });
    const rows = await deps.outbox.emitInTransaction(trx, [event]);
    guard();
    return { turn, owner: ticket.owner, rows, duplicate: false };
  });
  if (!outcome) return null;
  await deps.outbox.flush(outcome.rows);
  return { ticketId, turn: outcome.turn, owner: outcome.owner, duplicate: outcome.duplicate };
}
