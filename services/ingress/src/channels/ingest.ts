import { createHash } from 'node:crypto';
import type { Database } from '@parley/db';
import type { Kysely } from 'kysely';
import type { NewTicket } from '../tickets/accept.js';
import { acceptTicket } from '../tickets/accept.js';
import type { CrmLookup } from '../tickets/customer-match.js';
import { addCustomerTurn } from '../tickets/follow-up.js';
import type { Outbox } from '../tickets/outbox.js';
import type { WithinCommit } from '../tickets/within-commit.js';

export type InboundChannel = 'email' | 'sms' | 'chat';

export interface InboundMessage {
  channel: InboundChannel;
  /** The provider's id for the message (Message-ID, MessageSid, chat client id): the same id is one message. */
  providerId: string;
  /** The sender on the channel (email address, phone number, chat session id), for threading later messages. */
  address: string;
  text: string;
  /** The ticket this message continues, when the channel's threading found one. */
  threadTicketId: string | null;
  /** Who the ticket is from and its subject, when the message opens a new ticket. */
  opening: Pick<NewTicket, 'customer' | 'subject'>;
  /** Further writes in the new ticket's transaction (chat links its session); throwing rolls it back. */
  onNewTicket?: WithinCommit;
}

export interface Ingested {
  ticketId: string;
  turn: number;
  outcome: 'created' | 'follow_up' | 'duplicate';
  /** Who owned the ticket for a follow-up (bot or agent). */
  owner?: string;
}

export interface IngestDeps {
  db: Kysely<Database>;
  /** The workspace the channel delivers into: threads and provider ids are looked up within it. */
  workspace: string;
  outbox: Outbox;
  crm: CrmLookup;
  now?: () => Date;
}

/** The contract's `externalId` is at most 200 characters; longer provider ids are hashed to fit. */
export function externalIdFor(channel: InboundChannel, providerId: string): string {
  const plain = `${channel}:${providerId}`;
  if (plain.length <= 200) return plain;
  return `${channel}:sha256:${createHash('sha256').update(providerId, 'utf8').digest('hex')}`;
}

/**
 * Turns a channel's inbound message into a ticket turn through the same code as the API: the next turn of
 * the thread's ticket (`addCustomerTurn`), else a new ticket (`acceptTicket`). The provider id is recorded in
 * `channel_messages` in the same transaction, so a webhook delivered again finds it and adds nothing; two
 * deliveries racing are kept to one by the ticket's unique `external_id` or the message's per-ticket one.
 */
export async function ingestInbound(
  deps: IngestDeps,
  message: InboundMessage,
  guard: () => void = () => undefined,
): Promise<Ingested> {
  const { db } = deps;
  const { channel, providerId } = message;
  const seen = await db
    .selectFrom('channel_messages')
    .select(['ticket_id', 'turn'])
    .where('workspace_id', '=', deps.workspace)
    .where('channel', '=', channel)
    .where('provider_id', '=', providerId)
    .executeTakeFirst();
  if (seen) return { ticketId: seen.ticket_id, turn: seen.turn, outcome: 'duplicate' };

  const externalId = externalIdFor(channel, providerId);
  const record: WithinCommit = async (trx, stored) => {
    await trx
      .insertInto('channel_messages')
      .values({
        workspace_id: deps.workspace,
        channel,
        provider_id: providerId,
        ticket_id: stored.ticketId,
        turn: stored.turn,
        address: message.address,
      })
      .onConflict((oc) => oc.columns(['workspace_id', 'channel', 'provider_id']).doNothing())
      .execute();
  };

  if (message.threadTicketId) {
    const added = await addCustomerTurn(
      { db, workspace: deps.workspace, outbox: deps.outbox, now: deps.now, withinCommit: record },
      message.threadTicketId,
      { text: message.text, externalId },
      guard,
    );
    if (added) {
      const outcome = added.duplicate ? 'duplicate' : 'follow_up';
      return { ticketId: added.ticketId, turn: added.turn, outcome, owner: added.owner };
    }
    // Tickets are never deleted, so this is a thread id that named no ticket: open a new one.
  }

  const accepted = await acceptTicket(
    {
      db,
      workspace: deps.workspace,
      outbox: deps.outbox,
      crm: deps.crm,
      now: deps.now,
      withinCommit: async (trx, stored) => {
        await record(trx, stored);
        await message.onNewTicket?.(trx, stored);
      },
    },
    { ...message.opening, channel, body: message.text, externalId },
    guard,
  );
  return { ticketId: accepted.ticketId, turn: 1, outcome: accepted.created ? 'created' : 'duplicate' };
}
