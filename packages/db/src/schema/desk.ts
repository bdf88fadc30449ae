import type { Generated } from 'kysely';

/** Our ticket mirrored as a ticket of an external help desk (owned by handoff). */
export interface DeskTicketsTable {
  /** zendesk */
  desk: string;
  ticket_id: string;
  workspace_id: string;
  desk_ticket_id: string;
  created_at: Generated<Date>;
}

/** An inbox item whose draft and summary were posted to the desk ticket as an internal note. */
export interface DeskItemsTable {
  desk: string;
  item_id: string;
  desk_ticket_id: string;
  created_at: Generated<Date>;
}

/** A public reply written in the desk and sent to the customer, once per desk comment. */
export interface DeskRepliesTable {
  desk: string;
  comment_id: string;
  ticket_id: string;
  reply_id: string;
  created_at: Generated<Date>;
}
