import type { HandlerContext } from '@parley/bus';
import { PermanentError } from '@parley/bus';
import type { EventOf, ReplyRated, TicketDecided } from '@parley/contracts';
import { DEFAULT_WORKSPACE } from '@parley/contracts';

// The quality report's read model, fed by events only (handoff reads no other service's rows): one row per
// decided turn from `ticket.decided`, and the latest rating of each automated reply from `reply.rated`.

/** The gate's reasons for a turn that answered a proposal read back to the customer. */
const CONFIRMATION_CODES = new Set(['customer_confirmed', 'customer_declined']);

function ticketOf(event: { type: string; id: string; ticketId: string | null }): string {
  if (!event.ticketId) throw new PermanentError(`${event.type} ${event.id} has no ticket id`);
  return event.ticketId;
}

/** A turn's decision, once (a redelivery finds the row and changes nothing). */
export async function onTurnDecided(
  event: EventOf<typeof TicketDecided>,
  ctx: HandlerContext,
): Promise<void> {
  const ticketId = ticketOf(event);
  const p = event.payload;
  ctx.write(async (trx) => {
    await trx
      .insertInto('quality_turns')
      .values({
        ticket_id: ticketId,
        turn: p.turn,
        workspace_id: p.workspace ?? DEFAULT_WORKSPACE,
        intent: p.intent,
        decision: p.decision,
        channel: p.channel ?? null,
        received_at: p.receivedAt ? new Date(p.receivedAt) : null,
        decided_at: new Date(event.occurredAt),
        cost_usd: p.costUsd ?? 0,
        confirmation: p.reasons.some((r) => CONFIRMATION_CODES.has(r.code)),
        answer: p.answer ? JSON.stringify(p.answer) : null,
      })
      .onConflict((oc) => oc.columns(['ticket_id', 'turn']).doNothing())
      .execute();
  });
}

/** The reply's rating as of its latest revision: an older revision arriving late changes nothing. */
export async function onReplyRated(event: EventOf<typeof ReplyRated>, ctx: HandlerContext): Promise<void> {
  const ticketId = ticketOf(event);
  const p = event.payload;
  const latest = { rating: p.rating, revision: p.revision, rated_at: new Date(p.ratedAt) };
  ctx.write(async (trx) => {
    await trx
      .insertInto('quality_ratings')
      .values({
        reply_id: p.replyId,
        workspace_id: p.workspace,
        ticket_id: ticketId,
        turn: p.turn,
        ...latest,
      })
      .onConflict((oc) =>
        oc.column('reply_id').doUpdateSet(latest).where('quality_ratings.revision', '<', p.revision),
      )
      .execute();
  });
}
