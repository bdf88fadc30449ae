import type { EventOf } from '@parley/contracts';
import { anonymousTurn } from '@parley/contracts/testing';
import { makeEvent, TicketReceived, TicketRouted } from '@parley/contracts';

export function received(ticketId: string, turn = 1): EventOf<typeof TicketReceived> {
  return makeEvent(TicketReceived, {
    ticketId,
    payload: {
      turn,
      ticket: anonymousTurn('Where is my order?', { receivedAt: new Date(0).toISOString() }),
    },
  });
}

/** What the test handlers emit downstream for a received event. */
export function routedFrom(event: EventOf<typeof TicketReceived>): EventOf<typeof TicketRouted> {
  return makeEvent(TicketRouted, {
    ticketId: event.ticketId!,
    payload: {
      turn: event.payload.turn,
      ticket: event.payload.ticket,
      routing: {
        intent: 'order_status',
        confidence: 0.9,
        band: 'auto',
        tier: 'local',
        outOfScope: false,
        sentiment: { score: 0, label: 'neutral' },
        allowedTools: [],
        rules: [],
        router: 'local-model',
      },
    },
  });
}
