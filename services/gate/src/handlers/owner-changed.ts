import type { HandlerContext } from '@parley/bus';
import type { EventOf, TicketOwnerChanged } from '@parley/contracts';
import { applyOwnerChange } from '../decision/commit.js';
import { requireTicketId } from '../turn.js';

/**
 * Keeps the gate's view of who owns the ticket: from the take-over on, no turn of it is auto-sent. The change's
 * timeline entry is handoff's, which made it.
 */
export async function onTicketOwnerChanged(event: EventOf<typeof TicketOwnerChanged>, ctx: HandlerContext) {
  const ticketId = requireTicketId(event);
  const { owner, seq } = event.payload;
  ctx.write(async (trx) => {
    const applied = await applyOwnerChange(trx, ticketId, { owner, seq, at: new Date(event.occurredAt) });
    ctx.log.info({ owner, seq, applied }, applied ? 'owner changed' : 'older owner change; view unchanged');
  });
}
