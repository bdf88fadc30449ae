import type { HandlerContext } from '@parley/bus';
import { PermanentError } from '@parley/bus';
import type { EventOf, TicketRetrieved } from '@parley/contracts';
import { makeEvent, TicketResolved } from '@parley/contracts';
import { entryFor } from '@parley/audit';
import type { ComposeHandoffKind, ModelCall } from '../compose/composer.js';
import type { ResolverDeps } from '../context.js';
import { observeModelCall } from '../events.js';

const SERVICE = 'resolver';

export async function onTicketRetrieved(
  event: EventOf<typeof TicketRetrieved>,
  ctx: HandlerContext,
  deps: ResolverDeps,
) {
  if (!event.ticketId) throw new PermanentError(`${event.type} ${event.id} has no ticket id`);
  const { turn, ticket, routing, retrieval } = event.payload;
  const result = await deps.composer.compose({ ticket, routing, retrieval, ticketId: event.ticketId, turn });
  const resolved = makeEvent(TicketResolved, {
    ticketId: event.ticketId,
    traceparent: event.traceparent,
    payload: { turn, ticket, routing, retrieval, draft: result.draft, noDraftReason: result.noDraftReason },
  });
  const draft = result.draft;
  deps.metrics.drafts.inc({ composer: deps.composer.name, outcome: draft ? 'draft' : 'none' });
  if (draft) deps.metrics.groundedness.observe({ composer: deps.composer.name }, draft.groundedness);
  if (result.call) observeModelCall(deps.metrics, result.call);
  if (result.call && result.call.outcome !== 'ok') {
    const { provider, model, tier, outcome } = result.call;
    ctx.log.warn(
      { ticketId: event.ticketId, provider, model, tier, outcome },
      isHandoff(outcome)
        ? 'hosted composer wrote no draft: a person takes over'
        : 'hosted composer fell back to the local draft',
    );
  }
  ctx.emit(resolved);
  // `ticket.retrieved` has retrieval's entry; ours is the draft's.
  ctx.record(
    entryFor(resolved, SERVICE, {
      draft: draft !== null,
      ...(draft
        ? {
            groundedness: draft.groundedness,
            citations: draft.citations.length,
            action: draft.action ?? null,
            usage: draft.usage,
            // The composer's measure of how much of the question a help-centre answer covers (counts only).
            ...(draft.coverage ? { coverage: draft.coverage } : {}),
          }
        : { noDraftReason: result.noDraftReason }),
      model: draft?.model.name ?? null,
      ...(result.call ? callDetail(result.call) : {}),
    }),
  );
}

const HANDOFFS: readonly string[] = ['tool_round_cap', 'handoff'] satisfies ComposeHandoffKind[];
const isHandoff = (outcome: ModelCall['outcome']) => HANDOFFS.includes(outcome);

/**
 * The hosted call's own accounting, also when its reply was not used (the draft's usage is then the local
 * composer's zero): model, tier, time, requests, tokens and cost, each round's tokens, cost and tool-call outcomes,
 * and why it fell back or handed over. Never prompt, reply or tool text.
 */
function callDetail(call: ModelCall): Record<string, unknown> {
  return {
    composerModel: { provider: call.provider, name: call.model, tier: call.tier },
    composerMs: call.ms,
    ...(call.attempts !== undefined ? { composerAttempts: call.attempts } : {}),
    ...(call.usage ? { composerUsage: call.usage } : {}),
    ...(call.rounds?.length ? { composerRounds: call.rounds } : {}),
    ...(call.outcome === 'ok'
      ? {}
      : isHandoff(call.outcome)
        ? { composerHandoff: call.outcome }
        : { composerFallback: call.outcome }),
  };
}
