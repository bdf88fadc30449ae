import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { TicketReceived } from '@parley/contracts';
import { initTracing, Registry } from '@parley/telemetry';
import { consumer, consumerConfig, PermanentError, watchMaxDeliveries } from '../src/index.js';
import { createLogger } from '@parley/telemetry';
import type { BusHarness } from '../src/testing.js';
import { createBusHarness, waitFor } from '../src/testing.js';
import { received, routedFrom } from './fixtures.js';

let h: BusHarness;

// Every test gets its own streams and schema: a new durable replays its whole stream, as it should.
beforeEach(async () => {
  h = await createBusHarness('bus');
  await sql`create table effects (ticket_id text primary key, handled_by text not null, n int not null default 1)`.execute(
    h.db.db,
  );
});
afterEach(async () => {
  await h.close();
});

function svc(): string {
  return 'svc';
}

async function effects(prefix: string): Promise<Array<{ ticket_id: string; handled_by: string; n: number }>> {
  const r = await sql<{ ticket_id: string; handled_by: string; n: number }>`
    select ticket_id, handled_by, n from effects where ticket_id like ${`${prefix}%`} order by ticket_id`.execute(
    h.db.db,
  );
  return r.rows;
}

const limits = { ackWaitMs: 5000, maxDeliver: 4, backoffMs: [200, 400], concurrency: 4 };

describe('publishing', () => {
  it('drops a re-publish with the same message id', async () => {
    const bus = await h.bus();
    const event = received('dup-1');
    expect((await bus.publish(event)).duplicate).toBe(false);
    expect((await bus.publish({ ...event, occurredAt: new Date().toISOString() })).duplicate).toBe(true);
    expect(await h.count('ticket.received.v1')).toBe(1);
  });
});

describe('consuming', () => {
  it('retries a transient failure with backoff and then applies it exactly once', async () => {
    const attempts: number[] = [];
    const bus = await h.bus({ service: svc() });
    await bus.startConsumers({
      received: consumer({
        event: TicketReceived,
        ...limits,
        handler: async (event, ctx) => {
          attempts.push(Date.now());
          if (ctx.deliveryCount < 3) throw new Error('database briefly unavailable');
          ctx.write(async (trx) => {
            await sql`insert into effects (ticket_id, handled_by) values (${event.ticketId}, 'a')`.execute(
              trx,
            );
          });
          ctx.emit(routedFrom(event));
        },
      }),
    });
    await bus.publish(received('retry-1'));
    await waitFor('the effect', async () => (await effects('retry-1')).length === 1);
    expect(attempts).toHaveLength(3);
    // naks carried the configured backoff: 200 ms, then 400 ms (lower bounds only: the machine may be slow)
    expect(attempts[1]! - attempts[0]!).toBeGreaterThanOrEqual(180);
    expect(attempts[2]! - attempts[1]!).toBeGreaterThanOrEqual(380);
    await waitFor('the downstream event', async () => (await h.count('ticket.routed.v1')) >= 1);
    expect(await effects('retry-1')).toEqual([{ ticket_id: 'retry-1', handled_by: 'a', n: 1 }]);
  });

  it('dead-letters a poison message with its reason and keeps processing the next one', async () => {
    const handled: string[] = [];
    const bus = await h.bus({ service: svc() });
    await bus.startConsumers({
      received: consumer({
        event: TicketReceived,
        ...limits,
        handler: async (event) => {
          handled.push(event.ticketId!);
        },
      }),
    });
    const subject = `${h.prefix}.ticket.received.v1`;
    const bad = { ...received('poison-1'), payload: { turn: 'first' } };
    await bus.js.publish(subject, JSON.stringify(bad));
    await bus.js.publish(subject, '{not json');
    await bus.publish(received('poison-ok'));
    await waitFor('the good message', () => handled.includes('poison-ok'));
    const dlq = `${h.prefix}.dlq.${bus.durables()[0]}`;
    await waitFor('two dead letters', async () => (await h.count(`dlq.${bus.durables()[0]}`)) === 2);
    const jsm = await bus.jsm();
    const first = await jsm.streams.getMessage(bus.topo.dlqStream, { last_by_subj: dlq });
    expect(first?.header.get('Dlq-Reason')).toMatch(/not valid UTF-8 JSON/);
    expect(first?.header.get('Dlq-Consumer')).toBe(bus.durables()[0]);
    expect(first?.header.get('Dlq-Deliveries')).toBe('1');
    expect(first?.header.get('Dlq-Original-Subject')).toBe(subject);
    const info = await jsm.streams.info(bus.topo.dlqStream);
    const byFirstSeq = await jsm.streams.getMessage(bus.topo.dlqStream, { seq: info.state.first_seq });
    expect(byFirstSeq?.header.get('Dlq-Reason')).toMatch(/payload\.turn: Expected number, received string/);
    expect(handled).toEqual(['poison-ok']);
  });

  it('dead-letters after max deliveries and on a permanent error', async () => {
    const bus = await h.bus({ service: svc() });
    let calls = 0;
    await bus.startConsumers({
      received: consumer({
        event: TicketReceived,
        ...limits,
        maxDeliver: 3,
        backoffMs: [50],
        handler: async (event) => {
          calls += 1;
          if (event.ticketId === 'perm-1') throw new PermanentError('order belongs to someone else');
          throw new Error('always failing');
        },
      }),
    });
    await bus.publish(received('perm-1'));
    await bus.publish(received('fail-1'));
    const durable = bus.durables()[0]!;
    await waitFor('two dead letters', async () => (await h.count(`dlq.${durable}`)) === 2);
    expect(calls).toBe(1 + 3);
    const jsm = await bus.jsm();
    const last = await jsm.streams.getMessage(bus.topo.dlqStream, {
      last_by_subj: `${h.prefix}.dlq.${durable}`,
    });
    expect(last?.header.get('Dlq-Reason')).toBe('gave up after 3 deliveries: Error: always failing');
  });

  it('runs onDeadLetter once, committing its writes and events, for a message given up on', async () => {
    const bus = await h.bus({ service: svc() });
    const reasons: string[] = [];
    await bus.startConsumers({
      received: consumer({
        event: TicketReceived,
        ...limits,
        maxDeliver: 2,
        backoffMs: [50],
        handler: async (event) => {
          if (event.ticketId === 'comp-perm') throw new PermanentError('cannot be stored');
          throw new Error('always failing');
        },
        onDeadLetter: async (event, reason, ctx) => {
          reasons.push(reason);
          ctx.write(async (trx) => {
            await sql`insert into effects (ticket_id, handled_by) values (${event.ticketId}, 'compensation')`.execute(
              trx,
            );
          });
          ctx.emit(routedFrom(event));
        },
      }),
    });
    await bus.publish(received('comp-perm'));
    await bus.publish(received('comp-retry'));
    const durable = bus.durables()[0]!;
    await waitFor('two dead letters', async () => (await h.count(`dlq.${durable}`)) === 2);
    await waitFor('both compensations published', async () => (await h.count('ticket.routed.v1')) === 2);
    expect(await effects('comp-')).toEqual([
      { ticket_id: 'comp-perm', handled_by: 'compensation', n: 1 },
      { ticket_id: 'comp-retry', handled_by: 'compensation', n: 1 },
    ]);
    expect(reasons.sort()).toEqual([
      'gave up after 2 deliveries: Error: always failing',
      'permanent failure: PermanentError: cannot be stored',
    ]);
  });

  it('dead-letters a message whose handler never finishes (the process dies on every attempt)', async () => {
    const bus = await h.bus({ service: svc() });
    const spec = consumer({
      event: TicketReceived,
      ...limits,
      ackWaitMs: 1000,
      maxDeliver: 2,
      handler: async () => {},
    });
    const jsm = await bus.jsm();
    const config = consumerConfig('crashy', spec, bus.topo);
    await jsm.consumers.add(bus.topo.eventsStream, config);
    const watcher = watchMaxDeliveries({
      nc: h.nc,
      js: bus.js,
      jsm,
      topo: bus.topo,
      durable: config.durable_name!,
      log: createLogger({ service: 'test', level: 'silent' }),
      metrics: bus.metrics,
      compensate: async () => undefined,
    });
    await bus.publish(received('crash-1'));
    // Two workers take the message and die before settling it.
    const raw = await bus.js.consumers.get(bus.topo.eventsStream, config.durable_name!);
    expect((await raw.next({ expires: 5000 }))?.info.deliveryCount).toBe(1);
    expect((await raw.next({ expires: 5000 }))?.info.deliveryCount).toBe(2);
    // The next worker to pull finds it over the limit: JetStream announces that instead of delivering it.
    expect(await raw.next({ expires: 3000 })).toBeNull();
    await waitFor('the dead letter', async () => (await h.count(`dlq.${config.durable_name}`)) === 1);
    watcher.unsubscribe();
    const dl = await jsm.streams.getMessage(bus.topo.dlqStream, {
      last_by_subj: `${h.prefix}.dlq.${config.durable_name}`,
    });
    expect(dl?.header.get('Dlq-Reason')).toMatch(/^delivered 2 times without the handler finishing/);
    expect(dl?.json<{ ticketId: string }>().ticketId).toBe('crash-1');
  });

  it('publishes events emitted by the handler and by its writes, and none for a duplicate', async () => {
    const bus = await h.bus({ service: svc() });
    await bus.startConsumers({
      received: consumer({
        event: TicketReceived,
        ...limits,
        // One at a time, in stream order: the duplicate is handled before the message after it.
        concurrency: 1,
        handler: async (event, ctx) => {
          ctx.emit(routedFrom(event));
          ctx.write(async (trx) => {
            const claimed = await sql<{ ticket_id: string }>`
              insert into effects (ticket_id, handled_by) values (${event.ticketId}, 'a')
              on conflict do nothing returning ticket_id`.execute(trx);
            // Only the write knows whether there is something to announce.
            if (claimed.rows.length > 0) ctx.emit(routedFrom({ ...event, ticketId: `${event.ticketId}-w` }));
          });
        },
      }),
    });
    const event = received('emit-1');
    await bus.publish(event);
    await waitFor('both events', async () => (await h.count('ticket.routed.v1')) === 2);
    // The same message past the stream's duplicate check: the ledger keeps it from emitting again.
    await bus.js.publish(`${h.prefix}.ticket.received.v1`, JSON.stringify(event));
    await bus.publish(received('emit-2'));
    await waitFor('the next message', async () => (await effects('emit-2')).length === 1);
    await waitFor('its events', async () => (await h.count('ticket.routed.v1')) === 4);
    expect(await effects('emit-')).toEqual([
      { ticket_id: 'emit-1', handled_by: 'a', n: 1 },
      { ticket_id: 'emit-2', handled_by: 'a', n: 1 },
    ]);
    await waitFor(
      'an empty outbox',
      async () => (await h.db.db.selectFrom('outbox').select('id').execute()).length === 0,
    );
  });

  /**
   * A consumer whose handler counts its calls, adds to `effects` (n + 1 if the row is there) and emits one
   * event; `event` is handled, then published `again` more times past the stream's duplicate check (no
   * message id: JetStream stores it, so only the ledger can stop it), then a marker after it.
   */
  async function deliverAgain(
    tag: string,
    again: number,
    extra: { concurrency?: number; effectsOnlyInCommit?: boolean } = {},
  ): Promise<{ calls: number; effects: unknown[]; routedAfter: number }> {
    let calls = 0;
    const bus = await h.bus({ service: svc() });
    await bus.startConsumers({
      received: consumer({
        event: TicketReceived,
        ...limits,
        ...extra,
        handler: async (event, ctx) => {
          calls += 1;
          ctx.write(async (trx) => {
            await sql`insert into effects (ticket_id, handled_by) values (${event.ticketId}, 'a')
                      on conflict (ticket_id) do update set n = effects.n + 1`.execute(trx);
          });
          ctx.emit(routedFrom(event));
        },
      }),
    });
    const event = received(`${tag}-1`);
    await bus.publish(event);
    await waitFor('first handling', async () => (await effects(`${tag}-1`)).length === 1);
    const routedBefore = await h.count('ticket.routed.v1');
    for (let i = 0; i < again; i++)
      await bus.js.publish(`${h.prefix}.ticket.received.v1`, JSON.stringify(event));
    await bus.publish(received(`${tag}-2`));
    await waitFor('a later message', async () => (await effects(`${tag}-2`)).length === 1);
    await waitFor('its event', async () => (await h.count('ticket.routed.v1')) > routedBefore);
    return {
      calls,
      effects: await effects(`${tag}-1`),
      routedAfter: (await h.count('ticket.routed.v1')) - routedBefore,
    };
  }

  it('changes nothing when a message whose effects committed is delivered again', async () => {
    const run = await deliverAgain('redeliver', 2);
    expect(run.calls).toBe(2);
    expect(run.effects).toEqual([{ ticket_id: 'redeliver-1', handled_by: 'a', n: 1 }]);
    expect(run.routedAfter).toBe(1);
  });

  it('handles a first-delivery duplicate again without reading the ledger first, and commits nothing for it', async () => {
    // One at a time, in stream order: the duplicate is handled before the marker.
    const run = await deliverAgain('commit-only', 1, { concurrency: 1, effectsOnlyInCommit: true });
    // The duplicate ran the handler, but its claim was refused: no write ran and no event went out.
    expect(run.calls).toBe(3);
    expect(run.effects).toEqual([{ ticket_id: 'commit-only-1', handled_by: 'a', n: 1 }]);
    expect(run.routedAfter).toBe(1);
  });

  it('loses no outgoing event when the process dies between commit and publish', async () => {
    // "Crashed" process: commits effects and outbox rows but never publishes them.
    const crashed = await h.bus({ service: svc(), fastPublish: false });
    await crashed.startConsumers({
      received: consumer({
        event: TicketReceived,
        ...limits,
        handler: async (event, ctx) => {
          ctx.write(async (trx) => {
            await sql`insert into effects (ticket_id, handled_by) values (${event.ticketId}, 'a')`.execute(
              trx,
            );
          });
          ctx.emit(routedFrom({ ...event, ticketId: `${event.ticketId}` }));
        },
      }),
    });
    const routedBefore = await h.count('ticket.routed.v1');
    await crashed.publish(received('outbox-1'));
    await waitFor('the committed effect', async () => (await effects('outbox-1')).length === 1);
    const pending = await h.db.db.selectFrom('outbox').select(['msg_id']).execute();
    expect(pending.map((r) => r.msg_id)).toContain('ticket.routed.v1:outbox-1:turn-1');
    expect(await h.count('ticket.routed.v1')).toBe(routedBefore);
    await crashed.close();

    // The restarted process's relay finds the row and publishes it, exactly once.
    const restarted = await h.bus({ service: svc(), relay: { intervalMs: 100, staleMs: 0 } });
    restarted.startRelay();
    await waitFor('the relayed event', async () => (await h.count('ticket.routed.v1')) === routedBefore + 1);
    await waitFor(
      'an empty outbox',
      async () => (await h.db.db.selectFrom('outbox').select('id').execute()).length === 0,
    );
    expect(await h.count('ticket.routed.v1')).toBe(routedBefore + 1);
  });

  it('splits one durable consumer between two instances with no message handled twice', async () => {
    const name = svc();
    const make = async (instance: string) => {
      const bus = await h.bus({ service: name });
      await bus.startConsumers({
        received: consumer({
          event: TicketReceived,
          ...limits,
          concurrency: 2,
          handler: async (event, ctx) => {
            await new Promise((r) => setTimeout(r, 10));
            ctx.write(async (trx) => {
              await sql`insert into effects (ticket_id, handled_by) values (${event.ticketId}, ${instance})
                        on conflict (ticket_id) do update set n = effects.n + 1`.execute(trx);
            });
          },
        }),
      });
      return bus;
    };
    const a = await make('a');
    await make('b');
    for (let i = 0; i < 60; i++) await a.publish(received(`split-${String(i).padStart(2, '0')}`));
    await waitFor('all 60 handled', async () => (await effects('split-')).length === 60);
    const rows = await effects('split-');
    expect(rows.every((r) => r.n === 1)).toBe(true);
    const byA = rows.filter((r) => r.handled_by === 'a').length;
    expect(byA).toBeGreaterThan(0);
    expect(byA).toBeLessThan(60);
  });

  it('keeps a slow handler alive with heartbeats instead of letting it be redelivered', async () => {
    let calls = 0;
    const bus = await h.bus({ service: svc() });
    await bus.startConsumers({
      received: consumer({
        event: TicketReceived,
        ...limits,
        // Heartbeats every second against a 3 s deadline: a loaded machine may delay a timer by a second or
        // two without the message being redelivered; the handler outlives the deadline twice over.
        ackWaitMs: 3000,
        handler: async (event, ctx) => {
          calls += 1;
          await new Promise((r) => setTimeout(r, 7000));
          ctx.write(async (trx) => {
            await sql`insert into effects (ticket_id, handled_by) values (${event.ticketId}, 'a')`.execute(
              trx,
            );
          });
        },
      }),
    });
    await bus.publish(received('slow-1'));
    await waitFor('the slow effect', async () => (await effects('slow-1')).length === 1);
    const jsm = await bus.jsm();
    const info = await jsm.consumers.info(bus.topo.eventsStream, bus.durables()[0]!);
    expect(info.num_redelivered).toBe(0);
    expect(calls).toBe(1);
  });

  it('drains on close: the message in hand is finished and acknowledged, not redelivered', async () => {
    let started = 0;
    const bus = await h.bus({ service: svc() });
    await bus.startConsumers({
      received: consumer({
        event: TicketReceived,
        ...limits,
        ackWaitMs: 2000,
        handler: async (event, ctx) => {
          started += 1;
          await new Promise((r) => setTimeout(r, 500));
          ctx.write(async (trx) => {
            await sql`insert into effects (ticket_id, handled_by) values (${event.ticketId}, 'a')`.execute(
              trx,
            );
          });
        },
      }),
    });
    const durable = bus.durables()[0]!;
    await bus.publish(received('drain-1'));
    await waitFor('the handler to start', () => started === 1);
    await bus.close();
    expect(await effects('drain-1')).toHaveLength(1);
    const jsm = await bus.jsm();
    // The server applies an ack apart from the API request that reads the consumer: wait for it, on a loaded
    // machine it may land just after.
    await waitFor(
      'the ack',
      async () => (await jsm.consumers.info(bus.topo.eventsStream, durable)).num_ack_pending === 0,
    );
    const info = await jsm.consumers.info(bus.topo.eventsStream, durable);
    expect(info.num_pending).toBe(0);
    expect(info.num_redelivered).toBe(0);
  });

  it('continues the trace and records per-message metrics', async () => {
    initTracing({ service: 'bus-test' });
    const registry = new Registry();
    const bus = await h.bus({ service: svc(), registry });
    await bus.startConsumers({
      received: consumer({
        event: TicketReceived,
        ...limits,
        // One at a time, in stream order: the duplicate is handled before the message after it.
        concurrency: 1,
        handler: async (event, ctx) => {
          ctx.emit(routedFrom(event));
        },
      }),
    });
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    await bus.publish({ ...received('trace-1'), traceparent: `00-${traceId}-00f067aa0ba902b7-01` });
    await waitFor('the downstream event', async () => (await h.count('ticket.routed.v1')) === 1);
    const jsm = await bus.jsm();
    const stored = await jsm.streams.getMessage(bus.topo.eventsStream, {
      last_by_subj: `${h.prefix}.ticket.routed.v1`,
    });
    const downstream = stored!.json<{ traceparent: string }>();
    expect(downstream.traceparent.split('-')[1]).toBe(traceId);
    expect(downstream.traceparent).not.toContain('00f067aa0ba902b7');
    expect(stored!.header.get('traceparent')).toBe(downstream.traceparent);
    const text = await waitFor('metrics', async () => {
      const m = await registry.metrics();
      return m.includes('outcome="acked"') ? m : undefined;
    });
    expect(text).toMatch(/bus_message_handling_seconds_count\{consumer="svc__ticket_received_v1"\} 1/);
    expect(text).toMatch(/bus_message_wait_seconds_count\{consumer="svc__ticket_received_v1"\} 1/);
    expect(text).toMatch(/bus_message_delivery_count_bucket\{le="1",consumer="svc__ticket_received_v1"\} 1/);
  });
});
