import type { Generated } from 'kysely';

/** Events written in the same transaction as the state change that caused them, relayed after commit. */
export interface OutboxTable {
  id: Generated<string>;
  msg_id: string;
  /** Subject relative to the bus prefix. */
  subject: string;
  headers: Record<string, string>;
  body: string;
  created_at: Generated<Date>;
}
