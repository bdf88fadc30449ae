import type { HandlerContext } from '@parley/bus';
import { PermanentError } from '@parley/bus';
import type { ActionAuthorised, ActionDeclined, ActionSettled, EventOf } from '@parley/contracts';
import { recordCustomerAnswer, recordSettlement } from '../inbox/action-outcomes.js';

function ticketOf(event: { type: string; id: string; ticketId: string | null }): string {
  if (!event.ticketId) throw new PermanentError(`${event.type} ${event.id} has no ticket id`);
  return event.ticketId;
}

/** A customer's "yes" to a read-back: the item that showed the proposal says so (an agent's approval is ours). */
export async function onActionAuthorised(
  event: EventOf<typeof ActionAuthorised>,
  ctx: HandlerContext,
  deps: { now: () => Date },
): Promise<void> {
  const ticketId = ticketOf(event);
  if (event.payload.by.kind !== 'customer') return;
  ctx.write((trx) => recordCustomerAnswer(trx, ticketId, event.payload.proposal, 'approved', deps.now()));
}

export async function onActionDeclined(
  event: EventOf<typeof ActionDeclined>,
  ctx: HandlerContext,
  deps: { now: () => Date },
): Promise<void> {
  const ticketId = ticketOf(event);
  if (event.payload.by.kind !== 'customer') return;
  ctx.write((trx) =>
    recordCustomerAnswer(trx, ticketId, { actionId: event.payload.actionId }, 'rejected', deps.now()),
  );
}

/** The actions service ran (or could not run) an authorised action: the item shows the outcome. */
export async function onActionSettled(
  event: EventOf<typeof ActionSettled>,
  ctx: HandlerContext,
  deps: { now: () => Date },
): Promise<void> {
  const ticketId = ticketOf(event);
  const p = event.payload;
  const outcome = p.status === 'refused' ? p.refusal?.message : p.status === 'failed' ? p.reason : undefined;
  ctx.write((trx) =>
    recordSettlement(trx, ticketId, { actionId: p.actionId, status: p.status, outcome }, deps.now()),
  );
}
