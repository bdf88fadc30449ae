// A canary release of the gate: a stable (v1) and a candidate (v2) instance side by side on one deployment's
// NATS prefix and database, the split set through the control bucket as `parley canary` sets it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Bus } from '@parley/bus';
import { ticketBucket } from '@parley/bus';
import type { BusHarness } from '@parley/bus/testing';
import { createBusHarness, waitFor } from '@parley/bus/testing';
import { CanaryControl, KillSwitch } from '@parley/control';
import type { RunningService } from '@parley/runtime';
import { startService } from '@parley/runtime';
import { readServiceConfig } from '../src/config.js';
import { buildService } from '../src/service.js';
import { resolved } from './fixtures.js';

let h: BusHarness;
let stable: RunningService;
let candidate: RunningService;
let producer: Bus;
let control: CanaryControl;
let killSwitch: KillSwitch;

const VERSION = { stable: 'v1', candidate: 'v2' } as const;

function gate(extra: Record<string, string>): Promise<RunningService> {
  return startService(buildService(readServiceConfig(h.env({ GATE_PORT: '0', ...extra }))), {
    migrate: false,
  });
}

beforeAll(async () => {
  h = await createBusHarness('gate-canary');
  stable = await gate({ PARLEY_VERSION: VERSION.stable });
  candidate = await gate({ PARLEY_VERSION: VERSION.candidate, PARLEY_CANARY_ROLE: 'candidate' });
  control = new CanaryControl({ nc: h.nc, prefix: h.prefix });
  await control.start();
  killSwitch = new KillSwitch({ nc: h.nc, prefix: h.prefix });
  await killSwitch.start();
  // What the resolver would be: it stamps the split it knows on every ticket.resolved it publishes.
  producer = await h.bus({ service: 'resolver', canary: control });
  await control.begin({ service: 'gate', version: VERSION.candidate, share: 30, by: 'test' }, async () => {
    const info = await (await producer.jsm()).streams.info(producer.topo.eventsStream);
    return info.state.last_seq + 1;
  });
});
afterAll(async () => {
  await control?.stop();
  await killSwitch?.stop();
  await candidate?.stop();
  await stable?.stop();
  await h.close();
});

const sideOf = (ticket: string, share: number) =>
  ticketBucket('gate', ticket) < share ? 'candidate' : 'stable';

/** Publishes one resolved turn per ticket and waits until every one has its decision. */
async function decide(tickets: string[]): Promise<void> {
  for (const t of tickets) await producer.publish(resolved(t));
  await waitFor(`${tickets.length} decisions`, async () => {
    const rows = await h.db.db
      .selectFrom('decisions')
      .select('ticket_id')
      .where('ticket_id', 'in', tickets)
      .execute();
    return rows.length >= tickets.length;
  });
}

async function decisions(tickets: string[]) {
  return h.db.db
    .selectFrom('decisions')
    .select(['ticket_id', 'decision', 'mode'])
    .where('ticket_id', 'in', tickets)
    .orderBy('ticket_id')
    .execute();
}

/** The version on each of the gate's timeline entries, per ticket. */
async function versions(tickets: string[]): Promise<Map<string, Set<unknown>>> {
  const rows = await h.db.db
    .selectFrom('timeline')
    .select(['ticket_id', 'detail'])
    .where('ticket_id', 'in', tickets)
    .where('service', '=', 'gate')
    .execute();
  const out = new Map<string, Set<unknown>>();
  for (const r of rows) {
    const seen = out.get(r.ticket_id) ?? new Set();
    seen.add((r.detail as { version?: string }).version);
    out.set(r.ticket_id, seen);
  }
  return out;
}

/** Every ticket decided exactly once, its gate timeline entries all carrying the version of its side. */
async function expectSides(tickets: string[], sideFor: (t: string) => 'stable' | 'candidate') {
  const rows = await decisions(tickets);
  expect(rows.map((r) => r.ticket_id)).toEqual([...tickets].sort());
  const seen = await versions(tickets);
  for (const t of tickets)
    expect({ t, versions: seen.get(t) }).toEqual({ t, versions: new Set([VERSION[sideFor(t)]]) });
  return rows;
}

const names = (label: string, n: number) => Array.from({ length: n }, (_, i) => `tk_${label}_${i}`);

describe('a canary of the gate', () => {
  it('decides the 30% share the hash gives it, each ticket once, its timeline and metrics saying v2', async () => {
    const tickets = names('split', 40);
    await decide(tickets);
    await expectSides(tickets, (t) => sideOf(t, 30));
    const taken = tickets.filter((t) => sideOf(t, 30) === 'candidate').length;
    expect(taken).toBeGreaterThan(0);
    expect(taken).toBeLessThan(40);

    const metrics = async (s: RunningService) => (await fetch(`${s.url}/metrics`)).text();
    const acked = (text: string, durable: string, version: string) =>
      Number(
        new RegExp(
          `^bus_messages_total\\{consumer="${durable}",outcome="acked",service="gate",version="${version}"\\} (\\d+)$`,
          'm',
        ).exec(text)?.[1],
      );
    expect(acked(await metrics(candidate), 'gate__ticket_resolved_v1__candidate', 'v2')).toBe(taken);
    expect(acked(await metrics(stable), 'gate__ticket_resolved_v1', 'v1')).toBe(40 - taken);
  });

  it('rolled back mid-stream, loses and duplicates nothing: later tickets all go to the stable side', async () => {
    const before = names('before', 20);
    const after = names('after', 20);
    const published = before.map((t) => producer.publish(resolved(t)));
    await Promise.all(published);
    await control.rollback('gate', 'test', 'error rate');
    await decide(after);
    await waitFor('the first half decided', async () => (await decisions(before)).length === before.length);
    await expectSides(before, (t) => sideOf(t, 30));
    await expectSides(after, () => 'stable');
  });

  it('is overridden by the kill switch on both sides', async () => {
    await control.begin({ service: 'gate', version: VERSION.candidate, share: 50 }, async () => 1);
    await killSwitch.set('suggest_only', 'test', 'provider incident');
    for (const s of [stable, candidate]) {
      await waitFor(
        'each gate to see suggest_only',
        async () =>
          ((await (await fetch(`${s.url}/v1/kill-switch`)).json()) as { mode: string }).mode ===
          'suggest_only',
      );
    }
    const tickets = names('killed', 20);
    expect(new Set(tickets.map((t) => sideOf(t, 50)))).toEqual(new Set(['stable', 'candidate']));
    await decide(tickets);
    const rows = await expectSides(tickets, (t) => sideOf(t, 50));
    expect(rows.every((r) => r.decision === 'suggested' && r.mode === 'suggest_only')).toBe(true);
    await killSwitch.set('auto', 'test');
  });
});
