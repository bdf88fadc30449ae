import type { Catalog } from '@parley/bus';
import { consumer } from '@parley/bus';
import {
  ActionAuthorised,
  ActionDeclined,
  ActionSettled,
  HandoffRequested,
  ReplyFailed,
  ReplyRated,
  SlaBreached,
  TicketDecided,
} from '@parley/contracts';
import type { HandoffDeps } from './context.js';
import { ZendeskClient } from './desk/zendesk-client.js';
import { onActionAuthorised, onActionDeclined, onActionSettled } from './handlers/action-events.js';
import { onDeskMirror } from './handlers/desk-mirror.js';
import { onHandoffRequested } from './handlers/handoff-requested.js';
import { onReplyFailed } from './handlers/reply-failed.js';
import { onSlaBreached } from './handlers/sla-breached.js';
import { onReplyRated, onTurnDecided } from './quality/read-model.js';

/**
 * The inbox, the items' actions and the quality read model do all their work in their writes, so a first
 * delivery goes straight to the commit (`effectsOnlyInCommit`); a failed reply counts a metric and the optional
 * consumers call other systems, so those read the ledger first and commit each message alone (`commitAlone`).
 */
export function handoffCatalog(deps: HandoffDeps): Catalog {
  const catalog: Catalog = {
    requested: consumer({
      event: HandoffRequested,
      ackWaitMs: 15_000,
      maxDeliver: 8,
      backoffMs: [250, 1000, 5000, 15_000],
      concurrency: 4,
      effectsOnlyInCommit: true,
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
    // What became of proposed actions, shown on the item that proposed them.
    actionAuthorised: consumer({
      event: ActionAuthorised,
      ackWaitMs: 15_000,
      maxDeliver: 8,
      backoffMs: [250, 1000, 5000, 15_000],
      concurrency: 2,
      effectsOnlyInCommit: true,
      handler: (e, ctx) => onActionAuthorised(e, ctx, deps),
    }),
    actionDeclined: consumer({
      event: ActionDeclined,
      ackWaitMs: 15_000,
      maxDeliver: 8,
      backoffMs: [250, 1000, 5000, 15_000],
      concurrency: 2,
      effectsOnlyInCommit: true,
      handler: (e, ctx) => onActionDeclined(e, ctx, deps),
    }),
    actionSettled: consumer({
      event: ActionSettled,
      ackWaitMs: 15_000,
      maxDeliver: 8,
      backoffMs: [250, 1000, 5000, 15_000],
      concurrency: 2,
      effectsOnlyInCommit: true,
      handler: (e, ctx) => onActionSettled(e, ctx, deps),
    }),
    // The quality report's read model: every turn's decision and every rating of an automated reply.
    turnDecided: consumer({
      event: TicketDecided,
      ackWaitMs: 15_000,
      maxDeliver: 8,
      backoffMs: [250, 1000, 5000, 15_000],
      concurrency: 4,
      effectsOnlyInCommit: true,
      handler: onTurnDecided,
    }),
    replyRated: consumer({
      event: ReplyRated,
      ackWaitMs: 15_000,
      maxDeliver: 8,
      backoffMs: [250, 1000, 5000, 15_000],
      concurrency: 2,
      effectsOnlyInCommit: true,
      handler: onReplyRated,
    }),
  };
  // The optional consumers exist only when configured (a webhook URL, a desk client).
  const webhook = deps.slaWebhook;
  if (typeof webhook?.url === 'string') {
    catalog.slaWebhook = consumer({
      event: SlaBreached,
      ackWaitMs: webhook.timeoutMs + 5_000,
      // Bounded: a receiver down for longer than the backoff adds up to is told through the dead letter.
      maxDeliver: webhook.attempts,
      backoffMs: [1_000, 5_000, 30_000, 120_000, 600_000],
      concurrency: 2,
      // Posts to another system before the commit: alone, so a lost transaction repeats one post.
      commitAlone: true,
      handler: (e, ctx) => onSlaBreached(e, ctx, { db: deps.db, webhook }),
      onDeadLetter: async () => deps.metrics.slaWebhookFailures.inc(),
    });
  }
  const zendesk = deps.zendesk;
  if (zendesk instanceof ZendeskClient) {
    catalog.deskMirror = consumer({
      event: HandoffRequested,
      // A second consumer of handoff.requested: its own durable, so it sees every turn the inbox sees.
      durable: 'desk_mirror',
      ackWaitMs: 60_000,
      maxDeliver: 10,
      backoffMs: [1_000, 5_000, 30_000, 120_000, 600_000],
      // One at a time: a ticket's turns reach the desk in order, and its first turn creates the desk ticket.
      concurrency: 1,
      // Changes the desk before the commit: alone, so a lost transaction repeats one desk call.
      commitAlone: true,
      handler: (e, ctx) => onDeskMirror(e, ctx, { db: deps.db, zendesk, metrics: deps.metrics }),
    });
  }
  return catalog;
}
