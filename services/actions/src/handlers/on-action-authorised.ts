import { entryFor, recordTimeline } from '@parley/audit';
import type { HandlerContext } from '@parley/bus';
import { PermanentError } from '@parley/bus';
import type { Store } from '@parley/commerce';
import { toolByName } from '@parley/commerce';
import type { ActionAuthorised, EventOf } from '@parley/contracts';
import { ActionSettled, actionReplyId, makeEvent, ReplyRequested } from '@parley/contracts';
import type { ActionsMetrics } from '../events.js';
import type { Settlement } from '../outcome/message.js';
import { outcomeMessage } from '../outcome/message.js';

export interface ExecuteDeps {
  store: Store;
  metrics: ActionsMetrics;
}

/** Runs the authorised write through the store's tool, whose policy checks hold whoever authorised it. */
async function settle(deps: ExecuteDeps, event: EventOf<typeof ActionAuthorised>): Promise<Settlement> {
  const { proposal } = event.payload;
  const tool = toolByName(proposal.tool);
  if (!tool || tool.kind !== 'write') {
    return { status: 'failed', reason: `${proposal.tool} is not a write the store knows` };
  }
  // The action id is the store's idempotency key: a redelivery after a crash between the store's commit and
  // ours gets the first outcome back, and the store changes once.
  const outcome = await tool.run(deps.store, proposal.input, {
    customerId: proposal.customerId,
    actionId: proposal.actionId,
  });
  if (outcome.ok) return { status: 'executed', result: outcome.result as Record<string, unknown> };
  return { status: 'refused', refusal: outcome.refusal };
}

/**
 * Executes an authorised action exactly once and tells the customer what became of it: `action.settled` and the
 * outcome reply commit together with the message's ledger row.
 */
export async function onActionAuthorised(
  event: EventOf<typeof ActionAuthorised>,
  ctx: HandlerContext,
  deps: ExecuteDeps,
): Promise<void> {
  const ticketId = event.ticketId;
  if (!ticketId) throw new PermanentError(`${event.type} ${event.id} has no ticket id`);
  const { turn, proposal, channel } = event.payload;
  const settled = await settle(deps, event);
  const settledEvent = makeEvent(ActionSettled, {
    ticketId,
    payload: {
      turn,
      actionId: proposal.actionId,
      tool: proposal.tool,
      status: settled.status,
      ...(settled.status === 'executed' ? { result: settled.result } : {}),
      ...(settled.status === 'refused' ? { refusal: settled.refusal } : {}),
      ...(settled.status === 'failed' ? { reason: settled.reason } : {}),
    },
  });
  const reply = makeEvent(ReplyRequested, {
    ticketId,
    payload: {
      turn,
      replyId: actionReplyId(proposal.actionId),
      channel,
      source: 'auto',
      body: outcomeMessage(proposal, settled),
      citations: [],
    },
  });
  ctx.write(async (trx) => {
    await recordTimeline(
      trx,
      entryFor(settledEvent, 'actions', {
        actionId: proposal.actionId,
        tool: proposal.tool,
        status: settled.status,
        authorisedBy: event.payload.by.kind,
        ...(settled.status === 'refused' ? { rule: settled.refusal.rule } : {}),
      }),
    );
    await recordTimeline(trx, entryFor(reply, 'actions', { replyId: reply.payload.replyId, source: 'auto' }));
  });
  ctx.emit(settledEvent);
  ctx.emit(reply);
  deps.metrics.settled.inc({ tool: proposal.tool, status: settled.status });
  if (settled.status === 'refused') deps.metrics.refused.inc({ rule: settled.refusal.rule });
  ctx.log.info(
    { actionId: proposal.actionId, tool: proposal.tool, status: settled.status },
    'action settled',
  );
}
