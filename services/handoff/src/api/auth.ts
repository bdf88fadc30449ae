import { keyVerifier } from '@parley/auth';
import type { Database } from '@parley/db';
import type { Kysely } from 'kysely';

/** Accepts `Authorization: Bearer <key>` with a key from the env list or an unrevoked `inbox` key in `api_keys`. */
export function inboxAuth(db: Kysely<Database>, envKeys: readonly string[]) {
  const verifier = keyVerifier(db, envKeys, 'inbox');
  return async (header: string | undefined): Promise<boolean> => (await verifier.verify(header)).ok;
}
