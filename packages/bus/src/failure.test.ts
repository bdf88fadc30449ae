import { describe, expect, it } from '@jest/globals';
import { ContractError } from '@parley/contracts';
import { PermanentError, RetryAfterError } from './errors.js';
import { planFailure } from './failure.js';

const limits = { maxDeliver: 4, backoffMs: [100, 1000] };

describe('planFailure', () => {
  it('backs off per attempt and repeats the last step', () => {
    expect(planFailure(new Error('x'), 1, limits)).toEqual({ kind: 'retry', delayMs: 100 });
    expect(planFailure(new Error('x'), 2, limits)).toEqual({ kind: 'retry', delayMs: 1000 });
    expect(planFailure(new Error('x'), 3, limits)).toEqual({ kind: 'retry', delayMs: 1000 });
  });

  it('dead-letters on the last allowed delivery with the cause', () => {
    expect(planFailure(new Error('db down'), 4, limits)).toEqual({
      kind: 'dead_letter',
      reason: 'gave up after 4 deliveries: Error: db down',
    });
  });

  it('dead-letters permanent and contract errors at once', () => {
    expect(planFailure(new PermanentError('no such order'), 1, limits)).toMatchObject({
      kind: 'dead_letter',
    });
    expect(planFailure(new ContractError('ticket.routed', ['payload.turn: Required']), 1, limits)).toEqual({
      kind: 'dead_letter',
      reason: 'permanent failure: ContractError: invalid ticket.routed: payload.turn: Required',
    });
  });

  it('honours a retry-after delay until the last delivery', () => {
    expect(planFailure(new RetryAfterError('429', 7000), 1, limits)).toEqual({
      kind: 'retry',
      delayMs: 7000,
    });
    expect(planFailure(new RetryAfterError('429', 7000), 4, limits).kind).toBe('dead_letter');
  });
});
