import type { HandlerContext } from '@parley/bus';
import { PermanentError } from '@parley/bus';
import type { EventOf, HandoffRequested } from '@parley/contracts';
import type { SlaPolicy } from '../sla/policy.js';
import { inboxItemId, inboxItemStatement } from '../inbox/store.js';

export interface HandoffRequestedDeps {
  sla: SlaPolicy;
  now: () => Date;
}

export async function onHandoffRequested(
  event: EventOf<typeof HandoffRequested>,
  ctx: HandlerContext,
  deps: HandoffRequestedDeps,
) {
  const ticketId = event.ticketId;
  if (!ticketId) throw new PermanentError(`${event.type} ${event.id} has no ticket id`);
  const { turn, kind, priority } = event.payload;
  const item = inboxItemStatement(event, deps.sla, deps.now());
  const id = inboxItemId(ticketId, turn);
  ctx.writeInClaim(item);
  // `handoff.requested` is the gate's entry; the item it became is ours, on an entry of our own (one per item:
  // the entry's event id is the item's, so a second request for the same turn records nothing more).
  ctx.record({
    ticketId,
    turn,
    type: 'inbox.created',
    service: 'handoff',
    eventId: id,
    detail: { inboxItemId: id, kind, priority },
  });
}
