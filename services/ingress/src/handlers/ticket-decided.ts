import type { HandlerContext } from '@parley/bus';
import type { EventOf, TicketDecided } from '@parley/contracts';
import { applyDecision } from '../tickets/decision.js';

/** Keeps the ticket's view current; the decision row and its timeline entry are the gate's. */
export async function onTicketDecided(
  event: EventOf<typeof TicketDecided>,
  ctx: HandlerContext,
): Promise<void> {
  ctx.write(async (trx) => {
    const applied = await applyDecision(trx, event);
    if (!applied)
      ctx.log.info(
        { turn: event.payload.turn },
        'decision for an earlier turn or unknown ticket; view unchanged',
      );
  });
}
