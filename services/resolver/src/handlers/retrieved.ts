import type { HandlerContext } from '@parley/bus';
import { PermanentError } from '@parley/bus';
import type { EventOf, TicketRetrieved } from '@parley/contracts';
import { makeEvent, TicketResolved } from '@parley/contracts';
import { entryFor, recordTimeline } from '@parley/audit';
import type { Composer } from '../compose/composer.js';
import type { ResolverMetrics } from '../events.js';

export interface ResolverDeps {
  composer: Composer;
  metrics: ResolverMetrics;
}

const SERVICE = 'resolver';

export async function onRetrieved(
  event: EventOf<typeof TicketRetrieved>,
  ctx: HandlerContext,
  deps: ResolverDeps,
) {
  if (!event.ticketId) throw new PermanentError(`${event.type} ${event.id} has no ticket id`);
  const { turn, ticket, routing, retrieval } = event.payload;
  const result = await deps.composer.compose({ ticket, routing, retrieval });
  const resolved = makeEvent(TicketResolved, {
    ticketId: event.ticketId,
    traceparent: event.traceparent,
    payload: { turn, ticket, routing, retrieval, draft: result.draft, noDraftReason: result.noDraftReason },
  });
  const draft = result.draft;
  deps.metrics.drafts.inc({ composer: deps.composer.name, outcome: draft ? 'draft' : 'none' });
  if (draft) deps.metrics.groundedness.observe({ composer: deps.composer.name }, draft.groundedness);
  ctx.emit(resolved);
  ctx.write(async (trx) => {
    await recordTimeline(trx, entryFor(event, SERVICE));
    await recordTimeline(
      trx,
      entryFor(resolved, SERVICE, {
        draft: draft !== null,
        ...(draft
          ? {
              groundedness: draft.groundedness,
              citations: draft.citations.length,
              action: draft.action ?? null,
            }
          : { noDraftReason: result.noDraftReason }),
        model: draft?.model.name ?? null,
      }),
    );
  });
}
