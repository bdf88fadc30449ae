import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { Database } from '@parley/db';
import { entryFor } from '@parley/audit';
import { createLogger } from '@parley/telemetry';
import { initTracing, Registry } from '@parley/telemetry';
import { Bus, IF_CLAIMED, PermanentError } from '../src/index.js';
import type { BusHarness } from '../src/testing.js';
import { createBusHarness, waitFor } from '../src/testing.js';
import { batchConsumer, received, recordEffect, routedFrom, together } from './fixtures.js';

const CHILD = new URL('./group-commit-child.ts', import.meta.url).pathname;

let h: BusHarness;

// `recordEffect` writes here: each message's row, the delivery it committed on and its transaction.
beforeEach(async () => {
  h = await createBusHarness('groupcommit');
  await sql`create table effects (ticket_id text primary key, handled_by text not null, n int not null default 1,
            delivery int not null, tx bigint not null)`.execute(h.db.db);
});
afterEach(async () => {
  await h.close();
});

interface Effect {
  ticket_id: string;
  handled_by: string;
  n: number;
  delivery: number;
  tx: string;
}

async function effects(): Promise<Effect[]> {
  const r = await sql<Effect>`select ticket_id, handled_by, n, delivery, tx::text as tx from effects
                              order by ticket_id`.execute(h.db.db);
  return r.rows;
}

async function outcomes(registry: Registry): Promise<Record<string, number>> {
  const metric = await registry.getSingleMetric('bus_messages_total')!.get();
  return Object.fromEntries(metric.values.map((v) => [String(v.labels.outcome), v.value]));
}

/** A bus on the harness's pool seen through a logging client: the first two words of every statement it sends. */
async function loggingBus(): Promise<{ bus: Bus; sent: string[] }> {
  const sent: string[] = [];
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: h.db.pool }),
    log: (e) => {
      if (e.level === 'query') sent.push(e.query.sql.trim().split(/\s+/).slice(0, 2).join(' ').toLowerCase());
    },
  });
  const bus = new Bus({
    nc: h.nc,
    db,
    prefix: h.prefix,
    service: 'svc',
    log: createLogger({ service: 'groupcommit', level: 'silent' }),
    registry: new Registry(),
  });
  await bus.applyTopology();
  h.buses.push(bus);
  return { bus, sent };
}

describe('a message with nothing to commit but its claim', () => {
  it('commits its claim, events and timeline entry in one statement, with no BEGIN or COMMIT', async () => {
    const { bus, sent } = await loggingBus();
    await bus.startConsumers(
      batchConsumer(
        1,
        async (event, ctx) => {
          const routed = routedFrom(event);
          ctx.emit(routed);
          ctx.record(entryFor(routed, 'svc', { by: 'record' }));
        },
        { effectsOnlyInCommit: true },
      ),
    );
    await bus.publish(received('one-statement'));

    await waitFor('the event', async () => (await h.count('ticket.routed.v1')) === 1);
    const timeline = await h.db.db.selectFrom('timeline').select(['ticket_id', 'type', 'detail']).execute();
    expect(timeline).toEqual([
      { ticket_id: 'one-statement', type: 'ticket.routed', detail: { by: 'record' } },
    ]);
    const ledger = await h.db.db.selectFrom('bus_processed').select('message_id').execute();
    expect(ledger.map((r) => r.message_id)).toEqual([received('one-statement').id]);
    // The claim (with the outbox rows and the entry), then, later, the published rows' delete.
    await waitFor('the outbox delete', () => sent.some((q) => q.startsWith('delete')));
    expect(sent.filter((q) => !q.startsWith('delete') && !q.startsWith('select'))).toEqual(['with claimed']);
  });
});

describe('changes written in the claim statement (writeInClaim)', () => {
  const COUNT_EFFECT = `insert into effects (ticket_id, handled_by, delivery, tx)
    select $1, $2, $3, txid_current() where ${IF_CLAIMED}
    on conflict (ticket_id) do update set n = effects.n + 1`;

  it('run in the one statement that claims the message, and not again for a duplicate delivery', async () => {
    const { bus, sent } = await loggingBus();
    let calls = 0;
    await bus.startConsumers(
      batchConsumer(
        1,
        async (event, ctx) => {
          calls += 1;
          ctx.writeInClaim({ sql: COUNT_EFFECT, params: [event.ticketId, 'claim', ctx.deliveryCount] });
          ctx.emit(routedFrom(event));
        },
        { effectsOnlyInCommit: true },
      ),
    );
    const once = received('in-claim');
    await bus.publish(once);
    await waitFor('the effect', async () => (await effects()).length === 1);
    // A copy past the stream's duplicate check: only the claim can refuse it, and its statement with it.
    await bus.js.publish(`${h.prefix}.ticket.received.v1`, JSON.stringify(once));
    await waitFor('the copy handled', () => calls === 2);
    await bus.publish(received('in-claim-2'));
    await waitFor('the second effect', async () => (await effects()).length === 2);
    expect((await effects()).map((r) => [r.ticket_id, r.handled_by, r.n])).toEqual([
      ['in-claim', 'claim', 1],
      ['in-claim-2', 'claim', 1],
    ]);
    await waitFor('the events', async () => (await h.count('ticket.routed.v1')) === 2);
    expect(sent.filter((q) => q.startsWith('begin') || q.startsWith('commit'))).toEqual([]);
    expect(sent.filter((q) => q.startsWith('with claimed'))).toHaveLength(3);
  });

  it('commit alone in their claim statements when handled together with a message whose writes need a transaction', async () => {
    const bus = await h.bus({ service: 'svc', registry: new Registry() });
    const gate = together(3);
    await bus.startConsumers(
      batchConsumer(
        3,
        async (event, ctx) => {
          await gate();
          if (event.ticketId === 'mixed-write') recordEffect(event, ctx, 'write');
          else {
            ctx.writeInClaim({ sql: COUNT_EFFECT, params: [event.ticketId, 'claim', ctx.deliveryCount] });
            ctx.emit(routedFrom(event));
          }
        },
        { effectsOnlyInCommit: true },
      ),
    );
    for (const id of ['mixed-a', 'mixed-write', 'mixed-b']) await bus.publish(received(id));
    await waitFor('the effects', async () => (await effects()).length === 3);
    const rows = await effects();
    expect(rows.map((r) => [r.ticket_id, r.handled_by, r.n])).toEqual([
      ['mixed-a', 'claim', 1],
      ['mixed-b', 'claim', 1],
      ['mixed-write', 'write', 1],
    ]);
    // Three transactions: each claim statement its own, and the batch's for the message with a write.
    expect(new Set(rows.map((r) => r.tx)).size).toBe(3);
  });

  it('refuses a statement that does not hold its rows to a new claim, which would run again for duplicates', async () => {
    const bus = await h.bus({ service: 'svc', registry: new Registry() });
    await bus.startConsumers(
      batchConsumer(1, async (event, ctx) => {
        ctx.writeInClaim({
          sql: `insert into effects (ticket_id, handled_by, delivery, tx) values ($1, 'x', 1, 0)`,
          params: [event.ticketId],
        });
      }),
    );
    await bus.publish(received('unguarded'));
    const durable = bus.durables()[0]!;
    await waitFor('the dead letter', async () => (await h.count(`dlq.${durable}`)) === 1);
    expect(await effects()).toEqual([]);
  });
});

describe('group commit', () => {
  it('commits the others of a batch when one message fails, and retries or dead-letters only that one', async () => {
    const registry = new Registry();
    const bus = await h.bus({ service: 'svc', registry });
    const gate = together(5);
    await bus.startConsumers(
      batchConsumer(5, async (event, ctx) => {
        if (ctx.deliveryCount === 1) await gate();
        recordEffect(event, ctx);
        const id = event.ticketId!;
        // After its effect is written: the rollback to its savepoint must take that back too.
        if (id === 'gc-flaky' && ctx.deliveryCount === 1)
          ctx.write(async (trx) => {
            await sql`insert into effects (ticket_id, handled_by, delivery, tx) values (null, 'x', 0, 0)`.execute(
              trx,
            );
          });
        if (id === 'gc-perm')
          ctx.write(async () => {
            throw new PermanentError('the order belongs to someone else');
          });
      }),
    );
    // The first of a batch fails (the transaction begins again for the others), then one in the middle.
    for (const id of ['gc-flaky', 'gc-1', 'gc-2', 'gc-perm', 'gc-3']) await bus.publish(received(id));

    const durable = bus.durables()[0]!;
    await waitFor('the dead letter', async () => (await h.count(`dlq.${durable}`)) === 1);
    await waitFor('the retried message', async () => (await effects()).length === 4);
    const rows = await effects();
    expect(rows.map((r) => [r.ticket_id, r.n, r.delivery])).toEqual([
      ['gc-1', 1, 1],
      ['gc-2', 1, 1],
      ['gc-3', 1, 1],
      ['gc-flaky', 1, 2],
    ]);
    // The three committed in the transaction in which the other two failed; the retry in one of its own.
    const batchTx = rows[0]!.tx;
    expect(rows.slice(0, 3).every((r) => r.tx === batchTx)).toBe(true);
    expect(rows[3]!.tx).not.toBe(batchTx);
    const ledger = await h.db.db.selectFrom('bus_processed').select('message_id').execute();
    expect(ledger.map((r) => r.message_id).sort()).toEqual(
      ['gc-1', 'gc-2', 'gc-3', 'gc-flaky'].map((id) => received(id).id).sort(),
    );
    await waitFor('their events', async () => (await h.count('ticket.routed.v1')) === 4);
    await waitFor('every outcome', async () => (await outcomes(registry)).dead_lettered === 1);
    expect(await outcomes(registry)).toEqual({ acked: 4, retried: 1, dead_lettered: 1 });
    // Five together, then the retry alone.
    expect(await registry.metrics()).toMatch(
      /bus_commit_messages_sum\{consumer="svc__ticket_received_v1"\} 6\n/,
    );
  });

  it('refuses duplicates at the claim, within one transaction and across transactions', async () => {
    const registry = new Registry();
    const bus = await h.bus({ service: 'svc', registry });
    let calls = 0;
    let gate = together(4);
    await bus.startConsumers(
      batchConsumer(
        4,
        async (event, ctx) => {
          calls += 1;
          await gate();
          recordEffect(event, ctx);
        },
        // No ledger read first: every copy runs its handler and only the claim can refuse it.
        { effectsOnlyInCommit: true },
      ),
    );
    // Copies published past the stream's duplicate check (no message id): only the ledger can stop them.
    const subject = `${h.prefix}.ticket.received.v1`;
    const dup = received('dup-a');
    await bus.publish(dup);
    await bus.js.publish(subject, JSON.stringify(dup));
    await bus.js.publish(subject, JSON.stringify(dup));
    await bus.publish(received('dup-b'));
    await waitFor('the first batch', async () => (await effects()).length === 2);
    await waitFor('its outcomes', async () => (await outcomes(registry)).duplicate === 2);
    const first = await effects();
    expect(first.map((r) => [r.ticket_id, r.n])).toEqual([
      ['dup-a', 1],
      ['dup-b', 1],
    ]);
    expect(first[0]!.tx).toBe(first[1]!.tx);

    gate = together(4);
    await bus.js.publish(subject, JSON.stringify(dup));
    for (const id of ['dup-c', 'dup-d', 'dup-e']) await bus.publish(received(id));
    await waitFor('the second batch', async () => (await effects()).length === 5);
    await waitFor('its outcomes', async () => (await outcomes(registry)).duplicate === 3);
    const rows = await effects();
    expect(rows.map((r) => [r.ticket_id, r.n])).toEqual([
      ['dup-a', 1],
      ['dup-b', 1],
      ['dup-c', 1],
      ['dup-d', 1],
      ['dup-e', 1],
    ]);
    expect(new Set(rows.slice(2).map((r) => r.tx)).size).toBe(1);
    expect(calls).toBe(8);
    await waitFor('the events', async () => (await h.count('ticket.routed.v1')) === 5);
    expect(await outcomes(registry)).toEqual({ acked: 5, duplicate: 3 });
  });

  it("continues each message's trace from its writes, although they run in a transaction another began", async () => {
    initTracing({ service: 'group-commit-test' });
    const bus = await h.bus({ service: 'svc' });
    const gate = together(3);
    await bus.startConsumers(
      batchConsumer(3, async (event, ctx) => {
        await gate();
        // Emitted from inside the write: its traceparent is whatever span is current while the write runs.
        ctx.write(async () => ctx.emit(routedFrom(event)));
      }),
    );
    const traceIds = ['4bf92f3577b34da6a3ce929d0e0e4731', '4bf92f3577b34da6a3ce929d0e0e4732', 'a'.repeat(32)];
    for (const [i, traceId] of traceIds.entries())
      await bus.publish({ ...received(`trace-${i}`), traceparent: `00-${traceId}-00f067aa0ba902b7-01` });
    await waitFor('the events', async () => (await h.count('ticket.routed.v1')) === 3);
    for (const [i, traceId] of traceIds.entries()) {
      const [routed] = await h.stored('ticket.routed.v1', `trace-${i}`);
      expect(routed?.traceparent?.split('-')[1]).toBe(traceId);
    }
  });

  it('commits nothing of a batch whose transaction is lost before its commit, and redelivers all of it', async () => {
    const bus = await h.bus({ service: 'svc' });
    const gate = together(3);
    await bus.startConsumers(
      batchConsumer(3, async (event, ctx) => {
        if (ctx.deliveryCount === 1) await gate();
        recordEffect(event, ctx);
        // The last of the batch ends the transaction's connection, as a Postgres restart would.
        if (event.ticketId === 'lost-3' && ctx.deliveryCount === 1)
          ctx.write(async (trx) => {
            await sql`select pg_terminate_backend(pg_backend_pid())`.execute(trx);
          });
      }),
    );
    for (const id of ['lost-1', 'lost-2', 'lost-3']) await bus.publish(received(id));
    await waitFor('every message, retried', async () => (await effects()).length === 3);
    const rows = await effects();
    expect(rows.map((r) => [r.ticket_id, r.n, r.delivery])).toEqual([
      ['lost-1', 1, 2],
      ['lost-2', 1, 2],
      ['lost-3', 1, 2],
    ]);
    await waitFor('their events', async () => (await h.count('ticket.routed.v1')) === 3);
  });

  it('commits nothing of a batch whose process dies before the commit; another process handles all of it once', async () => {
    const bus = await h.bus({ service: 'svc' });
    const ids = ['crash-1', 'crash-2', 'crash-3', 'crash-4'];
    for (const id of ids) await bus.publish(received(id));
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      env: { ...process.env, ...h.env(), BATCH: String(ids.length) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines: string[] = [];
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => lines.push(...chunk.trim().split('\n')));
    try {
      await waitFor('the batch inside its transaction', () => lines.includes('in commit'), 60_000);
      expect(await effects()).toEqual([]);
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }

    // The process that takes over: the same durable, so it gets the messages once their ack wait has passed.
    await bus.startConsumers(
      batchConsumer(ids.length, async (event, ctx) => recordEffect(event, ctx, 'restarted')),
    );
    await waitFor('every message, redelivered', async () => (await effects()).length === ids.length);
    const rows = await effects();
    expect(rows.map((r) => [r.ticket_id, r.handled_by, r.n, r.delivery])).toEqual(
      ids.map((id) => [id, 'restarted', 1, 2]),
    );
    await waitFor('their events', async () => (await h.count('ticket.routed.v1')) === ids.length);
    const jsm = await bus.jsm();
    await waitFor('nothing left to acknowledge', async () => {
      const info = await jsm.consumers.info(bus.topo.eventsStream, bus.durables()[0]!);
      return info.num_ack_pending === 0 && info.num_pending === 0;
    });
  });
});
