import { describe, expect, it } from '@jest/globals';
import { Semaphore } from './semaphore.js';

const tick = () => new Promise((r) => setImmediate(r));

describe('Semaphore', () => {
  it('hands out at most `capacity` permits without waiting', () => {
    const s = new Semaphore(2);
    expect([s.tryAcquire(), s.tryAcquire(), s.tryAcquire()]).toEqual([true, true, false]);
    expect(s.inUse).toBe(2);
    s.release();
    expect(s.tryAcquire()).toBe(true);
  });

  it('passes a released permit to the longest waiter, first come first served', async () => {
    const s = new Semaphore(1);
    expect(await s.acquire(1000)).toBe(true);
    const order: string[] = [];
    const a = s.acquire(10_000).then((ok) => order.push(`a:${ok}`));
    const b = s.acquire(10_000).then((ok) => order.push(`b:${ok}`));
    expect(s.waiting).toBe(2);
    // A newcomer does not overtake the queue even with tryAcquire semantics in acquire.
    expect(s.tryAcquire()).toBe(false);
    s.release();
    await a;
    expect(order).toEqual(['a:true']);
    expect(s.inUse).toBe(1);
    s.release();
    await b;
    expect(order).toEqual(['a:true', 'b:true']);
    s.release();
    expect(s.inUse).toBe(0);
  });

  it('gives up after the wait bound and leaves the queue, so a later release is not lost', async () => {
    const s = new Semaphore(1);
    expect(s.tryAcquire()).toBe(true);
    expect(await s.acquire(20)).toBe(false);
    expect(s.waiting).toBe(0);
    s.release();
    expect(s.inUse).toBe(0);
    expect(await s.acquire(20)).toBe(true);
    await tick();
    expect(s.inUse).toBe(1);
  });

  it('refuses a release without an acquire and a capacity below one', () => {
    expect(() => new Semaphore(1).release()).toThrow(/released more often/);
    expect(() => new Semaphore(0)).toThrow(/positive integer/);
  });
});
