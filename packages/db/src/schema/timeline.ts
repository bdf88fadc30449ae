import type { Generated } from 'kysely';

/** Append-only audit trail: one row per event that happened to a ticket (a trigger forbids changes). */
export interface TimelineTable {
  id: Generated<string>;
  ticket_id: string;
  turn: number;
  type: string;
  service: string;
  /** Idempotency: the event (or action) that produced the row. */
  event_id: string;
  detail: unknown;
  at: Generated<Date>;
}
