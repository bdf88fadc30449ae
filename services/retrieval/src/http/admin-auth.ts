import { keyVerifier } from '@parley/auth';
import type { Database } from '@parley/db';
import type { Kysely } from 'kysely';

export const ADMIN_SCOPE = 'admin';

/** Checks `Authorization: Bearer <key>` against the env list or an unrevoked `admin` key in `api_keys`. */
export function adminAuth(db: Kysely<Database>, envKeys: readonly string[]) {
  const verifier = keyVerifier(db, envKeys, ADMIN_SCOPE);
  return (header: string | undefined) => verifier.verify(header);
}
