import { describe, expect, it } from '@jest/globals';
import type { Columns } from './bootstrap.js';
import { allCases, pairedInterval, quantile, unpairedInterval } from './bootstrap.js';
import { mean } from './figures.js';

const OPTS = { resamples: 2000, seed: 7, level: 0.95 };
const bits = (ones: number, n: number): Columns => ({
  x: Array.from({ length: n }, (_, i) => (i < ones ? 1 : 0)),
});

describe('bootstrap bands', () => {
  it('interpolates quantiles between neighbours', () => {
    expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(quantile([0, 10], 0.25)).toBe(2.5);
    expect(quantile([4], 0.975)).toBe(4);
  });

  it('gives a band of exactly zero when the same cases have the same outcomes', () => {
    const cols = bits(37, 100);
    expect(pairedInterval(mean('x'), cols, cols, allCases(100), OPTS)).toEqual({ lo: 0, hi: 0 });
  });

  it('pairs the cases: a few flips one way leave zero inside the band, many put it outside', () => {
    const base = bits(100, 200);
    // Two cases lost out of 200: the resamples that miss both show no change, so zero stays in the band.
    const twoLost = { x: base.x!.map((v, i) => (i < 2 ? 0 : v)) };
    const two = pairedInterval(mean('x'), base, twoLost, allCases(200), OPTS);
    expect(two.lo).toBeLessThan(0);
    expect(two.hi).toBe(0);
    // Twelve lost: almost every resample draws one of them.
    const twelveLost = { x: base.x!.map((v, i) => (i < 12 ? 0 : v)) };
    const twelve = pairedInterval(mean('x'), base, twelveLost, allCases(200), OPTS);
    expect(twelve.hi).toBeLessThan(0);
    expect(twelve.lo).toBeGreaterThan(-0.12);
  });

  it('sees through flips that cancel out', () => {
    const base = bits(100, 200);
    // Ten right answers become wrong and ten wrong ones right: same figure, band around zero.
    const swapped = { x: base.x!.map((v, i) => (i < 10 || (i >= 100 && i < 110) ? 1 - v : v)) };
    const band = pairedInterval(mean('x'), base, swapped, allCases(200), OPTS);
    expect(band.lo).toBeLessThan(0);
    expect(band.hi).toBeGreaterThan(0);
  });

  it('is as wide as sampling error says when the cases differ', () => {
    // Two samples of 400 at p = 0.5: the difference has a standard error of sqrt(2 * 0.25 / 400) = 0.0354.
    const a = bits(200, 400);
    const band = unpairedInterval(mean('x'), a, allCases(400), a, allCases(400), OPTS);
    expect(band.hi).toBeGreaterThan(1.96 * 0.0354 * 0.85);
    expect(band.hi).toBeLessThan(1.96 * 0.0354 * 1.15);
    expect(band.lo).toBeLessThan(-1.96 * 0.0354 * 0.85);
  });

  it('gives the same band for the same seed and a different one for another seed', () => {
    const base = bits(60, 150);
    const now = bits(50, 150);
    const one = unpairedInterval(mean('x'), base, allCases(150), now, allCases(150), OPTS);
    expect(unpairedInterval(mean('x'), base, allCases(150), now, allCases(150), OPTS)).toEqual(one);
    expect(
      unpairedInterval(mean('x'), base, allCases(150), now, allCases(150), { ...OPTS, seed: 8 }),
    ).not.toEqual(one);
  });
});
