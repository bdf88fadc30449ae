import type { AuthResult } from '@parley/auth';
import { keyVerifier } from '@parley/auth';
import type { Database } from '@parley/db';
import type { Kysely } from 'kysely';

export const INBOX_SCOPE = 'inbox';

/**
 * Checks `Authorization: Bearer <key>` against the env list or an unrevoked key in `api_keys`: 401 when there
 * is no usable key, 403 when a valid key lacks the `inbox` scope (an integration key, say).
 */
export function inboxAuth(
  db: Kysely<Database>,
  envKeys: readonly string[],
): (header: string | undefined) => Promise<AuthResult> {
  const verifier = keyVerifier(db, envKeys, INBOX_SCOPE);
  return (header) => verifier.verify(header);
}
