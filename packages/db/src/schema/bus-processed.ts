import type { Generated } from 'kysely';

/** The consumer ledger: a row means "this consumer committed the effects of this message". */
export interface BusProcessedTable {
  consumer: string;
  message_id: string;
  processed_at: Generated<Date>;
}
