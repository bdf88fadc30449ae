import { entryFor } from '@parley/audit';
import type { HandlerContext } from '@parley/bus';
import { IF_CLAIMED, PermanentError } from '@parley/bus';
import type { Customer, EventOf, ReplyRequested } from '@parley/contracts';
import { makeEvent, ReplyDelivered } from '@parley/contracts';
import type { Database } from '@parley/db';
import { prepared } from '@parley/db';
import type { Transaction } from 'kysely';
import { CompiledQuery } from 'kysely';
import type { RatingConfig } from '../config.js';
import { withRatingLinks } from '../ratings/links.js';
import type { ChannelSenders, ProviderThread } from './senders.js';

/**
 * Delivers a requested reply exactly once per replyId: the `deliveries` row is the claim, so a redelivered
 * or re-requested reply finds it taken and neither sends nor announces anything. Returns the `reply.delivered`
 * event it wrote (published after the commit), or null when the reply had already gone out.
 */
export async function deliverReply(
  trx: Transaction<Database>,
  requested: EventOf<typeof ReplyRequested>,
  senders: ChannelSenders,
  write: HandlerContext['writeGuarded'],
  ratings: RatingConfig | null = null,
): Promise<EventOf<typeof ReplyDelivered> | null> {
  const ticketId = requested.ticketId;
  if (!ticketId) throw new PermanentError('reply.requested without a ticket id');
  const { turn, replyId, channel, source, body, citations } = requested.payload;
  const { rows } = await trx.executeQuery<Claim>(
    CompiledQuery.raw(CLAIM_DELIVERY, [
      ticketId,
      replyId,
      turn,
      channel,
      source,
      body,
      JSON.stringify(citations),
    ]),
  );
  const ticket = rows[0];
  if (!ticket) throw new PermanentError(`reply ${replyId} is for unknown ticket ${ticketId}`);
  if (ticket.delivered_at === null) return null;

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
    thread: providerThread(ticket, turn),
  });
  const delivered = makeEvent(ReplyDelivered, {
    ticketId,
    payload: {
      turn,
      replyId,
      channel,
      deliveredAt: ticket.delivered_at.toISOString(),
      ...(receipt.providerMessageId ? { providerMessageId: receipt.providerMessageId } : {}),
    },
  });
  // One statement: the message in the conversation (always new: it guards nothing), the event with its timeline
  // entry (only the producer of an event records it: the requester recorded `reply.requested` when it asked), the
  // provider's id on the delivery and the ticket's last change.
  await write(
    trx,
    { sql: INSERT_MESSAGE, params: [ticketId, turn, source === 'agent' ? 'agent' : 'bot', body] },
    {
      events: [delivered],
      entries: [entryFor(delivered, 'ingress', { replyId, channel, source })],
      statements: [
        { sql: SET_PROVIDER_ID, params: [replyId, receipt.providerMessageId ?? null] },
        { sql: TOUCH_TICKET, params: [ticketId] },
      ],
    },
  );
  return delivered;
}

/** The ticket, locked, with the delivery's claim and the channel's thread so far, as `CLAIM_DELIVERY` reads them. */
interface Claim {
  customer: unknown;
  subject: string | null;
  /** When the claim was made; null when the reply had been claimed before (nothing is sent again). */
  delivered_at: Date | null;
  received: Array<{ id: string | null; turn: number; at: string }>;
  sent: Array<{ id: string | null; at: string }>;
}

/**
 * One round trip before the send: locks the ticket (replies of one ticket go out one at a time, in order), stores
 * the reply, claims its delivery (the `deliveries` row: a reply claimed before is not sent again) and reads the
 * provider ids of the ticket's messages on the channel, received and sent, for the reply's thread. No row back:
 * no such ticket.
 */
const CLAIM_DELIVERY = prepared(`
  with ticket as (
    select id, customer, subject from tickets where id = $1 for update
  ), reply as (
    insert into replies (id, ticket_id, turn, channel, source, body, citations)
    select $2, id, $3, $4, $5, $6, $7::jsonb from ticket
    on conflict (id) do nothing
  ), claimed as (
    insert into deliveries (reply_id, ticket_id, channel, provider_message_id)
    select $2, id, $4, null from ticket
    on conflict (reply_id) do nothing
    returning delivered_at
  )
  select t.customer, t.subject, (select delivered_at from claimed) as delivered_at,
    coalesce((select json_agg(json_build_object('id', m.provider_id, 'turn', m.turn, 'at', m.created_at))
      from channel_messages m where m.ticket_id = $1 and m.channel = $4), '[]'::json) as received,
    coalesce((select json_agg(json_build_object('id', d.provider_message_id, 'at', d.delivered_at))
      from deliveries d where d.ticket_id = $1 and d.channel = $4 and d.provider_message_id is not null),
      '[]'::json) as sent
  from ticket t`);

// After the send, in one statement with the `reply.delivered` event and its entry (`writeGuarded`).
const INSERT_MESSAGE = `insert into messages (ticket_id, turn, role, body) values ($1, $2, $3, $4) returning id`;
const SET_PROVIDER_ID = `update deliveries set provider_message_id = $2
    where reply_id = $1 and $2::text is not null and ${IF_CLAIMED}`;
const TOUCH_TICKET = `update tickets set updated_at = now() where id = $1 and ${IF_CLAIMED}`;

/** How many of a conversation's provider ids a reply carries (an email's References header). */
const THREAD_IDS = 20;

/** The ticket's messages on the channel by provider id: those received (channel_messages) and sent (deliveries). */
function providerThread(claim: Claim, turn: number): ProviderThread {
  const all = [...claim.received, ...claim.sent]
    .filter((m): m is typeof m & { id: string } => m.id !== null)
    .map((m) => ({ id: m.id, at: Date.parse(m.at) }))
    .sort((a, b) => a.at - b.at);
  return {
    answers: claim.received.find((m) => m.turn === turn)?.id ?? undefined,
    ids: all.slice(-THREAD_IDS).map((m) => m.id),
  };
}
