import type { HandlerContext } from '@parley/bus';
import type { EventOf, TicketResolved } from '@parley/contracts';
import type { TurnDeps } from '../turn.js';
import { decideTurn, requireTicketId } from '../turn.js';
import { askedWords, declinesOffer, itemPickedFromList, orderPickedFromList } from '@parley/wording';

export async function onTicketResolved(
  event: EventOf<typeof TicketResolved>,
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
      draft: p.draft,
      sources: p.retrieval.passages,
      customer: p.retrieval.customer,
      traceparent: event.traceparent,
    },
    {
      source: 'resolved',
      routing: p.routing,
      retrieval: p.retrieval,
      draft: p.draft,
      noDraftReason: p.noDraftReason,
      // The details an order lookup asked for are read as the question they answer.
      question: askedWords(p.ticket),
      followUp: p.ticket.history.length > 0,
      pickedOrder: orderPickedFromList(p.ticket.history, p.ticket.body),
      pickedItem: itemPickedFromList(p.ticket.history, p.ticket.body),
      declinedOffer: declinesOffer(p.ticket.history, p.ticket.body),
    },
    ctx,
    deps,
  );
}
