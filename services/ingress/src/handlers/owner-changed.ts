import type { HandlerContext } from '@parley/bus';
import type { EventOf, TicketOwnerChanged } from '@parley/contracts';
import { applyOwnerChange } from '../tickets/owner.js';

/** Keeps the ticket's owner current; the change and its timeline entry are handoff's. */
export async function onTicketOwnerChanged(
  event: EventOf<typeof TicketOwnerChanged>,
  ctx: HandlerContext,
): Promise<void> {
  ctx.write(async (trx) => {
    const applied = await applyOwnerChange(trx, event);
    if (!applied)
      ctx.log.info(
        { seq: event.payload.seq },
        'owner change older than the view, or unknown ticket; unchanged',
      );
  });
}
