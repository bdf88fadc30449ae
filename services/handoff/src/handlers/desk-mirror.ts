import type { HandlerContext } from '@parley/bus';
import { PermanentError } from '@parley/bus';
import type { EventOf, HandoffRequested } from '@parley/contracts';
import { DEFAULT_WORKSPACE } from '@parley/contracts';
import type { Database } from '@parley/db';
import type { Kysely } from 'kysely';
import { deskNote, deskSubject } from '../desk/note.js';
import type { ZendeskClient } from '../desk/zendesk-client.js';
import { ZendeskError } from '../desk/zendesk-client.js';
import type { HandoffMetrics } from '../events.js';
import { inboxItemId } from '../inbox/store.js';
import { summarise } from '../inbox/summary.js';

const DESK = 'zendesk';

export interface DeskDeps {
  db: Kysely<Database>;
  zendesk: ZendeskClient;
  metrics: HandoffMetrics;
}

/**
 * Mirrors a handed-off turn into Zendesk: the first turn of a ticket opens a Zendesk ticket (requested by the
 * customer, their message as its first comment; created with an idempotency key, so a retry finds the same
 * ticket), later turns add the customer's message to it, and every turn adds an internal note with the draft,
 * the summary and the routing. The built-in workspace has the item too; either side may answer.
 */
export async function onDeskMirror(
  event: EventOf<typeof HandoffRequested>,
  ctx: HandlerContext,
  deps: DeskDeps,
): Promise<void> {
  const ticketId = event.ticketId;
  if (!ticketId) throw new PermanentError(`${event.type} ${event.id} has no ticket id`);
  const p = event.payload;
  const itemId = inboxItemId(ticketId, p.turn);
  const done = await deps.db
    .selectFrom('desk_items')
    .select('item_id')
    .where('desk', '=', DESK)
    .where('item_id', '=', itemId)
    .executeTakeFirst();
  if (done) return;
  const link = await deps.db
    .selectFrom('desk_tickets')
    .select('desk_ticket_id')
    .where('desk', '=', DESK)
    .where('ticket_id', '=', ticketId)
    .executeTakeFirst();
  const summary = summarise(p.ticket, p.routing.intent);
  const who = p.ticket.customer;
  try {
    // Only a customer the edge matched (by the rules of ingress) is known by their address: an unmatched sender
    // must never land on the profile of whoever owns that address in the desk.
    const requesterId = await deps.zendesk.upsertUser({
      name: p.customer?.name ?? who.name ?? who.email ?? who.phone ?? 'Customer',
      email: who.crmId ? who.email : undefined,
      externalId: who.crmId ? `parley:customer:${who.crmId}` : `parley:ticket:${ticketId}`,
    });
    let deskTicketId: number;
    if (link) {
      deskTicketId = Number(link.desk_ticket_id);
      await deps.zendesk.addComment(
        deskTicketId,
        { body: p.ticket.body, public: true, authorId: requesterId },
        { priority: p.priority },
      );
    } else {
      const created = await deps.zendesk.createTicket(
        {
          subject: deskSubject(p, summary),
          requesterId,
          externalId: ticketId,
          priority: p.priority,
          tags: ['parley', `parley_${p.kind}`, p.routing.intent],
          comment: { body: p.ticket.body, authorId: requesterId, public: true },
        },
        `parley-ticket-${ticketId}`,
      );
      deskTicketId = created.id;
    }
    await deps.zendesk.addComment(deskTicketId, { body: deskNote(itemId, p, summary), public: false });
    ctx.write(async (trx) => {
      if (!link)
        await trx
          .insertInto('desk_tickets')
          .values({
            desk: DESK,
            ticket_id: ticketId,
            workspace_id: p.ticket.workspace ?? DEFAULT_WORKSPACE,
            desk_ticket_id: String(deskTicketId),
          })
          .onConflict((oc) => oc.columns(['desk', 'ticket_id']).doNothing())
          .execute();
      await trx
        .insertInto('desk_items')
        .values({ desk: DESK, item_id: itemId, desk_ticket_id: String(deskTicketId) })
        .onConflict((oc) => oc.columns(['desk', 'item_id']).doNothing())
        .execute();
    });
    deps.metrics.deskMirrored.inc({ desk: DESK });
    ctx.log.info({ turn: p.turn, inboxItemId: itemId, deskTicketId }, 'mirrored to Zendesk');
  } catch (err) {
    if (err instanceof ZendeskError) throw err.forBus();
    throw err;
  }
}
