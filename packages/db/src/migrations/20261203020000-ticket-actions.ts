import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// Ingress's view of the actions proposed on its tickets, built from the action events it consumes: what
// `GET /v1/tickets/:id` lists, and the proposal a customer's next turn may confirm.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('ticket_actions')
    .addColumn('action_id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull())
    .addColumn('turn', 'integer')
    .addColumn('tool', 'text', (c) => c.notNull())
    // The proposal as proposed (tool input, read-back summary, customer, amount): null until action.proposed.
    .addColumn('proposal', 'jsonb')
    .addColumn('confirm_by', 'text')
    // proposed < confirmed < executed | refused | failed: a later event never moves it back.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('result', 'jsonb')
    .addColumn('authorised_by', 'jsonb')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('ticket_actions_ticket')
    .on('ticket_actions')
    .columns(['ticket_id', 'turn'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('ticket_actions').execute();
}
