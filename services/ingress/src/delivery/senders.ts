import type { Channel, Customer } from '@parley/contracts';

export interface OutboundReply {
  ticketId: string;
  turn: number;
  /** Stable per reply: a real provider should receive it as its idempotency key. */
  replyId: string;
  channel: Channel;
  /** Who wrote it: a bot's reply (auto, static) is marked as automatic where the channel can say so. */
  source: 'auto' | 'agent' | 'static';
  body: string;
  customer: Customer;
  /** The ticket's subject, for channels that have one. */
  subject?: string | undefined;
  /** The conversation so far on this channel, for channels that thread by message ids (email). */
  thread: ProviderThread;
}

export interface ProviderThread {
  /** The provider's id of the customer message this reply answers (the turn's inbound message), if any. */
  answers?: string | undefined;
  /** The provider ids of the ticket's messages on the channel, received and sent, oldest first (the latest 20). */
  ids: string[];
}

/**
 * Hands a reply to a channel. Called at most once per replyId after the delivery ledger row is claimed,
 * inside the commit transaction: a sender that talks to a provider must pass `replyId` as the provider's
 * idempotency key, because a crash before commit means the claim (and so the send) is retried.
 */
export interface ChannelSender {
  send(reply: OutboundReply): Promise<{ providerMessageId?: string }>;
}

export type ChannelSenders = Record<Channel, ChannelSender>;

/**
 * Delivery by recording: the API channel's replies are read back with `GET /v1/tickets/:id`, so the ledger
 * row is the delivery. Email, SMS and chat use it too until their adapters exist.
 */
export const recordingSender: ChannelSender = {
  async send() {
    return {};
  },
};

export function defaultSenders(overrides: Partial<ChannelSenders> = {}): ChannelSenders {
  return {
    api: recordingSender,
    email: recordingSender,
    sms: recordingSender,
    chat: recordingSender,
    ...overrides,
  };
}
