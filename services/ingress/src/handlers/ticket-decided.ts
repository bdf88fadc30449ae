import type { HandlerContext } from '@parley/bus';
import type { EventOf, TicketDecided } from '@parley/contracts';
import { decisionStatement } from '../tickets/decision.js';

/** Keeps the ticket's view current; the decision row and its timeline entry are the gate's. */
export async function onTicketDecided(
  event: EventOf<typeof TicketDecided>,
  ctx: HandlerContext,
): Promise<void> {
  ctx.writeInClaim(decisionStatement(event));
}
