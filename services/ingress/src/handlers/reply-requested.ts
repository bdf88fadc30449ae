import type { HandlerContext } from '@parley/bus';
import type { EventOf, ReplyRequested } from '@parley/contracts';
import { deliverReply } from '../delivery/deliver.js';
import type { IngressContext } from '../context.js';

export function handleReplyRequested(deps: Pick<IngressContext, 'senders' | 'metrics'>) {
  return async (event: EventOf<typeof ReplyRequested>, ctx: HandlerContext): Promise<void> => {
    const { channel } = event.payload;
    ctx.write(async (trx) => {
      const delivered = await deliverReply(trx, event, deps.senders);
      // Emitted from inside the write because only the ledger claim knows whether this is the first
      // delivery; the bus writes queued events to the outbox after the writes, in the same transaction.
      if (delivered) ctx.emit(delivered);
      deps.metrics.delivered.inc({ channel, outcome: delivered ? 'delivered' : 'already_delivered' });
      ctx.log.info({ replyId: event.payload.replyId, delivered: Boolean(delivered) }, 'reply handled');
    });
  };
}
