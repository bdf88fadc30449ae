import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// The agent workspace (owned by handoff). Agents sign in with an inbox key and get a session cookie: only the
// SHA-256 of the session token is stored. Inbox items gain what the queues sort and show: a rank for the
// priority, the next due time (first response while open, resolution after), when an SLA was first breached,
// the replies sent from the item and the agent's decision on a proposed action. Every insert or update of an
// item is announced with pg_notify on a channel named after the schema, so every handoff replica can tell its
// browsers at once, in commit order. A desk (Zendesk) mirror keeps which desk ticket holds which of ours.
const WORKSPACE_ID = `^[a-z0-9][a-z0-9-]{0,62}$`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('agent_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('workspace_id', 'text', (c) => c.notNull().check(sql`workspace_id ~ ${sql.lit(WORKSPACE_ID)}`))
    // The inbox key the agent signed in with: revoking it ends the session on its next request.
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('agent_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ended_at', 'timestamptz')
    .execute();

  await sql`alter table inbox_items
    add column priority_rank smallint generated always as (
      case priority when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end) stored,
    add column next_due_at timestamptz generated always as (
      case when status = 'open' then first_response_due_at else resolution_due_at end) stored,
    add column sla_breached_at timestamptz,
    add column replies jsonb not null default '[]'::jsonb,
    add column action_decision jsonb`.execute(db);
  await sql`create index inbox_items_queue on inbox_items
    (workspace_id, status, priority_rank, next_due_at, id)`.execute(db);
  await sql`create index inbox_items_ticket on inbox_items (ticket_id, turn)`.execute(db);

  await sql`create function inbox_items_notify() returns trigger language plpgsql as $$
    begin
      perform pg_notify('parley_inbox_' || left(md5(tg_table_schema), 20), json_build_object(
        'op', lower(tg_op), 'id', new.id, 'ticketId', new.ticket_id, 'workspace', new.workspace_id,
        'status', new.status, 'priority', new.priority, 'kind', new.kind,
        'breached', new.sla_breached_at is not null)::text);
      return null;
    end $$`.execute(db);
  await sql`create trigger inbox_items_notify after insert or update on inbox_items
    for each row execute function inbox_items_notify()`.execute(db);

  await db.schema
    .createTable('desk_tickets')
    .addColumn('desk', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('desk_ticket_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('desk_tickets_pkey', ['desk', 'ticket_id'])
    .addUniqueConstraint('desk_tickets_desk_ticket', ['desk', 'desk_ticket_id'])
    .execute();
  // An inbox item whose draft and summary were posted to the desk ticket as an internal note.
  await db.schema
    .createTable('desk_items')
    .addColumn('desk', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('desk_ticket_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('desk_items_pkey', ['desk', 'item_id'])
    .execute();
  // A public reply written in the desk and sent to the customer: once per desk comment.
  await db.schema
    .createTable('desk_replies')
    .addColumn('desk', 'text', (c) => c.notNull())
    .addColumn('comment_id', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'text', (c) => c.notNull())
    .addColumn('reply_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('desk_replies_pkey', ['desk', 'comment_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('desk_replies').execute();
  await db.schema.dropTable('desk_items').execute();
  await db.schema.dropTable('desk_tickets').execute();
  await sql`drop trigger inbox_items_notify on inbox_items`.execute(db);
  await sql`drop function inbox_items_notify()`.execute(db);
  await sql`drop index inbox_items_ticket`.execute(db);
  await sql`drop index inbox_items_queue`.execute(db);
  await sql`alter table inbox_items
    drop column action_decision, drop column replies, drop column sla_breached_at,
    drop column next_due_at, drop column priority_rank`.execute(db);
  await db.schema.dropTable('agent_sessions').execute();
}
