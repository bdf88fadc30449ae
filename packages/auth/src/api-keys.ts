import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Keys are stored and compared as SHA-256 hex digests; the key itself is shown once, at creation. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A new random key (256 bits) with a recognisable prefix, and the hash to store. */
export function generateKey(): { key: string; hash: string } {
  const key = `pk_${randomBytes(32).toString('base64url')}`;
  return { key, hash: hashKey(key) };
}

/** The key from an `Authorization: Bearer <key>` header, or a reason it is not usable. */
export function parseBearer(header: string | undefined): { key: string } | { problem: string } {
  if (!header) return { problem: 'missing Authorization header (expected "Bearer <key>")' };
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  if (!match) return { problem: 'Authorization header must be "Bearer <key>"' };
  return { key: match[1]! };
}

export interface StoredKey {
  id: string;
  scopes: string[];
  /** The workspace the key acts for: everything it creates or reads is scoped to it. */
  workspace: string;
}

/** Keys configured in the environment (local use and tests) act for this workspace. */
export const ENV_KEY_WORKSPACE = 'default';

export type KeyLookup = (hash: string) => Promise<StoredKey | null>;

/** 401: no usable key (missing, malformed, unknown, revoked); 403: a valid key without the scope. */
export type AuthResult =
  { ok: true; keyId: string; workspace: string } | { ok: false; status: 401 | 403; message: string };

/**
 * Accepts a key configured in the environment (local use and tests) or an unrevoked stored key that
 * carries the required scope. Environment keys are compared in constant time on their hashes. Stored
 * keys are looked up on every request, without a cache, so a revoked key stops working at once.
 */
export class KeyVerifier {
  private readonly envHashes: Buffer[];

  constructor(
    envKeys: readonly string[],
    private readonly lookup: KeyLookup,
    private readonly scope: string,
  ) {
    this.envHashes = envKeys.map((k) => Buffer.from(hashKey(k), 'hex'));
  }

  async verify(header: string | undefined): Promise<AuthResult> {
    const parsed = parseBearer(header);
    if ('problem' in parsed) return { ok: false, status: 401, message: parsed.problem };
    const hash = hashKey(parsed.key);
    const digest = Buffer.from(hash, 'hex');
    if (this.envHashes.some((h) => timingSafeEqual(h, digest))) {
      // Named by a prefix of its hash, so two configured keys are two clients (admission, logs).
      return { ok: true, keyId: `env:${hash.slice(0, 12)}`, workspace: ENV_KEY_WORKSPACE };
    }
    const stored = await this.lookup(hash);
    if (!stored) return { ok: false, status: 401, message: 'unknown or revoked API key' };
    if (!stored.scopes.includes(this.scope)) {
      return { ok: false, status: 403, message: `API key lacks the "${this.scope}" scope` };
    }
    return { ok: true, keyId: stored.id, workspace: stored.workspace };
  }
}
