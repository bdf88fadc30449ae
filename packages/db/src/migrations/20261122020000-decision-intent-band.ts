import type { Kysely } from 'kysely';

// The ticket view must show a decision with the intent and band it was made for, in one read.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('decisions').addColumn('intent', 'text').addColumn('band', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('decisions').dropColumn('intent').dropColumn('band').execute();
}
