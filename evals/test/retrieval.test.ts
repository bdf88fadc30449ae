import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { hashingEmbedder, loadTermAssociations, PLAIN_BM25 } from '@parley/knowledge';
import {
  auroc,
  evaluate,
  parseRetrievalSet,
  percentile,
  run,
  scoreQuery,
  splitQueries,
} from '../src/suites/retrieval.js';
import { PERTURBATIONS } from '../src/robustness/perturb.js';

const FIXTURE = fileURLToPath(
  new URL('../../packages/knowledge/test/fixtures/faq-set.json', import.meta.url),
);

describe('retrieval metrics', () => {
  it('scores article rankings', () => {
    expect(scoreQuery(['a', 'b', 'c'], ['a'])).toEqual({ hitAt1: 1, hitAt5: 1, rrAt10: 1, ndcgAt10: 1 });
    const second = scoreQuery(['x', 'a'], ['a']);
    expect(second).toMatchObject({ hitAt1: 0, hitAt5: 1, rrAt10: 0.5 });
    expect(second.ndcgAt10).toBeCloseTo(1 / Math.log2(3), 10);
    expect(scoreQuery(['1', '2', '3', '4', '5', '6', '7', 'a'], ['a'])).toMatchObject({
      hitAt5: 0,
      rrAt10: 1 / 8,
    });
    expect(scoreQuery(['x'], ['a', 'b'])).toEqual({ hitAt1: 0, hitAt5: 0, rrAt10: 0, ndcgAt10: 0 });
    // Two relevant articles: ideal DCG counts both.
    expect(scoreQuery(['a', 'x', 'b'], ['a', 'b']).ndcgAt10).toBeCloseTo(
      (1 + 0.5) / (1 + 1 / Math.log2(3)),
      10,
    );
  });

  it('takes nearest-rank percentiles', () => {
    const xs = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 99)).toBe(99);
    expect(percentile([3], 99)).toBe(3);
  });

  it('splits queries into disjoint seeded halves', () => {
    const qs = Array.from({ length: 11 }, (_, i) => i);
    const dev = splitQueries(qs, 'dev', 1);
    const held = splitQueries(qs, 'held-out', 1);
    expect(dev).toHaveLength(6);
    expect([...dev, ...held].sort((a, b) => a - b)).toEqual(qs);
    expect(splitQueries(qs, 'dev', 1)).toEqual(dev);
    expect(splitQueries(qs, 'dev', 2)).not.toEqual(dev);
    expect(splitQueries(qs, 'all')).toEqual(qs);
  });

  it('computes AUROC with ties counted half', () => {
    const pos = (score: number): { score: number; positive: boolean } => ({ score, positive: true });
    const neg = (score: number): { score: number; positive: boolean } => ({ score, positive: false });
    expect(auroc([pos(0.9), pos(0.8), neg(0.1)])).toBe(1);
    expect(auroc([pos(0.1), neg(0.9)])).toBe(0);
    expect(auroc([pos(0.5), neg(0.5), neg(0.1)])).toBe(0.75);
    expect(auroc([pos(0.5)])).toBeNaN();
  });

  it('names the field of a malformed set', () => {
    expect(() =>
      parseRetrievalSet('s.json', {
        kb: [{ id: 'a', title: 't', body: 'b' }],
        queries: [{ text: 'q', relevant_ids: ['z'] }],
      }),
    ).toThrow('s.json: field queries[0].relevant_ids: unknown article id "z"');
    expect(() =>
      parseRetrievalSet('s.json', { kb: [{ id: 'a', title: '', body: 'b' }], queries: [] }),
    ).toThrow('s.json: field queries: expected a non-empty array');
  });
});

describe('retrieval suite', () => {
  it('ingests the fixture set and reports article-level metrics', async () => {
    const set = parseRetrievalSet(FIXTURE, JSON.parse(await readFile(FIXTURE, 'utf8')));
    const result = await evaluate(set, { embedder: hashingEmbedder(64), origin: FIXTURE });
    expect(result.n).toBe(set.queries.length);
    expect(result.articles).toBe(set.kb.length);
    expect(result.chunks).toBeGreaterThan(set.kb.length);
    expect(result.recallAt1).toBeLessThanOrEqual(result.recallAt5!);
    expect(result.recallAt1).toBeLessThanOrEqual(result.mrrAt10!);
    // Word overlap alone finds most answers in the top five even on paraphrased questions.
    expect(result.recallAt5).toBeGreaterThan(50);
    expect(result.p99Ms).toBeGreaterThanOrEqual(result.p50Ms!);
  });

  it('uses the association table when given one and validates --associations', async () => {
    const set = parseRetrievalSet(FIXTURE, JSON.parse(await readFile(FIXTURE, 'utf8')));
    const base = { embedder: hashingEmbedder(64), origin: FIXTURE, split: 'dev' as const };
    const without = await evaluate(set, base);
    const withTable = await evaluate(set, { ...base, associations: await loadTermAssociations() });
    // Same queries, but the expanded ones rank differently.
    expect(withTable.n).toBe(without.n);
    expect(withTable.mrrAt10).not.toBe(without.mrrAt10);
    await expect(
      run({ options: { set: FIXTURE, associations: 'maybe' }, positional: [], json: true }),
    ).rejects.toThrow('--associations must be true or false, got maybe');
  });

  it('searches each query as written another way with --perturb', async () => {
    const set = parseRetrievalSet('tiny', {
      kb: [
        { id: 'refunds', title: 'Refunds', body: '## Timing\n\nRefunds take five days.' },
        { id: 'shipping', title: 'Shipping', body: '## Costs\n\nShipping is free.' },
      ],
      queries: [{ text: 'refunds', relevant_ids: ['refunds'] }],
    });
    const base = { origin: 'tiny', search: PLAIN_BM25 };
    expect((await evaluate(set, base)).recallAt1).toBe(100);
    // A slip in the only word leaves plain BM25 nothing to match; courtesy words leave it the word.
    expect((await evaluate(set, { ...base, perturb: 'typo' })).recallAt1).toBe(0);
    expect((await evaluate(set, { ...base, perturb: 'politeness' })).recallAt1).toBe(100);
    await expect(
      run({ options: { set: FIXTURE, perturb: 'shout' }, positional: [], json: true }),
    ).rejects.toThrow(`--perturb must be one of ${PERTURBATIONS.join(', ')}, got shout`);
  });

  it('answers --index qdrant with a configuration error', async () => {
    await expect(
      run({ options: { set: FIXTURE, index: 'qdrant' }, positional: [], json: true }),
    ).rejects.toThrow('qdrant index not configured (set QDRANT_URL)');
  });
});
