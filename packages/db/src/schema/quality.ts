import type { Generated } from 'kysely';

/** A customer's rating of an automated reply, one per reply (owned by ingress; see the quality migration). */
export interface ReplyRatingsTable {
  reply_id: string;
  workspace_id: string;
  ticket_id: string;
  turn: number;
  channel: string;
  /** up | down */
  rating: string;
  /** 1 for the first rating, one more for each change. */
  revision: number;
  rated_at: Date;
}

/** How much of a suggested draft an agent kept when sending (owned by handoff). */
export interface DraftReviewsTable {
  inbox_item_id: string;
  workspace_id: string;
  ticket_id: string;
  turn: number;
  /** 0..1; null when the item had no draft. */
  survival: number | null;
  edited: boolean;
  agent_id: string | null;
  reviewed_at: Date;
}

/** The quality report's read model: one row per decided turn, from ticket.decided (owned by handoff). */
export interface QualityTurnsTable {
  ticket_id: string;
  turn: number;
  workspace_id: string;
  intent: string;
  /** auto_sent | suggested | escalated */
  decision: string;
  channel: string | null;
  received_at: Date | null;
  decided_at: Date;
  cost_usd: Generated<number>;
  /** The turn answered an action read back to the customer (a yes or a no), so it is no reopen. */
  confirmation: Generated<boolean>;
  /** The auto-sent answer the judge grades; null for other decisions. */
  answer: unknown;
}

/** Ratings as the report counts them, from reply.rated (owned by handoff). */
export interface QualityRatingsTable {
  reply_id: string;
  workspace_id: string;
  ticket_id: string;
  turn: number;
  rating: string;
  revision: number;
  rated_at: Date;
}

/** The daily judge's grade of an auto-sent reply (owned by handoff). */
export interface QualityJudgementsTable {
  ticket_id: string;
  turn: number;
  workspace_id: string;
  /** model | checks */
  judge: string;
  passed: boolean;
  score: number;
  verdicts: unknown;
  model: string | null;
  cost_usd: Generated<number>;
  judged_at: Date;
}
