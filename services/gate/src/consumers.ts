import type { Catalog } from '@parley/bus';
import { consumer } from '@parley/bus';
import { TicketConfirmation, TicketEscalated, TicketOwnerChanged, TicketResolved } from '@parley/contracts';
import { onTicketConfirmation } from './handlers/confirmation.js';
import type { GateDeps } from './context.js';
import { onTicketEscalated } from './handlers/escalated.js';
import { onTicketOwnerChanged } from './handlers/owner-changed.js';
import { onTicketResolved } from './handlers/resolved.js';

// Deciding is a few queries: short ack wait, quick retries. Everything the gate does is in its commit (the
// decision is made there), so a first delivery goes straight to it.
const limits = {
  ackWaitMs: 15_000,
  maxDeliver: 8,
  backoffMs: [250, 1000, 5000, 15_000],
  concurrency: 8,
  effectsOnlyInCommit: true,
};

export function gateCatalog(deps: GateDeps): Catalog {
  return {
    resolved: consumer({
      event: TicketResolved,
      ...limits,
      handler: (e, ctx) => onTicketResolved(e, ctx, deps),
    }),
    escalated: consumer({
      event: TicketEscalated,
      ...limits,
      handler: (e, ctx) => onTicketEscalated(e, ctx, deps),
    }),
    confirmation: consumer({
      event: TicketConfirmation,
      ...limits,
      handler: (e, ctx) => onTicketConfirmation(e, ctx, deps),
    }),
    // Who owns each ticket, as handoff announces it: the decisions above read it.
    ownerChanged: consumer({ event: TicketOwnerChanged, ...limits, handler: onTicketOwnerChanged }),
  };
}
