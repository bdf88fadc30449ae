/**
 * The small set of errors every adapter maps its SDK's failures onto. Messages name the provider and the
 * problem only: never prompt text, documents or anything the provider echoed back, since these messages end up
 * in logs and dead-letter reasons.
 */
export type ProviderName = 'anthropic' | 'openai' | 'openai-compatible' | 'cohere' | 'qdrant';

export abstract class ProviderError extends Error {
  abstract readonly kind: 'timeout' | 'rate_limit' | 'auth' | 'response' | 'config';
  /** Whether calling again later can succeed (the bus wrapper naks these instead of dead-lettering). */
  abstract readonly retryable: boolean;

  constructor(
    /** `unknown` only for configuration that does not even name a valid provider. */
    readonly provider: ProviderName | 'unknown',
    problem: string,
    readonly status?: number,
  ) {
    super(`${provider}: ${problem}`);
    this.name = new.target.name;
  }
}

export class ProviderTimeoutError extends ProviderError {
  readonly kind = 'timeout';
  readonly retryable = true;
  constructor(
    provider: ProviderName,
    readonly timeoutMs: number,
  ) {
    super(provider, `request timed out after ${timeoutMs} ms`);
  }
}

export class ProviderRateLimitError extends ProviderError {
  readonly kind = 'rate_limit';
  readonly retryable = true;
  constructor(
    provider: ProviderName,
    /** How long the provider asked us to wait, when it said so (retry-after / retry-after-ms headers). */
    readonly retryAfterMs: number | undefined,
    status = 429,
  ) {
    super(
      provider,
      retryAfterMs === undefined
        ? `rate limited (HTTP ${status})`
        : `rate limited (HTTP ${status}), retry after ${retryAfterMs} ms`,
      status,
    );
  }
}

export class ProviderAuthError extends ProviderError {
  readonly kind = 'auth';
  readonly retryable = false;
  constructor(provider: ProviderName, status: number) {
    super(provider, `credentials rejected (HTTP ${status}); check the API key`, status);
  }
}

export class ProviderResponseError extends ProviderError {
  readonly kind = 'response';
  readonly retryable: boolean;
  constructor(provider: ProviderName, problem: string, status?: number, retryable?: boolean) {
    super(provider, problem, status);
    // Server-side failures and overload can clear up; a request the provider rejected as invalid will not.
    this.retryable =
      retryable ?? (status !== undefined && (status >= 500 || status === 408 || status === 409));
  }
}

/** Bad or missing configuration, or a remote resource whose shape does not match what we were configured for. */
export class ProviderConfigError extends ProviderError {
  readonly kind = 'config';
  readonly retryable = false;
}

/** Reads `retry-after-ms` (milliseconds) or `retry-after` (seconds or an HTTP date). */
export function retryAfterMs(
  headers: { get(name: string): string | null } | undefined,
  now = Date.now(),
): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '' && Number.isFinite(Number(ms)))
    return Math.max(0, Math.round(Number(ms)));
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Maps an HTTP status from any provider onto the typed errors. */
export function errorForStatus(
  provider: ProviderName,
  status: number,
  headers: { get(name: string): string | null } | undefined,
  providerCode?: string,
): ProviderError {
  if (status === 401 || status === 403 || status === 498) return new ProviderAuthError(provider, status);
  if (status === 429) return new ProviderRateLimitError(provider, retryAfterMs(headers), status);
  return new ProviderResponseError(
    provider,
    `request failed with HTTP ${status}${codeSuffix(providerCode)}`,
    status,
  );
}

/** Provider error codes are short enums (`invalid_request_error`); anything else is dropped in case it is free text. */
function codeSuffix(code: string | undefined): string {
  return code !== undefined && /^[a-z0-9_.-]{1,64}$/i.test(code) ? ` (${code})` : '';
}
