import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { TicketReceived } from '@parley/contracts';
import { Registry } from '@parley/telemetry';
import { consumer } from '../src/index.js';
import type { BusHarness } from '../src/testing.js';
import { createBusHarness, waitFor } from '../src/testing.js';
import { received, routedFrom } from './fixtures.js';

let h: BusHarness;
beforeEach(async () => {
  h = await createBusHarness('busmetrics');
});
afterEach(async () => {
  await h.close();
});

/** One sample of a metric from the registry's Prometheus text, as a scraper would read it. */
async function sample(registry: Registry, line: string): Promise<number | undefined> {
  const text = await registry.metrics();
  const found = text.split('\n').find((l) => l.startsWith(`${line} `));
  return found === undefined ? undefined : Number(found.slice(line.length + 1));
}

describe('metrics an operator scales and alerts on', () => {
  it("reports each consumer's lag from JetStream at scrape time, and events published by subject", async () => {
    const registry = new Registry();
    const bus = await h.bus({ service: 'svc', registry });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await bus.startConsumers({
      received: consumer({
        event: TicketReceived,
        ackWaitMs: 30_000,
        maxDeliver: 3,
        backoffMs: [100],
        concurrency: 1,
        maxAckPending: 1,
        handler: async (event, ctx) => {
          await held;
          ctx.emit(routedFrom(event));
        },
      }),
    });
    for (let i = 0; i < 5; i++) await bus.publish(received(`lag-${i}`));
    expect(await sample(registry, 'bus_events_published_total{subject="ticket.received.v1"}')).toBe(5);

    const durable = 'svc__ticket_received_v1';
    // One message is in the held handler, the other four wait in the stream.
    await waitFor('one message in flight', async () => {
      return (await sample(registry, `bus_consumer_ack_pending_messages{consumer="${durable}"}`)) === 1;
    });
    expect(await sample(registry, `bus_consumer_pending_messages{consumer="${durable}"}`)).toBe(4);

    release();
    await waitFor('the consumer caught up', async () => {
      const pending = await sample(registry, `bus_consumer_pending_messages{consumer="${durable}"}`);
      const inFlight = await sample(registry, `bus_consumer_ack_pending_messages{consumer="${durable}"}`);
      return pending === 0 && inFlight === 0;
    });
    await waitFor('the routed events', async () => {
      return (await sample(registry, 'bus_events_published_total{subject="ticket.routed.v1"}')) === 5;
    });
  });
});
