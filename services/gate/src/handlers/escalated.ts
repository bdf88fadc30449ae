import type { HandlerContext } from '@parley/bus';
import type { EventOf, TicketEscalated } from '@parley/contracts';
import type { GateDeps } from './decide-turn.js';
import { decideTurn, requireTicketId } from './decide-turn.js';

/** A hard rule fired upstream: no retrieval and no draft, straight to a person. */
export async function onEscalated(
  event: EventOf<typeof TicketEscalated>,
  ctx: HandlerContext,
  deps: GateDeps,
) {
  const p = event.payload;
  const ticketId = requireTicketId(event);
  decideTurn(
    {
      ticketId,
      turn: p.turn,
      ticket: p.ticket,
      routing: p.routing,
      draft: null,
      sources: [],
      customer: null,
      traceparent: event.traceparent,
    },
    { source: 'escalated', routing: p.routing, retrieval: null, draft: null },
    ctx,
    deps,
  );
}
