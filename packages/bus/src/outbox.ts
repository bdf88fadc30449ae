import type { JetStreamClient } from '@nats-io/jetstream';
import type { Database } from '@parley/db';
import type { Envelope } from '@parley/contracts';
import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import type { Logger } from '@parley/telemetry';
import { producerTraceparent } from '@parley/telemetry';
import type { BusMetrics } from './metrics.js';
import type { Topology } from './topology.js';
import { eventHeaders, subjectOf, toNatsHeaders } from './wire.js';

export interface OutboxRow {
  id: string;
  msg_id: string;
  subject: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * The envelope as it is sent: its traceparent is a PRODUCER span's, child of the work that emitted it, so the
 * consumer that handles it continues one trace per ticket across every service.
 */
export function traced(e: Envelope): Envelope {
  const subject = subjectOf(e);
  const traceparent = producerTraceparent(
    `publish ${subject}`,
    {
      'messaging.system': 'nats',
      'messaging.operation.type': 'send',
      'messaging.destination.name': subject,
      'messaging.message.id': e.id,
      ...(e.ticketId ? { 'parley.ticket_id': e.ticketId } : {}),
    },
    e.traceparent,
  );
  return traceparent ? { ...e, traceparent } : e;
}

/** Writes events in the caller's transaction; they are published only once that transaction commits. */
export async function writeOutbox(
  trx: Transaction<Database>,
  envelopes: readonly Envelope[],
): Promise<OutboxRow[]> {
  if (envelopes.length === 0) return [];
  return trx
    .insertInto('outbox')
    .values(
      envelopes.map(traced).map((e) => ({
        msg_id: e.id,
        subject: subjectOf(e),
        headers: JSON.stringify(eventHeaders(e)) as unknown as Record<string, string>,
        body: JSON.stringify(e),
      })),
    )
    .returning(['id', 'msg_id', 'subject', 'headers', 'body'])
    .execute();
}

export interface RelayOptions {
  /** How often committed-but-unpublished rows are swept. */
  intervalMs: number;
  /** Rows younger than this are left to the fast path of the process that wrote them. */
  staleMs: number;
  batchSize: number;
  publishTimeoutMs: number;
}

export const defaultRelayOptions: RelayOptions = {
  intervalMs: 1000,
  staleMs: 2000,
  batchSize: 200,
  publishTimeoutMs: 5000,
};

/**
 * Publishes outbox rows to JetStream with their domain message ids, then deletes them. Publishing twice is
 * harmless (the stream drops the duplicate, consumers' ledgers recognise it), so the fast path and the
 * sweeper never need to coordinate beyond SKIP LOCKED.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly js: JetStreamClient,
    private readonly topo: Topology,
    private readonly log: Logger,
    private readonly metrics: BusMetrics,
    private readonly options: RelayOptions = defaultRelayOptions,
    /** Headers added as each row is published: the canary split this process knows (`Bus`). */
    private readonly publishHeaders: () => Record<string, string> = () => ({}),
  ) {}

  private async publish(rows: readonly OutboxRow[]): Promise<string[]> {
    const done: string[] = [];
    for (const row of rows) {
      const headers =
        typeof row.headers === 'string' ? (JSON.parse(row.headers) as Record<string, string>) : row.headers;
      await this.js.publish(this.topo.subject(row.subject), row.body, {
        msgID: row.msg_id,
        headers: toNatsHeaders({ ...headers, ...this.publishHeaders() }),
        timeout: this.options.publishTimeoutMs,
      });
      done.push(row.id);
      this.metrics.outboxPublished.inc();
      this.metrics.eventsPublished.inc({ subject: row.subject });
    }
    return done;
  }

  /** Fast path right after commit. Failure is fine: the sweeper will find the rows. */
  async flush(rows: readonly OutboxRow[]): Promise<void> {
    if (rows.length === 0) return;
    let published: string[] = [];
    try {
      published = await this.publish(rows);
    } catch (err) {
      this.log.warn({ err, rows: rows.length }, 'outbox publish failed; the relay will retry');
    }
    if (published.length > 0) {
      await this.db
        .deleteFrom('outbox')
        .where('id', 'in', published)
        .execute()
        .catch((err: unknown) => {
          this.log.warn(
            { err },
            'could not delete published outbox rows; they will be re-published harmlessly',
          );
        });
    }
  }

  /** Publishes every committed row older than `staleMs`; returns how many it published. */
  async sweep(): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('outbox')
        .select(['id', 'msg_id', 'subject', 'headers', 'body'])
        .where('created_at', '<', sql<Date>`now() - make_interval(secs => ${this.options.staleMs / 1000})`)
        .orderBy('id')
        .limit(this.options.batchSize)
        .forUpdate()
        .skipLocked()
        .execute();
      if (rows.length === 0) return 0;
      const published = await this.publish(rows);
      await trx.deleteFrom('outbox').where('id', 'in', published).execute();
      return published.length;
    });
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.sweeping) return;
      this.sweeping = this.sweepAll()
        .catch((err: unknown) => this.log.warn({ err }, 'outbox sweep failed; retrying'))
        .finally(() => {
          this.sweeping = undefined;
        });
    }, this.options.intervalMs);
    this.timer.unref();
  }

  private async sweepAll(): Promise<void> {
    while ((await this.sweep()) === this.options.batchSize) {
      // keep going while full batches come back
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.sweeping;
  }
}
