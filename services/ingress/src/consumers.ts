import type { Catalog } from '@parley/bus';
import { consumer } from '@parley/bus';
import {
  ActionAuthorised,
  ActionDeclined,
  ActionProposed,
  ActionSettled,
  ReplyRequested,
  TicketDecided,
  TicketOwnerChanged,
} from '@parley/contracts';
import type { IngressDeps } from './context.js';
import { onActionChanged } from './handlers/action-changed.js';
import { onTicketOwnerChanged } from './handlers/owner-changed.js';
import { onReplyGivenUp, onReplyRequested } from './handlers/reply-requested.js';
import { onTicketDecided } from './handlers/ticket-decided.js';

/**
 * What ingress consumes: replies to deliver, and decisions, owners and actions to show on the ticket. Every
 * handler does its work in its writes (a reply is delivered inside the commit, after the ledger claim), so a
 * first delivery goes straight to the commit. All but the replies commit together with other messages ready at
 * the same time (the bus's group commit).
 */
export function ingressCatalog(deps: IngressDeps): Catalog {
  return {
    replyRequested: consumer({
      event: ReplyRequested,
      ackWaitMs: 30_000,
      maxDeliver: 10,
      backoffMs: [500, 2_000, 10_000, 30_000],
      concurrency: 8,
      effectsOnlyInCommit: true,
      // The reply is sent from inside the write: each in a transaction of its own, so one slow channel does not
      // hold other replies' commits, and a transaction lost before its commit re-sends one reply, not several.
      commitAlone: true,
      handler: (e, ctx) => onReplyRequested(e, ctx, deps),
      onDeadLetter: (e, reason, ctx) => onReplyGivenUp(e, reason, ctx, deps),
    }),
    ticketDecided: consumer({
      event: TicketDecided,
      ackWaitMs: 15_000,
      maxDeliver: 10,
      backoffMs: [500, 2_000, 10_000],
      concurrency: 8,
      effectsOnlyInCommit: true,
      handler: onTicketDecided,
    }),
    ownerChanged: consumer({
      event: TicketOwnerChanged,
      ackWaitMs: 15_000,
      maxDeliver: 10,
      backoffMs: [500, 2_000, 10_000],
      concurrency: 4,
      effectsOnlyInCommit: true,
      handler: onTicketOwnerChanged,
    }),
    ...Object.fromEntries(
      (
        [
          ['actionProposed', ActionProposed],
          ['actionAuthorised', ActionAuthorised],
          ['actionDeclined', ActionDeclined],
          ['actionSettled', ActionSettled],
        ] as const
      ).map(([name, event]) => [
        name,
        consumer({
          event,
          ackWaitMs: 15_000,
          maxDeliver: 10,
          backoffMs: [500, 2_000, 10_000],
          concurrency: 4,
          effectsOnlyInCommit: true,
          handler: onActionChanged,
        }),
      ]),
    ),
  };
}
