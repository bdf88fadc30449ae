import { readTimeline } from '@parley/audit';
import type { Citation } from '@parley/contracts';
import type { Database } from '@parley/db';
import type { Kysely } from 'kysely';
import type { ActionView } from './actions.js';
import { actionsOf } from './actions.js';

export interface TicketView {
  ticketId: string;
  status: string;
  intent?: string;
  band?: string;
  /** auto_sent | suggested | escalated: the latest turn's decision, once it has one. */
  decision?: string;
  /** The latest reply that was delivered to the customer. */
  reply?: { body: string; citations: Citation[]; channel: string; deliveredAt: string };
  timeline: Array<{ at: string; type: string; service: string; detail?: Record<string, unknown> }>;
  /** Every action proposed on the ticket, with its status and who authorised it. */
  actions: ActionView[];
}

const DECISIONS = new Set(['auto_sent', 'suggested', 'escalated']);

/** What `GET /v1/tickets/:id` shows; null for an unknown ticket or another workspace's. */
export async function readTicketView(
  db: Kysely<Database>,
  workspace: string,
  ticketId: string,
): Promise<TicketView | null> {
  const ticket = await db
    .selectFrom('tickets')
    .select(['id', 'status', 'intent', 'band', 'current_turn'])
    .where('workspace_id', '=', workspace)
    .where('id', '=', ticketId)
    .executeTakeFirst();
  if (!ticket) return null;
  const [reply, timeline, actions] = await Promise.all([
    db
      .selectFrom('replies')
      .innerJoin('deliveries', 'deliveries.reply_id', 'replies.id')
      .select(['replies.body', 'replies.citations', 'replies.channel', 'deliveries.delivered_at'])
      .where('replies.ticket_id', '=', ticketId)
      .orderBy('deliveries.delivered_at', 'desc')
      .orderBy('replies.turn', 'desc')
      .limit(1)
      .executeTakeFirst(),
    readTimeline(db, ticketId),
    actionsOf(db, ticketId),
  ]);
  // Built from the events ingress consumes (the gate's `ticket.decided` sets status, intent and band on the
  // ticket row), never from another service's tables.
  const { intent, band } = ticket;
  const decision = DECISIONS.has(ticket.status) ? { decision: ticket.status } : undefined;
  return {
    ticketId: ticket.id,
    status: ticket.status,
    ...(intent ? { intent } : {}),
    ...(band ? { band } : {}),
    ...(decision ? { decision: decision.decision } : {}),
    ...(reply
      ? {
          reply: {
            body: reply.body,
            citations: reply.citations as Citation[],
            channel: reply.channel,
            deliveredAt: reply.delivered_at.toISOString(),
          },
        }
      : {}),
    timeline: timeline.map((e) => ({
      at: e.at,
      type: e.type,
      service: e.service,
      ...(Object.keys(e.detail).length > 0 ? { detail: e.detail } : {}),
    })),
    actions,
  };
}
