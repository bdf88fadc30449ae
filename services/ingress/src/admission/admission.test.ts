import { describe, expect, it } from '@jest/globals';
import { UnavailableError } from '../http/unavailable.js';
import { Admission } from './admission.js';

describe('Admission', () => {
  it('admits up to maxInFlight requests and refuses the next until one is released', () => {
    const a = new Admission({ maxInFlight: 2, dbConcurrency: 1, dbWaitMs: 10 });
    const first = a.enter();
    const second = a.enter();
    expect(first).not.toBeNull();
    expect(second).not.toBeNull();
    expect(a.enter()).toBeNull();
    first!();
    first!(); // a second release of the same request changes nothing
    expect(a.inFlightCount).toBe(1);
    expect(a.enter()).not.toBeNull();
    expect(a.enter()).toBeNull();
  });

  it('runs database work within the slot bound and refuses with UnavailableError past the wait', async () => {
    const a = new Admission({ maxInFlight: 10, dbConcurrency: 1, dbWaitMs: 30 });
    let release!: () => void;
    const held = a.db(() => new Promise<string>((r) => (release = () => r('first'))));
    await expect(a.db(async () => 'second')).rejects.toThrow(UnavailableError);
    await expect(a.db(async () => 'second')).rejects.toThrow(/no database connection free within 30 ms/);
    release();
    await expect(held).resolves.toBe('first');
    await expect(a.db(async () => 'third')).resolves.toBe('third');
  });

  it('frees the slot when the work fails', async () => {
    const a = new Admission({ maxInFlight: 10, dbConcurrency: 1, dbWaitMs: 30 });
    await expect(a.db(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(a.db(async () => 'next')).resolves.toBe('next');
  });
});
