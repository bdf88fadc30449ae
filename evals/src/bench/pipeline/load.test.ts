import { describe, expect, it } from '@jest/globals';
import { connectNats } from '@parley/bus';
import { TEST_NATS_AUTH, TEST_NATS_URL } from '@parley/bus/testing';
import { randomBytes } from 'node:crypto';
import type { BenchTicket, PostOutcome } from './load.js';
import { DecisionWatch, openLoop, saturate, tally } from './load.js';

const tickets = (n: number): BenchTicket[] =>
  Array.from({ length: n }, (_, i) => ({ customer: {}, body: `ticket ${i}`, externalId: `t-${i}` }));

describe('load drivers', () => {
  it('open loop posts every ticket without waiting for earlier answers', async () => {
    // Every answer is held until the last ticket has been posted: a driver that waited would never finish.
    let release!: () => void;
    const allPosted = new Promise<void>((r) => (release = r));
    let posted = 0;
    const run = await openLoop(tickets(10), 1000, async () => {
      if (++posted === 10) release();
      await allPosted;
      return { status: 202, ticketId: `tkt_${posted}` };
    });
    expect(run.outcomes).toHaveLength(10);
    expect(run.lagMs).toHaveLength(10);
  });

  it('saturation keeps N tickets between post and decision, and no more', async () => {
    const nc = await connectNats(TEST_NATS_URL, 'bench-load-test', TEST_NATS_AUTH);
    const subject = `bench${randomBytes(4).toString('hex')}.ticket.decided.v1`;
    const watch = new DecisionWatch(nc, subject);
    // The gate here decides the oldest open ticket only once three are open (or nothing is left to post):
    // a driver that did not wait would open more than three, one that waited for fewer would stall.
    const open: string[] = [];
    let most = 0;
    let n = 0;
    const total = 12;
    const decideOldest = () => {
      const ticketId = open.shift();
      if (ticketId) nc.publish(subject, JSON.stringify({ ticketId }));
      // Nothing left to post: the rest are decided one after another.
      if (n >= total && open.length > 0) setImmediate(decideOldest);
    };
    try {
      const run = await saturate(
        tickets(total),
        3,
        async (): Promise<PostOutcome> => {
          const i = n++;
          const refused = i % 4 === 3;
          const ticketId = `tkt_${i}`;
          if (!refused) open.push(ticketId);
          most = Math.max(most, open.length);
          if (open.length === 3 || n >= total) setImmediate(decideOldest);
          return refused ? { status: 429 } : { status: 202, ticketId };
        },
        watch,
        30_000,
      );
      expect(run.timedOut).toBe(0);
      expect(tally(run.outcomes)).toEqual({
        posted: 12,
        accepted: 9,
        refused: { '429': 3, '503': 0 },
        failed: 0,
      });
      expect(most).toBe(3);
    } finally {
      watch.close();
      await nc.drain();
    }
  });

  it('tallies every kind of answer', () => {
    expect(
      tally([
        { status: 202 },
        { status: 503 },
        { status: 503 },
        { status: 400 },
        { status: 0 },
        { status: 429 },
      ]),
    ).toEqual({ posted: 6, accepted: 1, refused: { '429': 1, '503': 2 }, failed: 2 });
  });
});
