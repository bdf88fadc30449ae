import type { HandlerContext } from '@parley/bus';
import { PermanentError } from '@parley/bus';
import type { EventOf, HandoffRequested } from '@parley/contracts';
import { recordTimeline } from '@parley/audit';
import type { SlaPolicy } from '../sla/policy.js';
import { createInboxItem } from '../inbox/store.js';

export interface HandoffRequestedDeps {
  sla: SlaPolicy;
  now: () => Date;
}

export async function onHandoffRequested(
  event: EventOf<typeof HandoffRequested>,
  ctx: HandlerContext,
  deps: HandoffRequestedDeps,
) {
  const ticketId = event.ticketId;
  if (!ticketId) throw new PermanentError(`${event.type} ${event.id} has no ticket id`);
  const { turn, kind, priority } = event.payload;
  ctx.write(async (trx) => {
    const id = await createInboxItem(trx, event, deps.sla, deps.now());
    // `handoff.requested` is the gate's entry; the item it became is ours, on an entry of our own.
    if (id !== undefined)
      await recordTimeline(trx, {
        ticketId,
        turn,
        type: 'inbox.created',
        service: 'handoff',
        eventId: id,
        detail: { inboxItemId: id, kind, priority },
      });
    ctx.log.info({ turn, inboxItemId: id, created: id !== undefined }, 'inbox item');
  });
}
