import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// Channel adapters (email, SMS, web chat) thread a provider's message into a ticket and must recognise a
// webhook delivered twice. `channel_messages` maps each inbound provider message id (an email's Message-ID,
// an SMS MessageSid, a chat client message id) to the ticket and turn it made; `chat_sessions` holds a web
// chat visitor's session. Replies we sent are found by `deliveries.provider_message_id` (an email reply's
// Message-ID), hence its index.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('channel_messages')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('provider_id', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'text', (c) => c.notNull())
    .addColumn('turn', 'integer', (c) => c.notNull())
    // The sender's address on the channel (email address lower-cased, phone number as the provider gives it).
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('channel_messages_pkey', ['channel', 'provider_id'])
    .execute();
  await db.schema
    .createIndex('channel_messages_ticket')
    .on('channel_messages')
    .columns(['ticket_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('channel_messages_address')
    .on('channel_messages')
    .columns(['channel', 'address'])
    .execute();

  await db.schema
    .createTable('chat_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // SHA-256 of the session token; the token itself is shown once, when the session is created.
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'text')
    .addColumn('name', 'text')
    .addColumn('email', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createIndex('deliveries_provider_message_id')
    .on('deliveries')
    .columns(['channel', 'provider_message_id'])
    .where('provider_message_id', 'is not', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('deliveries_provider_message_id').execute();
  await db.schema.dropTable('chat_sessions').execute();
  await db.schema.dropTable('channel_messages').execute();
}
