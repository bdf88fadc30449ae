import type { TimelineRow } from '@parley/audit';
import { readTimeline } from '@parley/audit';
import type { Draft, TicketTurn } from '@parley/contracts';
import type { Database } from '@parley/db';
import type { Kysely } from 'kysely';
import type { ActionDecision, Proposed } from './actions.js';
import { proposedAction } from './actions.js';
import type { ConversationMessage, SentReply } from './conversation.js';
import { conversationOf } from './conversation.js';
import { ownerOf } from './ownership.js';
import { getItem } from './store.js';

export interface ItemContext {
  /** Who answers the ticket now: the bot, or an agent who took it over. */
  owner: 'bot' | 'agent';
  conversation: ConversationMessage[];
  /** The ticket's other inbox items (one per handed-off turn), oldest first. */
  turns: Array<{ id: string; turn: number; status: string; kind: string; createdAt: string }>;
  timeline: TimelineRow[];
  proposedAction: (Proposed & { decision: ActionDecision | null }) | null;
}

/**
 * An item with what its page shows beside it: the whole conversation, the ticket's other turns, the audit
 * timeline and the owner. Null when the item is not the workspace's (exactly like one that does not exist).
 */
export async function itemWithContext(db: Kysely<Database>, workspace: string, id: string) {
  const item = await getItem(db, workspace, id);
  if (!item) return null;
  const turns = await db
    .selectFrom('inbox_items')
    .select(['id', 'turn', 'status', 'kind', 'ticket', 'replies', 'created_at'])
    .where('workspace_id', '=', workspace)
    .where('ticket_id', '=', item.ticket_id)
    .orderBy('turn')
    .execute();
  const proposed = proposedAction(item.draft as Draft | null);
  const context: ItemContext = {
    owner: await ownerOf(db, item.ticket_id),
    conversation: conversationOf(
      turns.map((t) => ({ turn: t.turn, ticket: t.ticket as TicketTurn, replies: t.replies as SentReply[] })),
    ),
    turns: turns.map((t) => ({
      id: t.id,
      turn: t.turn,
      status: t.status,
      kind: t.kind,
      createdAt: t.created_at.toISOString(),
    })),
    timeline: await readTimeline(db, item.ticket_id),
    proposedAction: proposed
      ? { ...proposed, decision: (item.action_decision as ActionDecision | null) ?? null }
      : null,
  };
  return { item, context };
}
