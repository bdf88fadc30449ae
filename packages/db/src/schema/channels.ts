import type { Generated } from 'kysely';

/** An inbound message from a channel provider, by the provider's id: the same id twice is one message. */
export interface ChannelMessagesTable {
  /** email | sms | chat */
  workspace_id: string;
  channel: string;
  /** The email's Message-ID, the SMS MessageSid, or `<sessionId>:<clientMessageId>` for chat. */
  provider_id: string;
  ticket_id: string;
  turn: number;
  /** The sender on the channel: email address (lower case), phone number, or chat session id. */
  address: string;
  created_at: Generated<Date>;
}

/** A web chat visitor's conversation; `ticket_id` is set by the first message. */
export interface ChatSessionsTable {
  id: string;
  workspace_id: string;
  token_hash: string;
  ticket_id: string | null;
  name: string | null;
  email: string | null;
  created_at: Generated<Date>;
}
