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
import { handleActionChanged } from './handlers/action-changed.js';
import type { IngressContext } from './context.js';
import { handleReplyGivenUp, handleReplyRequested } from './handlers/reply-requested.js';
import { handleTicketDecided } from './handlers/ticket-decided.js';
import { handleOwnerChanged } from './handlers/owner-changed.js';

/** What ingress consumes: replies to deliver, and decisions, owners and actions to show on the ticket. */
export function ingressCatalog(context: IngressContext): Catalog {
  return {
    replyRequested: consumer({
      event: ReplyRequested,
      ackWaitMs: 30_000,
      maxDeliver: 10,
      backoffMs: [500, 2_000, 10_000, 30_000],
      concurrency: 8,
      handler: handleReplyRequested(context),
      onDeadLetter: handleReplyGivenUp(context),
    }),
    ticketDecided: consumer({
      event: TicketDecided,
      ackWaitMs: 15_000,
      maxDeliver: 10,
      backoffMs: [500, 2_000, 10_000],
      concurrency: 8,
      handler: handleTicketDecided(),
    }),
    ownerChanged: consumer({
      event: TicketOwnerChanged,
      ackWaitMs: 15_000,
      maxDeliver: 10,
      backoffMs: [500, 2_000, 10_000],
      concurrency: 4,
      handler: handleOwnerChanged(),
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
          handler: handleActionChanged(),
        }),
      ]),
    ),
  };
}
