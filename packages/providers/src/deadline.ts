import { CompletionJsonError } from './complete-json.js';
import { ProviderError } from './errors.js';

/** Why a caller gave up on a model and used its local stand-in: a provider error kind, or no usable JSON. */
export type ModelFailureKind = ProviderError['kind'] | 'invalid_json';

/** Raised into the call's signal when the deadline passes, so the adapter rejects with it. */
export class ModelDeadlineError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`model deadline of ${timeoutMs} ms passed`);
    this.name = 'ModelDeadlineError';
  }
}

export type DeadlineOutcome<T> =
  { ok: true; value: T } | { ok: false; kind: ModelFailureKind; error: unknown };

/**
 * Runs `call` under one deadline that covers every request it makes (a JSON retry included), and sorts a failure
 * into the kinds a local fallback stands in for. Anything else is a defect and propagates.
 */
export async function withModelDeadline<T>(
  timeoutMs: number,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<DeadlineOutcome<T>> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new ModelDeadlineError(timeoutMs)), timeoutMs);
  try {
    return { ok: true, value: await call(deadline.signal) };
  } catch (err) {
    const kind = modelFailureKind(err, deadline.signal);
    if (kind === null) throw err;
    return { ok: false, kind, error: err };
  } finally {
    clearTimeout(timer);
  }
}

/** The failures a local fallback stands in for; `null` for anything else. */
export function modelFailureKind(err: unknown, deadline: AbortSignal): ModelFailureKind | null {
  if (deadline.aborted) return 'timeout';
  if (err instanceof CompletionJsonError) return 'invalid_json';
  if (err instanceof ProviderError) return err.kind;
  return null;
}
