// The guarantees under faults: a steady stream of tickets while every service is SIGKILLed in turn, the NATS
// server restarts, Postgres connections are cut, processed events are replayed and poison is injected. Then
// every accepted ticket must have exactly one decision, no reply may be delivered twice, the dead-letter stream
// must hold the poison and nothing else, and every consumer must drain.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { connect } from '@nats-io/transport-node';
import { waitFor } from '@parley/bus/testing';
import { ActionAuthorised, makeEvent } from '@parley/contracts';
import { loadDemoTickets, loadOrders } from '@parley/demo-store';
import type { DemoTicket } from '@parley/demo-store';
import { sql } from 'kysely';
import { PrivateNatsServer } from '../src/nats-server.js';
import type { Stack } from '../src/stack.js';
import { SERVICE_NAMES, startStack } from '../src/stack.js';

const TICKETS = Number(process.env.FAULT_TICKETS ?? 500);
const RATE_PER_SECOND = Number(process.env.FAULT_RATE ?? 12);
/** Cancellations authorised while the faults happen (each of a different pending order), a fifth of them twice. */
const ACTIONS = Number(process.env.FAULT_ACTIONS ?? 40);

let nats: PrivateNatsServer;
let stack: Stack;

beforeAll(async () => {
  nats = await PrivateNatsServer.create();
  stack = await startStack({ label: 'faults', natsUrl: nats.url, env: { LOG_LEVEL: 'warn' } });
}, 180_000);

afterAll(async () => {
  await stack?.stop().catch(() => undefined);
  await nats?.destroy();
}, 120_000);

async function postUntilAccepted(ticket: DemoTicket, externalId: string): Promise<string> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      const res = await fetch(`${stack.urls.ingress}/v1/tickets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.apiKey}` },
        body: JSON.stringify({
          customer: ticket.customer,
          subject: ticket.subject,
          body: ticket.body,
          externalId,
        }),
        signal: AbortSignal.timeout(10_000),
      });
      if (res.status === 202) return ((await res.json()) as { ticketId: string }).ticketId;
      if (res.status !== 429 && res.status !== 503)
        throw new Error(`unexpected ${res.status}: ${await res.text()}`);
    } catch (err) {
      if ((err as Error).message.startsWith('unexpected')) throw err;
      // connection refused or reset while ingress restarts: the same externalId makes the retry safe
    }
    if (Date.now() > deadline) throw new Error(`ticket ${externalId} never accepted`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function terminateBackends(): Promise<number> {
  const r = await sql<{ n: number }>`
    select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
    where application_name like ${`parley-%-${stack.prefix}`} and pid <> pg_backend_pid()`.execute(
    stack.db.db,
  );
  return r.rows[0]?.n ?? 0;
}

/** Re-publishes already-stored events without message ids, as a replay from an earlier sequence would. */
async function replayFrom(jsm: JetStreamManager, nc: NatsConnection, count: number): Promise<number> {
  const stream = `${stack.prefix.toUpperCase()}_EVENTS`;
  const info = await jsm.streams.info(stream);
  const start = info.state.first_seq + Math.floor((info.state.last_seq - info.state.first_seq) / 3);
  let replayed = 0;
  for (let seq = start; seq < start + count && seq <= info.state.last_seq; seq++) {
    const msg = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
    if (!msg || msg.subject.includes('.kb.')) continue;
    nc.publish(msg.subject, msg.data);
    replayed += 1;
  }
  await nc.flush();
  return replayed;
}

interface Poison {
  subject: string;
  data: string;
  reason: RegExp;
}

function poisons(prefix: string): Poison[] {
  const envelope = {
    id: 'poison',
    type: 'ticket.received',
    version: 1,
    occurredAt: new Date().toISOString(),
    ticketId: 'tkt_poison',
    payload: { turn: 'first' },
  };
  return [
    { subject: `${prefix}.ticket.received.v1`, data: '{"broken json', reason: /not valid UTF-8 JSON/ },
    {
      subject: `${prefix}.ticket.received.v1`,
      data: JSON.stringify({ ...envelope, id: 'poison-schema' }),
      reason: /payload\.turn: Expected number/,
    },
    {
      subject: `${prefix}.ticket.routed.v1`,
      data: JSON.stringify({ ...envelope, id: 'poison-version', type: 'ticket.routed', version: 7 }),
      reason: /unknown event version 7 of ticket\.routed/,
    },
    {
      subject: `${prefix}.ticket.retrieved.v1`,
      data: JSON.stringify({
        ...envelope,
        id: 'poison-oversized',
        type: 'ticket.retrieved',
        payload: { turn: 1, huge: 'x'.repeat(700_000) },
      }),
      reason: /invalid ticket\.retrieved/,
    },
  ];
}

describe('guarantees under faults', () => {
  it(
    `loses and duplicates nothing across ${TICKETS} tickets while services, NATS and Postgres fail`,
    async () => {
      const demo = await loadDemoTickets();
      const accepted = new Map<string, string>();
      const faults: string[] = [];
      const nc = await connect({ servers: nats.url, maxReconnectAttempts: -1, reconnectTimeWait: 250 });
      const jsm = await jetstreamManager(nc);
      const injected = poisons(stack.prefix);
      const js = jetstream(nc);
      const pendingOrders = (await loadOrders()).filter((o) => o.status === 'pending').slice(0, ACTIONS);
      const authorised: Array<{ actionId: string; orderId: string; ticketId: string }> = [];

      // As the gate or an agent would, some of the accepted tickets get a cancellation authorised; a fifth are
      // authorised twice (a double click, a customer and an agent), under another message id so the stream keeps both.
      const authoriser = (async () => {
        await waitFor('tickets to act on', () => accepted.size >= ACTIONS, 300_000);
        const tickets = [...accepted.values()];
        for (let i = 0; i < pendingOrders.length; i++) {
          const order = pendingOrders[i]!;
          const ticketId = tickets[i]!;
          const event = makeEvent(ActionAuthorised, {
            ticketId,
            payload: {
              turn: 1,
              proposal: {
                actionId: `act_fault_${i}`,
                tool: 'cancel_pending_order',
                input: { order_id: order.id, reason: 'no longer needed' },
                summary: `Cancel order ${order.id}`,
                customerId: order.customerId,
              },
              by: { kind: 'customer' },
              channel: 'api',
            },
          });
          const copies = i % 5 === 0 ? [event.id, `${event.id}:again`] : [event.id];
          for (const msgID of copies) {
            for (;;) {
              try {
                await js.publish(
                  `${stack.prefix}.action.authorised.v1`,
                  JSON.stringify({ ...event, id: msgID }),
                  {
                    msgID,
                  },
                );
                break;
              } catch {
                // NATS restarting: the message id makes the retry safe
                await new Promise((r) => setTimeout(r, 250));
              }
            }
          }
          authorised.push({ actionId: event.payload.proposal.actionId, orderId: order.id, ticketId });
          await new Promise((r) => setTimeout(r, 400));
        }
      })();

      const feeder = (async () => {
        const pending: Array<Promise<void>> = [];
        const started = Date.now();
        for (let i = 0; i < TICKETS; i++) {
          const due = started + (i * 1000) / RATE_PER_SECOND;
          if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
          const externalId = `fault-${i}`;
          pending.push(
            postUntilAccepted(demo[i % demo.length]!, externalId).then((id) => {
              accepted.set(externalId, id);
            }),
          );
        }
        await Promise.all(pending);
      })();

      const at = (share: number) =>
        waitFor(`${share * 100}% accepted`, () => accepted.size >= TICKETS * share, 300_000);
      const injector = (async () => {
        let share = 0.08;
        for (const name of SERVICE_NAMES) {
          await at(share);
          const pid = stack.supervisor.pid(name);
          if (pid) process.kill(pid, 'SIGKILL');
          faults.push(`SIGKILL ${name}`);
          share += 0.07;
        }
        await at(share);
        await nats.restart(1500);
        faults.push('restart nats-server');
        share += 0.07;
        await at(share);
        faults.push(`cut ${await terminateBackends()} Postgres connections`);
        share += 0.07;
        await at(share);
        faults.push(`replay ${await replayFrom(jsm, nc, 60)} stored events`);
        share += 0.07;
        await at(share);
        for (const p of injected) nc.publish(p.subject, p.data);
        await nc.flush();
        faults.push(`inject ${injected.length} poison messages`);
        share += 0.07;
        await at(share);
        faults.push(`cut ${await terminateBackends()} Postgres connections`);
      })();

      try {
        await Promise.all([feeder, injector, authoriser]);
      } catch (err) {
        await nc.close();
        const problems = stack.logs.filter((l) => /request failed|"level":"(error|fatal)"/.test(l)).slice(-8);
        throw new Error(
          `${(err as Error).message}\nafter faults: ${faults.join(', ')}\n${problems.join('\n')}`,
        );
      }
      const ids = [...accepted.values()];
      expect(new Set(ids).size).toBe(TICKETS);

      // Every accepted ticket reaches its decision (stragglers wait out an ack_wait after a SIGKILL).
      const decidedCount = async () =>
        Number(
          (
            await sql<{
              n: string;
            }>`select count(*) as n from decisions where ticket_id = any(${ids})`.execute(stack.db.db)
          ).rows[0]!.n,
        );
      await waitFor('every ticket decided', async () => (await decidedCount()) === TICKETS, 300_000);

      // No consumer is stuck: everything delivered has been acknowledged.
      const stream = `${stack.prefix.toUpperCase()}_EVENTS`;
      await waitFor(
        'every consumer drained',
        async () => {
          const infos = await jsm.consumers.list(stream).next();
          return infos.length >= 8 && infos.every((c) => c.num_pending === 0 && c.num_ack_pending === 0);
        },
        180_000,
      );

      const perTicket = await sql<{
        ticket_id: string;
        decisions: number;
        deliveries: number;
        delivered_events: number;
      }>`
        select t.id as ticket_id,
          (select count(*)::int from decisions d where d.ticket_id = t.id) as decisions,
          (select count(*)::int from deliveries v where v.ticket_id = t.id and v.reply_id not like 'rpl_act_%') as deliveries,
          (select count(*)::int from timeline l where l.ticket_id = t.id and l.type = 'reply.delivered'
            and l.detail->>'replyId' not like 'rpl_act_%') as delivered_events
        from tickets t where t.id = any(${ids})`.execute(stack.db.db);
      const lost = perTicket.rows.filter((r) => r.decisions !== 1).length + (TICKETS - perTicket.rows.length);
      const duplicated = perTicket.rows.filter((r) => r.deliveries > 1 || r.delivered_events > 1).length;
      const delivered = perTicket.rows.filter((r) => r.deliveries === 1).length;

      const dlqStream = `${stack.prefix.toUpperCase()}_DLQ`;
      const dlqInfo = await jsm.streams.info(dlqStream);
      const reasons: string[] = [];
      for (
        let seq = dlqInfo.state.first_seq;
        seq <= dlqInfo.state.last_seq && dlqInfo.state.messages > 0;
        seq++
      ) {
        const m = await jsm.streams.getMessage(dlqStream, { seq }).catch(() => null);
        if (m) reasons.push(m.header.get('Dlq-Reason'));
      }
      // Every authorised action executed once: one ledger row, the order cancelled with one refund, one outcome
      // reply delivered once.
      const actionRows = await sql<{ action_id: string; n: number }>`
        select action_id, count(*)::int as n from store_actions
        where action_id = any(${authorised.map((a) => a.actionId)}) group by action_id`.execute(stack.db.db);
      const orders = await sql<{ id: string; status: string; refunds: number }>`
        select id, status,
          (select count(*)::int from jsonb_array_elements(payment_history) e where e->>'type' = 'refund') as refunds
        from orders where id = any(${authorised.map((a) => a.orderId)})`.execute(stack.db.db);
      // An action's outcome is its own reply (rpl_<actionId>), beside the turn's: each delivered exactly once.
      const outcomes = await sql<{ reply_id: string; delivered: number }>`
        select v.reply_id,
          (select count(*)::int from timeline l where l.type = 'reply.delivered' and l.detail->>'replyId' = v.reply_id)
            as delivered
        from deliveries v where v.reply_id = any(${authorised.map((a) => `rpl_${a.actionId}`)})`.execute(
        stack.db.db,
      );
      const executed = actionRows.rows.filter((r) => r.n === 1).length;
      const actedTwice =
        actionRows.rows.filter((r) => r.n > 1).length + orders.rows.filter((o) => o.refunds > 1).length;
      const restarts = SERVICE_NAMES.map((n) => `${n}:${stack.supervisor.restarts(n)}`).join(' ');
      console.log(
        `faults: tickets=${TICKETS} faults=${faults.length} lost=${lost} duplicated=${duplicated} ` +
          `dead-lettered=${reasons.length} auto-delivered=${delivered} actions-authorised=${authorised.length} ` +
          `actions-executed=${executed} actions-twice=${actedTwice} restarts=[${restarts}]\n  ${faults.join('\n  ')}`,
      );

      expect(lost).toBe(0);
      expect(duplicated).toBe(0);
      expect(authorised).toHaveLength(ACTIONS);
      expect(executed).toBe(ACTIONS);
      expect(actedTwice).toBe(0);
      expect(orders.rows.every((o) => o.status === 'cancelled' && o.refunds === 1)).toBe(true);
      expect(outcomes.rows).toHaveLength(ACTIONS);
      expect(outcomes.rows.every((r) => r.delivered === 1)).toBe(true);
      expect(reasons).toHaveLength(injected.length);
      for (const p of injected) expect(reasons.some((r) => p.reason.test(r))).toBe(true);
      for (const name of SERVICE_NAMES) expect(stack.supervisor.restarts(name)).toBeGreaterThanOrEqual(1);
      await nc.drain();
    },
    20 * 60_000,
  );
});
