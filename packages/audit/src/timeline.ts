import type { Database } from '@parley/db';
import { prepared } from '@parley/db';
import type { Envelope } from '@parley/contracts';
import type { Kysely, Transaction } from 'kysely';
import { CompiledQuery } from 'kysely';

export interface TimelineEntry {
  ticketId: string;
  turn: number;
  /** The contract's event name (e.g. `ticket.routed`), or an action such as `inbox.approved`. */
  type: string;
  service: string;
  /** What produced the entry; recording the same one twice keeps one row. */
  eventId: string;
  /** Ids, codes and scores only: never customer text. */
  detail?: Record<string, unknown>;
}

/**
 * Appends to the ticket's audit trail inside the caller's transaction; idempotent per (ticket, type, eventId).
 * Several entries go in one statement. The entry's detail carries `version` when the writing process runs a
 * named version (PARLEY_VERSION, set on its database sessions by `createDb`), so a canary's entries can be told
 * from the stable side's.
 */
export async function recordTimeline(
  trx: Transaction<Database> | Kysely<Database>,
  ...entries: TimelineEntry[]
): Promise<void> {
  if (entries.length === 0) return;
  // Written out rather than built: every handled message of every service records one entry.
  await trx.executeQuery(CompiledQuery.raw(RECORD_TIMELINE, timelineParams(entries)));
}

/** The entries as the six arrays `timelineInsert` reads, in order. */
export function timelineParams(entries: readonly TimelineEntry[]): unknown[] {
  return [
    entries.map((e) => e.ticketId),
    entries.map((e) => e.turn),
    entries.map((e) => e.type),
    entries.map((e) => e.service),
    entries.map((e) => e.eventId),
    entries.map((e) => JSON.stringify(e.detail ?? {})),
  ];
}

/**
 * The statement that appends entries, reading them from the six array parameters from `$first` on
 * (`timelineParams`), and only `when` that SQL condition holds: also a data-modifying CTE of a larger statement,
 * as the bus writes a handled message's entry in the statement that claims the message.
 */
export function timelineInsert(first: number, when?: string): string {
  const [ticket, turn, type, service, eventId, detail] = [0, 1, 2, 3, 4, 5].map((i) => `$${first + i}`);
  const only = when ? `\n  where ${when}` : '';
  return `insert into timeline (ticket_id, turn, type, service, event_id, detail)
  select e.ticket_id, e.turn, e.type, e.service, e.event_id, e.detail || jsonb_strip_nulls(
    jsonb_build_object('version', nullif(current_setting('parley.version', true), '')))
  from unnest(${ticket}::text[], ${turn}::int[], ${type}::text[], ${service}::text[], ${eventId}::text[], ${detail}::jsonb[])
    with ordinality as e(ticket_id, turn, type, service, event_id, detail, n)${only}
  order by e.n
  on conflict (ticket_id, type, event_id) do nothing`;
}

const RECORD_TIMELINE = prepared(timelineInsert(1));

/** Whether the entry of this event is already in the trail (its producer's record that the event was made). */
export async function hasTimelineEntry(
  trx: Transaction<Database> | Kysely<Database>,
  entry: Pick<TimelineEntry, 'ticketId' | 'type' | 'eventId'>,
): Promise<boolean> {
  const row = await trx
    .selectFrom('timeline')
    .select('id')
    .where('ticket_id', '=', entry.ticketId)
    .where('type', '=', entry.type)
    .where('event_id', '=', entry.eventId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The entry for an event a service just emitted. */
export function entryFor(
  event: Envelope<string, number, { turn: number }>,
  service: string,
  detail?: Record<string, unknown>,
): TimelineEntry {
  return {
    ticketId: event.ticketId!,
    turn: event.payload.turn,
    type: event.type,
    service,
    eventId: event.id,
    detail,
  };
}

export interface TimelineRow {
  at: string;
  type: string;
  service: string;
  turn: number;
  detail: Record<string, unknown>;
}

export async function readTimeline(db: Kysely<Database>, ticketId: string): Promise<TimelineRow[]> {
  const rows = await db
    .selectFrom('timeline')
    .select(['at', 'type', 'service', 'turn', 'detail'])
    .where('ticket_id', '=', ticketId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    at: r.at.toISOString(),
    type: r.type,
    service: r.service,
    turn: r.turn,
    detail: r.detail as Record<string, unknown>,
  }));
}
