import type { EventOf, TicketDecided } from '@parley/contracts';
import type { Database } from '@parley/db';
import type { Transaction } from 'kysely';

/**
 * Mirrors the gate's decision into the ticket's view (status, intent, band). A decision for an older turn
 * arriving after a follow-up started a new one changes nothing: the view shows the latest turn.
 */
export async function applyDecision(
  trx: Transaction<Database>,
  event: EventOf<typeof TicketDecided>,
): Promise<boolean> {
  const { turn, decision, intent, band } = event.payload;
  const result = await trx
    .updateTable('tickets')
    .set({ status: decision, intent, band, updated_at: new Date() })
    .where('id', '=', event.ticketId!)
    .where('current_turn', '=', turn)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
