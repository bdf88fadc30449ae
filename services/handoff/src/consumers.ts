import type { Catalog } from '@parley/bus';
import { consumer } from '@parley/bus';
import { HandoffRequested, ReplyFailed } from '@parley/contracts';
import type { HandoffMetrics } from './events.js';
import type { HandoffDeps } from './handlers/handoff-requested.js';
import { onHandoffRequested } from './handlers/handoff-requested.js';
import { onReplyFailed } from './handlers/reply-failed.js';

export function handoffCatalog(deps: HandoffDeps & { metrics: HandoffMetrics }): Catalog {
  return {
    requested: consumer({
      event: HandoffRequested,
      ackWaitMs: 15_000,
      maxDeliver: 8,
      backoffMs: [250, 1000, 5000, 15_000],
      concurrency: 4,
      handler: (e, ctx) => onHandoffRequested(e, ctx, deps),
    }),
    replyFailed: consumer({
      event: ReplyFailed,
      ackWaitMs: 15_000,
      maxDeliver: 8,
      backoffMs: [250, 1000, 5000, 15_000],
      concurrency: 2,
      handler: (e, ctx) => onReplyFailed(e, ctx, deps),
    }),
  };
}
