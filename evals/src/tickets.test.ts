import { describe, expect, it } from '@jest/globals';
import { costOf, viewComplete } from './tickets.js';

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

describe('viewComplete', () => {
  const decided = (reasons: string[]) => ({ type: 'ticket.decided', detail: { reasons } });
  const reply = { body: 'Here are the details to confirm: ...', citations: [] };

  it('waits for a read-back’s proposal, which reaches the view with an event of its own', () => {
    const readBack = {
      decision: 'auto_sent' as const,
      reply,
      timeline: [decided(['checks_passed', 'reads_back'])],
    };
    expect(viewComplete(readBack)).toBe(false);
    const proposed = [{ tool: 'cancel_pending_order', input: { order_id: '#W1234567' }, status: 'proposed' }];
    expect(viewComplete({ ...readBack, actions: proposed })).toBe(true);
  });

  it('waits for the reply of an auto-sent turn and for the decision’s timeline entry', () => {
    expect(viewComplete({ decision: 'auto_sent', timeline: [decided(['checks_passed'])] })).toBe(false);
    expect(viewComplete({ decision: 'suggested', timeline: [] })).toBe(false);
    expect(viewComplete({ decision: 'suggested', timeline: [decided(['band_suggest'])] })).toBe(true);
  });
});
