import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import { sql } from 'kysely';

// Quality in production. Ingress owns `reply_ratings`: the customers' ratings of automated replies, one per reply
// (a new rating replaces it and counts a revision). Handoff owns the rest: `draft_reviews`, how much of a
// suggested draft survived the agent's edit; and the quality report's read model, fed by events only:
// `quality_turns` (one row per decided turn, from ticket.decided), `quality_ratings` (from reply.rated) and
// `quality_judgements` (the daily judge's grades of auto-sent replies).
const WORKSPACE_ID = `^[a-z0-9][a-z0-9-]{0,62}$`;
const workspace = (c: ColumnDefinitionBuilder) =>
  c.notNull().check(sql`workspace_id ~ ${sql.lit(WORKSPACE_ID)}`);

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('reply_ratings')
    .addColumn('reply_id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', workspace)
    .addColumn('ticket_id', 'text', (c) => c.notNull())
    .addColumn('turn', 'integer', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('rating', 'text', (c) => c.notNull().check(sql`rating in ('up', 'down')`))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('rated_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('draft_reviews')
    .addColumn('inbox_item_id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', workspace)
    .addColumn('ticket_id', 'text', (c) => c.notNull())
    .addColumn('turn', 'integer', (c) => c.notNull())
    // Share of the draft's words kept in what was sent, 0..1; null when there was no draft to keep.
    .addColumn('survival', 'real', (c) => c.check(sql`survival between 0 and 1`))
    .addColumn('edited', 'boolean', (c) => c.notNull())
    .addColumn('agent_id', 'text')
    .addColumn('reviewed_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('draft_reviews_turn')
    .on('draft_reviews')
    .columns(['ticket_id', 'turn'])
    .execute();

  await db.schema
    .createTable('quality_turns')
    .addColumn('ticket_id', 'text', (c) => c.notNull())
    .addColumn('turn', 'integer', (c) => c.notNull())
    .addColumn('workspace_id', 'text', workspace)
    .addColumn('intent', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('channel', 'text')
    .addColumn('received_at', 'timestamptz')
    .addColumn('decided_at', 'timestamptz', (c) => c.notNull())
    .addColumn('cost_usd', 'double precision', (c) => c.notNull().defaultTo(0))
    // The customer's yes or no to an action read back to them: answering the bot, not coming back to it.
    .addColumn('confirmation', 'boolean', (c) => c.notNull().defaultTo(false))
    // What an auto-sent reply said and rested on (body, citations, facts, cited passages, the customer's
    // orders): what the judge grades.
    .addColumn('answer', 'jsonb')
    .addPrimaryKeyConstraint('quality_turns_pkey', ['ticket_id', 'turn'])
    .execute();
  await db.schema
    .createIndex('quality_turns_day')
    .on('quality_turns')
    .columns(['workspace_id', 'decided_at'])
    .execute();

  await db.schema
    .createTable('quality_ratings')
    .addColumn('reply_id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', workspace)
    .addColumn('ticket_id', 'text', (c) => c.notNull())
    .addColumn('turn', 'integer', (c) => c.notNull())
    .addColumn('rating', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('rated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('quality_ratings_turn')
    .on('quality_ratings')
    .columns(['ticket_id', 'turn'])
    .execute();

  await db.schema
    .createTable('quality_judgements')
    .addColumn('ticket_id', 'text', (c) => c.notNull())
    .addColumn('turn', 'integer', (c) => c.notNull())
    .addColumn('workspace_id', 'text', workspace)
    // `model` (a hosted model graded it against the rubric) or `checks` (the deterministic checks).
    .addColumn('judge', 'text', (c) => c.notNull().check(sql`judge in ('model', 'checks')`))
    .addColumn('passed', 'boolean', (c) => c.notNull())
    .addColumn('score', 'real', (c) => c.notNull().check(sql`score between 0 and 1`))
    // Per criterion: `{ criterion, passed, note? }[]` (codes and short notes, no customer text).
    .addColumn('verdicts', 'jsonb', (c) => c.notNull())
    .addColumn('model', 'text')
    .addColumn('cost_usd', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('judged_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('quality_judgements_pkey', ['ticket_id', 'turn', 'judge'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'quality_judgements',
    'quality_ratings',
    'quality_turns',
    'draft_reviews',
    'reply_ratings',
  ])
    await db.schema.dropTable(table).execute();
}
