import {
  ProviderError,
  ProviderResponseError,
  ProviderTimeoutError,
  errorForStatus,
  type ProviderName,
} from './errors.js';

type ErrorClass = abstract new (...args: never[]) => Error;

/** The error classes the Stainless-generated SDKs (`@anthropic-ai/sdk`, `openai`) share by shape. */
export interface StainlessErrors {
  APIError: ErrorClass;
  APIConnectionError: ErrorClass;
  APIConnectionTimeoutError: ErrorClass;
  APIUserAbortError: ErrorClass;
}

export interface CallContext {
  provider: ProviderName;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  /** `Date.now()` when the call began. */
  startedAt: number;
}

/**
 * Maps whatever a Stainless SDK threw onto our typed errors. A caller's own abort is passed through as the
 * signal's reason: it is not a provider failure.
 */
export function mapStainlessError(err: unknown, sdk: StainlessErrors, ctx: CallContext): unknown {
  if (err instanceof ProviderError) return err;
  if (ctx.signal?.aborted) return ctx.signal.reason;
  if (err instanceof sdk.APIConnectionTimeoutError)
    return new ProviderTimeoutError(ctx.provider, ctx.timeoutMs);
  if (err instanceof sdk.APIUserAbortError)
    return new ProviderResponseError(ctx.provider, 'request aborted', undefined, true);
  if (err instanceof sdk.APIConnectionError) {
    // The SDK recognises its own timeout by the AbortError's name; when the abort crosses a realm boundary
    // (vm sandboxes) that name is lost and a timeout surfaces as a plain connection error. A connection that
    // failed only after the whole deadline passed timed out.
    if (Date.now() - ctx.startedAt >= ctx.timeoutMs)
      return new ProviderTimeoutError(ctx.provider, ctx.timeoutMs);
    return new ProviderResponseError(ctx.provider, 'connection failed', undefined, true);
  }
  if (err instanceof sdk.APIError) {
    const e = err as Error & { status?: number; headers?: Headers; error?: unknown };
    if (typeof e.status === 'number')
      return errorForStatus(ctx.provider, e.status, e.headers, errorType(e.error));
  }
  if (isSyntaxError(err)) return new ProviderResponseError(ctx.provider, 'response body was not valid JSON');
  return new ProviderResponseError(ctx.provider, `client failed (${errorName(err)})`);
}

/** Both APIs nest a short machine-readable type: `{ error: { type } }` (Anthropic) or `{ type }` / `{ code }` (OpenAI). */
function errorType(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as { type?: unknown; code?: unknown; error?: { type?: unknown } };
  const candidate = b.error?.type ?? b.type ?? b.code;
  return typeof candidate === 'string' ? candidate : undefined;
}

/**
 * By name, not instanceof: a JSON parse failure inside fetch's `response.json()` is a SyntaxError from the
 * realm fetch lives in, which need not be ours (test sandboxes, workers).
 */
export function isSyntaxError(err: unknown): boolean {
  return errorName(err) === 'SyntaxError';
}

export function errorName(err: unknown): string {
  const name = (err as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : typeof err;
}
