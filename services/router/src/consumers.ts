import type { Catalog } from '@parley/bus';
import { consumer } from '@parley/bus';
import { TicketReceived } from '@parley/contracts';
import type { RouteDeps } from './handlers/route-ticket.js';
import { routeTicket } from './handlers/route-ticket.js';

/** The router's one consumer: local classification is fast, so short ack waits and quick retries. */
export function routerCatalog(deps: RouteDeps, concurrency: number): Catalog {
  return {
    received: consumer({
      event: TicketReceived,
      ackWaitMs: 30_000,
      maxDeliver: 5,
      backoffMs: [500, 2000, 5000, 15_000],
      concurrency,
      handler: (event, ctx) => routeTicket(event, ctx, deps),
    }),
  };
}
