import { entryFor, recordTimeline } from '@parley/audit';
import { PermanentError } from '@parley/bus';
import type { Channel, Customer, EventOf, ReplyRequested } from '@parley/contracts';
import { makeEvent, ReplyDelivered } from '@parley/contracts';
import type { Database } from '@parley/db';
import type { Transaction } from 'kysely';
import type { RatingConfig } from '../config.js';
import { withRatingLinks } from '../ratings/links.js';
import type { ChannelSenders, ProviderThread } from './senders.js';

/**
 * Delivers a requested reply exactly once per replyId: the `deliveries` row is the claim, so a redelivered
 * or re-requested reply finds it taken and neither sends nor announces anything. Returns the
 * `reply.delivered` event to emit, or null when the reply had already gone out.
 */
export async function deliverReply(
  trx: Transaction<Database>,
  requested: EventOf<typeof ReplyRequested>,
  senders: ChannelSenders,
  ratings: RatingConfig | null = null,
): Promise<EventOf<typeof ReplyDelivered> | null> {
  const ticketId = requested.ticketId;
  if (!ticketId) throw new PermanentError('reply.requested without a ticket id');
  const { turn, replyId, channel, source, body, citations } = requested.payload;
  const ticket = await trx
    .selectFrom('tickets')
    .select(['id', 'customer', 'subject'])
    .where('id', '=', ticketId)
    .forUpdate()
    .executeTakeFirst();
  if (!ticket) throw new PermanentError(`reply ${replyId} is for unknown ticket ${ticketId}`);

  await trx
    .insertInto('replies')
    .values({
      id: replyId,
      ticket_id: ticketId,
      turn,
      channel,
      source,
      body,
      citations: JSON.stringify(citations),
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const claimed = await trx
    .insertInto('deliveries')
    .values({ reply_id: replyId, ticket_id: ticketId, channel, provider_message_id: null })
    .onConflict((oc) => oc.column('reply_id').doNothing())
    .returning('delivered_at')
    .executeTakeFirst();
  if (!claimed) return null;

  const receipt = await senders[channel].send({
    ticketId,
    turn,
    replyId,
    channel,
    source,
    // Email and SMS carry links to rate an automated reply; what is stored is the body as written.
    body: withRatingLinks(ratings, { replyId, channel, source, body }, new Date()),
    customer: ticket.customer as Customer,
    subject: ticket.subject ?? undefined,
    thread: await providerThread(trx, ticketId, channel, turn),
  });
  if (receipt.providerMessageId) {
    await trx
      .updateTable('deliveries')
      .set({ provider_message_id: receipt.providerMessageId })
      .where('reply_id', '=', replyId)
      .execute();
  }
  await trx
    .insertInto('messages')
    .values({ ticket_id: ticketId, turn, role: source === 'agent' ? 'agent' : 'bot', body })
    .execute();
  await trx.updateTable('tickets').set({ updated_at: new Date() }).where('id', '=', ticketId).execute();

  const delivered = makeEvent(ReplyDelivered, {
    ticketId,
    payload: {
      turn,
      replyId,
      channel,
      deliveredAt: claimed.delivered_at.toISOString(),
      ...(receipt.providerMessageId ? { providerMessageId: receipt.providerMessageId } : {}),
    },
  });
  // Only the producer of an event records it: the requester recorded `reply.requested` when it asked.
  await recordTimeline(trx, entryFor(delivered, 'ingress', { replyId, channel, source }));
  return delivered;
}

/** How many of a conversation's provider ids a reply carries (an email's References header). */
const THREAD_IDS = 20;

/** The ticket's messages on the channel by provider id: those received (channel_messages) and sent (deliveries). */
async function providerThread(
  trx: Transaction<Database>,
  ticketId: string,
  channel: Channel,
  turn: number,
): Promise<ProviderThread> {
  const received = await trx
    .selectFrom('channel_messages')
    .select(['provider_id as id', 'turn', 'created_at as at'])
    .where('ticket_id', '=', ticketId)
    .where('channel', '=', channel)
    .execute();
  const sent = await trx
    .selectFrom('deliveries')
    .select(['provider_message_id as id', 'delivered_at as at'])
    .where('ticket_id', '=', ticketId)
    .where('channel', '=', channel)
    .where('provider_message_id', 'is not', null)
    .execute();
  const all = [...received, ...sent]
    .filter((m): m is typeof m & { id: string } => m.id !== null)
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  return {
    answers: received.find((m) => m.turn === turn)?.id,
    ids: all.slice(-THREAD_IDS).map((m) => m.id),
  };
}
