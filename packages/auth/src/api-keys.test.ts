import { describe, expect, it } from '@jest/globals';
import type { StoredKey } from './api-keys.js';
import { generateKey, hashKey, KeyVerifier, parseBearer } from './api-keys.js';

describe('keys', () => {
  it('hashes with SHA-256 and generates distinct keys with their hashes', () => {
    expect(hashKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const a = generateKey();
    const b = generateKey();
    expect(a.key).toMatch(/^pk_[A-Za-z0-9_-]{43}$/);
    expect(a.key).not.toBe(b.key);
    expect(a.hash).toBe(hashKey(a.key));
  });

  it('parses a bearer header and names what is wrong otherwise', () => {
    expect(parseBearer('Bearer k1')).toEqual({ key: 'k1' });
    expect(parseBearer('bearer   k1')).toEqual({ key: 'k1' });
    expect(parseBearer(undefined)).toEqual({ problem: expect.stringMatching(/missing Authorization/) });
    expect(parseBearer('Basic dXNlcg==')).toEqual({ problem: expect.stringMatching(/Bearer <key>/) });
    expect(parseBearer('Bearer two words')).toEqual({ problem: expect.stringMatching(/Bearer <key>/) });
  });
});

describe('KeyVerifier', () => {
  const stored = new Map<string, StoredKey>([
    [hashKey('db-tickets'), { id: 'key_1', scopes: ['tickets'], workspace: 'default' }],
    [hashKey('db-inbox'), { id: 'key_2', scopes: ['inbox'], workspace: 'default' }],
  ]);
  const lookups: string[] = [];
  const verifier = new KeyVerifier(
    ['local-key'],
    async (hash) => {
      lookups.push(hash);
      return stored.get(hash) ?? null;
    },
    'tickets',
  );

  it('accepts an environment key without touching the database', async () => {
    lookups.length = 0;
    expect(await verifier.verify('Bearer local-key')).toEqual({
      ok: true,
      keyId: `env:${hashKey('local-key').slice(0, 12)}`,
      workspace: 'default',
    });
    expect(lookups).toEqual([]);
  });

  it('accepts a stored key with the scope and refuses one without it', async () => {
    expect(await verifier.verify('Bearer db-tickets')).toEqual({
      ok: true,
      keyId: 'key_1',
      workspace: 'default',
    });
    expect(await verifier.verify('Bearer db-inbox')).toEqual({
      ok: false,
      status: 403,
      message: 'API key lacks the "tickets" scope',
    });
  });

  it('refuses unknown and missing keys, looking up only the hash', async () => {
    lookups.length = 0;
    expect(await verifier.verify('Bearer nope')).toEqual({
      ok: false,
      status: 401,
      message: 'unknown or revoked API key',
    });
    expect(lookups).toEqual([hashKey('nope')]);
    expect(await verifier.verify(undefined)).toMatchObject({ ok: false, status: 401 });
  });
});
