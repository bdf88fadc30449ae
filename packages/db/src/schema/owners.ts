import type { Generated } from 'kysely';

/** Handoff's record of agents taking tickets over: one row per ticket, the latest change (`seq`) on it. */
export interface TakeoversTable {
  ticket_id: string;
  workspace_id: string;
  /** The agent who took the ticket over (or handed it back); null when not known. */
  agent_id: string | null;
  /** An agent owns the ticket: true from a take-over until the hand-back. */
  active: boolean;
  /** The number of the latest `ticket.owner_changed` of the ticket. */
  seq: number;
  changed_at: Generated<Date>;
}

/** The gate's view of `ticket.owner_changed`: it never auto-sends on a ticket an agent owns. */
export interface TicketOwnersTable {
  ticket_id: string;
  /** bot | agent */
  owner: string;
  /** The highest change applied; an older one arriving late changes nothing. */
  seq: number;
  changed_at: Generated<Date>;
}
