import { describe, expect, it } from '@jest/globals';
import { costOf } from './tickets.js';

describe('costOf', () => {
  const usage = (costUsd: number) => ({ inputTokens: 10, outputTokens: 5, costUsd });

  it("adds the router's call and the resolver's, counting a hosted draft once", () => {
    const timeline = [
      { type: 'ticket.received' },
      { type: 'ticket.routed', detail: { intent: 'payment', routerUsage: usage(0.001) } },
      // The draft's usage repeats the hosted call's; a fallback draft's is the local zero.
      { type: 'ticket.resolved', detail: { usage: usage(0.004), composerUsage: usage(0.004) } },
      { type: 'ticket.resolved', detail: { band: 'auto' } },
    ];
    expect(costOf(timeline)).toBeCloseTo(0.005, 9);
    const fellBack = [{ type: 'ticket.resolved', detail: { usage: usage(0), composerUsage: usage(0.003) } }];
    expect(costOf(fellBack)).toBeCloseTo(0.003, 9);
  });

  it("falls back to the draft's usage only when the timeline records none", () => {
    expect(costOf([{ type: 'ticket.resolved', detail: { usage: usage(0) } }], { costUsd: 0.2 })).toBe(0);
    expect(costOf([{ type: 'ticket.decided', detail: {} }], { costUsd: 0.2 })).toBe(0.2);
    expect(costOf([])).toBe(0);
  });
});
