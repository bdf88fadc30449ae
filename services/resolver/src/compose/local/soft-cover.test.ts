import { describe, expect, it } from '@jest/globals';
import { softCoverage } from './soft-cover.js';

/** Word pairs judged alike, as a word-vector table would; every other pair 0. */
const similar = (a: string, b: string) =>
  [a, b].sort().join(' ') === 'package parcel' ? 0.8 : [a, b].sort().join(' ') === 'cost price' ? 0.6 : 0;

describe('softCoverage', () => {
  it('counts a word the answer uses in full and a word it puts another way by their similarity', () => {
    expect(softCoverage('lost parcel', 'A lost parcel is traced by the carrier.', similar)).toBe(1);
    expect(softCoverage('lost parcel', 'A lost package is traced by the carrier.', similar)).toBeCloseTo(0.9);
    expect(softCoverage('lost parcel', 'Returns are free.', similar)).toBe(0);
  });

  it('weighs each question word by how much it tells', () => {
    const weight = (w: string) => (w === 'parcel' ? 3 : 1);
    expect(softCoverage('lost parcel', 'Your parcel arrives soon.', similar, weight)).toBeCloseTo(0.75);
  });

  it('is 0 for a question without content words', () => {
    expect(softCoverage('how do I?', 'Anything at all.', similar)).toBe(0);
  });
});
