import type { Registry } from '@parley/telemetry';
import { Counter, Histogram, latencyBuckets } from '@parley/telemetry';

export interface BusMetrics {
  messages: Counter<'consumer' | 'outcome'>;
  waitSeconds: Histogram<'consumer'>;
  handlingSeconds: Histogram<'consumer'>;
  deliveries: Histogram<'consumer'>;
  outboxPublished: Counter;
  deadLetters: Counter<'consumer'>;
}

export function createBusMetrics(registry: Registry): BusMetrics {
  return {
    messages: new Counter({
      name: 'bus_messages_total',
      help: 'Messages handled, by consumer and outcome (acked, duplicate, retried, dead_lettered)',
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
    outboxPublished: new Counter({
      name: 'bus_outbox_published_total',
      help: 'Outbox rows published to JetStream',
      registers: [registry],
    }),
    deadLetters: new Counter({
      name: 'bus_dead_letters_total',
      help: 'Messages copied to the dead-letter stream',
      labelNames: ['consumer'],
      registers: [registry],
    }),
  };
}
