import type { Bus } from '@parley/bus';
import type { Citation, Draft, ReasonCode, TicketTurn } from '@parley/contracts';
import { makeEvent, ReplyRequested } from '@parley/contracts';
import type { Database } from '@parley/db';
import { recordTimeline } from '@parley/audit';
import type { Kysely } from 'kysely';

export class ActionError extends Error {
  constructor(
    readonly status: 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

const SERVICE = 'handoff';

/**
 * Sends the draft (or the agent's edited body) as the turn's agent reply. The row lock makes a double
 * click one reply: the second call finds the item `sent` and gets a 409.
 */
export async function approve(
  db: Kysely<Database>,
  bus: Bus,
  workspace: string,
  itemId: string,
  input: { body?: string | undefined; agentId?: string | undefined },
): Promise<{ replyId: string }> {
  const { rows, replyId } = await db.transaction().execute(async (trx) => {
    const item = await trx
      .selectFrom('inbox_items')
      .select(['id', 'ticket_id', 'turn', 'status', 'draft', 'ticket', 'reasons'])
      .where('workspace_id', '=', workspace)
      .where('id', '=', itemId)
      .forUpdate()
      .executeTakeFirst();
    if (!item) throw new ActionError(404, `inbox item ${itemId} not found`);
    if (item.status === 'sent') throw new ActionError(409, `inbox item ${itemId} was already sent`);
    const draft = item.draft as Draft | null;
    const body = input.body?.trim() || draft?.body;
    if (!body) throw new ActionError(409, `inbox item ${itemId} has no draft: send a body`);
    const ticket = item.ticket as TicketTurn;
    const citations: Citation[] = draft?.citations ?? [];
    // A reply that failed to arrive is sent again under a new id: the bus would drop a re-publish of the same one.
    const failures = (item.reasons as ReasonCode[]).filter((r) => r.code === 'delivery_failed').length;
    const replyId = `rpl_${item.ticket_id}_${item.turn}_agent${failures > 0 ? `_${failures + 1}` : ''}`;
    const event = makeEvent(ReplyRequested, {
      ticketId: item.ticket_id,
      payload: {
        turn: item.turn,
        replyId,
        channel: ticket.channel,
        source: 'agent',
        body,
        citations,
        ...(input.agentId ? { agentId: input.agentId } : {}),
      },
    });
    await trx
      .updateTable('inbox_items')
      .set({ status: 'sent', assignee: input.agentId ?? null, updated_at: new Date() })
      .where('id', '=', itemId)
      .execute();
    const edited = draft ? body !== draft.body : true;
    await recordTimeline(trx, {
      ticketId: item.ticket_id,
      turn: item.turn,
      type: 'inbox.approved',
      service: SERVICE,
      eventId: `approve:${itemId}`,
      detail: { inboxItemId: itemId, agentId: input.agentId ?? null, edited },
    });
    await recordTimeline(trx, {
      ticketId: item.ticket_id,
      turn: item.turn,
      type: event.type,
      service: SERVICE,
      eventId: event.id,
      detail: { source: 'agent', replyId },
    });
    return { rows: await bus.emitInTransaction(trx, [event]), replyId };
  });
  await bus.flush(rows);
  return { replyId };
}

/** The agent owns the ticket from now on: the gate will not answer it until it is handed back. */
export async function takeOver(
  db: Kysely<Database>,
  workspace: string,
  itemId: string,
  agentId: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const item = await trx
      .selectFrom('inbox_items')
      .select(['ticket_id', 'turn', 'status'])
      .where('workspace_id', '=', workspace)
      .where('id', '=', itemId)
      .forUpdate()
      .executeTakeFirst();
    if (!item) throw new ActionError(404, `inbox item ${itemId} not found`);
    if (item.status === 'sent') throw new ActionError(409, `inbox item ${itemId} was already sent`);
    await trx
      .updateTable('tickets')
      .set({ owner: 'agent', updated_at: new Date() })
      .where('id', '=', item.ticket_id)
      .execute();
    await trx
      .updateTable('inbox_items')
      .set({ status: 'taken_over', assignee: agentId, updated_at: new Date() })
      .where('id', '=', itemId)
      .execute();
    await recordTimeline(trx, {
      ticketId: item.ticket_id,
      turn: item.turn,
      type: 'inbox.taken_over',
      service: SERVICE,
      eventId: `take-over:${itemId}`,
      detail: { inboxItemId: itemId, agentId },
    });
  });
}

export async function handBack(
  db: Kysely<Database>,
  workspace: string,
  ticketId: string,
  agentId: string | undefined,
  at: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // Agents reach a ticket only through their workspace's inbox: one that never reached it is not found.
    const known = await trx
      .selectFrom('inbox_items')
      .select('id')
      .where('workspace_id', '=', workspace)
      .where('ticket_id', '=', ticketId)
      .limit(1)
      .executeTakeFirst();
    if (!known) throw new ActionError(404, `ticket ${ticketId} not found`);
    const ticket = await trx
      .selectFrom('tickets')
      .select(['current_turn', 'owner'])
      .where('id', '=', ticketId)
      .forUpdate()
      .executeTakeFirst();
    if (!ticket) throw new ActionError(404, `ticket ${ticketId} not found`);
    if (ticket.owner === 'bot') return;
    await trx
      .updateTable('tickets')
      .set({ owner: 'bot', updated_at: at })
      .where('id', '=', ticketId)
      .execute();
    await recordTimeline(trx, {
      ticketId,
      turn: ticket.current_turn,
      type: 'inbox.handed_back',
      service: SERVICE,
      eventId: `hand-back:${ticketId}:${at.toISOString()}`,
      detail: { agentId: agentId ?? null },
    });
  });
}
