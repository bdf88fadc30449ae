import { describe, expect, it } from '@jest/globals';
import { RateLimiter } from './rate.js';

describe('RateLimiter', () => {
  it('grants a burst, then one token per interval, per name', () => {
    let now = 0;
    const limiter = new RateLimiter(3, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(20_000);
    expect(limiter.take('b')).toBe(0);
    now = 19_999;
    expect(limiter.take('a')).toBeGreaterThan(0);
    now = 20_000;
    expect(limiter.take('a')).toBe(0);
  });

  it('forgets addresses whose bucket is full again once many are held', () => {
    let now = 0;
    const limiter = new RateLimiter(1, () => now);
    for (let i = 0; i < 1100; i++) limiter.take(`addr-${i}`);
    expect(limiter.size).toBe(1100);
    now = 60_000;
    limiter.take('late');
    expect(limiter.size).toBe(1);
  });
});
