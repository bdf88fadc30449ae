import type { HandlerContext } from '@parley/bus';
import { PermanentError } from '@parley/bus';
import type { EventOf, ReasonCode, ReplyFailed } from '@parley/contracts';
import { recordTimeline } from '@parley/audit';
import { sql } from 'kysely';
import type { HandoffMetrics } from '../events.js';

/**
 * A reply the customer never got. An agent's reply puts its inbox item back in the queue, at urgent priority
 * and with the reason, so the agent sees that what they sent did not arrive; every failure is counted for the
 * alert (`handoff_delivery_failures_total`).
 */
export async function onReplyFailed(
  event: EventOf<typeof ReplyFailed>,
  ctx: HandlerContext,
  deps: { metrics: HandoffMetrics; now: () => Date },
) {
  const ticketId = event.ticketId;
  if (!ticketId) throw new PermanentError(`${event.type} ${event.id} has no ticket id`);
  const { turn, source, replyId } = event.payload;
  deps.metrics.deliveryFailures.inc({ source });
  ctx.log.error({ replyId, source, turn }, 'a reply was not delivered');
  if (source !== 'agent') return;
  const reason: ReasonCode = { code: 'delivery_failed', detail: `reply ${replyId} was not delivered` };
  ctx.write(async (trx) => {
    const reopened = await trx
      .updateTable('inbox_items')
      .set({
        status: 'open',
        priority: 'urgent',
        reasons: sql`reasons || ${JSON.stringify([reason])}::jsonb`,
        updated_at: deps.now(),
      })
      .where('ticket_id', '=', ticketId)
      .where('turn', '=', turn)
      .where('status', '=', 'sent')
      .returning('id')
      .executeTakeFirst();
    if (!reopened) return;
    await recordTimeline(trx, {
      ticketId,
      turn,
      type: 'inbox.reopened',
      service: 'handoff',
      eventId: `reopen:${replyId}`,
      detail: { inboxItemId: reopened.id, reason: reason.code, replyId },
    });
  });
}
