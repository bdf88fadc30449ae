import type { Registry } from '@parley/telemetry';
import { Counter, Gauge, Histogram, latencyBuckets } from '@parley/telemetry';

export interface BusMetrics {
  messages: Counter<'consumer' | 'outcome'>;
  waitSeconds: Histogram<'consumer'>;
  handlingSeconds: Histogram<'consumer'>;
  deliveries: Histogram<'consumer'>;
  /** Messages committed in one transaction (group commit): one observation per transaction. */
  commitMessages: Histogram<'consumer'>;
  outboxPublished: Counter;
  /** Events published, by subject (`ticket.received.v1`): ticket rate, decisions, SLA breaches from one metric. */
  eventsPublished: Counter<'subject'>;
  deadLetters: Counter<'consumer'>;
  /** Messages in the stream not yet delivered to the consumer: its lag, what autoscaling and alerts watch. */
  consumerPending: Gauge<'consumer'>;
  /** Messages delivered to the consumer and not yet acknowledged. */
  consumerAckPending: Gauge<'consumer'>;
}

/** Reads the lag of this process's consumers when the registry is scraped. */
export type LagSampler = () => Promise<Array<{ consumer: string; pending: number; ackPending: number }>>;

export function createBusMetrics(registry: Registry, sampleLag?: LagSampler): BusMetrics {
  let sampled: ReturnType<LagSampler> | undefined;
  // Both gauges are filled from one consumer-info round per scrape.
  const sample = () => (sampled ??= (sampleLag ?? (async () => []))().finally(() => (sampled = undefined)));
  const metrics: BusMetrics = {
    messages: new Counter({
      name: 'bus_messages_total',
      help: 'Messages handled, by consumer and outcome (acked, duplicate, retried, dead_lettered, other_side)',
      labelNames: ['consumer', 'outcome'],
      registers: [registry],
    }),
    waitSeconds: new Histogram({
      name: 'bus_message_wait_seconds',
      help: 'Time from a message being stored to its handling starting',
      labelNames: ['consumer'],
      buckets: latencyBuckets,
      registers: [registry],
    }),
    handlingSeconds: new Histogram({
      name: 'bus_message_handling_seconds',
      help: 'Time spent handling a message, commit included',
      labelNames: ['consumer'],
      buckets: latencyBuckets,
      registers: [registry],
    }),
    deliveries: new Histogram({
      name: 'bus_message_delivery_count',
      help: 'Delivery attempt number of each handled message',
      labelNames: ['consumer'],
      buckets: [1, 2, 3, 5, 8, 13],
      registers: [registry],
    }),
    commitMessages: new Histogram({
      name: 'bus_commit_messages',
      help: 'Messages committed together in one transaction',
      labelNames: ['consumer'],
      buckets: [1, 2, 3, 4, 6, 8, 12, 16, 32],
      registers: [registry],
    }),
    outboxPublished: new Counter({
      name: 'bus_outbox_published_total',
      help: 'Outbox rows published to JetStream',
      registers: [registry],
    }),
    eventsPublished: new Counter({
      name: 'bus_events_published_total',
      help: 'Events published to JetStream, by subject',
      labelNames: ['subject'],
      registers: [registry],
    }),
    deadLetters: new Counter({
      name: 'bus_dead_letters_total',
      help: 'Messages copied to the dead-letter stream',
      labelNames: ['consumer'],
      registers: [registry],
    }),
    consumerPending: new Gauge({
      name: 'bus_consumer_pending_messages',
      help: 'Messages in the stream not yet delivered to the consumer (its lag)',
      labelNames: ['consumer'],
      registers: [registry],
      async collect() {
        for (const lag of await sample())
          metrics.consumerPending.set({ consumer: lag.consumer }, lag.pending);
      },
    }),
    consumerAckPending: new Gauge({
      name: 'bus_consumer_ack_pending_messages',
      help: 'Messages delivered to the consumer and not yet acknowledged',
      labelNames: ['consumer'],
      registers: [registry],
      async collect() {
        for (const lag of await sample())
          metrics.consumerAckPending.set({ consumer: lag.consumer }, lag.ackPending);
      },
    }),
  };
  return metrics;
}
