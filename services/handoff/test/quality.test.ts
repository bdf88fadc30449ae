import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Bus } from '@parley/bus';
import type { BusHarness } from '@parley/bus/testing';
import { createBusHarness, waitFor } from '@parley/bus/testing';
import type { RunningService } from '@parley/runtime';
import { startService } from '@parley/runtime';
import { readServiceConfig } from '../src/config.js';
import { buildService } from '../src/service.js';
import { decided, DRAFT, handedOff, rated } from './quality-fixtures.js';

// The quality report from handoff's own read model, fed by real events on the real bus: a seeded set of turns,
// ratings and agent edits whose figures are worked out by hand below.
let h: BusHarness;
let svc: RunningService;
let bus: Bus;
const KEY = 'agent-key-quality';
const D1 = '2026-12-01';
const D2 = '2026-12-02';

const report = async (query: string, key: string | null = KEY) => {
  const res = await fetch(`${svc.url}/v1/reports/quality${query}`, {
    headers: key ? { authorization: `Bearer ${key}` } : {},
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

const count = async (table: 'quality_turns' | 'quality_ratings' | 'draft_reviews') =>
  Number(
    (
      await h.db.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  h = await createBusHarness('handoff-quality');
  const config = readServiceConfig({
    BUS_PREFIX: h.prefix,
    DATABASE_SCHEMA: h.db.config.schema,
    HANDOFF_PORT: '0',
    HANDOFF_AGENT_KEYS: KEY,
    HANDOFF_SLA_CHECK_MS: '0',
    LOG_LEVEL: 'silent',
  });
  svc = await startService(buildService(config), { migrate: false });
  bus = await h.bus();

  const os = 'order_status';
  const co = 'cancel_order';
  const turns = [
    decided({ ticketId: 'q1', day: D1, intent: os, decision: 'auto_sent', latencyMs: 1000, costUsd: 0.002 }),
    // Answered automatically, then the customer wrote again: a reopen.
    decided({ ticketId: 'q2', day: D1, intent: os, decision: 'auto_sent', latencyMs: 3000, costUsd: 0.001 }),
    decided({
      ticketId: 'q2',
      turn: 2,
      day: D1,
      intent: os,
      decision: 'suggested',
      latencyMs: 2000,
      costUsd: 0.004,
    }),
    // The next turn only answered a read-back ("yes"): no reopen.
    decided({ ticketId: 'q3', day: D1, intent: os, decision: 'auto_sent', latencyMs: 2000, costUsd: 0.001 }),
    decided({
      ticketId: 'q3',
      turn: 2,
      day: D1,
      intent: os,
      decision: 'auto_sent',
      latencyMs: 500,
      costUsd: 0,
      confirmation: true,
    }),
    decided({ ticketId: 'q4', day: D1, intent: co, decision: 'suggested', latencyMs: 4000, costUsd: 0.003 }),
    decided({ ticketId: 'q5', day: D1, intent: co, decision: 'escalated', latencyMs: 100, costUsd: 0 }),
    decided({ ticketId: 'q6', day: D2, intent: os, decision: 'auto_sent', latencyMs: 1500, costUsd: 0.002 }),
    // Another workspace's turn, and one outside the range: neither counts.
    decided({
      ticketId: 'q7',
      day: D1,
      intent: os,
      decision: 'auto_sent',
      latencyMs: 9000,
      costUsd: 1,
      workspace: 'other',
    }),
    decided({
      ticketId: 'q8',
      day: '2026-11-30',
      intent: os,
      decision: 'escalated',
      latencyMs: 1,
      costUsd: 1,
    }),
  ];
  for (const e of turns) await bus.publish(e);
  // The same decision delivered twice is one row.
  await bus.js.publish(`${h.prefix}.ticket.decided.v1`, JSON.stringify(turns[0]));
  // q2 was rated up, then down; the change may arrive first.
  for (const e of [
    rated('q1', 'up', 1),
    rated('q2', 'down', 2),
    rated('q2', 'up', 1),
    rated('q7', 'down', 1, 'other'),
  ])
    await bus.publish(e);
  await bus.publish(handedOff('q4', DRAFT, co));
  await bus.publish(handedOff('q5', null, co));
  await waitFor('the read model', async () => (await count('quality_turns')) === 10);
  await waitFor('the ratings', async () => (await count('quality_ratings')) === 3);
  const item = (ticketId: string) =>
    waitFor(`inbox item ${ticketId}`, () =>
      h.db.db.selectFrom('inbox_items').select('id').where('ticket_id', '=', ticketId).executeTakeFirst(),
    );
  const approve = async (ticketId: string, body: string) => {
    const { id } = (await item(ticketId))!;
    const res = await fetch(`${svc.url}/v1/inbox/${id}/approve`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ body, agentId: 'ana' }),
    });
    expect(res.status).toBe(200);
  };
  // Two of the draft's five words kept (your, is): survival 0.4, a low-survival edit. q5 had no draft: not an edit.
  await approve('q4', 'Your refund is on its way, sorry for the wait.');
  await approve('q5', 'A colleague will call you back today.');
});
afterAll(async () => {
  await svc?.stop();
  await h?.close();
});

describe('GET /v1/reports/quality', () => {
  it('gives per day and intent, and per intent, the figures of the seeded turns', async () => {
    const { status, body } = await report(`?from=${D1}&to=${D2}`);
    expect(status).toBe(200);
    const judge = { judged: 0, passed: 0, passRate: null, meanScore: null };
    const orderStatusD1 = {
      day: D1,
      intent: 'order_status',
      turns: 5,
      autoSent: 4,
      deflection: 0.8,
      ratings: { up: 1, down: 1 },
      csat: 0.5,
      reopens: 1,
      edits: 0,
      lowSurvivalEdits: 0,
      meanSurvival: null,
      badAnswerSignals: 2,
      costUsd: 0.008,
      // q1, q3 and q3's confirmation were resolved automatically; q2's answer was reopened.
      resolutions: 3,
      costPerResolution: 0.002667,
      // 500, 1000, 2000, 2000, 3000: the 95th percentile interpolates 0.8 of the way from 2000 to 3000.
      p95LatencyMs: 2800,
      judge,
    };
    const cancelD1 = {
      day: D1,
      intent: 'cancel_order',
      turns: 2,
      autoSent: 0,
      deflection: 0,
      ratings: { up: 0, down: 0 },
      csat: null,
      reopens: 0,
      edits: 1,
      lowSurvivalEdits: 1,
      meanSurvival: 0.4,
      badAnswerSignals: 1,
      costUsd: 0.003,
      resolutions: 2,
      costPerResolution: 0.0015,
      p95LatencyMs: 3805,
      judge,
    };
    const orderStatusD2 = {
      day: D2,
      intent: 'order_status',
      turns: 1,
      autoSent: 1,
      deflection: 1,
      ratings: { up: 0, down: 0 },
      csat: null,
      reopens: 0,
      edits: 0,
      lowSurvivalEdits: 0,
      meanSurvival: null,
      badAnswerSignals: 0,
      costUsd: 0.002,
      resolutions: 1,
      costPerResolution: 0.002,
      p95LatencyMs: 1500,
      judge,
    };
    expect(body).toEqual({
      workspace: 'default',
      from: D1,
      to: D2,
      lowSurvivalBelow: 0.5,
      rows: [cancelD1, orderStatusD1, orderStatusD2],
      totals: [
        { ...cancelD1, day: undefined },
        {
          ...orderStatusD1,
          day: undefined,
          turns: 6,
          autoSent: 5,
          deflection: 0.8333,
          costUsd: 0.01,
          resolutions: 4,
          costPerResolution: 0.0025,
          // 500, 1000, 1500, 2000, 2000, 3000: 0.75 of the way from 2000 to 3000.
          p95LatencyMs: 2750,
        },
      ].map(({ day: _day, ...rest }) => rest),
    });
  });

  it('keeps to the range it is given', async () => {
    const { body } = await report(`?from=${D2}&to=${D2}`);
    expect((body.rows as Array<{ day: string }>).map((r) => r.day)).toEqual([D2]);
    const empty = await report('?from=2026-10-01&to=2026-10-02');
    expect(empty.body).toMatchObject({ rows: [], totals: [] });
  });

  it('refuses bad days and ranges with 400 naming the problem, and callers without a key', async () => {
    const cases: Array<[string, string]> = [
      ['?from=2026-13-01&to=2026-12-02', 'from: 2026-13-01 is not a day of the calendar'],
      ['?from=01/12/2026', 'from: must be a date as YYYY-MM-DD'],
      [`?from=${D2}&to=${D1}`, 'from: must not be after to'],
      ['?from=2026-01-01&to=2026-12-02', 'to: the range may span at most 92 days (this one spans 336)'],
      ['?since=2026-12-01', "(body): Unrecognized key(s) in object: 'since'"],
    ];
    for (const [query, message] of cases) {
      expect(await report(query)).toEqual({ status: 400, body: { error: 'invalid_request', message } });
    }
    expect((await report(`?from=${D1}`, null)).status).toBe(401);
  });
});
