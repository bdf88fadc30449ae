import type { EventOf, TicketOwnerChanged } from '@parley/contracts';
import type { Database } from '@parley/db';
import type { Transaction } from 'kysely';

/**
 * Mirrors handoff's owner change into the ticket's view (the chat widget tells the visitor a person joined). A
 * change older than the one applied (a lower `seq`, delivered late) changes nothing.
 */
export async function applyOwnerChange(
  trx: Transaction<Database>,
  event: EventOf<typeof TicketOwnerChanged>,
): Promise<boolean> {
  const { owner, seq } = event.payload;
  const result = await trx
    .updateTable('tickets')
    .set({ owner, owner_seq: seq, updated_at: new Date() })
    .where('id', '=', event.ticketId!)
    .where('owner_seq', '<', seq)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
