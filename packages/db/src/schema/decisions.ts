import type { Generated } from 'kysely';

/** Exactly one terminal decision per (ticket, turn): the primary key enforces it. */
export interface DecisionsTable {
  ticket_id: string;
  turn: number;
  decision: string;
  mode: string;
  reasons: unknown;
  /** The routing the decision was made on (null for rows written before these columns existed). */
  intent: string | null;
  band: string | null;
  decided_at: Generated<Date>;
}
