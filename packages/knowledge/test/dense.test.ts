import { describe, expect, it } from '@jest/globals';
import { DenseIndex } from '../src/dense.js';

function vectors(n: number, dim: number, seed: number): Float32Array[] {
  let s = seed;
  const next = (): number => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648 - 0.5;
  };
  // A shared component plus low-rank structure, like averaged word vectors.
  const common = Float32Array.from({ length: dim }, () => next());
  const factors = Array.from({ length: 8 }, () => Float32Array.from({ length: dim }, () => next()));
  return Array.from({ length: n }, () => {
    const w = factors.map(() => next() * 2);
    return Float32Array.from(
      { length: dim },
      (_, i) => common[i]! + factors.reduce((acc, f, j) => acc + w[j]! * f[i]!, 0) + next() * 0.2,
    );
  });
}

describe('DenseIndex', () => {
  it('returns exact cosine neighbours below the approximation threshold', () => {
    const data = vectors(300, 20, 1);
    const index = new DenseIndex(20, { centre: false });
    data.forEach((v, slot) => index.add(slot, v));
    expect(index.approximate).toBe(false);
    const q = data[7]!;
    const { hits, scoreOf, mean } = index.search(q, 5);
    expect(hits[0]).toEqual({ slot: 7, score: expect.closeTo(1, 5) });
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
    expect(scoreOf(hits[3]!.slot)).toBeCloseTo(hits[3]!.score, 6);
    const cosines = data.map((_, slot) => scoreOf(slot));
    expect(mean).toBeCloseTo(cosines.reduce((a, b) => a + b, 0) / cosines.length, 5);
  });

  it('switches to projected candidates past the threshold and keeps most exact neighbours', () => {
    const data = vectors(2000, 32, 2);
    const exact = new DenseIndex(32, { approximateAbove: 1e9 });
    const approx = new DenseIndex(32, { approximateAbove: 500, projectedDims: 8, rescoreFactor: 10 });
    data.forEach((v, slot) => {
      exact.add(slot, v);
      approx.add(slot, v);
    });
    expect(approx.approximate).toBe(true);
    let found = 0;
    for (let i = 0; i < 50; i++) {
      const q = data[i * 13]!;
      const want = exact.search(q, 10).hits.map((h) => h.slot);
      const got = new Set(approx.search(q, 10).hits.map((h) => h.slot));
      found += want.filter((s) => got.has(s)).length;
    }
    expect(found / 500).toBeGreaterThan(0.9);
    // Removing below the threshold returns to exact scans.
    for (let slot = 0; slot < 1600; slot++) approx.remove(slot);
    expect(approx.approximate).toBe(false);
    expect(approx.search(data[1700]!, 1).hits[0]!.slot).toBe(1700);
  });

  it('scores centred cosines when centring (the default)', () => {
    const data = vectors(200, 12, 3);
    const index = new DenseIndex(12);
    data.forEach((v, slot) => index.add(slot, v));
    const unit = data.map((v) => {
      const n = Math.hypot(...v);
      return v.map((x) => x / n);
    });
    const mean = Array.from({ length: 12 }, (_, i) => unit.reduce((a, v) => a + v[i]!, 0) / unit.length);
    const centred = (v: Float32Array): number[] => Array.from(v, (x, i) => x - mean[i]!);
    const cos = (a: number[], b: number[]): number =>
      a.reduce((s, x, i) => s + x * b[i]!, 0) / (Math.hypot(...a) * Math.hypot(...b));
    const { hits, scoreOf, mean: baseline } = index.search(data[5]!, 3);
    expect(hits[0]!.slot).toBe(5);
    expect(baseline).toBe(0);
    for (const slot of [0, 5, 77, 199])
      expect(scoreOf(slot)).toBeCloseTo(cos(centred(unit[5]!), centred(unit[slot]!)), 4);
  });

  it('rejects vectors of the wrong size', () => {
    const index = new DenseIndex(4);
    expect(() => index.add(0, new Float32Array(3))).toThrow('embedding has 3 dimensions, index expects 4');
  });
});
