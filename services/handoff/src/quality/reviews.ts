import type { Database } from '@parley/db';
import type { Transaction } from 'kysely';
import { draftSurvival } from './survival.js';

/**
 * Keeps, in the approval's transaction, how much of the item's draft the agent sent: one row per item (a reply
 * sent again after a failed delivery replaces it). Returns the survival ratio for the timeline.
 */
export async function recordDraftReview(
  trx: Transaction<Database>,
  review: {
    itemId: string;
    workspace: string;
    ticketId: string;
    turn: number;
    draft: string | null;
    sent: string;
    agentId: string | null;
    at: Date;
  },
): Promise<number | null> {
  const survival = review.draft === null ? null : draftSurvival(review.draft, review.sent);
  const row = {
    survival,
    edited: review.draft !== review.sent,
    agent_id: review.agentId,
    reviewed_at: review.at,
  };
  await trx
    .insertInto('draft_reviews')
    .values({
      inbox_item_id: review.itemId,
      workspace_id: review.workspace,
      ticket_id: review.ticketId,
      turn: review.turn,
      ...row,
    })
    .onConflict((oc) => oc.column('inbox_item_id').doUpdateSet(row))
    .execute();
  return survival;
}
