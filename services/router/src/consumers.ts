import type { Catalog } from '@parley/bus';
import { consumer } from '@parley/bus';
import { TicketReceived } from '@parley/contracts';
import type { RouterDeps } from './context.js';
import { onTicketReceived } from './handlers/ticket-received.js';

/** The router's one consumer: local classification is fast, so short ack waits and quick retries. */
export function routerCatalog(deps: RouterDeps, concurrency: number): Catalog {
  return {
    received: consumer({
      event: TicketReceived,
      ackWaitMs: 30_000,
      maxDeliver: 5,
      backoffMs: [500, 2000, 5000, 15_000],
      concurrency,
      // Classifying has no effect outside the commit: a duplicate is refused there.
      effectsOnlyInCommit: true,
      handler: (event, ctx) => onTicketReceived(event, ctx, deps),
    }),
  };
}
