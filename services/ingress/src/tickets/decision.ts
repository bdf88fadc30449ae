import type { ClaimedStatement } from '@parley/bus';
import { IF_CLAIMED } from '@parley/bus';
import type { EventOf, TicketDecided } from '@parley/contracts';

/**
 * Mirrors the gate's decision into the ticket's view (status, intent, band), as one statement of the message's
 * claim. A decision for an older turn arriving after a follow-up started a new one changes nothing: the view
 * shows the latest turn.
 */
export function decisionStatement(event: EventOf<typeof TicketDecided>): ClaimedStatement {
  const { turn, decision, intent, band } = event.payload;
  return { sql: APPLY_DECISION, params: [decision, intent, band, event.ticketId, turn] };
}

const APPLY_DECISION = `update tickets set status = $1, intent = $2, band = $3, updated_at = now()
    where id = $4 and current_turn = $5 and ${IF_CLAIMED}`;
