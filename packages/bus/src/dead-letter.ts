import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Logger } from '@parley/telemetry';
import type { BusMetrics } from './metrics.js';
import type { Topology } from './topology.js';
import { toNatsHeaders } from './wire.js';

export interface DeadLetter {
  consumer: string;
  reason: string;
  deliveries: number;
  originalSubject: string;
  streamSeq: number;
  data: Uint8Array;
  headers?: Record<string, string>;
}

/** Copies a message to the dead-letter stream. The id is the stored message's sequence: once per message. */
export async function publishDeadLetter(
  js: JetStreamClient,
  topo: Topology,
  dl: DeadLetter,
  metrics: BusMetrics,
): Promise<void> {
  await js.publish(topo.dlqSubject(dl.consumer), dl.data, {
    msgID: `dlq:${topo.eventsStream}:${dl.streamSeq}:${dl.consumer}`,
    headers: toNatsHeaders({
      ...(dl.headers ?? {}),
      'Dlq-Reason': dl.reason.replace(/[\r\n]+/g, ' '),
      'Dlq-Consumer': dl.consumer,
      'Dlq-Deliveries': String(dl.deliveries),
      'Dlq-Original-Subject': dl.originalSubject,
      'Dlq-Stream-Seq': String(dl.streamSeq),
    }),
    timeout: 5000,
  });
  metrics.deadLetters.inc({ consumer: dl.consumer });
}

interface MaxDeliveriesAdvisory {
  stream: string;
  consumer: string;
  stream_seq: number;
  deliveries: number;
}

/**
 * A handler that crashes the process on every attempt never reaches our own dead-letter code; JetStream
 * then stops redelivering and announces it. This turns that announcement into a dead letter.
 */
export function watchMaxDeliveries(opts: {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  topo: Topology;
  durable: string;
  log: Logger;
  metrics: BusMetrics;
  /** The consumer's own response to giving up on a message (see `ConsumerSpec.onDeadLetter`). */
  compensate: (data: Uint8Array, reason: string) => Promise<void>;
}): Subscription {
  const { nc, js, jsm, topo, durable, log, metrics, compensate } = opts;
  const subject = `$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.${topo.eventsStream}.${durable}`;
  return nc.subscribe(subject, {
    callback: (err, msg) => {
      if (err) return;
      void (async () => {
        const advisory = msg.json<MaxDeliveriesAdvisory>();
        const stored = await jsm.streams.getMessage(topo.eventsStream, { seq: advisory.stream_seq });
        if (!stored) return;
        const reason = `delivered ${advisory.deliveries} times without the handler finishing (process crashed or timed out)`;
        await compensate(stored.data, reason);
        await publishDeadLetter(
          js,
          topo,
          {
            consumer: durable,
            reason,
            deliveries: advisory.deliveries,
            originalSubject: stored.subject,
            streamSeq: advisory.stream_seq,
            data: stored.data,
          },
          metrics,
        );
        log.error(
          { consumer: durable, seq: advisory.stream_seq },
          'message dead-lettered after max deliveries',
        );
      })().catch((e: unknown) =>
        log.error({ err: e, consumer: durable }, 'could not dead-letter after max deliveries'),
      );
    },
  });
}
