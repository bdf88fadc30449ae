import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { FakeQdrant } from '@parley/knowledge/testing/fake-qdrant';
import { startFakeQdrant } from '@parley/knowledge/testing/fake-qdrant';
import { run } from '../src/suites/retrieval.js';

const FIXTURE = fileURLToPath(
  new URL('../../packages/knowledge/test/fixtures/faq-set.json', import.meta.url),
);

let q: FakeQdrant;
beforeAll(async () => {
  q = await startFakeQdrant();
});
afterAll(async () => {
  await q.close();
});

describe('retrieval suite on Qdrant', () => {
  it('runs the set against the collection at QDRANT_URL', async () => {
    const result = await run(
      { options: { set: FIXTURE, index: 'qdrant' }, positional: [], json: true },
      { QDRANT_URL: q.url, QDRANT_API_KEY: q.apiKey, QDRANT_COLLECTION: 'eval_test' },
    );
    expect(result).toMatchObject({ index: 'qdrant', n: 42, chunks: q.points('eval_test').size });
    expect(q.requests.some((r) => r.path === '/collections/eval_test/points/query')).toBe(true);
    // BM25 and word vectors fused in Qdrant still find most answers in the top five.
    expect(result.recallAt5 as number).toBeGreaterThan(50);
  });
});
