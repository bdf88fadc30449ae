import type { Generated } from 'kysely';

export interface TicketsTable {
  id: string;
  /** The workspace (tenant) the row belongs to; see the workspaces migration. */
  workspace_id: string;
  /** Caller's id for the ticket; the same one twice is the same ticket. */
  external_id: string | null;
  channel: string;
  customer_crm_id: string | null;
  customer: unknown;
  subject: string | null;
  /** open | auto_sent | suggested | escalated: the latest turn's state. */
  status: string;
  /** bot | agent: ingress's view of `ticket.owner_changed` (handoff decides it), for the chat widget. */
  owner: Generated<string>;
  /** The `seq` of the last owner change applied: an older change arriving late is ignored. */
  owner_seq: Generated<number>;
  current_turn: number;
  intent: string | null;
  band: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface MessagesTable {
  id: Generated<string>;
  ticket_id: string;
  turn: number;
  role: string;
  body: string;
  /** The client's id for the message (`externalId`), unique within the ticket; null when none was sent. */
  external_id: string | null;
  created_at: Generated<Date>;
}
