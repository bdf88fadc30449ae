import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// A deployment serves one store (its customers, orders, catalogue and help centre: those tables have no
// workspace). Every API key belongs to a workspace, and everything reached through a key is stamped with it:
// tickets and their idempotency keys, channel threads, chat sessions, inbox items and knowledge sources. Reads
// filter on it, and the columns have no default, so an insert that forgets its workspace fails here rather
// than landing in someone else's. Existing rows belong to the `default` workspace.
const WORKSPACE_ID = `^[a-z0-9][a-z0-9-]{0,62}$`;

async function addWorkspaceColumn(db: Kysely<unknown>, table: string): Promise<void> {
  await sql`alter table ${sql.table(table)} add column workspace_id text not null default 'default'`.execute(
    db,
  );
  await sql`alter table ${sql.table(table)} alter column workspace_id drop default`.execute(db);
  await sql`alter table ${sql.table(table)} add constraint ${sql.id(`${table}_workspace_id_format`)}
    check (workspace_id ~ ${sql.lit(WORKSPACE_ID)})`.execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('workspaces')
    .addColumn('id', 'text', (c) => c.primaryKey().check(sql`id ~ ${sql.lit(WORKSPACE_ID)}`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`insert into workspaces (id, name) values ('default', 'Default workspace')`.execute(db);

  // Keys: the workspace a key acts for must exist.
  await addWorkspaceColumn(db, 'api_keys');
  await sql`alter table api_keys add constraint api_keys_workspace_fk
    foreign key (workspace_id) references workspaces (id)`.execute(db);

  // Tickets: an externalId is unique within a workspace only, so one workspace's id never finds another's
  // ticket; (workspace_id, id) is what the channel tables point at.
  await addWorkspaceColumn(db, 'tickets');
  await sql`alter table tickets drop constraint tickets_external_id_key`.execute(db);
  await sql`create unique index tickets_workspace_external_id on tickets (workspace_id, external_id)
    where external_id is not null`.execute(db);
  await sql`alter table tickets add constraint tickets_workspace_id_key unique (workspace_id, id)`.execute(
    db,
  );

  // Channel threads: a provider id (an email's Message-ID) is looked up within the workspace, and the ticket
  // it threads onto must be in the same workspace.
  await addWorkspaceColumn(db, 'channel_messages');
  await sql`alter table channel_messages drop constraint channel_messages_pkey`.execute(db);
  await sql`alter table channel_messages add constraint channel_messages_pkey
    primary key (workspace_id, channel, provider_id)`.execute(db);
  await sql`drop index channel_messages_address`.execute(db);
  await sql`create index channel_messages_address on channel_messages (workspace_id, channel, address)`.execute(
    db,
  );
  await sql`alter table channel_messages add constraint channel_messages_ticket_fk
    foreign key (workspace_id, ticket_id) references tickets (workspace_id, id)`.execute(db);

  await addWorkspaceColumn(db, 'chat_sessions');
  await sql`alter table chat_sessions add constraint chat_sessions_ticket_fk
    foreign key (workspace_id, ticket_id) references tickets (workspace_id, id)`.execute(db);

  // Owned by other services, so no foreign key to `workspaces`: the format check keeps them honest.
  await addWorkspaceColumn(db, 'inbox_items');
  await sql`create index inbox_items_workspace_status on inbox_items (workspace_id, status, created_at)`.execute(
    db,
  );
  await addWorkspaceColumn(db, 'kb_sources');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table kb_sources drop column workspace_id`.execute(db);
  await sql`drop index inbox_items_workspace_status`.execute(db);
  await sql`alter table inbox_items drop column workspace_id`.execute(db);
  await sql`alter table chat_sessions drop constraint chat_sessions_ticket_fk`.execute(db);
  await sql`alter table chat_sessions drop column workspace_id`.execute(db);
  await sql`alter table channel_messages drop constraint channel_messages_ticket_fk`.execute(db);
  await sql`drop index channel_messages_address`.execute(db);
  await sql`alter table channel_messages drop constraint channel_messages_pkey`.execute(db);
  await sql`alter table channel_messages drop column workspace_id`.execute(db);
  await sql`alter table channel_messages add constraint channel_messages_pkey
    primary key (channel, provider_id)`.execute(db);
  await sql`create index channel_messages_address on channel_messages (channel, address)`.execute(db);
  await sql`alter table tickets drop constraint tickets_workspace_id_key`.execute(db);
  await sql`drop index tickets_workspace_external_id`.execute(db);
  await sql`alter table tickets drop column workspace_id`.execute(db);
  await sql`alter table tickets add constraint tickets_external_id_key unique (external_id)`.execute(db);
  await sql`alter table api_keys drop constraint api_keys_workspace_fk`.execute(db);
  await sql`alter table api_keys drop column workspace_id`.execute(db);
  await db.schema.dropTable('workspaces').execute();
}
