import type { HandlerContext } from '@parley/bus';
import type { EventOf, TicketEscalated } from '@parley/contracts';
import type { TurnDeps } from '../turn.js';
import { decideTurn, requireTicketId } from '../turn.js';

/** A hard rule fired upstream: no retrieval and no draft, straight to a person. */
export async function onTicketEscalated(
  event: EventOf<typeof TicketEscalated>,
  ctx: HandlerContext,
  deps: TurnDeps,
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
