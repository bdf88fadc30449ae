import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// Who answers a ticket (the bot, or an agent who took it over) stops being a column other services write on
// ingress's `tickets`. Handoff, where agents take tickets over and hand them back, keeps the record
// (`takeovers`) and announces each change as `ticket.owner_changed`, numbered per ticket (`seq`); the gate keeps
// its own view (`ticket_owners`) to never auto-send on an agent's ticket, and ingress keeps `tickets.owner` with
// the `seq` it last applied. Tickets an agent owns when this runs are carried over as change 1 in all three.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('takeovers')
    .addColumn('ticket_id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('agent_id', 'text')
    /** True from a take-over until the hand-back. */
    .addColumn('active', 'boolean', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull().check(sql`seq >= 1`))
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('ticket_owners')
    .addColumn('ticket_id', 'text', (c) => c.primaryKey())
    .addColumn('owner', 'text', (c) => c.notNull().check(sql`owner in ('bot', 'agent')`))
    .addColumn('seq', 'integer', (c) => c.notNull().check(sql`seq >= 1`))
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`alter table tickets add column owner_seq integer not null default 0`.execute(db);

  await sql`insert into takeovers (ticket_id, workspace_id, agent_id, active, seq, changed_at)
    select id, workspace_id, null, true, 1, updated_at from tickets where owner = 'agent'`.execute(db);
  await sql`insert into ticket_owners (ticket_id, owner, seq, changed_at)
    select id, 'agent', 1, updated_at from tickets where owner = 'agent'`.execute(db);
  await sql`update tickets set owner_seq = 1 where owner = 'agent'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table tickets drop column owner_seq`.execute(db);
  await db.schema.dropTable('ticket_owners').execute();
  await db.schema.dropTable('takeovers').execute();
}
