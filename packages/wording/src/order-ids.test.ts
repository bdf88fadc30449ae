import { describe, expect, it } from '@jest/globals';
import { canonicalOrderId, orderIdsIn, sameOrderId } from './order-ids.js';

describe('orderIdsIn', () => {
  it('finds order ids with or without the hash, normalised and once each', () => {
    expect(orderIdsIn('Orders #W2611340 and w1234567, again #W2611340')).toEqual(['#W2611340', '#W1234567']);
  });

  it('ignores longer numbers and ids glued to words', () => {
    expect(orderIdsIn('tracking W26113401 or XW2611340 or W2611340x')).toEqual([]);
  });
});

describe('sameOrderId', () => {
  it('compares ids whatever their hash and case', () => {
    expect(sameOrderId('w2611340', '#W2611340')).toBe(true);
    expect(sameOrderId('#W2611340', '#W2611341')).toBe(false);
    expect(canonicalOrderId('w2611340')).toBe('#W2611340');
  });
});
