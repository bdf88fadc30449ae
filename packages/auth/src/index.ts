export { ENV_KEY_WORKSPACE, generateKey, hashKey, KeyVerifier, parseBearer } from './api-keys.js';
export type { AuthResult, KeyLookup, StoredKey } from './api-keys.js';
export { createKey, findActiveKey, findKeyById, listKeys, revokeKey, SCOPES } from './key-store.js';
export type { KeySummary } from './key-store.js';

import type { Database } from '@parley/db';
import type { Kysely } from 'kysely';
import { KeyVerifier } from './api-keys.js';
import { findActiveKey } from './key-store.js';

/** A verifier for one scope over the `api_keys` table plus keys configured in the environment. */
export function keyVerifier(db: Kysely<Database>, envKeys: readonly string[], scope: string): KeyVerifier {
  return new KeyVerifier(envKeys, (hash) => findActiveKey(db, hash), scope);
}
