import { ContractError } from '@parley/contracts';
import { PermanentError, RetryAfterError } from './errors.js';

export type FailurePlan = { kind: 'dead_letter'; reason: string } | { kind: 'retry'; delayMs: number };

export interface RetryLimits {
  maxDeliver: number;
  /** Delay before attempt n+1 after attempt n failed; the last value repeats. */
  backoffMs: readonly number[];
}

function describe(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`.slice(0, 500);
  return String(err).slice(0, 500);
}

/** What to do with a message whose handling threw, on its `deliveryCount`-th delivery. */
export function planFailure(err: unknown, deliveryCount: number, limits: RetryLimits): FailurePlan {
  if (err instanceof PermanentError || err instanceof ContractError) {
    return { kind: 'dead_letter', reason: `permanent failure: ${describe(err)}` };
  }
  if (deliveryCount >= limits.maxDeliver) {
    return { kind: 'dead_letter', reason: `gave up after ${deliveryCount} deliveries: ${describe(err)}` };
  }
  if (err instanceof RetryAfterError) return { kind: 'retry', delayMs: Math.max(0, err.delayMs) };
  const steps = limits.backoffMs;
  const delayMs = steps.length === 0 ? 0 : steps[Math.min(deliveryCount - 1, steps.length - 1)]!;
  return { kind: 'retry', delayMs };
}
