import type { Catalog } from '@parley/bus';
import { consumer } from '@parley/bus';
import { HandoffRequested } from '@parley/contracts';
import type { HandoffDeps } from './handlers/handoff-requested.js';
import { onHandoffRequested } from './handlers/handoff-requested.js';

export function handoffCatalog(deps: HandoffDeps): Catalog {
  return {
    requested: consumer({
      event: HandoffRequested,
      ackWaitMs: 15_000,
      maxDeliver: 8,
      backoffMs: [250, 1000, 5000, 15_000],
      concurrency: 4,
      handler: (e, ctx) => onHandoffRequested(e, ctx, deps),
    }),
  };
}
