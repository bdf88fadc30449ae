import type { Catalog } from '@parley/bus';
import { consumer } from '@parley/bus';
import { TicketConfirmation, TicketEscalated, TicketOwnerChanged, TicketResolved } from '@parley/contracts';
import { onConfirmation } from './handlers/confirmation.js';
import type { GateDeps } from './handlers/decide-turn.js';
import { onEscalated } from './handlers/escalated.js';
import { onOwnerChanged } from './handlers/owner-changed.js';
import { onResolved } from './handlers/resolved.js';

// Deciding is a few queries: short ack wait, quick retries.
const limits = { ackWaitMs: 15_000, maxDeliver: 8, backoffMs: [250, 1000, 5000, 15_000], concurrency: 8 };

export function gateCatalog(deps: GateDeps): Catalog {
  return {
    resolved: consumer({ event: TicketResolved, ...limits, handler: (e, ctx) => onResolved(e, ctx, deps) }),
    escalated: consumer({
      event: TicketEscalated,
      ...limits,
      handler: (e, ctx) => onEscalated(e, ctx, deps),
    }),
    confirmation: consumer({
      event: TicketConfirmation,
      ...limits,
      handler: (e, ctx) => onConfirmation(e, ctx, deps),
    }),
    // Who owns each ticket, as handoff announces it: the decisions above read it.
    ownerChanged: consumer({ event: TicketOwnerChanged, ...limits, handler: onOwnerChanged }),
  };
}
