import type { Kysely, Transaction } from 'kysely';
import type { EventOf, HandoffRequested } from '@parley/contracts';
import type { Database } from '@parley/db';
import type { SlaPolicy } from './sla.js';
import { slaDue } from './sla.js';
import { summarise } from './summary.js';

export const inboxItemId = (ticketId: string, turn: number) => `inb_${ticketId}_${turn}`;

/**
 * One inbox row per (ticket, turn); a redelivered handoff changes nothing. The agent summary is computed
 * here and kept with the ticket turn (`ticket.summary`).
 */
export async function createInboxItem(
  trx: Transaction<Database>,
  event: EventOf<typeof HandoffRequested>,
  sla: SlaPolicy,
  now: Date,
): Promise<string | undefined> {
  const p = event.payload;
  const ticketId = event.ticketId!;
  const due = slaDue(p.priority, now, sla);
  const row = await trx
    .insertInto('inbox_items')
    .values({
      id: inboxItemId(ticketId, p.turn),
      ticket_id: ticketId,
      turn: p.turn,
      kind: p.kind,
      priority: p.priority,
      reasons: JSON.stringify(p.reasons),
      draft: p.draft ? JSON.stringify(p.draft) : null,
      sources: JSON.stringify(p.sources),
      customer: p.customer ? JSON.stringify(p.customer) : null,
      routing: JSON.stringify(p.routing),
      ticket: JSON.stringify({ ...p.ticket, summary: summarise(p.ticket, p.routing.intent) }),
      first_response_due_at: due.firstResponseDueAt,
      resolution_due_at: due.resolutionDueAt,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['ticket_id', 'turn']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

const LIST_COLUMNS = [
  'id',
  'ticket_id',
  'turn',
  'kind',
  'status',
  'priority',
  'reasons',
  'draft',
  'sources',
  'customer',
  'routing',
  'ticket',
  'assignee',
  'first_response_due_at',
  'resolution_due_at',
  'created_at',
  'updated_at',
] as const;

export function listOpen(db: Kysely<Database>, limit = 100) {
  return db
    .selectFrom('inbox_items')
    .select(LIST_COLUMNS)
    .where('status', '=', 'open')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export function getItem(db: Kysely<Database> | Transaction<Database>, id: string) {
  return db.selectFrom('inbox_items').select(LIST_COLUMNS).where('id', '=', id).executeTakeFirst();
}
