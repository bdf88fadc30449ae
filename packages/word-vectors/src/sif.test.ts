import { describe, expect, it } from '@jest/globals';
import { sifEmbed, sifWeight } from './sif.js';
import type { WordVectors } from './vectors.js';

function fakeVectors(table: Record<string, { rank: number; v: number[] }>): WordVectors {
  const entry = (w: string) => table[w.toLowerCase()];
  return {
    dim: 2,
    size: 100_000,
    vector: (w) => (entry(w) ? Float32Array.from(entry(w)!.v) : undefined),
    rank: (w) => entry(w)?.rank,
  };
}

describe('sifWeight', () => {
  it('down-weights frequent words and tends to 1 for rare ones', () => {
    expect(sifWeight(0)).toBeLessThan(0.05);
    expect(sifWeight(100)).toBeLessThan(sifWeight(1000));
    expect(sifWeight(90_000)).toBeGreaterThan(0.99);
  });
});

describe('sifEmbed', () => {
  const vectors = fakeVectors({ the: { rank: 0, v: [1, 0] }, refund: { rank: 15_000, v: [0, 1] } });

  it('is dominated by the rare word and unit length', () => {
    const v = sifEmbed(vectors, ['the', 'refund']);
    expect(Math.hypot(v[0]!, v[1]!)).toBeCloseTo(1, 5);
    expect(v[1]!).toBeGreaterThan(0.99);
  });

  it('ignores unknown tokens and returns zeros when none is known', () => {
    expect(Array.from(sifEmbed(vectors, ['zzz', 'refund']))).toEqual([0, 1]);
    expect(Array.from(sifEmbed(vectors, ['zzz']))).toEqual([0, 0]);
    expect(Array.from(sifEmbed(vectors, []))).toEqual([0, 0]);
  });
});
