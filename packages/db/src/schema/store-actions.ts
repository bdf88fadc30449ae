import type { Generated } from 'kysely';

/** The store writes' idempotency ledger (@parley/commerce PostgresStore): one row per action id. */
export interface StoreActionsTable {
  action_id: string;
  /** The write's name, e.g. `cancelPendingOrder`. */
  action: string;
  customer_id: string;
  /** sha256 of the request, so an action id reused for a different request is refused. */
  request_hash: string;
  /** `{ ok: true, result }` or `{ ok: false, refusal }`; null only inside the writing transaction. */
  outcome: unknown;
  created_at: Generated<Date>;
}
