import { describe, expect, it } from '@jest/globals';
import { roundCents } from './money.js';

describe('roundCents', () => {
  it('removes floating-point noise from sums of prices', () => {
    expect(roundCents(21.370000000000005)).toBe(21.37);
    expect(roundCents(52.029999999999745)).toBe(52.03);
    expect(roundCents(-16.96999999999997)).toBe(-16.97);
    expect(roundCents(0.1 + 0.2)).toBe(0.3);
  });

  it('rounds on the exact binary value, like Python round(x, 2)', () => {
    // 1.005 is held as 1.00499999999999989..., so it rounds down.
    expect(roundCents(1.005)).toBe(1);
    expect(roundCents(2.675)).toBe(2.67);
  });

  it('rounds exact ties to even', () => {
    expect(roundCents(0.125)).toBe(0.12);
    expect(roundCents(0.375)).toBe(0.38);
    expect(roundCents(0.625)).toBe(0.62);
    expect(roundCents(-0.125)).toBe(-0.12);
    expect(roundCents(10.875)).toBe(10.88);
  });

  it('never returns negative zero', () => {
    expect(Object.is(roundCents(-0.001), 0)).toBe(true);
    expect(Object.is(roundCents(-0), 0)).toBe(true);
  });

  it('refuses a non-finite amount', () => {
    expect(() => roundCents(Number.NaN)).toThrow('finite');
  });
});
