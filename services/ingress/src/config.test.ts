import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '@parley/config';
import { readServiceConfig } from './config.js';

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('readServiceConfig', () => {
  it('has working defaults', () => {
    const c = readServiceConfig({});
    expect(c).toMatchObject({
      port: 8080,
      apiKeys: [],
      maxBodyBytes: 65536,
      requestTimeoutMs: 10_000,
      retryAfterSeconds: 5,
      maxInFlight: 64,
      dbWaitMs: 1000,
      busyRetryAfterSeconds: 1,
    });
    expect(c.platform.busPrefix).toBe('parley');
  });

  it('reads keys as a comma separated list', () => {
    const c = readServiceConfig({
      INGRESS_API_KEYS: 'local-key-0123456789, other-key-0123456789',
      INGRESS_PORT: '9000',
    });
    expect(c.apiKeys).toEqual(['local-key-0123456789', 'other-key-0123456789']);
    expect(c.port).toBe(9000);
  });

  it('names bad values without printing secrets', () => {
    expect(problems(() => readServiceConfig({ INGRESS_MAX_BODY_BYTES: '10', INGRESS_PORT: 'http' }))).toEqual(
      [
        'INGRESS_PORT: must be an integer (got "http")',
        'INGRESS_MAX_BODY_BYTES: must be at least 1024 (got "10")',
      ],
    );
    expect(problems(() => readServiceConfig({ DATABASE_URL: 'mysql://u:pw@x/db' }))).toEqual([
      'DATABASE_URL: must be a URL starting with postgres:// or postgresql:// (value hidden)',
    ]);
  });

  it('requires the database wait to be shorter than the request timeout', () => {
    expect(
      problems(() => readServiceConfig({ INGRESS_DB_WAIT_MS: '2000', INGRESS_REQUEST_TIMEOUT_MS: '2000' })),
    ).toEqual(['INGRESS_DB_WAIT_MS: must be below INGRESS_REQUEST_TIMEOUT_MS (2000 >= 2000)']);
    expect(readServiceConfig({ INGRESS_MAX_IN_FLIGHT: '8', INGRESS_DB_WAIT_MS: '250' })).toMatchObject({
      maxInFlight: 8,
      dbWaitMs: 250,
    });
    // Unset, the wait follows a short request timeout down.
    expect(readServiceConfig({ INGRESS_REQUEST_TIMEOUT_MS: '300' }).dbWaitMs).toBe(150);
  });
});
