import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { redactPii } from '@parley/pii';
import {
  ProviderAuthError,
  ProviderConfigError,
  ProviderRateLimitError,
  ProviderResponseError,
  ProviderTimeoutError,
} from '../src/errors.js';
import { ORIGINAL_ID_KEY, QdrantVectorStore, type QdrantStoreOptions } from '../src/qdrant.js';
import { uuidV5 } from '../src/uuid.js';
import type { RecordingServer } from './servers/http.js';
import { QDRANT_TEST_KEY, qdrantServer, type FakeQdrant } from './servers/qdrant.js';

let server: RecordingServer;
let qdrant: FakeQdrant;
beforeAll(async () => {
  ({ server, qdrant } = await qdrantServer());
  // The client warns about an API key over plain HTTP; the loopback test server has no TLS. Other warnings pass.
  const warn = console.warn.bind(console);
  jest.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
    if (!String(args[0]).includes('unsecure connection')) warn(...args);
  });
});
afterAll(async () => {
  jest.restoreAllMocks();
  await server.close();
});

const store = (overrides: Partial<QdrantStoreOptions> = {}) =>
  new QdrantVectorStore({
    url: server.url,
    apiKey: QDRANT_TEST_KEY,
    timeoutMs: 5_000,
    maxRetries: 0,
    retryBaseDelayMs: 5,
    ...overrides,
  });

const since = (n: number) => server.requests.slice(n).map((r) => `${r.method} ${r.path}`);

describe('QdrantVectorStore.ensureCollection', () => {
  it('creates a dense (cosine) + sparse collection and payload indexes, and does not recreate it', async () => {
    const s = store({ payloadIndexes: { locale: 'keyword', tenant: 'keyword' } });
    let before = server.requests.length;
    await s.ensureCollection('articles', { denseDim: 4 });
    expect(since(before)).toEqual([
      'GET /collections/articles/exists',
      'PUT /collections/articles',
      'GET /collections/articles',
      'PUT /collections/articles/index',
      'PUT /collections/articles/index',
    ]);
    const create = server.requests[before + 1]!;
    expect(create.headers['api-key']).toBe(QDRANT_TEST_KEY);
    expect(create.body).toEqual({
      vectors: { dense: { size: 4, distance: 'Cosine' } },
      sparse_vectors: { sparse: {} },
    });
    expect(server.requests[before + 3]!.body).toEqual({ field_name: 'locale', field_schema: 'keyword' });
    expect(server.requests[before + 3]!.query.get('wait')).toBe('true');

    before = server.requests.length;
    await s.ensureCollection('articles', { denseDim: 4 });
    // Exists with the right config and indexes: verified, not recreated or re-indexed.
    expect(since(before)).toEqual(['GET /collections/articles/exists', 'GET /collections/articles']);
  });

  it('refuses a collection whose existing config does not match', async () => {
    await store().ensureCollection('mismatch', { denseDim: 4 });
    const err = await store()
      .ensureCollection('mismatch', { denseDim: 8 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderConfigError);
    expect((err as Error).message).toBe(
      "qdrant: collection 'mismatch' exists with an incompatible config: 'dense' size is 4, expected 8",
    );
  });

  it('treats losing a creation race (409) as success once the config checks out', async () => {
    const before = server.requests.length;
    server.enqueue({ status: 200, body: { result: { exists: false }, status: 'ok', time: 0 } });
    qdrant.collections.set('raced', {
      vectors: { dense: { size: 4, distance: 'Cosine' } },
      sparseVectors: { sparse: {} },
      payloadSchema: {},
      points: new Map(),
    });
    await store().ensureCollection('raced', { denseDim: 4 });
    expect(server.requests[before + 1]!.method).toBe('PUT');
    expect(since(before)).toEqual([
      'GET /collections/raced/exists',
      'PUT /collections/raced',
      'GET /collections/raced',
    ]);
  });
});

describe('QdrantVectorStore points', () => {
  beforeAll(async () => {
    await store().ensureCollection('kb', { denseDim: 3 });
  });

  const points = [
    {
      id: 'article-refunds#0',
      dense: [1, 0, 0],
      sparse: { indices: [1, 7], values: [0.5, 1.2] },
      payload: { locale: 'en', title: 'Refunds', author: 'ops@example.com' },
    },
    {
      id: 'article-shipping#0',
      dense: [0, 1, 0],
      sparse: { indices: [2, 9], values: [1, 0.3] },
      payload: { locale: 'en', title: 'Shipping' },
    },
    {
      id: 'article-refunds-fr#0',
      dense: [0.9, 0.1, 0],
      sparse: { indices: [1], values: [0.9] },
      payload: { locale: 'fr', title: 'Remboursements' },
    },
  ];

  it('upserts with PUT /points?wait=true, deterministic UUIDs, named vectors and the original id in the payload', async () => {
    const before = server.requests.length;
    await store().upsert('kb', points);
    const req = server.requests[before]!;
    expect(`${req.method} ${req.path}`).toBe('PUT /collections/kb/points');
    expect(req.query.get('wait')).toBe('true');
    const sent = (
      req.body as { points: Array<{ id: string; vector: unknown; payload: Record<string, unknown> }> }
    ).points;
    expect(sent[0]).toEqual({
      id: uuidV5('article-refunds#0'),
      vector: { dense: [1, 0, 0], sparse: { indices: [1, 7], values: [0.5, 1.2] } },
      payload: {
        locale: 'en',
        title: 'Refunds',
        author: redactPii('ops@example.com'),
        [ORIGINAL_ID_KEY]: 'article-refunds#0',
      },
    });
    expect(req.rawBody).not.toContain('ops@example.com');
    expect(qdrant.collections.get('kb')!.points.size).toBe(3);
  });

  it('queries with dense and sparse prefetches fused by RRF and maps hits back to the original ids', async () => {
    const before = server.requests.length;
    const hits = await store().hybridQuery('kb', {
      dense: [1, 0, 0],
      sparse: { indices: [1], values: [1] },
      limit: 2,
      filter: { locale: 'en' },
    });
    const req = server.requests[before]!;
    expect(`${req.method} ${req.path}`).toBe('POST /collections/kb/points/query');
    const filter = { must: [{ key: 'locale', match: { value: 'en' } }] };
    expect(req.body).toEqual({
      prefetch: [
        { query: [1, 0, 0], using: 'dense', limit: 8, filter },
        { query: { indices: [1], values: [1] }, using: 'sparse', limit: 8, filter },
      ],
      query: { fusion: 'rrf' },
      limit: 2,
      with_payload: true,
    });
    // The French article is near in both spaces but filtered out; refunds ranks first in both legs.
    expect(hits.map((h) => h.id)).toEqual(['article-refunds#0', 'article-shipping#0']);
    expect(hits[0]!.payload).toEqual({
      locale: 'en',
      title: 'Refunds',
      author: redactPii('ops@example.com'),
    });
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
  });

  it('deletes by original id through POST /points/delete', async () => {
    const before = server.requests.length;
    await store().delete('kb', ['article-shipping#0']);
    const req = server.requests[before]!;
    expect(`${req.method} ${req.path}`).toBe('POST /collections/kb/points/delete');
    expect(req.query.get('wait')).toBe('true');
    expect(req.body).toEqual({ points: [uuidV5('article-shipping#0')] });
    const hits = await store().hybridQuery('kb', {
      dense: [0, 1, 0],
      sparse: { indices: [2], values: [1] },
      limit: 5,
    });
    expect(hits.map((h) => h.id)).not.toContain('article-shipping#0');
  });

  it('rejects mismatched sparse vectors before calling Qdrant', async () => {
    const before = server.requests.length;
    await expect(
      store().upsert('kb', [
        { id: 'x', dense: [1, 0, 0], sparse: { indices: [1, 2], values: [1] }, payload: {} },
      ]),
    ).rejects.toThrow('sparse indices and values differ in length (2 vs 1)');
    expect(server.requests.length).toBe(before);
  });

  it('surfaces a server-side validation failure as ProviderResponseError', async () => {
    const err = await store()
      .upsert('kb', [{ id: 'y', dense: [1, 0], sparse: { indices: [], values: [] }, payload: {} }])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderResponseError);
    expect((err as ProviderResponseError).status).toBe(400);
  });
});

describe('QdrantVectorStore errors and retries', () => {
  const q = { dense: [1, 0, 0], sparse: { indices: [1], values: [1] }, limit: 1 };

  it('maps 401 to ProviderAuthError', async () => {
    await expect(store({ apiKey: 'wrong' }).hybridQuery('kb', q)).rejects.toBeInstanceOf(ProviderAuthError);
  });

  it('maps 429 with retry-after to ProviderRateLimitError', async () => {
    server.enqueue({
      status: 429,
      headers: { 'retry-after': '4' },
      body: { status: { error: 'Too many requests' }, time: 0 },
    });
    const err = await store()
      .hybridQuery('kb', q)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderRateLimitError);
    expect((err as ProviderRateLimitError).retryAfterMs).toBe(4_000);
  });

  it('maps a slow response to ProviderTimeoutError', async () => {
    server.enqueue({ status: 200, body: { result: { points: [] }, status: 'ok', time: 0 }, delayMs: 2_000 });
    await expect(store({ timeoutMs: 150 }).hybridQuery('kb', q)).rejects.toBeInstanceOf(ProviderTimeoutError);
  });

  it('maps malformed JSON to ProviderResponseError', async () => {
    server.enqueue({ status: 200, raw: '{"result":{"points":[' });
    await expect(store().hybridQuery('kb', q)).rejects.toThrow('qdrant: response body was not valid JSON');
  });

  it('retries transient failures up to maxRetries', async () => {
    const unavailable = { status: 503, body: { status: { error: 'Service Unavailable' }, time: 0 } };
    server.enqueue(unavailable, unavailable);
    const before = server.requests.length;
    const hits = await store({ maxRetries: 2 }).hybridQuery('kb', q);
    expect(server.requests.length - before).toBe(3);
    expect(hits).toHaveLength(1);

    server.enqueue(unavailable, unavailable);
    const err = await store({ maxRetries: 1 })
      .hybridQuery('kb', q)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderResponseError);
    expect((err as ProviderResponseError).status).toBe(503);
  });
});
