import type { Database } from '@parley/db';
import type { ExpressionBuilder, Kysely, SelectQueryBuilder } from 'kysely';
import { sql } from 'kysely';
import { LIST_COLUMNS } from './store.js';

/**
 * The agent's queues. Unanswered means open (waiting for a human) or taken over (an agent owns the ticket and
 * has not replied yet); answered items (sent, closed) are in `done`.
 */
export const QUEUES = ['needs_reply', 'drafts', 'escalated', 'mine', 'overdue', 'done'] as const;
export type Queue = (typeof QUEUES)[number];

export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export const CHANNELS = ['api', 'email', 'chat', 'sms'] as const;

export interface QueueFilter {
  intent?: string | undefined;
  channel?: (typeof CHANNELS)[number] | undefined;
  priority?: (typeof PRIORITIES)[number] | undefined;
}

/** Where a page of a queue ends: the sort key of its last item. */
export type QueueCursor = Array<string | number>;

type Eb = ExpressionBuilder<Database, 'inbox_items'>;

const UNANSWERED = ['open', 'taken_over'];

function inQueue(eb: Eb, queue: Queue, agentId: string | null, now: Date) {
  switch (queue) {
    case 'needs_reply':
      return eb('status', 'in', UNANSWERED);
    case 'drafts':
      return eb.and([eb('status', '=', 'open'), eb('draft', 'is not', null)]);
    case 'escalated':
      return eb.and([eb('status', 'in', UNANSWERED), eb('kind', '=', 'escalate')]);
    case 'mine':
      return eb.and([eb('status', 'in', UNANSWERED), eb('assignee', '=', agentId ?? '')]);
    case 'overdue':
      return eb.and([
        eb('status', 'in', UNANSWERED),
        eb.or([eb('next_due_at', '<', now), eb('sla_breached_at', 'is not', null)]),
      ]);
    case 'done':
      return eb('status', 'in', ['sent', 'closed']);
  }
}

function filtered(eb: Eb, filter: QueueFilter) {
  const parts = [];
  if (filter.intent) parts.push(eb(sql<string>`routing->>'intent'`, '=', filter.intent));
  if (filter.channel) parts.push(eb(sql<string>`ticket->>'channel'`, '=', filter.channel));
  if (filter.priority) parts.push(eb('priority', '=', filter.priority));
  return eb.and(parts);
}

/**
 * The sort of a queue: most urgent first, then the nearest due time, then id (a total order, so pages never
 * skip or repeat). Overdue puts breached items first; done shows the latest handled first.
 */
function sortKeys(queue: Queue) {
  if (queue === 'done') return { keys: [sql`updated_at`, sql`id`], desc: true };
  const base = [sql`priority_rank`, sql`next_due_at`, sql`id`];
  if (queue === 'overdue')
    return { keys: [sql`(case when sla_breached_at is null then 1 else 0 end)`, ...base], desc: false };
  return { keys: base, desc: false };
}

function cursorOf(
  queue: Queue,
  row: {
    sla_breached_at: Date | null;
    priority_rank: number;
    next_due_at: Date;
    updated_at: Date;
    id: string;
  },
): QueueCursor {
  if (queue === 'done') return [row.updated_at.toISOString(), row.id];
  const base = [row.priority_rank, row.next_due_at.toISOString(), row.id];
  return queue === 'overdue' ? [row.sla_breached_at === null ? 1 : 0, ...base] : base;
}

/** A cursor from a client is valid only for the queue's sort: the right length and types. */
export function validCursor(queue: Queue, cursor: unknown): cursor is QueueCursor {
  if (!Array.isArray(cursor)) return false;
  const shape =
    queue === 'done'
      ? ['date', 'id']
      : queue === 'overdue'
        ? ['int', 'int', 'date', 'id']
        : ['int', 'date', 'id'];
  return (
    cursor.length === shape.length &&
    shape.every((kind, i) => {
      const v: unknown = cursor[i];
      if (kind === 'int') return Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 3;
      if (kind === 'date') return typeof v === 'string' && !Number.isNaN(Date.parse(v));
      return typeof v === 'string' && v.length > 0 && v.length <= 200;
    })
  );
}

function after<O>(
  query: SelectQueryBuilder<Database, 'inbox_items', O>,
  queue: Queue,
  cursor: QueueCursor,
): SelectQueryBuilder<Database, 'inbox_items', O> {
  const { keys, desc } = sortKeys(queue);
  const values = cursor.map((v, i) => {
    const isDate = queue === 'done' ? i === 0 : i === cursor.length - 2;
    return isDate ? sql`${v}::timestamptz` : sql`${v}`;
  });
  const left = sql`(${sql.join(keys)})`;
  const right = sql`(${sql.join(values)})`;
  return query.where(desc ? sql<boolean>`${left} < ${right}` : sql<boolean>`${left} > ${right}`);
}

export interface QueuePage {
  queue: Queue;
  filter: QueueFilter;
  agentId: string | null;
  limit: number;
  after?: QueueCursor | undefined;
  now: Date;
}

/** One page of a queue of the workspace, with the cursor of the next page when there is one. */
export async function listQueue(db: Kysely<Database>, workspace: string, page: QueuePage) {
  let query = db
    .selectFrom('inbox_items')
    .select([...LIST_COLUMNS, 'priority_rank', 'next_due_at'])
    .where('workspace_id', '=', workspace)
    .where((eb) => inQueue(eb, page.queue, page.agentId, page.now))
    .where((eb) => filtered(eb, page.filter));
  if (page.after) query = after(query, page.queue, page.after);
  const { keys, desc } = sortKeys(page.queue);
  for (const key of keys) query = query.orderBy(key, desc ? 'desc' : 'asc');
  const rows = await query.limit(page.limit + 1).execute();
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return { items, next: rows.length > page.limit && last ? cursorOf(page.queue, last) : undefined };
}

/** How many items each queue holds under the filter, for the queue list. */
export async function queueCounts(
  db: Kysely<Database>,
  workspace: string,
  filter: QueueFilter,
  agentId: string | null,
  now: Date,
): Promise<Record<Queue, number>> {
  const row = await db
    .selectFrom('inbox_items')
    .select((eb) =>
      QUEUES.map((q) =>
        eb.fn
          .countAll<string>()
          .filterWhere(inQueue(eb, q, agentId, now))
          .as(q),
      ),
    )
    .where('workspace_id', '=', workspace)
    .where((eb) => filtered(eb, filter))
    .executeTakeFirstOrThrow();
  return Object.fromEntries(QUEUES.map((q) => [q, Number(row[q])])) as Record<Queue, number>;
}

/** The intents of the workspace's unanswered items, for the intent filter. */
export async function openIntents(db: Kysely<Database>, workspace: string): Promise<string[]> {
  const rows = await db
    .selectFrom('inbox_items')
    .select(sql<string>`routing->>'intent'`.as('intent'))
    .distinct()
    .where('workspace_id', '=', workspace)
    .where('status', 'in', UNANSWERED)
    .orderBy('intent')
    .limit(200)
    .execute();
  return rows.map((r) => r.intent).filter(Boolean);
}
