import type { Catalog } from '@parley/bus';
import { consumer } from '@parley/bus';
import { TicketRouted } from '@parley/contracts';
import type { RetrievalDeps } from './context.js';
import { onTicketRouted } from './handlers/ticket-routed.js';

/** The retrieval consumer: in-memory search and two small queries, so short ack waits. */
export function retrievalCatalog(deps: RetrievalDeps, concurrency: number): Catalog {
  return {
    routed: consumer({
      event: TicketRouted,
      ackWaitMs: 30_000,
      maxDeliver: 5,
      backoffMs: [500, 2000, 5000, 15_000],
      concurrency,
      // Searching has no effect outside the commit: a duplicate is refused there.
      effectsOnlyInCommit: true,
      handler: (event, ctx) => onTicketRouted(event, ctx, deps),
    }),
  };
}
