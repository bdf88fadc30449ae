import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { findKeyById, hashKey } from '@parley/auth';
import type { Database } from '@parley/db';
import type { Kysely } from 'kysely';

export interface AgentSession {
  id: string;
  workspace: string;
  agentId: string;
  keyId: string;
  expiresAt: Date;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The CSRF token of a session: derived from the session token, which only the browser's HttpOnly cookie holds,
 * so a page on another site can neither read nor compute it. The workspace's script gets it at sign-in and
 * sends it in `X-CSRF-Token` with every state-changing request.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update(`csrf:${sessionToken}`, 'utf8').digest('base64url');
}

export function csrfMatches(sessionToken: string, sent: string | undefined): boolean {
  if (!sent) return false;
  const expected = Buffer.from(csrfTokenFor(sessionToken));
  const given = Buffer.from(sent);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** A new session for an agent who signed in with an inbox key: the token is returned once, only its hash kept. */
export async function openSession(
  db: Kysely<Database>,
  input: { workspace: string; keyId: string; agentId: string; hours: number; now: Date },
): Promise<{ token: string; session: AgentSession }> {
  const token = `ags_${randomBytes(32).toString('base64url')}`;
  const id = `sess_${randomBytes(8).toString('hex')}`;
  const expiresAt = new Date(input.now.getTime() + input.hours * 3_600_000);
  await db
    .insertInto('agent_sessions')
    .values({
      id,
      token_hash: sha256(token),
      workspace_id: input.workspace,
      key_id: input.keyId,
      agent_id: input.agentId,
      created_at: input.now,
      expires_at: expiresAt,
      ended_at: null,
    })
    .execute();
  return {
    token,
    session: { id, workspace: input.workspace, agentId: input.agentId, keyId: input.keyId, expiresAt },
  };
}

/** Key ids of keys configured in the environment, as `KeyVerifier` names them. */
export function envKeyIds(keys: readonly string[]): Set<string> {
  return new Set(keys.map((k) => `env:${hashKey(k).slice(0, 12)}`));
}

/**
 * The live session of a token: not ended, not expired, and its key still valid (a stored key unrevoked and
 * still with the inbox scope, or a configured key still configured), so revoking a key signs its agents out.
 */
export async function findSession(
  db: Kysely<Database>,
  token: string,
  envKeys: ReadonlySet<string>,
  now: Date,
): Promise<AgentSession | null> {
  const row = await db
    .selectFrom('agent_sessions')
    .select(['id', 'workspace_id', 'agent_id', 'key_id', 'expires_at'])
    .where('token_hash', '=', sha256(token))
    .where('ended_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (!row) return null;
  if (!(await keyStillValid(db, row.key_id, row.workspace_id, envKeys))) return null;
  return {
    id: row.id,
    workspace: row.workspace_id,
    agentId: row.agent_id,
    keyId: row.key_id,
    expiresAt: row.expires_at,
  };
}

/** The key's own record is the auth package's: asked for by id, after the session is found. */
async function keyStillValid(
  db: Kysely<Database>,
  keyId: string,
  workspace: string,
  envKeys: ReadonlySet<string>,
): Promise<boolean> {
  if (keyId.startsWith('env:')) return envKeys.has(keyId);
  const key = await findKeyById(db, keyId);
  return key !== null && !key.revoked && key.scopes.includes('inbox') && key.workspace === workspace;
}

export async function endSession(db: Kysely<Database>, token: string, now: Date): Promise<void> {
  await db
    .updateTable('agent_sessions')
    .set({ ended_at: now })
    .where('token_hash', '=', sha256(token))
    .where('ended_at', 'is', null)
    .execute();
}
