import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { context, SpanKind, trace } from '@opentelemetry/api';
import { TicketReceived, TicketRouted } from '@parley/contracts';
import { initTracing, tracer } from '@parley/telemetry';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { consumer } from '../src/index.js';
import type { BusHarness } from '../src/testing.js';
import { createBusHarness, waitFor } from '../src/testing.js';
import { received, routedFrom } from './fixtures.js';

const exporter = new InMemorySpanExporter();
let h: BusHarness;
beforeAll(async () => {
  initTracing({ service: 'bus-tracing', spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  h = await createBusHarness('bustracing');
});
afterAll(async () => {
  await h?.close();
});

const limits = { ackWaitMs: 10_000, maxDeliver: 3, backoffMs: [100], concurrency: 2 };

function parentOf(span: ReadableSpan): string | undefined {
  return span.parentSpanContext?.spanId;
}

describe('traces across the bus', () => {
  it('chains edge, producer and consumer spans of every hop into one trace through the message headers', async () => {
    // Two services, as the router and retrieval are: the first turns received into routed, the second ends.
    const first = await h.bus({ service: 'first' });
    const second = await h.bus({ service: 'second' });
    let handled = false;
    await first.startConsumers({
      received: consumer({
        event: TicketReceived,
        ...limits,
        // As the services' handlers do: they pass the incoming traceparent on explicitly.
        handler: async (event, ctx) => ctx.emit({ ...routedFrom(event), traceparent: event.traceparent }),
      }),
    });
    await second.startConsumers({
      routed: consumer({
        event: TicketRouted,
        ...limits,
        handler: async () => {
          handled = true;
        },
      }),
    });

    // The edge: a request span (the HTTP server span in a service) under which the ticket is published.
    const edge = tracer().startSpan('POST /v1/tickets', { kind: SpanKind.SERVER });
    await context.with(trace.setSpan(context.active(), edge), () => first.publish(received('trace-chain')));
    edge.end();
    await waitFor('the second hop', () => handled);
    await waitFor('its span', () =>
      exporter.getFinishedSpans().some((s) => s.name === 'second__ticket_routed_v1 process'),
    );

    const spans = exporter
      .getFinishedSpans()
      .filter((s) => s.spanContext().traceId === edge.spanContext().traceId);
    const byName = (name: string) => {
      const found = spans.filter((s) => s.name === name);
      expect({ name, count: found.length }).toEqual({ name, count: 1 });
      return found[0]!;
    };
    const root = byName('POST /v1/tickets');
    const publishReceived = byName('publish ticket.received.v1');
    const firstProcess = byName('first__ticket_received_v1 process');
    const publishRouted = byName('publish ticket.routed.v1');
    const secondProcess = byName('second__ticket_routed_v1 process');

    expect(parentOf(root)).toBeUndefined();
    expect(parentOf(publishReceived)).toBe(root.spanContext().spanId);
    expect(parentOf(firstProcess)).toBe(publishReceived.spanContext().spanId);
    expect(parentOf(publishRouted)).toBe(firstProcess.spanContext().spanId);
    expect(parentOf(secondProcess)).toBe(publishRouted.spanContext().spanId);
    expect([publishReceived.kind, firstProcess.kind, publishRouted.kind, secondProcess.kind]).toEqual([
      SpanKind.PRODUCER,
      SpanKind.CONSUMER,
      SpanKind.PRODUCER,
      SpanKind.CONSUMER,
    ]);
    expect(firstProcess.attributes).toMatchObject({
      'messaging.system': 'nats',
      'messaging.consumer.group.name': 'first__ticket_received_v1',
      'parley.ticket_id': 'trace-chain',
    });
    expect(publishRouted.attributes).toMatchObject({ 'messaging.destination.name': 'ticket.routed.v1' });
  });

  it('starts a trace for an event published outside any span', async () => {
    const bus = await h.bus({ service: 'lone' });
    const event = received('trace-root');
    await bus.publish(event);
    const producer = exporter
      .getFinishedSpans()
      .find(
        (s) => s.name === 'publish ticket.received.v1' && s.attributes['messaging.message.id'] === event.id,
      );
    expect(producer).toBeDefined();
    expect(parentOf(producer!)).toBeUndefined();
  });
});
