import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { TestDb } from '@parley/db/testing';
import { natsAuthEnv, readNatsAuth } from '@parley/config';
import type { EnvelopeBase } from '@parley/contracts';
import { parseEvent } from '@parley/contracts';
import { createTestDb, TEST_DATABASE_URL } from '@parley/db/testing';
import { createLogger, Registry } from '@parley/telemetry';
import type { BusOptions } from './bus.js';
import { Bus, connectNats } from './bus.js';
import { topology } from './topology.js';

export const TEST_NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
/** The test server's credentials, from the same variables a service reads (none by default). */
export const TEST_NATS_AUTH = readNatsAuth(process.env);
/** Those variables as set, handed on to services under test. */
const TEST_NATS_AUTH_ENV = Object.fromEntries(
  Object.keys(natsAuthEnv).flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : [])),
) as Record<string, string>;

/** Polls until `check` returns a truthy value; fails with `what` after the deadline. */
export async function waitFor<T>(what: string, check: () => Promise<T> | T, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface BusHarness {
  prefix: string;
  nc: NatsConnection;
  db: TestDb;
  buses: Bus[];
  bus(opts?: Partial<Omit<BusOptions, 'nc' | 'db' | 'prefix'>>): Promise<Bus>;
  /** Messages stored on a subject relative to the prefix. */
  count(relativeSubject: string): Promise<number>;
  /**
   * The environment a service under test reads: this harness's NATS prefix and database schema, silent logs,
   * plus `extra` (the service's own variables).
   */
  env(extra?: Record<string, string>): Record<string, string>;
  /**
   * Every event published on a subject relative to the prefix (wildcards allowed), parsed, as it arrives (into
   * `into` when given): a core subscription, so JetStream publishes reach it too.
   */
  record(relativeSubject: string, into?: EnvelopeBase[]): EnvelopeBase[];
  /** Every event stored on a subject (e.g. `reply.requested.v1`) for the ticket, oldest first. */
  stored(relativeSubject: string, ticketId: string): Promise<EnvelopeBase[]>;
  close(): Promise<void>;
}

/** A private prefix (streams, subjects) and database schema for one test file, on the real servers. */
export async function createBusHarness(label: string): Promise<BusHarness> {
  const prefix = `t${randomBytes(5).toString('hex')}`;
  const db = await createTestDb(label);
  const nc = await connectNats(TEST_NATS_URL, `test-${label}`, TEST_NATS_AUTH);
  const buses: Bus[] = [];
  const harness: BusHarness = {
    prefix,
    nc,
    db,
    buses,
    async bus(opts = {}) {
      const bus = new Bus({
        nc,
        db: db.db,
        prefix,
        service: opts.service ?? 'test',
        log: opts.log ?? createLogger({ service: label, level: 'silent' }),
        registry: opts.registry ?? new Registry(),
        // Small reservations: many test files share one server.
        streamSizes: { eventsMaxBytes: 64 * 1024 ** 2, dlqMaxBytes: 16 * 1024 ** 2 },
        ...opts,
      });
      await bus.applyTopology();
      buses.push(bus);
      return bus;
    },
    async count(relativeSubject) {
      const bus = buses[0] ?? (await harness.bus());
      const jsm = await bus.jsm();
      const stream = relativeSubject.startsWith('dlq.') ? bus.topo.dlqStream : bus.topo.eventsStream;
      const info = await jsm.streams.info(stream, { subjects_filter: `${prefix}.${relativeSubject}` });
      return Object.values(info.state.subjects ?? {}).reduce((a, b) => a + b, 0);
    },
    env(extra = {}) {
      return {
        NATS_URL: TEST_NATS_URL,
        ...TEST_NATS_AUTH_ENV,
        DATABASE_URL: TEST_DATABASE_URL,
        DATABASE_SCHEMA: db.config.schema,
        BUS_PREFIX: prefix,
        LOG_LEVEL: 'silent',
        ...extra,
      };
    },
    async stored(relativeSubject, ticketId) {
      const bus = buses[0] ?? (await harness.bus());
      const jsm = await bus.jsm();
      const info = await jsm.streams.info(bus.topo.eventsStream);
      const found: EnvelopeBase[] = [];
      for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
        const msg = await jsm.streams.getMessage(bus.topo.eventsStream, { seq }).catch(() => null);
        if (msg?.subject !== `${prefix}.${relativeSubject}`) continue;
        const event = msg.json<EnvelopeBase>();
        if (event.ticketId === ticketId) found.push(event);
      }
      return found;
    },
    record(relativeSubject, seen = []) {
      const sub = nc.subscribe(`${prefix}.${relativeSubject}`);
      void (async () => {
        for await (const m of sub) seen.push(parseEvent(m.json()));
      })();
      return seen;
    },
    async close() {
      await Promise.all(buses.map((b) => b.close()));
      if (!nc.isClosed()) {
        const jsm = await jetstreamManager(nc);
        const topo = topology(prefix);
        // Services under test also open the control bucket (`@parley/control`: kill switch, canaries).
        for (const name of [topo.eventsStream, topo.dlqStream, `KV_${prefix}_control`]) {
          await jsm.streams.delete(name).catch(() => undefined);
        }
      }
      // Idempotent: a failed set-up may leave jest calling close on a harness already closed.
      if (!nc.isClosed()) await nc.drain();
      await db.drop();
    },
  };
  return harness;
}
