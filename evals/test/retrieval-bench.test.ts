import { describe, expect, it } from '@jest/globals';
import { mulberry32 } from '@parley/intent-model/rng';
import { run, syntheticChunks, vocabulary } from '../src/bench/retrieval.js';

describe('retrieval bench', () => {
  it('generates the same corpus for the same seed', async () => {
    const vocab = await vocabulary(500, mulberry32(1));
    expect(vocab.length).toBeGreaterThan(500);
    const a = syntheticChunks(20, vocab, mulberry32(5));
    const b = syntheticChunks(20, vocab, mulberry32(5));
    expect(a).toEqual(b);
    expect(new Set(a.map((c) => c.id)).size).toBe(20);
    for (const c of a) expect(c.text.split(' ').length).toBeGreaterThanOrEqual(40);
  });

  it('reports build rate, latency and memory per size', async () => {
    const out = (await run({
      options: { sizes: '200,400', queries: '30', dense: 'hashing' },
      positional: [],
      json: true,
    })) as {
      results: Record<string, number>[];
    };
    expect(out.results.map((r) => r.chunks)).toEqual([200, 400]);
    for (const r of out.results) {
      expect(r.chunksPerSec).toBeGreaterThan(0);
      expect(r.p99Ms).toBeGreaterThanOrEqual(r.p50Ms!);
      expect(r.indexSparseMB! + r.indexDenseMB!).toBeGreaterThan(0);
    }
  });
});
