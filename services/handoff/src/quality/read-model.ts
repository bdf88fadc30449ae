import type { HandlerContext } from '@parley/bus';
import { IF_CLAIMED, PermanentError } from '@parley/bus';
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

/** A turn's decision, once (a redelivery finds the row and changes nothing), in the message's claim statement. */
export async function onTurnDecided(
  event: EventOf<typeof TicketDecided>,
  ctx: HandlerContext,
): Promise<void> {
  const ticketId = ticketOf(event);
  const p = event.payload;
  ctx.writeInClaim({
    sql: INSERT_TURN,
    params: [
      ticketId,
      p.turn,
      p.workspace ?? DEFAULT_WORKSPACE,
      p.intent,
      p.decision,
      p.channel ?? null,
      p.receivedAt ? new Date(p.receivedAt) : null,
      new Date(event.occurredAt),
      p.costUsd ?? 0,
      p.reasons.some((r) => CONFIRMATION_CODES.has(r.code)),
      p.answer ? JSON.stringify(p.answer) : null,
    ],
  });
}

const INSERT_TURN = `insert into quality_turns (ticket_id, turn, workspace_id, intent, decision, channel, received_at,
      decided_at, cost_usd, confirmation, answer)
    select $1, $2, $3, $4, $5, $6, $7::timestamptz, $8::timestamptz, $9, $10, $11::jsonb where ${IF_CLAIMED}
    on conflict (ticket_id, turn) do nothing`;

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
