import type { Generated } from 'kysely';

/** Ingress's view of a ticket's actions, from the action events (see the ticket-actions migration). */
export interface TicketActionsTable {
  action_id: string;
  ticket_id: string;
  turn: number | null;
  tool: string;
  proposal: unknown;
  confirm_by: string | null;
  /** proposed | confirmed | executed | refused | failed */
  status: string;
  rank: number;
  result: unknown;
  authorised_by: unknown;
  updated_at: Generated<Date>;
}
