import { describe, expect, it } from '@jest/globals';
import { costOf, postAdmitted, viewComplete } from './tickets.js';

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

describe('postAdmitted', () => {
  const clock = () => {
    let t = 0;
    const waits: number[] = [];
    return {
      waits,
      now: () => t,
      sleep: async (ms: number) => {
        waits.push(ms);
        t += ms;
      },
    };
  };

  it('tries a refused post again after its Retry-After, under one external id', async () => {
    const answers = [
      { status: 503, retryAfterS: 2 },
      { status: 429 },
      { status: 202, body: { ticketId: 'tkt_1' } },
    ];
    const seen: string[] = [];
    const c = clock();
    const out = await postAdmitted(
      async (t) => {
        seen.push(t.externalId);
        return answers.shift()!;
      },
      { customer: {}, body: 'where is my order' },
      60_000,
      c.sleep,
      c.now,
    );
    expect(out).toEqual({ status: 202, body: { ticketId: 'tkt_1' } });
    expect(c.waits).toEqual([2000, 1000]);
    expect(new Set(seen).size).toBe(1);
    expect(seen[0]).toMatch(/^eval-/);
  });

  it('returns any other answer at once, and a refusal once the time is up', async () => {
    const c = clock();
    const bad = await postAdmitted(
      async () => ({ status: 400 }),
      { customer: {}, body: '' },
      60_000,
      c.sleep,
      c.now,
    );
    expect(bad.status).toBe(400);
    expect(c.waits).toEqual([]);
    const busy = await postAdmitted(
      async () => ({ status: 503, retryAfterS: 30 }),
      { customer: {}, body: 'hi' },
      12_000,
      c.sleep,
      c.now,
    );
    expect(busy.status).toBe(503);
    expect(c.waits).toEqual([5000, 5000, 5000]);
  });
});
