// The reference the pipeline is measured against: a bare chain of JetStream hops in which every hop does what
// the bus does for a message at the least (one Postgres transaction writing the consumer's ledger row and an
// outbox row, as `packages/bus` commits; then a publish to the next hop with a message id, then the ack), and
// nothing else: no handler, no schema validation, no duplicate pre-read, no outbox delete. It runs on the same
// servers with the same stream and consumer limits, in a subject prefix and database schema of its own.
import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { ConsumerMessages, JetStreamClient, JetStreamManager, JsMsg } from '@nats-io/jetstream';
import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  ReplayPolicy,
  RetentionPolicy,
  StorageType,
  jetstream,
  jetstreamManager,
} from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { nanos } from '@nats-io/transport-node';
import { STREAM_LIMITS, connectNats } from '@parley/bus';
import { TEST_NATS_AUTH } from '@parley/bus/testing';
import type { Db } from '@parley/db';
import { createDb, withDdlLock } from '@parley/db';
import { migrations } from '@parley/db/migrations/index';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';

export interface ChainOptions {
  natsUrl: string;
  databaseUrl: string;
  hops: number;
  /** Messages each hop handles at once (the services' consumers use 4 to 8). */
  concurrency: number;
  /** Connections per hop, as each service has its own pool (DATABASE_POOL_MAX defaults to 10). */
  poolMax: number;
  /** The events stream's size, as the stack sets it. */
  streamMaxBytes: number;
}

export interface ChainRun {
  sent: number;
  completed: number;
  seconds: number;
  perSec: number;
}

interface ChainEvent {
  id: string;
  type: string;
  version: number;
  occurredAt: string;
  ticketId: string;
  payload: { hop: number; text: string };
}

const LEDGER_AND_OUTBOX = '20261122000000-bus-ledger-and-outbox';

class Hop {
  private messages: ConsumerMessages | undefined;
  private loop: Promise<void> | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  failures = 0;

  constructor(
    readonly index: number,
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly db: Db,
    private readonly stream: string,
    private readonly subject: (hop: number) => string,
    private readonly concurrency: number,
  ) {}

  get durable(): string {
    return `hop${this.index}`;
  }

  async start(jsm: JetStreamManager): Promise<void> {
    // The bus's consumer settings, for a catalog entry with this concurrency.
    await jsm.consumers.add(this.stream, {
      durable_name: this.durable,
      filter_subject: this.subject(this.index),
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      replay_policy: ReplayPolicy.Instant,
      ack_wait: nanos(15_000),
      max_deliver: 8,
      max_ack_pending: this.concurrency * 4,
      max_waiting: 512,
    });
    const consumer = await this.js.consumers.get(this.stream, this.durable);
    this.messages = await consumer.consume({ max_messages: this.concurrency });
    this.loop = this.run(this.messages);
  }

  private async run(messages: ConsumerMessages): Promise<void> {
    for await (const msg of messages) {
      const task = this.handle(msg).finally(() => this.inFlight.delete(task));
      this.inFlight.add(task);
      if (this.inFlight.size >= this.concurrency) await Promise.race(this.inFlight);
    }
  }

  private async handle(msg: JsMsg): Promise<void> {
    try {
      const event = msg.json<ChainEvent>();
      const hop = this.index + 1;
      const next: ChainEvent = {
        ...event,
        id: `${event.ticketId}:hop${hop}`,
        occurredAt: new Date().toISOString(),
        payload: { ...event.payload, hop },
      };
      const body = JSON.stringify(next);
      const subject = this.subject(hop);
      await this.db.db.transaction().execute(async (trx) => {
        const claimed = await trx
          .insertInto('bus_processed')
          .values({ consumer: this.durable, message_id: event.id })
          .onConflict((oc) => oc.doNothing())
          .returning('message_id')
          .executeTakeFirst();
        if (!claimed) return;
        await trx
          .insertInto('outbox')
          .values({
            msg_id: next.id,
            subject,
            headers: JSON.stringify({ 'Parley-Ticket': next.ticketId }) as unknown as Record<string, string>,
            body,
          })
          .returning(['id', 'msg_id', 'subject', 'headers', 'body'])
          .execute();
      });
      await this.js.publish(subject, body, { msgID: next.id });
      msg.ack();
    } catch {
      this.failures++;
      msg.nak(500);
    }
  }

  async stop(): Promise<void> {
    this.messages?.stop();
    await this.loop?.catch(() => undefined);
    await Promise.allSettled([...this.inFlight]);
    await this.nc.drain();
    await this.db.close();
  }
}

export class LedgerChain {
  private sent = 0;
  private readonly done = new Map<string, () => void>();
  private readonly finished = new Set<string>();

  private constructor(
    hopCount: number,
    readonly prefix: string,
    private readonly stream: string,
    private readonly admin: Db,
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly hops: Hop[],
  ) {
    // The last hop publishes past the chain; that subject is where a message's trip ends.
    const sink = nc.subscribe(this.subject(hopCount + 1));
    void (async () => {
      for await (const msg of sink) {
        const ticketId = msg.json<ChainEvent>().ticketId;
        this.finished.add(ticketId);
        this.done.get(ticketId)?.();
      }
    })();
  }

  /** What each hop's Postgres connections call themselves (to tell their backends apart). */
  static applicationName(prefix: string): string {
    return `parley-chain-${prefix}`;
  }

  private subject(hop: number): string {
    return `${this.prefix}.hop.${hop}`;
  }

  static async create(options: ChainOptions): Promise<LedgerChain> {
    const id = randomBytes(4).toString('hex');
    const prefix = `c${id}`;
    const schema = `bench_chain_${id}`;
    const stream = `${prefix.toUpperCase()}_CHAIN`;
    const dbConfig = { url: options.databaseUrl, schema, statementTimeoutMs: 60_000 };
    const admin = createDb({ ...dbConfig, poolMax: 1, applicationName: 'parley-bench' });
    const dropSchema = () =>
      withDdlLock(admin, (conn) => sql`drop schema if exists ${sql.id(schema)} cascade`.execute(conn));
    let nc: NatsConnection;
    try {
      // The very migration that creates the bus's ledger and outbox, in this chain's own schema.
      await withDdlLock(admin, async (conn) => {
        await sql`create schema if not exists ${sql.id(schema)}`.execute(conn);
        await migrations[LEDGER_AND_OUTBOX]!.up(conn as Kysely<unknown>);
      });
      nc = await connectNats(options.natsUrl, 'parley-bench-chain', TEST_NATS_AUTH);
    } catch (err) {
      await dropSchema().catch(() => undefined);
      await admin.close();
      throw err;
    }
    const jsm = await jetstreamManager(nc);
    const hops: Hop[] = [];
    const chain = new LedgerChain(options.hops, prefix, stream, admin, nc, jetstream(nc), jsm, hops);
    try {
      await jsm.streams.add({
        name: stream,
        subjects: [`${prefix}.hop.>`],
        retention: RetentionPolicy.Limits,
        storage: StorageType.File,
        discard: DiscardPolicy.Old,
        num_replicas: 1,
        duplicate_window: nanos(STREAM_LIMITS.duplicateWindowMs),
        max_msg_size: STREAM_LIMITS.maxMsgBytes,
        max_age: nanos(STREAM_LIMITS.eventsMaxAgeMs),
        max_bytes: options.streamMaxBytes,
      });
      for (let i = 1; i <= options.hops; i++) {
        // Each hop has its own connection and pool, as each service does.
        const hopNc = await connectNats(options.natsUrl, `parley-bench-hop${i}`, TEST_NATS_AUTH);
        const db = createDb({
          ...dbConfig,
          poolMax: options.poolMax,
          applicationName: LedgerChain.applicationName(prefix),
        });
        const hop = new Hop(
          i,
          hopNc,
          jetstream(hopNc),
          db,
          stream,
          (n) => `${prefix}.hop.${n}`,
          options.concurrency,
        );
        hops.push(hop);
        await hop.start(jsm);
      }
      return chain;
    } catch (err) {
      // Whatever was made so far (stream, consumers, connections, schema) goes again.
      await chain.close().catch(() => undefined);
      throw err;
    }
  }

  private async travel(text: string, timeoutMs: number): Promise<boolean> {
    const ticketId = `m${this.sent++}`;
    const event: ChainEvent = {
      id: `${ticketId}:hop1`,
      type: 'chain.hop',
      version: 1,
      occurredAt: new Date().toISOString(),
      ticketId,
      payload: { hop: 1, text },
    };
    const arrived = new Promise<boolean>((resolve) => this.done.set(ticketId, () => resolve(true)));
    const ac = new AbortController();
    await this.js.publish(this.subject(1), JSON.stringify(event), { msgID: event.id });
    const ok =
      this.finished.has(ticketId) ||
      (await Promise.race([arrived, delay(timeoutMs, false, { signal: ac.signal }).catch(() => false)]));
    ac.abort();
    this.done.delete(ticketId);
    return ok;
  }

  /** Sends `messages` through the chain keeping `inFlight` of them travelling; texts are the payloads. */
  async run(
    messages: number,
    inFlight: number,
    texts: readonly string[],
    timeoutMs = 60_000,
  ): Promise<ChainRun> {
    const start = performance.now();
    let next = 0;
    let completed = 0;
    const slot = async () => {
      while (next < messages) {
        const i = next++;
        if (await this.travel(texts[i % texts.length]!, timeoutMs)) completed++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(inFlight, messages) }, slot));
    const seconds = (performance.now() - start) / 1000;
    return {
      sent: messages,
      completed,
      seconds: Math.round(seconds * 100) / 100,
      perSec: Math.round((completed / seconds) * 100) / 100,
    };
  }

  failures(): number {
    return this.hops.reduce((n, h) => n + h.failures, 0);
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.hops.map((h) => h.stop()));
    await this.jsm.streams.delete(this.stream).catch(() => false);
    await this.nc.drain();
    await withDdlLock(this.admin, (conn) =>
      sql`drop schema if exists ${sql.id(this.admin.config.schema)} cascade`.execute(conn),
    );
    await this.admin.close();
  }
}
