import type { Kysely, Transaction } from 'kysely';
import type { EventOf, HandoffRequested } from '@parley/contracts';
import { DEFAULT_WORKSPACE } from '@parley/contracts';
import type { Database } from '@parley/db';
import type { ClaimedStatement } from '@parley/bus';
import { IF_CLAIMED } from '@parley/bus';
import type { SlaPolicy } from '../sla/policy.js';
import { slaDue } from '../sla/policy.js';
import { summarise } from './summary.js';

export const inboxItemId = (ticketId: string, turn: number) => `inb_${ticketId}_${turn}`;

/**
 * One inbox row per (ticket, turn), as a statement of the message's claim; a redelivered handoff changes nothing.
 * The agent summary is computed here and kept with the ticket turn (`ticket.summary`).
 */
export function inboxItemStatement(
  event: EventOf<typeof HandoffRequested>,
  sla: SlaPolicy,
  now: Date,
): ClaimedStatement {
  const p = event.payload;
  const ticketId = event.ticketId!;
  const due = slaDue(p.priority, now, sla);
  return {
    sql: INSERT_ITEM,
    params: [
      inboxItemId(ticketId, p.turn),
      p.ticket.workspace ?? DEFAULT_WORKSPACE,
      ticketId,
      p.turn,
      p.kind,
      p.priority,
      JSON.stringify(p.reasons),
      p.draft ? JSON.stringify(p.draft) : null,
      JSON.stringify(p.sources),
      p.customer ? JSON.stringify(p.customer) : null,
      JSON.stringify(p.routing),
      JSON.stringify({ ...p.ticket, summary: summarise(p.ticket, p.routing.intent) }),
      due.firstResponseDueAt,
      due.resolutionDueAt,
      now,
    ],
  };
}

const INSERT_ITEM = `insert into inbox_items (id, workspace_id, ticket_id, turn, kind, priority, reasons, draft,
      sources, customer, routing, ticket, first_response_due_at, resolution_due_at, created_at, updated_at)
    select $1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9::jsonb, $10::jsonb, $11::jsonb, $12::jsonb,
      $13::timestamptz, $14::timestamptz, $15::timestamptz, $15::timestamptz
    where ${IF_CLAIMED}
    on conflict (ticket_id, turn) do nothing`;

export const LIST_COLUMNS = [
  'id',
  'workspace_id',
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
  'sla_breached_at',
  'replies',
  'action_decision',
] as const;

/** Where a page of the inbox ends: the last item's creation time and id (newest first). */
export interface PageCursor {
  createdAt: Date;
  id: string;
}

/**
 * A workspace's open items, newest first, one page at a time: `limit` items after `before` (exclusive), and
 * the cursor of the next page when there is one.
 */
export async function listOpen(
  db: Kysely<Database>,
  workspace: string,
  page: { limit: number; before?: PageCursor | undefined },
) {
  let query = db
    .selectFrom('inbox_items')
    .select(LIST_COLUMNS)
    .where('workspace_id', '=', workspace)
    .where('status', '=', 'open');
  if (page.before) {
    const { createdAt, id } = page.before;
    query = query.where((eb) =>
      eb.or([
        eb('created_at', '<', createdAt),
        eb.and([eb('created_at', '=', createdAt), eb('id', '<', id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  const next: PageCursor | undefined =
    rows.length > page.limit && last ? { createdAt: last.created_at, id: last.id } : undefined;
  return { items, next };
}

/** An item of the workspace; another workspace's item is not found, exactly like one that does not exist. */
export function getItem(db: Kysely<Database> | Transaction<Database>, workspace: string, id: string) {
  return db
    .selectFrom('inbox_items')
    .select(LIST_COLUMNS)
    .where('workspace_id', '=', workspace)
    .where('id', '=', id)
    .executeTakeFirst();
}
