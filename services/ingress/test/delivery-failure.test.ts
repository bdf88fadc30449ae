import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PermanentError } from '@parley/bus';
import { waitFor } from '@parley/bus/testing';
import type { IngressHarness } from './harness.js';
import { startIngress } from './harness.js';
import { API_KEY, replyRequested } from './fixtures.js';

// A reply the channel refuses for good (a bounced address, say) is dead-lettered; the customer never got it, so
// ingress says so on the bus and on the timeline, and counts it, instead of the reply vanishing.
let ing: IngressHarness;
let refused = 0;

beforeAll(async () => {
  ing = await startIngress(
    'ingress-delivery-failure',
    {},
    {
      senders: {
        api: {
          async send() {
            refused += 1;
            throw new PermanentError('the provider refused the recipient');
          },
        },
      },
    },
  );
});
afterAll(async () => {
  await ing.close();
});

describe('a reply that cannot be delivered', () => {
  it('is announced once as reply.failed with its timeline entry and counted', async () => {
    const res = await fetch(`${ing.svc.url}/v1/tickets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ customer: { name: 'Ana' }, body: 'Where is my parcel?' }),
    });
    const { ticketId } = (await res.json()) as { ticketId: string };
    const reply = replyRequested(ticketId, 1, `rpl_${ticketId}_1_agent`, 'agent');
    await ing.bus.publish(reply);
    const [failed] = await ing.awaitEvents('reply.failed.v1', ticketId, 1);
    expect(failed!.payload).toEqual({
      turn: 1,
      replyId: reply.payload.replyId,
      channel: 'api',
      source: 'agent',
      reason: 'permanent failure: PermanentError: the provider refused the recipient',
    });
    expect(refused).toBe(1);
    const timeline = await ing.h.db.db
      .selectFrom('timeline')
      .select(['type', 'service'])
      .where('ticket_id', '=', ticketId)
      .orderBy('id')
      .execute();
    expect(timeline).toContainEqual({ type: 'reply.failed', service: 'ingress' });
    // Nothing was recorded as delivered.
    const deliveries = await ing.h.db.db
      .selectFrom('deliveries')
      .select('reply_id')
      .where('ticket_id', '=', ticketId)
      .execute();
    expect(deliveries).toEqual([]);
    await waitFor('the failure metric', async () =>
      /ingress_replies_failed_total\{[^}]*source="agent"[^}]*\} 1/.test(
        await (await fetch(`${ing.svc.url}/metrics`)).text(),
      ),
    );
  });
});
