import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { TicketReceived } from '@parley/contracts';
import { sql } from 'kysely';
import type { Bus, CanaryRole, CanarySource, CanarySplit } from '../src/index.js';
import { CANARY_HEADER, consumer, ticketBucket } from '../src/index.js';
import type { BusHarness } from '../src/testing.js';
import { createBusHarness, waitFor } from '../src/testing.js';
import { received } from './fixtures.js';

/** The control state as each process sees it (`@parley/control` keeps it in NATS KV; here it is set by hand). */
class View implements CanarySource {
  current: CanarySplit[] = [];
  from: number | undefined;
  splits(): CanarySplit[] {
    return this.current;
  }
  async startSeq(): Promise<number | undefined> {
    return this.from;
  }
  share(share: number): void {
    this.current = [{ service: SERVICE, version: 'v2', share }];
  }
}

const SERVICE = 'svc';
const STABLE_DURABLE = 'svc__ticket_received_v1';
const limits = { ackWaitMs: 5000, maxDeliver: 4, backoffMs: [100], concurrency: 4 };

let h: BusHarness;
/** Every handler call, in order: which ticket, on which side. */
let calls: Array<{ ticket: string; role: CanaryRole }>;

beforeEach(async () => {
  h = await createBusHarness('canary');
  calls = [];
  await sql`create table effects (ticket_id text primary key, handled_by text not null, n int not null default 1)`.execute(
    h.db.db,
  );
});
afterEach(async () => {
  await h.close();
});

/** One side of the service: its own durable, writing which side handled each ticket. */
async function side(role: CanaryRole, view: CanarySource, delayMs = 0): Promise<Bus> {
  const bus = await h.bus({ service: SERVICE, role, canary: view });
  await bus.startConsumers({
    received: consumer({
      event: TicketReceived,
      ...limits,
      handler: async (event, ctx) => {
        calls.push({ ticket: event.ticketId!, role });
        if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
        ctx.write(async (trx) => {
          await sql`insert into effects (ticket_id, handled_by) values (${event.ticketId}, ${role})
                    on conflict (ticket_id) do update set n = effects.n + 1`.execute(trx);
        });
      },
    }),
  });
  return bus;
}

async function effects(): Promise<Map<string, { handled_by: string; n: number }>> {
  const r = await sql<{ ticket_id: string; handled_by: string; n: number }>`
    select ticket_id, handled_by, n from effects`.execute(h.db.db);
  return new Map(r.rows.map((row) => [row.ticket_id, row]));
}

async function nextSeq(bus: Bus): Promise<number> {
  const info = await (await bus.jsm()).streams.info(bus.topo.eventsStream);
  return info.state.last_seq + 1;
}

async function outcomes(bus: Bus): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const v of (await bus.metrics.messages.get()).values) out[String(v.labels.outcome)] = v.value;
  return out;
}

const expectedSide = (ticket: string, share: number): CanaryRole =>
  ticketBucket(SERVICE, ticket) < share ? 'candidate' : 'stable';

/** Every ticket handled exactly once, by the side its stamp gave it to. */
async function expectExactlyOnce(expected: Map<string, CanaryRole>): Promise<void> {
  await waitFor(`all ${expected.size} tickets handled`, async () => (await effects()).size === expected.size);
  const rows = await effects();
  for (const [ticket, role] of expected)
    expect(rows.get(ticket)).toEqual({ ticket_id: ticket, handled_by: role, n: 1 });
  const perTicket = new Map<string, number>();
  for (const c of calls) perTicket.set(c.ticket, (perTicket.get(c.ticket) ?? 0) + 1);
  expect([...perTicket.entries()].filter(([, n]) => n !== 1)).toEqual([]);
  expect(perTicket.size).toBe(expected.size);
}

describe('a canary split of one consumer', () => {
  it('gives the candidate exactly the hash rule share, from where the canary began, each ticket once', async () => {
    const view = new View();
    const stable = await side('stable', view);
    const producer = await h.bus({ service: 'producer', canary: view });
    const expected = new Map<string, CanaryRole>();
    const publish = async (ticket: string, role: CanaryRole) => {
      await producer.publish(received(ticket));
      expected.set(ticket, role);
    };
    for (let i = 0; i < 20; i++) await publish(`before-${i}`, 'stable');
    // As `parley canary start` does: the next sequence first, then the split every producer stamps.
    view.from = await nextSeq(producer);
    view.share(30);
    // The candidate is not running yet: its share waits for it in its durable.
    for (let i = 0; i < 100; i++) await publish(`early-${i}`, expectedSide(`early-${i}`, 30));
    const candidate = await side('candidate', view);
    expect(candidate.durables()).toEqual([`${STABLE_DURABLE}__candidate`]);
    for (let i = 0; i < 100; i++) await publish(`late-${i}`, expectedSide(`late-${i}`, 30));

    await expectExactlyOnce(expected);
    const taken = [...expected.values()].filter((r) => r === 'candidate').length;
    expect(taken).toBeGreaterThan(40);
    expect(taken).toBeLessThan(80);
    // The candidate's durable began at the canary's start: it never saw the 20 tickets before it.
    await waitFor('the candidate to settle all 200', async () => {
      const o = await outcomes(candidate);
      return (o.acked ?? 0) + (o.other_side ?? 0) === 200;
    });
    expect(await outcomes(candidate)).toEqual({ acked: taken, other_side: 200 - taken });
    expect(await outcomes(stable)).toEqual({ acked: 220 - taken, other_side: taken });
    // One ledger for both sides, under the stable durable's name.
    const ledger = await h.db.db
      .selectFrom('bus_processed')
      .select(({ fn }) => ['consumer', fn.countAll<string>().as('n')])
      .groupBy('consumer')
      .execute();
    expect(ledger).toEqual([{ consumer: STABLE_DURABLE, n: '220' }]);
  });

  it('loses and duplicates nothing when the split changes mid-stream, even while producers disagree', async () => {
    const fresh = new View();
    const stale = new View();
    fresh.from = stale.from = await nextSeq(await h.bus({ service: 'probe' }));
    fresh.share(30);
    stale.share(30);
    // A small delay per ticket keeps a backlog on both sides at the moments the split changes.
    await side('stable', fresh, 5);
    await side('candidate', fresh, 5);
    const a = await h.bus({ service: 'producer-a', canary: fresh });
    const b = await h.bus({ service: 'producer-b', canary: stale });
    const expected = new Map<string, CanaryRole>();
    for (let i = 0; i < 150; i++) {
      if (i === 50) fresh.share(0); // rollback, seen by producer a only
      if (i === 100) fresh.share(100); // promote, seen by producer a only
      const ticket = `t-${i}`;
      const [producer, view] = i % 2 === 0 ? [a, fresh] : [b, stale];
      await producer.publish(received(ticket));
      expected.set(ticket, expectedSide(ticket, view.current[0]!.share));
    }
    const sides = new Set(expected.values());
    expect(sides).toEqual(new Set(['stable', 'candidate']));
    // After the rollback producer a's tickets all went to the stable side, after the promote all to the candidate.
    for (let i = 50; i < 100; i += 2) expect(expected.get(`t-${i}`)).toBe('stable');
    for (let i = 100; i < 150; i += 2) expect(expected.get(`t-${i}`)).toBe('candidate');
    await expectExactlyOnce(expected);
  });

  it('keeps a ticket on one side for all its turns while the split holds', async () => {
    const view = new View();
    view.from = await nextSeq(await h.bus({ service: 'probe' }));
    view.share(50);
    await side('stable', view);
    await side('candidate', view);
    const producer = await h.bus({ service: 'producer', canary: view });
    const tickets = Array.from({ length: 12 }, (_, i) => `conv-${i}`);
    for (const turn of [1, 2, 3]) {
      for (const t of tickets) await producer.publish(received(t, turn));
    }
    await waitFor('every turn handled', () => calls.length === tickets.length * 3);
    for (const t of tickets) {
      expect(new Set(calls.filter((c) => c.ticket === t).map((c) => c.role))).toEqual(
        new Set([expectedSide(t, 50)]),
      );
    }
  });

  it('dead-letters a poison message once, from the side its stamp names', async () => {
    const view = new View();
    view.from = await nextSeq(await h.bus({ service: 'probe' }));
    const stable = await side('stable', view);
    const candidate = await side('candidate', view);
    const byBucket = (want: CanaryRole) =>
      Array.from({ length: 50 }, (_, i) => `poison-${i}`).find((t) => expectedSide(t, 30) === want)!;
    for (const ticket of [byBucket('candidate'), byBucket('stable')]) {
      const h2 = natsHeaders();
      h2.set(CANARY_HEADER, `${SERVICE}=v2/30`);
      h2.set('Parley-Ticket', ticket);
      await stable.js.publish(`${h.prefix}.ticket.received.v1`, '{not json', { headers: h2 });
    }
    await waitFor('both dead letters', async () => (await h.count('dlq.>')) === 2);
    expect(await h.count(`dlq.${stable.durables()[0]}`)).toBe(1);
    expect(await h.count(`dlq.${candidate.durables()[0]}`)).toBe(1);
  });

  it('commits the effects of a message once even if both sides were handed it', async () => {
    const view = new View();
    view.from = await nextSeq(await h.bus({ service: 'probe' }));
    const stable = await side('stable', view);
    const candidate = await side('candidate', view);
    // The same event stored twice (no message id), stamped once for each side: only one may commit.
    const event = received('both-1');
    for (const share of [0, 100]) {
      const hdrs = natsHeaders();
      hdrs.set(CANARY_HEADER, `${SERVICE}=v2/${share}`);
      hdrs.set('Parley-Ticket', 'both-1');
      await stable.js.publish(`${h.prefix}.ticket.received.v1`, JSON.stringify(event), { headers: hdrs });
    }
    await waitFor('both sides to settle it', async () => {
      const [s, c] = [await outcomes(stable), await outcomes(candidate)];
      return (s.acked ?? 0) + (s.duplicate ?? 0) + (c.acked ?? 0) + (c.duplicate ?? 0) === 2;
    });
    expect([...(await effects()).values()]).toEqual([expect.objectContaining({ n: 1 })]);
  });
});
