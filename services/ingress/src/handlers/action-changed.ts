import type { HandlerContext } from '@parley/bus';
import { PermanentError } from '@parley/bus';
import type {
  ActionAuthorised,
  ActionDeclined,
  ActionProposed,
  ActionSettled,
  EventOf,
} from '@parley/contracts';
import { recordAction } from '../tickets/actions.js';

type ActionEvent =
  | EventOf<typeof ActionProposed>
  | EventOf<typeof ActionAuthorised>
  | EventOf<typeof ActionDeclined>
  | EventOf<typeof ActionSettled>;

/** Keeps the ticket's view of its actions current; each event's timeline entry is its producer's. */
export async function onActionChanged(event: ActionEvent, ctx: HandlerContext): Promise<void> {
  const ticketId = event.ticketId;
  if (!ticketId) throw new PermanentError(`${event.type} ${event.id} has no ticket id`);
  ctx.write((trx) => recordAction(trx, ticketId, event));
}
