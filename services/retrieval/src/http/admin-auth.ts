import { keyVerifier } from '@parley/auth';
import type { Database } from '@parley/db';
import type { Kysely } from 'kysely';

/** Accepts `Authorization: Bearer <key>` with a key from the env list or an unrevoked `admin` key in `api_keys`. */
export function adminAuth(db: Kysely<Database>, envKeys: readonly string[]) {
  const verifier = keyVerifier(db, envKeys, 'admin');
  return async (header: string | undefined): Promise<boolean> => (await verifier.verify(header)).ok;
}
