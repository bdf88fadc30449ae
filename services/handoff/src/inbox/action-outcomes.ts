import type { ActionProposal, Draft } from '@parley/contracts';
import type { Database } from '@parley/db';
import type { Transaction } from 'kysely';
import { sql } from 'kysely';
import type { ActionDecision } from './actions.js';
import { proposedAction } from './actions.js';

/** The inbox item whose draft proposed the action (its id is unique per ticket), locked. */
async function itemProposing(trx: Transaction<Database>, ticketId: string, actionId: string) {
  return trx
    .selectFrom('inbox_items')
    .select(['id', 'draft', 'action_decision', 'status'])
    .where('ticket_id', '=', ticketId)
    .where(sql<string>`draft->'proposal'->>'actionId'`, '=', actionId)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * The customer answered the read-back themselves (`action.authorised` or `action.declined` by the customer):
 * recorded on the item that showed the proposal, so an agent sees it and cannot decide it again. An agent's own
 * decision, recorded when it was made, is left as it is.
 */
export async function recordCustomerAnswer(
  trx: Transaction<Database>,
  ticketId: string,
  proposal: Pick<ActionProposal, 'actionId'>,
  decision: 'approved' | 'rejected',
  at: Date,
): Promise<void> {
  const item = await itemProposing(trx, ticketId, proposal.actionId);
  if (!item || item.action_decision) return;
  const proposed = proposedAction(item.draft as Draft | null);
  if (!proposed) return;
  const decided: ActionDecision = {
    decision,
    by: 'customer',
    status: decision === 'approved' ? 'pending_execution' : 'rejected',
    action: proposed.action,
    actionId: proposal.actionId,
    toolCalls: proposed.toolCalls,
    agentId: null,
    at: at.toISOString(),
  };
  const answered = item.status === 'open' || item.status === 'taken_over';
  await trx
    .updateTable('inbox_items')
    .set({
      action_decision: JSON.stringify(decided),
      updated_at: at,
      ...(answered ? { status: 'sent' } : {}),
    })
    .where('id', '=', item.id)
    .execute();
}

/**
 * What became of an authorised action (`action.settled`): the item that proposed it shows it executed, refused by
 * the store's policy (its rule's message) or failed. The actions service tells the customer the outcome, so an
 * item still waiting for an answer is answered.
 */
export async function recordSettlement(
  trx: Transaction<Database>,
  ticketId: string,
  settled: { actionId: string; status: 'executed' | 'refused' | 'failed'; outcome?: string | undefined },
  at: Date,
): Promise<void> {
  const item = await itemProposing(trx, ticketId, settled.actionId);
  if (!item) return;
  const proposed = proposedAction(item.draft as Draft | null);
  const earlier = (item.action_decision as ActionDecision | null) ?? {
    decision: 'approved' as const,
    by: 'customer' as const,
    action: proposed?.action ?? 'action',
    actionId: settled.actionId,
    toolCalls: proposed?.toolCalls ?? [],
    agentId: null,
    at: at.toISOString(),
  };
  const decided: ActionDecision = {
    ...earlier,
    status: settled.status,
    settledAt: at.toISOString(),
    ...(settled.outcome ? { outcome: settled.outcome } : {}),
  };
  const answered = item.status === 'open' || item.status === 'taken_over';
  await trx
    .updateTable('inbox_items')
    .set({
      action_decision: JSON.stringify(decided),
      updated_at: at,
      ...(answered ? { status: 'sent' } : {}),
    })
    .where('id', '=', item.id)
    .execute();
}
