import { describe, expect, it } from '@jest/globals';
import { wordWeightFrom } from './word-weight.js';

describe('wordWeightFrom', () => {
  const ranks = new Map([
    ['the', 0],
    ['after', 100],
    ['morning', 1_000],
    ['warehouse', 10_000],
  ]);
  const weight = wordWeightFrom({ rank: (w) => ranks.get(w) });

  it('weighs common English words well below the words that name a topic', () => {
    expect(weight('the')).toBeLessThan(0.01);
    expect(weight('after')).toBeCloseTo(0.12, 1);
    expect(weight('morning')).toBeCloseTo(0.57, 1);
    expect(weight('warehouse')).toBeGreaterThan(0.9);
  });

  it('counts a word the table does not know (a typo, a code) fully', () => {
    expect(weight('evry')).toBe(1);
  });
});
