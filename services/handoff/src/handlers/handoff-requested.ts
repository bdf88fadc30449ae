import type { HandlerContext } from '@parley/bus';
import { PermanentError } from '@parley/bus';
import type { EventOf, HandoffRequested } from '@parley/contracts';
import { entryFor, recordTimeline } from '@parley/audit';
import type { SlaPolicy } from '../sla/policy.js';
import { createInboxItem } from '../inbox/store.js';

export interface HandoffDeps {
  sla: SlaPolicy;
  now: () => Date;
}

export async function onHandoffRequested(
  event: EventOf<typeof HandoffRequested>,
  ctx: HandlerContext,
  deps: HandoffDeps,
) {
  if (!event.ticketId) throw new PermanentError(`${event.type} ${event.id} has no ticket id`);
  ctx.write(async (trx) => {
    const id = await createInboxItem(trx, event, deps.sla, deps.now());
    await recordTimeline(
      trx,
      entryFor(event, 'handoff', {
        kind: event.payload.kind,
        priority: event.payload.priority,
        inboxItemId: id ?? null,
      }),
    );
    ctx.log.info({ turn: event.payload.turn, inboxItemId: id, created: id !== undefined }, 'inbox item');
  });
}
