import { describe, expect, it } from '@jest/globals';
import { isUnavailable, UnavailableError, withDeadline } from './unavailable.js';

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('isUnavailable', () => {
  it('recognises connection, pool and shutdown failures', () => {
    expect(isUnavailable(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'))).toBe(true);
    expect(isUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    // A pooled connection whose backend was terminated between checkout and first query.
    expect(isUnavailable(new Error('Client has encountered a connection error and is not queryable'))).toBe(
      true,
    );
    expect(isUnavailable(withCode('terminating connection due to administrator command', '57P01'))).toBe(
      true,
    );
    expect(isUnavailable(withCode('sorry, too many clients already', '53300'))).toBe(true);
    expect(isUnavailable(new AggregateError([withCode('x', 'ECONNREFUSED')]))).toBe(true);
  });

  it('does not treat bugs or constraint violations as unavailability', () => {
    expect(isUnavailable(withCode('duplicate key value violates unique constraint', '23505'))).toBe(false);
    expect(isUnavailable(new TypeError('cannot read properties of undefined'))).toBe(false);
    expect(isUnavailable('a string')).toBe(false);
  });
});

describe('withDeadline', () => {
  it('returns the result of work that finishes in time', async () => {
    await expect(withDeadline(1000, async (guard) => (guard(), 42))).resolves.toBe(42);
  });

  it('fails with UnavailableError when the work is too slow, and the guard then stops it', async () => {
    let guardError: unknown;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = withDeadline(50, async (guard) => {
      await gate;
      try {
        guard();
      } catch (err) {
        guardError = err;
      }
    });
    await expect(slow).rejects.toThrow(UnavailableError);
    release();
    await new Promise((r) => setImmediate(r));
    expect(guardError).toBeInstanceOf(UnavailableError);
  });
});
