import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createVectorStore } from '@parley/providers';
import type { Embedder as ProviderEmbedder, Reranker as ProviderReranker } from '@parley/providers';
import {
  documentSparseVector,
  hashingEmbedder,
  ingestArticles,
  providerEmbedder,
  providerReranker,
  QdrantSearchIndex,
  queryTermIndices,
  termIndex,
  TermStats,
} from '../src/index.js';
import type { ChunkRecord } from '../src/index.js';
import type { FakeQdrant } from '../src/testing/fake-qdrant.js';
import { startFakeQdrant } from '../src/testing/fake-qdrant.js';

const article = (id: string, title: string, html: string) => ({
  id,
  title,
  url: null,
  updatedAt: null,
  origin: 't',
  html,
});
const kb = ingestArticles('kb', [
  article(
    'refunds',
    'Refunds',
    '<h2>Refund timing</h2><p>Refunds reach your card within ten business days.</p>',
  ),
  article(
    'shipping',
    'Shipping',
    '<h2>Delivery times</h2><p>Standard delivery takes three to five days.</p>',
  ),
  article(
    'passwords',
    'Passwords',
    '<p>Reset your password from the sign-in page using the emailed link.</p>',
  ),
  article(
    'gifts',
    'Gift cards',
    '<p>Gift cards expire after two years and cannot be exchanged for cash.</p>',
  ),
]).chunks;

let q: FakeQdrant;
beforeAll(async () => {
  q = await startFakeQdrant();
});
afterAll(async () => {
  await q.close();
});

const store = () => createVectorStore({ provider: 'qdrant', url: q.url, apiKey: q.apiKey, maxRetries: 0 });

async function built(
  collection: string,
  extra: Partial<ConstructorParameters<typeof QdrantSearchIndex>[0]> = {},
) {
  const index = new QdrantSearchIndex({
    store: store(),
    collection,
    embedder: hashingEmbedder(32),
    ...extra,
  });
  await index.ensureCollection();
  await index.upsert(kb);
  return index;
}

describe('sparse vectors', () => {
  it('hashes terms with 32-bit FNV-1a', () => {
    expect(termIndex('a')).toBe(0xe40c292c);
    expect(termIndex('')).toBe(0x811c9dc5);
  });

  it('weights title and heading terms above body terms and saturates repeats', () => {
    const v = documentSparseVector({ title: 'Refunds', section: '', text: 'card card card card refund' });
    const at = (term: string) => v.values[v.indices.indexOf(termIndex(term))]!;
    expect(at('refund')).toBeGreaterThan(0);
    expect(at('card')).toBeLessThan((4 * 2.2) / 1);
    expect([...v.indices]).toEqual([...v.indices].sort((a, b) => a - b));
    expect(queryTermIndices('refund refunds my card')).toEqual(
      [termIndex('refund'), termIndex('card')].sort((a, b) => a - b),
    );
  });

  it('keeps document frequencies as chunks come and go', () => {
    const s = new TermStats();
    expect(s.idf(1)).toBe(1);
    s.set('a', [1, 2]);
    s.set('b', [1]);
    expect(s.idf(2)).toBeGreaterThan(s.idf(1));
    s.set('b', [2]);
    // b moved from term 1 to term 2: now 2 is the commoner term.
    expect(s.idf(1)).toBeGreaterThan(s.idf(2));
    s.delete('a');
    expect(s.documents).toBe(1);
  });
});

describe('QdrantSearchIndex', () => {
  it('creates the collection once and writes one point per chunk', async () => {
    await built('kb_create');
    const again = new QdrantSearchIndex({
      store: store(),
      collection: 'kb_create',
      embedder: hashingEmbedder(32),
    });
    await again.ensureCollection();
    const creates = q.requests.filter((r) => r.method === 'PUT' && r.path === '/collections/kb_create');
    expect(creates).toHaveLength(1);
    expect(q.points('kb_create').size).toBe(kb.length);
  });

  it('finds the matching article with a confidence that reflects the matched query terms', async () => {
    const index = await built('kb_search');
    const [top] = await index.search('when does my refund reach the card', { topK: 3 });
    expect(top!.chunk.articleId).toBe('refunds');
    expect(top!.chunk.text).toBe(kb.find((c) => c.articleId === 'refunds')!.text);
    expect(top!.confidence).toBe(1);
    expect(top!.scores.bm25).toBeGreaterThan(0);
    const partial = (await index.search('refund zeppelin', { topK: 1 }))[0]!;
    expect(partial.confidence).toBeGreaterThan(0);
    expect(partial.confidence).toBeLessThan(1);
    expect(await index.search('refund zeppelin', { topK: 5, minConfidence: 0.99 })).toEqual([]);
  });

  it('returns at most topK results and removes deleted chunks', async () => {
    const index = await built('kb_remove');
    expect(await index.search('cards days', { topK: 2 })).toHaveLength(2);
    const gift = kb.find((c) => c.articleId === 'gifts')!;
    expect(await index.remove([gift.id])).toBe(1);
    expect(index.size).toBe(kb.length - 1);
    const ids = (await index.search('gift cards expire', { topK: 5 })).map((r) => r.chunk.id);
    expect(ids).not.toContain(gift.id);
  });

  it('drops hits the resolver does not know (points left behind by a missed deletion)', async () => {
    const gift = kb.find((c) => c.articleId === 'gifts')!;
    const known = new Map<string, ChunkRecord>(kb.filter((c) => c !== gift).map((c) => [c.id, c]));
    const index = await built('kb_resolve', {
      resolve: async (ids) => ids.flatMap((id) => (known.has(id) ? [known.get(id)!] : [])),
    });
    const ids = (await index.search('gift cards expire', { topK: 5 })).map((r) => r.chunk.id);
    expect(ids).not.toContain(gift.id);
  });

  it('reorders candidates with the reranker only when asked', async () => {
    const byLength: ProviderReranker = {
      rerank: async (_q, docs) =>
        docs.map((d, index) => ({ index, score: -d.length })).sort((a, b) => b.score - a.score),
    };
    const index = await built('kb_rerank', { reranker: providerReranker(byLength) });
    const plain = await index.search('refund card days', { topK: 4 });
    expect(plain.every((r) => r.scores.rerank === null)).toBe(true);
    const reranked = await index.search('refund card days', { topK: 4, rerank: true, candidateDepth: 10 });
    const lengths = reranked.map((r) => -r.scores.rerank!);
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
    await expect(
      new QdrantSearchIndex({
        store: store(),
        collection: 'kb_rerank',
        embedder: hashingEmbedder(32),
      }).search('x', { rerank: true }),
    ).rejects.toThrow('without a reranker');
  });
});

describe('provider adapters', () => {
  it('embeds documents as documents and queries as queries', async () => {
    const kinds: string[] = [];
    const fake: ProviderEmbedder = {
      dim: 2,
      embed: async (texts, kind) => {
        kinds.push(kind);
        return texts.map(() => Float32Array.from([1, kind === 'query' ? 1 : 0]));
      },
    };
    const e = providerEmbedder(fake);
    expect(e.dim).toBe(2);
    expect(await e.embed(['a', 'b'])).toHaveLength(2);
    expect(Array.from(await e.embedQuery('q'))).toEqual([1, 1]);
    expect(await e.embed([])).toEqual([]);
    expect(kinds).toEqual(['document', 'query']);
  });

  it('puts rerank scores back in document order and rejects a missing one', async () => {
    const r = providerReranker({
      rerank: async () => [
        { index: 2, score: 0.9 },
        { index: 0, score: 0.5 },
        { index: 1, score: 0.1 },
      ],
    });
    expect(await r.rerank('q', ['a', 'b', 'c'])).toEqual([0.5, 0.1, 0.9]);
    const short = providerReranker({ rerank: async () => [{ index: 0, score: 1 }] });
    await expect(short.rerank('q', ['a', 'b'])).rejects.toThrow('no score for document 1');
  });
});
