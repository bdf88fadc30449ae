import type {
  ConsumerConfig,
  ConsumerMessages,
  JetStreamClient,
  JetStreamManager,
  JsMsg,
} from '@nats-io/jetstream';
import { AckPolicy, DeliverPolicy, ReplayPolicy } from '@nats-io/jetstream';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { nanos } from '@nats-io/transport-node';
import type { Envelope } from '@parley/contracts';
import { ContractError, parseEvent } from '@parley/contracts';
import type { TimelineEntry } from '@parley/audit';
import type { Database } from '@parley/db';
import type { Logger } from '@parley/telemetry';
import { contextFromTraceparent, currentTraceparent, inSpan } from '@parley/telemetry';
import { context as otelContext, SpanKind } from '@opentelemetry/api';
import type { Kysely, Transaction } from 'kysely';
import type { CanaryRole, CanarySource } from './canary.js';
import { ownerOf } from './canary.js';
import type { ClaimedStatement, ConsumerSpec, HandlerContext } from './catalog.js';
import type { Committed, CommitWork } from './commit.js';
import { commitAlone, commitTogether } from './commit.js';
import { publishDeadLetter, watchMaxDeliveries } from './dead-letter.js';
import { planFailure } from './failure.js';
import { batchLimit, GroupCommit } from './group-commit.js';
import type { BusMetrics } from './metrics.js';
import type { OutboxRelay, OutboxRow } from './outbox.js';
import { ledgerLookup, writeGuarded } from './outbox.js';
import type { Topology } from './topology.js';
import { STREAM_LIMITS } from './topology.js';

export interface ConsumerDeps {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  db: Kysely<Database>;
  topo: Topology;
  relay: OutboxRelay;
  metrics: BusMetrics;
  log: Logger;
  /** When false, emitted events wait in the outbox for the sweeper (used to prove crash safety). */
  fastPublish: boolean;
  /** The canary side this process is on; `stable` unless it runs a candidate version. */
  role: CanaryRole;
  /** Where a candidate durable created now must start; without it a new candidate durable starts at `New`. */
  canary?: CanarySource;
}

/** Strict: a payload that is not valid UTF-8 is poison. One decoder for every message (decode is stateless). */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** `other_side`: a message whose stamp gives it to the other canary side, acknowledged without effects. */
export type Outcome = 'acked' | 'duplicate' | 'retried' | 'dead_lettered' | 'other_side';

export function durableName(service: string, spec: ConsumerSpec, role: CanaryRole = 'stable'): string {
  const base = spec.durable
    ? `${service}__${spec.durable}`
    : `${service}__${spec.event.type.replace(/\./g, '_')}_v${spec.event.version}`;
  return role === 'candidate' ? `${base}__candidate` : base;
}

export function consumerConfig(
  service: string,
  spec: ConsumerSpec,
  topo: Topology,
  role: CanaryRole = 'stable',
): Partial<ConsumerConfig> {
  // No server-side `backoff`: on nats-server 2.9 it overrides the delay of a nak after the first retry
  // (measured), so retry pacing is ours (`backoffMs`, sent with each nak) and ack_wait covers crashes.
  return {
    durable_name: durableName(service, spec, role),
    filter_subject: topo.subject(spec.event.subject),
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    replay_policy: ReplayPolicy.Instant,
    ack_wait: nanos(spec.ackWaitMs),
    max_deliver: spec.maxDeliver,
    max_ack_pending: spec.maxAckPending ?? spec.concurrency * 4,
    max_waiting: 512,
  };
}

/** Runs one catalog entry: a consume loop with bounded concurrency over a durable shared by replicas. */
/** `HandlerContext.writeGuarded` for one message: the outbox rows it writes go into `written`, published after commit. */
function guardedWriter(written: OutboxRow[]): HandlerContext['writeGuarded'] {
  return async (trx, guard, writes) => {
    const { claimed, rows } = await writeGuarded(trx, guard, writes);
    written.push(...rows);
    return claimed;
  };
}

export class ConsumerRunner {
  readonly durable: string;
  /**
   * The consumer name in the `bus_processed` ledger: the stable durable's on both canary sides, so even a
   * message both sides were somehow handed commits its effects once.
   */
  private readonly ledger: string;
  private messages: ConsumerMessages | undefined;
  private advisory: Subscription | undefined;
  private stopped = false;
  private loop: Promise<void> | undefined;
  private inFlight = new Set<Promise<void>>();
  private ready = false;
  /** Handled messages waiting for the next shared transaction; none for a consumer that commits alone. */
  private readonly group: GroupCommit<CommitWork, Committed> | undefined;

  constructor(
    private readonly service: string,
    private readonly spec: ConsumerSpec,
    private readonly deps: ConsumerDeps,
  ) {
    this.durable = durableName(service, spec, deps.role);
    this.ledger = durableName(service, spec);
    const limit = batchLimit(spec);
    if (limit > 1) {
      this.group = new GroupCommit(limit, (works) => {
        deps.metrics.commitMessages.observe({ consumer: this.durable }, works.length);
        return commitTogether(deps.db, this.ledger, works);
      });
    }
  }

  isReady(): boolean {
    return this.ready && !this.stopped;
  }

  async start(): Promise<void> {
    const { topo } = this.deps;
    if (this.deps.role === 'candidate') await this.declareCandidate();
    else await this.declare(consumerConfig(this.service, this.spec, topo));
    this.advisory = watchMaxDeliveries({
      ...this.deps,
      durable: this.durable,
      compensate: async (data, reason) => {
        const event = this.tryDecode(data);
        if (event) await this.compensate(event, reason);
      },
    });
    const consumer = await this.deps.js.consumers.get(topo.eventsStream, this.durable);
    this.messages = await consumer.consume({ max_messages: this.spec.concurrency });
    this.ready = true;
    this.loop = this.run(this.messages);
  }

  /** Creates the durable, or updates what may change on one that exists (never where it starts). */
  private async declare(config: Partial<ConsumerConfig>): Promise<'created' | 'updated'> {
    const { jsm, topo } = this.deps;
    try {
      await jsm.consumers.info(topo.eventsStream, this.durable);
      const { deliver_policy: _policy, opt_start_seq: _seq, ...changeable } = config;
      await jsm.consumers.update(
        topo.eventsStream,
        this.durable,
        this.deps.role === 'candidate' ? changeable : config,
      );
      return 'updated';
    } catch (err) {
      if (!/not found/i.test((err as Error).message)) throw err;
      await jsm.consumers.add(topo.eventsStream, config).catch((addErr: unknown) => {
        if (!/already (in use|exists)/i.test((addErr as Error).message)) throw addErr;
      });
      return 'created';
    }
  }

  /**
   * The candidate's durable, on the same subject as the stable one. A new one starts where the service's
   * canary began stamping events (recorded in the control state before the first stamp), never at the start
   * of the stream (days of other tickets) nor only at `New` (missing the candidate's share of what was
   * published before it came up). If no canary was running when it was created, the state is read once more
   * afterwards: a canary begun in between is then seen and the durable, which has handed out nothing yet, is
   * recreated at its start. A canary begun later stamps only events published after the durable existed.
   */
  private async declareCandidate(): Promise<void> {
    const { jsm, topo, canary } = this.deps;
    const base = consumerConfig(this.service, this.spec, topo, 'candidate');
    const at = (seq: number | undefined): Partial<ConsumerConfig> =>
      seq === undefined
        ? { ...base, deliver_policy: DeliverPolicy.New }
        : { ...base, deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: seq };
    const before = await canary?.startSeq(this.service);
    if ((await this.declare(at(before))) === 'updated' || before !== undefined) return;
    const after = await canary?.startSeq(this.service);
    if (after === undefined) return;
    const info = await jsm.consumers.info(topo.eventsStream, this.durable);
    if (info.delivered.stream_seq < after) return;
    await jsm.consumers.delete(topo.eventsStream, this.durable);
    await this.declare(at(after));
  }

  private async run(messages: ConsumerMessages): Promise<void> {
    const slots = this.spec.concurrency;
    for await (const msg of messages) {
      if (this.stopped) {
        // Not ours to finish: let another replica have it now rather than after the ack wait.
        msg.nak();
        continue;
      }
      const task = this.handle(msg).finally(() => this.inFlight.delete(task));
      this.inFlight.add(task);
      if (this.inFlight.size >= slots) await Promise.race(this.inFlight);
    }
  }

  /** Stops pulling, waits for messages in hand, leaves the rest to other replicas. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.advisory?.unsubscribe();
    this.messages?.stop();
    await this.loop?.catch(() => undefined);
    await Promise.allSettled([...this.inFlight]);
  }

  private async handle(msg: JsMsg): Promise<void> {
    const { metrics, log } = this.deps;
    const labels = { consumer: this.durable };
    const started = performance.now();
    const storedAtMs = Number(msg.timestampNanos / 1_000_000n);
    metrics.waitSeconds.observe(labels, Math.max(0, Date.now() - storedAtMs) / 1000);
    metrics.deliveries.observe(labels, msg.info.deliveryCount);
    const heartbeat = setInterval(() => msg.working(), Math.max(100, Math.floor(this.spec.ackWaitMs / 3)));
    let outcome: Outcome;
    try {
      outcome = await this.process(msg);
    } catch (err) {
      // Only reached if dead-lettering itself failed (NATS unreachable): nothing is lost, try again later.
      log.error({ err, consumer: this.durable, seq: msg.seq }, 'could not settle message; will retry');
      msg.nak(5000);
      outcome = 'retried';
    } finally {
      clearInterval(heartbeat);
    }
    metrics.messages.inc({ ...labels, outcome });
    metrics.handlingSeconds.observe(labels, (performance.now() - started) / 1000);
  }

  private async deadLetter(msg: JsMsg, reason: string, event?: Envelope): Promise<Outcome> {
    if (event) await this.compensate(event, reason);
    const headers: Record<string, string> = {};
    for (const key of msg.headers?.keys() ?? []) {
      if (!key.startsWith('Nats-')) headers[key] = msg.headers!.get(key);
    }
    await publishDeadLetter(
      this.deps.js,
      this.deps.topo,
      {
        consumer: this.durable,
        reason,
        deliveries: msg.info.deliveryCount,
        originalSubject: msg.subject,
        streamSeq: msg.seq,
        data: msg.data,
        headers,
      },
      this.deps.metrics,
    );
    // No reason argument: nats-server 2.9 ignores a `+TERM <reason>` it cannot parse (measured).
    msg.term();
    this.deps.log.warn(
      { consumer: this.durable, seq: msg.seq, deliveries: msg.info.deliveryCount, reason },
      'message dead-lettered',
    );
    return 'dead_lettered';
  }

  /**
   * The spec's `onDeadLetter`, committed once: its own ledger key (not the message's, so a message an operator
   * later replays from the dead-letter stream is still handled) with its writes and events.
   */
  private async compensate(event: Envelope, reason: string): Promise<void> {
    const { onDeadLetter } = this.spec;
    if (!onDeadLetter) return;
    const emitted: Envelope[] = [];
    const writes: Array<(trx: Transaction<Database>) => Promise<void>> = [];
    const recorded: TimelineEntry[] = [];
    const statements: ClaimedStatement[] = [];
    const written: OutboxRow[] = [];
    const log = this.deps.log.child({ consumer: this.durable, ticketId: event.ticketId, eventId: event.id });
    await onDeadLetter(event, reason, {
      deliveryCount: 0,
      emit: (e) => emitted.push({ ...e, traceparent: e.traceparent ?? event.traceparent }),
      write: (effect) => writes.push(effect),
      record: (entry) => recorded.push(entry),
      writeInClaim: (statement) => statements.push(statement),
      writeGuarded: guardedWriter(written),
      heartbeat: () => undefined,
      log,
    });
    // Alone: it runs on the failure path, not among the messages being handled.
    const committed = await commitAlone(this.deps.db, this.ledger, {
      messageId: `dead-letter:${event.id}`,
      writes,
      recorded,
      statements,
      emitted,
      written,
    });
    if (!committed.duplicate) await this.deps.relay.flush(committed.rows);
  }

  private tryDecode(data: Uint8Array): Envelope | undefined {
    try {
      return this.decodeData(data);
    } catch {
      return undefined;
    }
  }

  private decode(msg: JsMsg): Envelope {
    return this.decodeData(msg.data);
  }

  private decodeData(data: Uint8Array): Envelope {
    if (data.length > STREAM_LIMITS.maxMsgBytes) {
      throw new ContractError('message', [
        `payload of ${data.length} bytes exceeds ${STREAM_LIMITS.maxMsgBytes}`,
      ]);
    }
    let raw: unknown;
    try {
      raw = JSON.parse(UTF8.decode(data));
    } catch (err) {
      throw new ContractError('message', [`not valid UTF-8 JSON: ${(err as Error).message}`]);
    }
    const event = parseEvent(raw) as Envelope;
    const { type, version } = this.spec.event;
    if (event.type !== type || event.version !== version) {
      throw new ContractError(event.type, [
        `consumer ${this.durable} handles ${type} v${version}, got v${event.version}`,
      ]);
    }
    return event;
  }

  private async process(msg: JsMsg): Promise<Outcome> {
    if (ownerOf(this.service, msg.headers) !== this.deps.role) {
      // The other side's ticket: it handles it from its own durable.
      msg.ack();
      return 'other_side';
    }
    let event: Envelope;
    try {
      event = this.decode(msg);
    } catch (err) {
      return this.deadLetter(msg, (err as Error).message);
    }
    if (await this.seenBefore(event.id, msg.info.deliveryCount)) {
      // Effects and outgoing events were committed together earlier; the relay owns any unpublished ones.
      msg.ack();
      return 'duplicate';
    }

    const emitted: Envelope[] = [];
    const writes: Array<(trx: Transaction<Database>) => Promise<void>> = [];
    const recorded: TimelineEntry[] = [];
    const statements: ClaimedStatement[] = [];
    const written: OutboxRow[] = [];
    const { log: parent } = this.deps;
    const consumer = this.durable;
    let log: Logger | undefined;
    const ctx: HandlerContext = {
      deliveryCount: msg.info.deliveryCount,
      // Emitted events continue this message's trace (or at least carry it on when tracing is off).
      emit: (e) =>
        emitted.push({ ...e, traceparent: e.traceparent ?? currentTraceparent() ?? event.traceparent }),
      write: (effect) => writes.push(effect),
      record: (entry) => recorded.push(entry),
      writeInClaim: (statement) => statements.push(statement),
      writeGuarded: guardedWriter(written),
      heartbeat: () => msg.working(),
      // Made when first used: most messages log nothing at the levels a service runs at, and a child logger
      // (its bindings serialised up front) costs more than the rest of the context.
      get log() {
        return (log ??= parent.child({ consumer, ticketId: event.ticketId, eventId: event.id }));
      },
    };

    let committed: Committed;
    try {
      // A CONSUMER span, child of the producer's span that the message's header (or body) names.
      committed = await inSpan(
        `${this.durable} process`,
        contextFromTraceparent(msg.headers?.get('traceparent') || event.traceparent),
        async () => {
          await this.spec.handler(event, ctx);
          return this.commit({ messageId: event.id, writes, recorded, statements, emitted, written });
        },
        {
          kind: SpanKind.CONSUMER,
          attributes: {
            'messaging.system': 'nats',
            'messaging.operation.type': 'process',
            'messaging.destination.name': msg.subject,
            'messaging.consumer.group.name': this.durable,
            'messaging.message.id': event.id,
            'messaging.message.delivery_count': msg.info.deliveryCount,
            ...(event.ticketId ? { 'parley.ticket_id': event.ticketId } : {}),
          },
        },
      );
    } catch (err) {
      const plan = planFailure(err, msg.info.deliveryCount, this.spec);
      if (plan.kind === 'dead_letter') return this.deadLetter(msg, plan.reason, event);
      ctx.log.warn(
        { err, deliveries: msg.info.deliveryCount, retryInMs: plan.delayMs },
        'handler failed; retrying',
      );
      msg.nak(plan.delayMs);
      return 'retried';
    }
    if (this.deps.fastPublish) await this.deps.relay.flush(committed.rows);
    msg.ack();
    return committed.duplicate ? 'duplicate' : 'acked';
  }

  /**
   * Whether the ledger holds the message, read before handling so a duplicate is not handled again. Skipped on
   * a first delivery to a handler whose effects are all in its commit, where the claim refuses a duplicate.
   */
  private async seenBefore(messageId: string, deliveryCount: number): Promise<boolean> {
    if (this.spec.effectsOnlyInCommit && deliveryCount === 1) return false;
    return this.deps.db
      .executeQuery(ledgerLookup(this.ledger, messageId))
      .then(({ rows }) => rows.length > 0)
      .catch(() => false);
  }

  /**
   * Ledger row, effects and outbox rows, all or nothing: together with other messages ready at the same time
   * (one transaction, a savepoint each), or alone for a consumer that must (`commitAlone`). Resolves once the
   * transaction has committed, so the message is acknowledged and its events published only after that.
   */
  private commit(work: CommitWork): Promise<Committed> {
    if (!this.group) return commitAlone(this.deps.db, this.ledger, work);
    // Bound to the message's span: its writes run in another message's turn of the batch.
    const active = otelContext.active();
    return this.group.submit({ ...work, inContext: (fn) => otelContext.with(active, fn) });
  }
}
