import { entryFor, recordTimeline } from '@parley/audit';
import type { HandlerContext } from '@parley/bus';
import type { EventOf, ReplyRequested } from '@parley/contracts';
import { makeEvent, ReplyFailed } from '@parley/contracts';
import { deliverReply } from '../delivery/deliver.js';
import { proposedChange, recordChange } from '../tickets/actions.js';
import type { IngressDeps } from '../context.js';

export async function onReplyRequested(
  event: EventOf<typeof ReplyRequested>,
  ctx: HandlerContext,
  deps: Pick<IngressDeps, 'senders' | 'metrics' | 'config'>,
): Promise<void> {
  const { channel, readsBack, turn } = event.payload;
  const ticketId = event.ticketId;
  ctx.write(async (trx) => {
    // A read-back is recorded in the commit that delivers it: the customer's "yes" may arrive before this
    // service's `action.proposed` consumer has run, and must find the proposal waiting.
    if (readsBack && ticketId)
      await recordChange(trx, ticketId, proposedChange(turn, readsBack.proposal, readsBack.confirmBy));
    // The event is written from inside the write because only the delivery's claim knows whether this is the
    // first delivery; the bus publishes it after the commit.
    const delivered = await deliverReply(trx, event, deps.senders, ctx.writeGuarded, deps.config.ratings);
    deps.metrics.delivered.inc({ channel, outcome: delivered ? 'delivered' : 'already_delivered' });
    ctx.log.info({ replyId: event.payload.replyId, delivered: Boolean(delivered) }, 'reply handled');
  });
}

/**
 * A reply given up on (dead-lettered): the customer did not get it. Announced as `reply.failed` with its
 * timeline entry, so the inbox reopens an agent's item and the failure is counted and alerted on.
 */
export async function onReplyGivenUp(
  event: EventOf<typeof ReplyRequested>,
  reason: string,
  ctx: HandlerContext,
  deps: Pick<IngressDeps, 'metrics'>,
): Promise<void> {
  const { turn, replyId, channel, source, agentId } = event.payload;
  const failed = makeEvent(ReplyFailed, {
    ticketId: event.ticketId,
    payload: {
      turn,
      replyId,
      channel,
      source,
      ...(agentId ? { agentId } : {}),
      reason: reason.slice(0, 500),
    },
  });
  ctx.write(async (trx) => {
    await recordTimeline(
      trx,
      entryFor(failed, 'ingress', { replyId, channel, source, reason: failed.payload.reason }),
    );
  });
  ctx.emit(failed);
  deps.metrics.failed.inc({ channel, source });
  ctx.log.error({ replyId, channel, source }, 'reply could not be delivered and was given up on');
}
