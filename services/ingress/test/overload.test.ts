import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BusHarness } from '@parley/bus/testing';
import { createBusHarness, TEST_NATS_URL, waitFor } from '@parley/bus/testing';
import { TEST_DATABASE_URL } from '@parley/db/testing';
import type { RunningService } from '@parley/runtime';
import { startService } from '@parley/runtime';
import { sql } from 'kysely';
import { readServiceConfig } from '../src/config.js';
import { buildService } from '../src/service.js';
import { API_KEY } from './fixtures.js';

// A small service on purpose: 3 pool connections, 16 requests in flight, bursts of 600.
const POOL = 3;
const IN_FLIGHT = 16;
const BURST = 600;

let h: BusHarness;
let svc: RunningService;
/** Tickets answered 202 over the whole file: the bus must hold exactly this many ticket.received. */
let accepted = 0;

beforeAll(async () => {
  h = await createBusHarness('ingress-overload');
  // A bus of our own first: the harness deletes the file's streams through it, even if start-up fails.
  await h.bus();
  svc = await startService(
    buildService(
      readServiceConfig({
        NATS_URL: TEST_NATS_URL,
        DATABASE_URL: TEST_DATABASE_URL,
        DATABASE_SCHEMA: h.db.config.schema,
        DATABASE_POOL_MAX: String(POOL),
        BUS_PREFIX: h.prefix,
        INGRESS_PORT: '0',
        HOST: '127.0.0.1',
        INGRESS_API_KEYS: API_KEY,
        INGRESS_MAX_IN_FLIGHT: String(IN_FLIGHT),
        // One key makes the whole burst: this file is about the server's own bound.
        INGRESS_MAX_IN_FLIGHT_PER_CLIENT: String(IN_FLIGHT),
        INGRESS_DB_SLOTS_PER_CLIENT: String(POOL),
        INGRESS_DB_WAIT_MS: '400',
        INGRESS_REQUEST_TIMEOUT_MS: '15000',
        INGRESS_RETRY_AFTER_SECONDS: '4',
        LOG_LEVEL: 'silent',
      }),
    ),
    { migrate: false },
  );
});
afterAll(async () => {
  await svc?.stop();
  await h.close();
});

interface Outcome {
  status: number;
  retryAfter: string | null;
  ticketId?: string;
  externalId: string;
}

/** `count` concurrent ticket POSTs, each with its own externalId; calls `onAnswer` as each one lands. */
async function burst(label: string, count: number, onAnswer: () => void = () => undefined) {
  const started = Date.now();
  const outcomes = await Promise.all(
    Array.from({ length: count }, async (_, i): Promise<Outcome> => {
      const externalId = `${label}-${i}`;
      const res = await fetch(`${svc.url}/v1/tickets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ customer: { name: `Burst ${i}` }, body: `burst ticket ${i}`, externalId }),
      });
      const json = (await res.json()) as { ticketId?: string };
      onAnswer();
      return { status: res.status, retryAfter: res.headers.get('retry-after'), externalId, ...json };
    }),
  );
  return { outcomes, ms: Date.now() - started };
}

function tally(outcomes: Outcome[]): Record<number, number> {
  const by: Record<number, number> = {};
  for (const o of outcomes) by[o.status] = (by[o.status] ?? 0) + 1;
  return by;
}

/** Every 202 is a stored ticket, nothing else of the burst is, and the bus holds every accepted ticket. */
async function expectPersistedExactly(label: string, outcomes: Outcome[]): Promise<void> {
  const ok = outcomes.filter((o) => o.status === 202);
  const rows = await h.db.db
    .selectFrom('tickets')
    .select(['id', 'external_id'])
    .where('external_id', 'like', `${label}-%`)
    .execute();
  expect(rows.map((r) => r.id).sort()).toEqual(ok.map((o) => o.ticketId).sort());
  accepted += ok.length;
  await waitFor(`${accepted} ticket.received on the bus`, async () => {
    return (await h.count('ticket.received.v1')) === accepted;
  });
  await waitFor('an empty outbox', async () => {
    return (await h.db.db.selectFrom('outbox').select('id').execute()).length === 0;
  });
}

function expectOnlyAdmissionAnswers(outcomes: Outcome[]): void {
  for (const o of outcomes) {
    expect([202, 429, 503]).toContain(o.status);
    if (o.status === 429) expect(o.retryAfter).toBe('1');
    if (o.status === 503) expect(o.retryAfter).toBe('4');
  }
}

describe('admission control under a burst', () => {
  it(`answers ${BURST} concurrent POSTs with 202 or 429 (or 503), quickly, and persists every 202`, async () => {
    const { outcomes, ms } = await burst('healthy', BURST);
    const counts = tally(outcomes);
    expectOnlyAdmissionAnswers(outcomes);
    expect(counts[202]).toBeGreaterThan(0);
    expect(counts[429]).toBeGreaterThan(0);
    // How fast the burst is answered depends on the machine; `pnpm bench` measures it, not this test.
    await expectPersistedExactly('healthy', outcomes);
    expect(svc.app.server.listening).toBe(true);
    if (process.env.INGRESS_BURST_REPORT) console.info('healthy burst', counts, `${ms} ms`);
  });

  it('answers 503 to requests that cannot get a database connection in time while the database is stuck', async () => {
    // A lock on tickets makes every insert wait: the requests holding the 3 database slots block, those
    // waiting for a slot give up after 400 ms (503), the rest are over the in-flight limit (429).
    let answered = 0;
    let run: Promise<{ outcomes: Outcome[]; ms: number }> | undefined;
    await h.db.db.transaction().execute(async (trx) => {
      await sql`lock table tickets in exclusive mode`.execute(trx);
      run = burst('stuck', BURST, () => answered++);
      await waitFor('every request but the blocked ones answered', () => answered >= BURST - POOL);
    });
    const { outcomes, ms } = await run!;
    const counts = tally(outcomes);
    expectOnlyAdmissionAnswers(outcomes);
    expect(counts[202]).toBe(POOL);
    expect(counts[503]).toBeGreaterThan(0);
    expect(counts[429]).toBeGreaterThan(0);
    await expectPersistedExactly('stuck', outcomes);
    if (process.env.INGRESS_BURST_REPORT) console.info('stuck burst', counts, `${ms} ms`);
  });

  it('serves normally once the burst is over', async () => {
    const { outcomes } = await burst('after', 8);
    expect(tally(outcomes)).toEqual({ 202: 8 });
    await expectPersistedExactly('after', outcomes);
  });
});
