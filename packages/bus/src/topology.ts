import type { JetStreamManager, StreamConfig } from '@nats-io/jetstream';
import { DiscardPolicy, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Names derived from the deployment prefix, so several deployments (or test files) share one server. */
export interface Topology {
  prefix: string;
  eventsStream: string;
  dlqStream: string;
  subject(relative: string): string;
  dlqSubject(consumer: string): string;
}

export function topology(prefix: string): Topology {
  const upper = prefix.toUpperCase();
  return {
    prefix,
    eventsStream: `${upper}_EVENTS`,
    dlqStream: `${upper}_DLQ`,
    subject: (relative) => `${prefix}.${relative}`,
    dlqSubject: (consumer) => `${prefix}.dlq.${consumer}`,
  };
}

export const STREAM_LIMITS = {
  /** Long enough for the outbox relay to re-publish after an outage and still be deduplicated. */
  duplicateWindowMs: 10 * 60 * 1000,
  eventsMaxAgeMs: 7 * DAY_MS,
  dlqMaxAgeMs: 30 * DAY_MS,
  maxMsgBytes: 1024 * 1024,
};

/**
 * Storage each deployment's streams may use. JetStream reserves `max_bytes` up front against the server's
 * store, so the defaults are modest and operators size them (BUS_EVENTS_MAX_BYTES, BUS_DLQ_MAX_BYTES);
 * tests use small ones so parallel test files do not exhaust a shared server.
 */
export interface StreamSizes {
  eventsMaxBytes: number;
  dlqMaxBytes: number;
}

export const DEFAULT_STREAM_SIZES: StreamSizes = {
  eventsMaxBytes: 2 * 1024 ** 3,
  dlqMaxBytes: 256 * 1024 ** 2,
};

export function streamConfigs(
  t: Topology,
  sizes: StreamSizes = DEFAULT_STREAM_SIZES,
): Array<Partial<StreamConfig> & { name: string; subjects: string[] }> {
  const common = {
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    num_replicas: 1,
    duplicate_window: nanos(STREAM_LIMITS.duplicateWindowMs),
    max_msg_size: STREAM_LIMITS.maxMsgBytes,
  };
  return [
    {
      ...common,
      name: t.eventsStream,
      subjects: ['ticket.>', 'handoff.>', 'reply.>', 'kb.>', 'action.>'].map(t.subject),
      max_age: nanos(STREAM_LIMITS.eventsMaxAgeMs),
      max_bytes: sizes.eventsMaxBytes,
    },
    {
      ...common,
      name: t.dlqStream,
      subjects: [t.subject('dlq.>')],
      max_age: nanos(STREAM_LIMITS.dlqMaxAgeMs),
      max_bytes: sizes.dlqMaxBytes,
    },
  ];
}

function isNotFound(err: unknown): boolean {
  return err instanceof Error && /not found/i.test(err.message);
}

/** Creates the streams, or updates them to the declared config; safe to run from every process at once. */
export async function applyStreams(jsm: JetStreamManager, t: Topology, sizes?: StreamSizes): Promise<void> {
  for (const config of streamConfigs(t, sizes)) {
    try {
      await jsm.streams.info(config.name);
      await jsm.streams.update(config.name, config);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      try {
        await jsm.streams.add(config);
      } catch (addErr) {
        // Another process created it between our info and add.
        if (!/already in use|exists/i.test((addErr as Error).message)) throw addErr;
      }
    }
  }
}
