import type { Generated } from 'kysely';

export interface RepliesTable {
  id: string;
  ticket_id: string;
  turn: number;
  channel: string;
  source: string;
  body: string;
  citations: unknown;
  created_at: Generated<Date>;
}

/** The delivery ledger: a reply id can be delivered once, whatever redeliveries happen. */
export interface DeliveriesTable {
  reply_id: string;
  ticket_id: string;
  channel: string;
  provider_message_id: string | null;
  delivered_at: Generated<Date>;
}
