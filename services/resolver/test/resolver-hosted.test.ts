import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Bus } from '@parley/bus';
import type { BusHarness } from '@parley/bus/testing';
import { createBusHarness, waitFor } from '@parley/bus/testing';
import { makeEvent, TicketRetrieved } from '@parley/contracts';
import type { RunningService } from '@parley/runtime';

import {
  CANCEL,
  customer,
  processedOrder,
  REFUNDS,
  retrieval,
  routing,
  ticket,
} from '../src/compose/local/testing.js';
import type { ModelServer } from './model-servers.js';
import { answer, modelServer, said } from './model-servers.js';
import { resolvedFor, startResolver } from './harness.js';

const REFUND_BODY = 'Refunds go back to the original payment method.';

let h: BusHarness;
let server: ModelServer;
let svc: RunningService;
let bus: Bus;

beforeAll(async () => {
  h = await createBusHarness('resolver_hosted');
  server = await modelServer('anthropic', answer(REFUND_BODY, [1]));
  svc = await startResolver(h, {
    RESOLVER_COMPOSER: 'anthropic',
    RESOLVER_MODEL_COMMODITY: 'claude-haiku-4-5',
    RESOLVER_API_KEY: server.apiKey!,
    RESOLVER_BASE_URL: server.baseUrl,
  });
  bus = await h.bus();
});
afterAll(async () => {
  await svc.stop();
  await server.close();
  await h.close();
});

async function resolve(ticketId: string, tier: 'local' | 'commodity' = 'commodity') {
  await bus.publish(
    makeEvent(TicketRetrieved, {
      ticketId,
      payload: {
        turn: 1,
        ticket: ticket('How long does a refund to my PayPal take?'),
        routing: { ...routing('refund_status'), tier },
        retrieval: retrieval([REFUNDS, CANCEL], customer([processedOrder])),
      },
    }),
  );
  const event = await resolvedFor(bus, h.prefix, ticketId);
  const entry = await waitFor(`timeline of ${ticketId}`, () =>
    h.db.db
      .selectFrom('timeline')
      .select(['detail'])
      .where('ticket_id', '=', ticketId)
      .where('type', '=', 'ticket.resolved')
      .executeTakeFirst(),
  );
  return { event, detail: entry!.detail as Record<string, unknown> };
}

describe('resolver service with a hosted composer', () => {
  it('records the call, its tokens and cost on the timeline and in metrics, and no text', async () => {
    server.enqueue(said('anthropic', answer(REFUND_BODY, [1]), { input: 1200, output: 100 }));
    const ok = await resolve('tk_hosted_ok');
    expect(ok.event.payload.draft?.model.provider).toBe('anthropic');
    expect(ok.detail).toMatchObject({
      draft: true,
      groundedness: 1,
      model: 'claude-haiku-4-5-20251001',
      usage: { inputTokens: 1200, outputTokens: 100, costUsd: 0.0017 },
      composerModel: { provider: 'anthropic', name: 'claude-haiku-4-5-20251001', tier: 'commodity' },
      composerAttempts: 1,
      composerUsage: { inputTokens: 1200, outputTokens: 100, costUsd: 0.0017, priced: true },
    });
    expect(ok.detail.composerFallback).toBeUndefined();

    server.enqueue(said('anthropic', answer(REFUND_BODY, [7]), { input: 1000, output: 50 }));
    const fallback = await resolve('tk_hosted_fallback');
    expect(fallback.event.payload.draft?.model.provider).toBe('local');
    expect(fallback.detail).toMatchObject({
      model: 'grounded-composer-v1',
      usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
      composerFallback: 'invalid_citation',
      composerUsage: { inputTokens: 1000, outputTokens: 50 },
    });

    const before = server.server.requests.length;
    const local = await resolve('tk_hosted_local', 'local');
    expect(server.server.requests.length).toBe(before);
    expect(local.detail.composerModel).toBeUndefined();

    for (const { detail } of [ok, fallback, local]) {
      const text = JSON.stringify(detail);
      expect(text).not.toContain('original payment method');
      expect(text).not.toContain('PayPal');
    }

    const metrics = await (await fetch(`${svc.url}/metrics`)).text();
    expect(metrics).toMatch(/resolver_model_calls_total\{[^}]*outcome="ok"[^}]*\} 1/);
    expect(metrics).toMatch(/resolver_model_calls_total\{[^}]*outcome="invalid_citation"[^}]*\} 1/);
    expect(metrics).toMatch(/resolver_model_tokens_total\{[^}]*direction="input"[^}]*\} 2200/);
    // 1200 + 100 and 1000 + 50 tokens at claude-haiku-4-5's $1 / $5 per million: the unused reply is paid for too.
    const cost = /resolver_model_cost_usd_total\{[^}]*\} ([\d.e-]+)/.exec(metrics)?.[1];
    expect(Number(cost)).toBeCloseTo(0.00295, 10);
  });
});
