import type { Kysely } from 'kysely';

// A client retrying `POST /v1/tickets/:id/messages` (a timeout, a webhook redelivery) must not add a second
// turn: the message's own id is unique within its ticket.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('messages').addColumn('external_id', 'text').execute();
  await db.schema
    .createIndex('messages_external_id_unique')
    .on('messages')
    .columns(['ticket_id', 'external_id'])
    .unique()
    .where('external_id', 'is not', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('messages_external_id_unique').execute();
  await db.schema.alterTable('messages').dropColumn('external_id').execute();
}
