import type { Catalog } from '@parley/bus';
import { consumer } from '@parley/bus';
import { TicketRetrieved } from '@parley/contracts';
import type { ResolverDeps } from './context.js';
import { onTicketRetrieved } from './handlers/retrieved.js';

export function resolverCatalog(deps: ResolverDeps): Catalog {
  return {
    // Hosted model tiers can take tens of seconds; the bus heartbeats, so ack_wait bounds one stuck attempt.
    retrieved: consumer({
      event: TicketRetrieved,
      ackWaitMs: 60_000,
      maxDeliver: 6,
      backoffMs: [1000, 5000, 15_000, 60_000],
      concurrency: 4,
      // With the local composer alone a duplicate's second draft costs only CPU, so a first delivery skips the
      // ledger read (the claim still refuses the duplicate); a hosted model's would be paid twice.
      effectsOnlyInCommit: deps.composer.provider === 'local',
      handler: (e, ctx) => onTicketRetrieved(e, ctx, deps),
    }),
  };
}
