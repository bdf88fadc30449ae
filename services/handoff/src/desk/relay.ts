import type { Bus } from '@parley/bus';
import { deskReplyId } from '@parley/contracts';
import type { Database } from '@parley/db';
import type { Kysely } from 'kysely';
import type { HandoffMetrics } from '../events.js';
import { requestAgentReply } from '../inbox/actions.js';
import type { ZendeskClient } from './zendesk-client.js';

const DESK = 'zendesk';

export interface RelayDeps {
  db: Kysely<Database>;
  bus: Bus;
  zendesk: ZendeskClient;
  metrics: HandoffMetrics;
  now: () => Date;
}

/**
 * Sends the customer every public reply an agent wrote on a mirrored Zendesk ticket, once per Zendesk comment:
 * read from Zendesk's API (a webhook only says which ticket changed), claimed in `desk_replies` in the same
 * transaction as the `reply.requested` it becomes, on the ticket's latest inbox item, which is then answered.
 * The requester's own comments and internal notes are not replies. Returns how many were sent.
 */
export async function relayDeskReplies(deps: RelayDeps, deskTicketId: number): Promise<number> {
  const link = await deps.db
    .selectFrom('desk_tickets')
    .select(['ticket_id', 'workspace_id'])
    .where('desk', '=', DESK)
    .where('desk_ticket_id', '=', String(deskTicketId))
    .executeTakeFirst();
  if (!link) return 0;
  const ticket = await deps.zendesk.ticket(deskTicketId);
  const replies = (await deps.zendesk.comments(deskTicketId)).filter(
    (c) => c.public && c.author_id !== ticket.requester_id && c.body.trim().length > 0,
  );
  let sent = 0;
  for (const comment of replies) {
    const rows = await deps.db.transaction().execute(async (trx) => {
      const item = await trx
        .selectFrom('inbox_items')
        .select(['id', 'ticket_id', 'turn', 'ticket', 'replies', 'status'])
        .where('workspace_id', '=', link.workspace_id)
        .where('ticket_id', '=', link.ticket_id)
        .orderBy('turn', 'desc')
        .limit(1)
        .forUpdate()
        .executeTakeFirst();
      if (!item) return [];
      const replyId = deskReplyId(item.ticket_id, item.turn, comment.id);
      const claimed = await trx
        .insertInto('desk_replies')
        .values({ desk: DESK, comment_id: String(comment.id), ticket_id: link.ticket_id, reply_id: replyId })
        .onConflict((oc) => oc.columns(['desk', 'comment_id']).doNothing())
        .returning('comment_id')
        .executeTakeFirst();
      if (!claimed) return [];
      const at = deps.now();
      if (item.status === 'open' || item.status === 'taken_over')
        await trx
          .updateTable('inbox_items')
          .set({ status: 'sent', updated_at: at })
          .where('id', '=', item.id)
          .execute();
      return requestAgentReply(trx, deps.bus, item, {
        replyId,
        body: comment.body.trim(),
        citations: [],
        actor: { agentId: `zendesk:${comment.author_id}`, via: DESK },
        at,
      });
    });
    await deps.bus.flush(rows);
    if (rows.length > 0) {
      sent += 1;
      deps.metrics.deskReplies.inc({ desk: DESK });
    }
  }
  return sent;
}
