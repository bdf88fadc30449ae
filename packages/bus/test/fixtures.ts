import type { EventOf } from '@parley/contracts';
import { anonymousTurn, localRouting } from '@parley/contracts/testing';
import { makeEvent, TicketReceived, TicketRouted } from '@parley/contracts';
import { sql } from 'kysely';
import type { Catalog, ConsumerSpec, HandlerContext } from '../src/index.js';
import { consumer } from '../src/index.js';

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
      routing: localRouting(),
    },
  });
}

/**
 * Holds each caller until `n` are waiting, then lets them all go in one turn: handlers that await it finish
 * together, so their commits go in one transaction (the bus's group commit).
 */
export function together(n: number): () => Promise<void> {
  let waiting: Array<() => void> = [];
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      if (waiting.length < n) return;
      const all = waiting;
      waiting = [];
      for (const go of all) go();
    });
}

/**
 * Adds the message's row to the `effects` table of the group-commit tests (n + 1 if it is there), with the
 * delivery it committed on and its transaction, so a test can tell which messages committed together and which
 * only after a retry; and emits the message's downstream event.
 */
export function recordEffect(event: EventOf<typeof TicketReceived>, ctx: HandlerContext, by = 'a'): void {
  ctx.write(async (trx) => {
    await sql`insert into effects (ticket_id, handled_by, delivery, tx)
              values (${event.ticketId}, ${by}, ${ctx.deliveryCount}, txid_current())
              on conflict (ticket_id) do update set n = effects.n + 1`.execute(trx);
  });
  ctx.emit(routedFrom(event));
}

/** A catalog of one `ticket.received` consumer handling `concurrency` messages at once, quick to retry. */
export function batchConsumer(
  concurrency: number,
  handler: ConsumerSpec<typeof TicketReceived>['handler'],
  extra: Partial<ConsumerSpec<typeof TicketReceived>> = {},
): Catalog {
  return {
    received: consumer({
      event: TicketReceived,
      ackWaitMs: 2000,
      maxDeliver: 3,
      backoffMs: [100],
      concurrency,
      handler,
      ...extra,
    }),
  };
}
