import type { JetStreamClient } from '@nats-io/jetstream';
import type { TimelineEntry } from '@parley/audit';
import { timelineInsert, timelineParams } from '@parley/audit';
import type { Database } from '@parley/db';
import { prepared } from '@parley/db';
import type { Envelope } from '@parley/contracts';
import type { Kysely, Transaction } from 'kysely';
import { CompiledQuery, sql } from 'kysely';
import type { Logger } from '@parley/telemetry';
import { producerTraceparent } from '@parley/telemetry';
import type { BusMetrics } from './metrics.js';
import type { Topology } from './topology.js';
import { eventHeaders, subjectOf, toNatsHeaders } from './wire.js';
import type { ClaimedStatement } from './catalog.js';
import { IF_CLAIMED } from './catalog.js';

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

/** The outbox row written for an envelope (its traceparent a PRODUCER span's, see `traced`). */
function outboxValues(e: Envelope): Omit<OutboxRow, 'id'> {
  const sent = traced(e);
  return {
    msg_id: sent.id,
    subject: subjectOf(sent),
    headers: eventHeaders(sent),
    body: JSON.stringify(sent),
  };
}

/** Writes events in the caller's transaction; they are published only once that transaction commits. */
export async function writeOutbox(
  trx: Transaction<Database>,
  envelopes: readonly Envelope[],
): Promise<OutboxRow[]> {
  if (envelopes.length === 0) return [];
  const values = envelopes.map(outboxValues);
  const { rows } = await trx.executeQuery<Written>(CompiledQuery.raw(WRITE_OUTBOX, [JSON.stringify(values)]));
  return withIds(values, rows);
}

/** The ids the table gave the rows, in the order written. */
interface Written {
  id: string;
  msg_id: string;
}

/**
 * The rows as written: the values sent with the ids the table gave them. Only ids come back from the
 * statement, not the bodies and headers the client already holds (an event with passages is kilobytes).
 */
function withIds(values: ReadonlyArray<Omit<OutboxRow, 'id'>>, written: readonly Written[]): OutboxRow[] {
  if (written.length !== values.length || written.some((w, i) => w.msg_id !== values[i]!.msg_id))
    throw new Error('outbox: the rows written do not match the events sent');
  return values.map((v, i) => ({ id: written[i]!.id, ...v }));
}

const WRITE_OUTBOX = prepared(`
  with written as (
    insert into outbox (msg_id, subject, headers, body)
    select e.v->>'msg_id', e.v->>'subject', e.v->'headers', e.v->>'body'
    from jsonb_array_elements($1::jsonb) with ordinality as e(v, n)
    order by e.n
    returning id, msg_id
  )
  select id::text as id, msg_id from written order by id`);

/**
 * Claims a message in the consumer's ledger and writes the events its handling emitted, the timeline entries it
 * recorded and the statements it queued (`writeInClaim`), in one statement (one round trip): all of them only if
 * the claim is new. Runs first in the handling's transaction, so the ledger row's lock makes a concurrent
 * duplicate delivery wait, then see the claim; alone (`db`, no transaction) when the message has nothing else to
 * commit, since a single statement is atomic by itself.
 */
export function claimAndWriteOutbox(
  trx: Transaction<Database> | Kysely<Database>,
  ledger: { consumer: string; messageId: string },
  envelopes: readonly Envelope[],
  entries: readonly TimelineEntry[] = [],
  statements: readonly ClaimedStatement[] = [],
): Promise<{ claimed: boolean; rows: OutboxRow[] }> {
  return writeGuarded(
    trx,
    { sql: LEDGER_CLAIM, params: [ledger.consumer, ledger.messageId] },
    { events: envelopes, entries, statements },
  );
}

const LEDGER_CLAIM = `insert into bus_processed (consumer, message_id) values ($1, $2)
    on conflict do nothing
    returning message_id`;

/** What a guarded write commits when its guard lets it: events, timeline entries and further statements. */
export interface GuardedWrites {
  events?: readonly Envelope[];
  entries?: readonly TimelineEntry[];
  /** Each holds its rows to the guard with `IF_CLAIMED`. */
  statements?: readonly ClaimedStatement[];
}

/**
 * One statement that runs `guard` (an insert returning a row only when what it inserts is new: a ledger claim, a
 * ticket by its external id, a turn's decision) and, only if it returned one, writes the events to the outbox, the
 * entries to the timeline and the further statements: a change and everything it announces in one round trip.
 * Returns whether the guard's row was new and the outbox rows to publish once the caller's transaction (if any)
 * has committed.
 */
export async function writeGuarded(
  trx: Transaction<Database> | Kysely<Database>,
  guard: ClaimedStatement,
  writes: GuardedWrites,
): Promise<{ claimed: boolean; rows: OutboxRow[] }> {
  const { events = [], entries = [], statements = [] } = writes;
  const values = events.map(outboxValues);
  const params: unknown[] = [...guard.params, JSON.stringify(values)];
  if (entries.length > 0) params.push(...timelineParams(entries));
  for (const s of statements) params.push(...s.params);
  const text = guardedStatement(guard, entries.length > 0, statements);
  const { rows } = await trx.executeQuery<{ claimed: boolean; written: Written[] }>(
    CompiledQuery.raw(text, params),
  );
  const { claimed, written } = rows[0]!;
  return { claimed, rows: claimed ? withIds(values, written) : [] };
}

/**
 * Guarded statements by what they are made of, a handful of constant texts each prepared once per connection: a
 * tree of maps keyed by the guard's text, whether entries are recorded, then each statement's text, so finding one
 * hashes the same constant strings every time rather than a key built per message.
 */
interface Built {
  text?: string;
  /** The parameters each text takes (the guard's, then each statement's), checked against those given. */
  takes?: number[];
  next: Map<string | boolean, Built>;
}
const built: Built = { next: new Map() };

function builtFor(parts: ReadonlyArray<string | boolean>): Built {
  let node = built;
  for (const part of parts) {
    let child = node.next.get(part);
    if (!child) node.next.set(part, (child = { next: new Map() }));
    node = child;
  }
  return node;
}

/** How many parameters a statement text takes: its highest `$n`. */
const placeholders = (sql: string) => Math.max(0, ...[...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));

/**
 * The text of a guarded write. Parameters: the guard's own, then the events (one JSON array), then the six arrays of
 * the timeline entries when there are any, then each statement's, renumbered in that order (each text's numbering
 * decides where the next begins, so the text depends on the texts alone). Written out rather than built with
 * kysely: every handled message runs one, and building cost more client CPU than sending. A statement that does not
 * hold its rows to the guard (`IF_CLAIMED`) would change rows again on a duplicate, so it is refused.
 */
function guardedStatement(
  guard: ClaimedStatement,
  record: boolean,
  statements: readonly ClaimedStatement[],
): string {
  const node = builtFor([guard.sql, record, ...statements.map((s) => s.sql)]);
  node.text ??= buildGuarded(guard.sql, record, statements);
  node.takes ??= [guard, ...statements].map((s) => placeholders(s.sql));
  // Parameters go positionally: one text given more or fewer than it takes would shift every one after it.
  if ([guard, ...statements].some((s, i) => s.params.length !== node.takes![i]))
    throw new Error(`a guarded write was given other parameters than its texts take: ${guard.sql}`);
  return node.text;
}

function buildGuarded(guardSql: string, record: boolean, statements: readonly ClaimedStatement[]): string {
  let next = placeholders(guardSql) + 1;
  const events = `$${next++}`;
  const recorded = record
    ? `, recorded as (
    ${timelineInsert(next, IF_CLAIMED)}
  )`
    : '';
  if (record) next += 6;
  const changes = statements.map((s, i) => {
    if (!s.sql.includes(IF_CLAIMED))
      throw new Error(`a statement in the claim must hold its rows to a new claim (IF_CLAIMED): ${s.sql}`);
    const offset = next - 1;
    next += placeholders(s.sql);
    return `, change_${i} as (
    ${s.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`)}
  )`;
  });
  // Postgres runs a data-modifying CTE whether or not the query reads it.
  return prepared(`
  with claimed as (
    ${guardSql}
  ), written as (
    insert into outbox (msg_id, subject, headers, body)
    select e.v->>'msg_id', e.v->>'subject', e.v->'headers', e.v->>'body'
    from jsonb_array_elements(${events}::jsonb) with ordinality as e(v, n)
    where ${IF_CLAIMED}
    order by e.n
    returning id, msg_id
  )${recorded}${changes.join('')}
  select ${IF_CLAIMED} as claimed,
    coalesce((select json_agg(json_build_object('id', w.id::text, 'msg_id', w.msg_id) order by w.id)
      from written w), '[]'::json) as written`);
}

/** The consumer's ledger row for a message, if its effects were committed: a row means a duplicate. */
export function ledgerLookup(consumer: string, messageId: string): CompiledQuery<{ message_id: string }> {
  return CompiledQuery.raw(LEDGER_LOOKUP, [consumer, messageId]);
}

const LEDGER_LOOKUP = prepared(
  'select message_id from bus_processed where consumer = $1 and message_id = $2',
);

/** Deletes published rows: `id = any($1)` is one statement text whatever the number of ids. */
function deleteRows(ids: readonly string[]): CompiledQuery {
  return CompiledQuery.raw(DELETE_ROWS, [ids]);
}

const DELETE_ROWS = prepared('delete from outbox where id = any($1::bigint[])');

export interface RelayOptions {
  /** How often committed-but-unpublished rows are swept. */
  intervalMs: number;
  /** Rows younger than this are left to the fast path of the process that wrote them. */
  staleMs: number;
  batchSize: number;
  publishTimeoutMs: number;
  /** How long published rows wait to be deleted together with others. */
  deleteDelayMs: number;
}

export const defaultRelayOptions: RelayOptions = {
  intervalMs: 1000,
  staleMs: 2000,
  batchSize: 200,
  publishTimeoutMs: 5000,
  // Long enough to gather the rows of several messages into one delete, far below `staleMs`.
  deleteDelayMs: 200,
};

/**
 * Publishes outbox rows to JetStream with their domain message ids, then deletes them. Publishing twice is
 * harmless (the stream drops the duplicate, consumers' ledgers recognise it), so the fast path and the
 * sweeper never need to coordinate beyond SKIP LOCKED.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;
  private toDelete: string[] = [];
  private deleteTimer: NodeJS.Timeout | undefined;
  private deleting: Promise<void> = Promise.resolve();

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
    this.deleteSoon(published);
  }

  /**
   * Published rows are deleted in batches, a few milliseconds later, one statement for every message handled
   * meanwhile rather than one each. A row not yet deleted is at worst published again by the sweeper, which
   * the stream's duplicate window drops; the delay is far below the sweeper's `staleMs`.
   */
  private deleteSoon(ids: readonly string[]): void {
    if (ids.length === 0) return;
    this.toDelete.push(...ids);
    if (this.toDelete.length >= this.options.batchSize) void this.deletePublished();
    // Unref'd: the wait alone never keeps a process alive (`stop` deletes what is left).
    else
      this.deleteTimer ??= setTimeout(() => void this.deletePublished(), this.options.deleteDelayMs).unref();
  }

  private deletePublished(): Promise<void> {
    if (this.deleteTimer) clearTimeout(this.deleteTimer);
    this.deleteTimer = undefined;
    const ids = this.toDelete.splice(0);
    if (ids.length === 0) return this.deleting;
    const previous = this.deleting;
    this.deleting = (async () => {
      await previous;
      await this.db.executeQuery(deleteRows(ids)).catch((err: unknown) => {
        this.log.warn(
          { err },
          'could not delete published outbox rows; they will be re-published harmlessly',
        );
      });
    })();
    return this.deleting;
  }

  /**
   * Publishes every committed row older than `staleMs`; returns how many it published. Nearly every sweep finds
   * none (the fast path publishes after each commit), so one plain read looks first: a transaction that locks
   * the rows costs three round trips, run every second by every service whether or not there is traffic.
   */
  async sweep(): Promise<number> {
    const stale = await this.db
      .selectFrom('outbox')
      .select('id')
      .where('created_at', '<', this.staleBefore())
      .limit(1)
      .executeTakeFirst();
    if (!stale) return 0;
    return this.db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('outbox')
        .select(['id', 'msg_id', 'subject', 'headers', 'body'])
        .where('created_at', '<', this.staleBefore())
        .orderBy('id')
        .limit(this.options.batchSize)
        .forUpdate()
        .skipLocked()
        .execute();
      if (rows.length === 0) return 0;
      const published = await this.publish(rows);
      if (published.length > 0) await trx.executeQuery(deleteRows(published));
      return published.length;
    });
  }

  private staleBefore() {
    return sql<Date>`now() - make_interval(secs => ${this.options.staleMs / 1000})`;
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
    await this.deletePublished();
  }
}
