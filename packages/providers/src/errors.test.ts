import { describe, expect, it } from '@jest/globals';
import {
  ProviderAuthError,
  ProviderRateLimitError,
  ProviderResponseError,
  errorForStatus,
  retryAfterMs,
} from './errors.js';

const headers = (h: Record<string, string>) => new Headers(h);

describe('retryAfterMs', () => {
  it('reads retry-after-ms, retry-after seconds and HTTP dates', () => {
    expect(retryAfterMs(headers({ 'retry-after-ms': '250', 'retry-after': '9' }))).toBe(250);
    expect(retryAfterMs(headers({ 'retry-after': '1.5' }))).toBe(1_500);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(retryAfterMs(headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:30 GMT' }), now)).toBe(30_000);
    expect(retryAfterMs(headers({}))).toBeUndefined();
    expect(retryAfterMs(headers({ 'retry-after': 'soon' }))).toBeUndefined();
  });
});

describe('errorForStatus', () => {
  it('maps statuses to the typed errors', () => {
    expect(errorForStatus('openai', 401, undefined)).toBeInstanceOf(ProviderAuthError);
    expect(errorForStatus('openai', 403, undefined)).toBeInstanceOf(ProviderAuthError);
    const limited = errorForStatus('cohere', 429, headers({ 'retry-after': '2' }));
    expect(limited).toBeInstanceOf(ProviderRateLimitError);
    expect((limited as ProviderRateLimitError).retryAfterMs).toBe(2_000);
    const server = errorForStatus('anthropic', 500, undefined, 'api_error');
    expect(server).toBeInstanceOf(ProviderResponseError);
    expect(server.retryable).toBe(true);
    expect(server.message).toBe('anthropic: request failed with HTTP 500 (api_error)');
    expect(errorForStatus('anthropic', 400, undefined).retryable).toBe(false);
  });

  it('drops provider codes that look like free text', () => {
    expect(errorForStatus('openai', 400, undefined, 'the customer Jane said hi').message).toBe(
      'openai: request failed with HTTP 400',
    );
  });
});
