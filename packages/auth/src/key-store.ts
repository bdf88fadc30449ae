import { randomBytes } from 'node:crypto';
import type { Database } from '@parley/db';
import type { Kysely } from 'kysely';
import { WorkspaceId } from '@parley/contracts';
import type { StoredKey } from './api-keys.js';
import { ENV_KEY_WORKSPACE, generateKey } from './api-keys.js';

/**
 * `tickets` (integrations), `inbox` (agents), `admin` (operations), `chat` (a store's public web chat key: it can
 * only start chat sessions, from the configured origins; it is published in the store's pages).
 */
export const SCOPES = ['tickets', 'inbox', 'admin', 'chat'] as const;

export interface KeySummary {
  id: string;
  name: string;
  workspace: string;
  scopes: string[];
  createdAt: string;
  revokedAt: string | null;
}

/** An unrevoked key by hash; revoked keys stay in the table for the audit but never authenticate. */
export async function findActiveKey(db: Kysely<Database>, hash: string): Promise<StoredKey | null> {
  const row = await db
    .selectFrom('api_keys')
    .select(['id', 'scopes', 'workspace_id'])
    .where('key_hash', '=', hash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row ? { id: row.id, scopes: row.scopes, workspace: row.workspace_id } : null;
}

/** A stored key by id, revoked or not: whether a session opened with it still stands. */
export async function findKeyById(
  db: Kysely<Database>,
  id: string,
): Promise<{ scopes: string[]; workspace: string; revoked: boolean } | null> {
  const row = await db
    .selectFrom('api_keys')
    .select(['scopes', 'workspace_id', 'revoked_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? { scopes: row.scopes, workspace: row.workspace_id, revoked: row.revoked_at !== null } : null;
}

/** Stores the hash of a new key and returns the key itself: the only time it is ever available. */
export async function createKey(
  db: Kysely<Database>,
  name: string,
  scopes: readonly string[],
  workspace: string = ENV_KEY_WORKSPACE,
): Promise<{ id: string; key: string }> {
  const unknown = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
  if (unknown.length > 0)
    throw new Error(`unknown scope ${unknown.join(', ')} (expected ${SCOPES.join(', ')})`);
  if (scopes.length === 0) throw new Error('a key needs at least one scope');
  if (!name.trim()) throw new Error('a key needs a name');
  if (!WorkspaceId.safeParse(workspace).success)
    throw new Error('a workspace id is 1-63 lower-case letters, digits or dashes');
  const { key, hash } = generateKey();
  const id = `key_${randomBytes(8).toString('hex')}`;
  await db.transaction().execute(async (trx) => {
    // The first key of a workspace creates it.
    await trx
      .insertInto('workspaces')
      .values({ id: workspace, name: workspace })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    await trx
      .insertInto('api_keys')
      .values({
        id,
        name: name.trim(),
        key_hash: hash,
        scopes: [...scopes],
        workspace_id: workspace,
        revoked_at: null,
      })
      .execute();
  });
  return { id, key };
}

/** Returns false when no unrevoked key has that id. */
export async function revokeKey(db: Kysely<Database>, id: string): Promise<boolean> {
  const result = await db
    .updateTable('api_keys')
    .set({ revoked_at: new Date() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function listKeys(db: Kysely<Database>): Promise<KeySummary[]> {
  const rows = await db
    .selectFrom('api_keys')
    .select(['id', 'name', 'workspace_id', 'scopes', 'created_at', 'revoked_at'])
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    workspace: r.workspace_id,
    scopes: r.scopes,
    createdAt: r.created_at.toISOString(),
    revokedAt: r.revoked_at?.toISOString() ?? null,
  }));
}
