import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Bus } from '@parley/bus';
import type { BusHarness } from '@parley/bus/testing';
import { createBusHarness, waitFor } from '@parley/bus/testing';
import type { EventOf } from '@parley/contracts';
import { makeEvent, TicketRetrieved } from '@parley/contracts';
import type { Customer, Order } from '@parley/demo-store';
import { seedDemoStore } from '@parley/commerce';
import { loadCustomers, loadOrders } from '@parley/demo-store';
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
import { customerContext } from './demo-store.js';
import type { ModelServer } from './model-servers.js';
import { answer, calledTools, modelServer, said } from './model-servers.js';
import { resolvedFor, startResolver } from './harness.js';

const REFUND_BODY = 'Refunds go back to the original payment method.';

let h: BusHarness;
let server: ModelServer;
let svc: RunningService;
let bus: Bus;
let demoCustomer: Customer;
let pending: Order;

beforeAll(async () => {
  h = await createBusHarness('resolver_hosted');
  // The read tools and write proposals use the demo store in the service's own database.
  await seedDemoStore(h.db.db);
  const orders = await loadOrders();
  pending = orders.find((o) => o.status === 'pending')!;
  demoCustomer = (await loadCustomers()).find((c) => c.id === pending.customerId)!;
  server = await modelServer('anthropic', answer(REFUND_BODY, [1]));
  svc = await startResolver(h, {
    RESOLVER_COMPOSER: 'anthropic',
    RESOLVER_MODEL_COMMODITY: 'claude-haiku-4-5',
    RESOLVER_API_KEY: server.apiKey!,
    RESOLVER_BASE_URL: server.baseUrl,
    RESOLVER_MAX_TOOL_ROUNDS: '2',
  });
  bus = await h.bus();
});
afterAll(async () => {
  await svc.stop();
  await server.close();
  await h.close();
});

async function resolve(ticketId: string, tier: 'local' | 'commodity' = 'commodity') {
  return resolveTurn(ticketId, {
    turn: 1,
    ticket: ticket('How long does a refund to my PayPal take?'),
    routing: { ...routing('refund_status'), tier },
    retrieval: retrieval([REFUNDS, CANCEL], customer([processedOrder])),
  });
}

/** A cancellation request from the demo customer, on the commodity tier, that may propose the write. */
function cancelTurn(turn: number): EventOf<typeof TicketRetrieved>['payload'] {
  const c = demoCustomer;
  return {
    turn,
    ticket: {
      ...ticket(`Please cancel ${pending.id}`),
      customer: { crmId: c.id, email: c.email, name: c.name },
    },
    routing: {
      ...routing('cancel_order', 'suggest'),
      tier: 'commodity',
      allowedTools: ['lookup_order', 'cancel_order'],
    },
    retrieval: retrieval([CANCEL], customerContext(c)),
  };
}

async function resolveTurn(ticketId: string, payload: EventOf<typeof TicketRetrieved>['payload']) {
  await bus.publish(makeEvent(TicketRetrieved, { ticketId, payload }));
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

  it('records each tool round on the timeline, proposes a write without running it, and counts calls', async () => {
    const cancel = { order_id: pending.id, reason: 'no longer needed' };
    server.enqueue(
      calledTools('anthropic', [{ name: 'get_order_details', input: { order_id: pending.id } }], {
        input: 400,
        output: 30,
      }),
      calledTools('anthropic', [{ name: 'cancel_pending_order', input: cancel }], { input: 600, output: 30 }),
      said('anthropic', answer('Only orders with the status pending can be cancelled.', [1]), {
        input: 800,
        output: 50,
      }),
    );
    const { event, detail } = await resolveTurn('tk_hosted_write', cancelTurn(3));
    const draft = event.payload.draft!;
    expect(draft.proposal).toMatchObject({
      actionId: 'act_tk_hosted_write_3',
      tool: 'cancel_pending_order',
      input: cancel,
      customerId: demoCustomer.id,
    });
    expect(draft.usage).toMatchObject({ inputTokens: 1800, outputTokens: 110 });
    // claude-haiku-4-5 at $1 / $5 per million input / output tokens, over the three requests.
    expect(draft.usage.costUsd).toBeCloseTo(0.00235, 10);
    expect(detail).toMatchObject({
      draft: true,
      action: 'cancel_pending_order',
      composerAttempts: 3,
      composerRounds: [
        {
          round: 1,
          kind: 'tools',
          inputTokens: 400,
          outputTokens: 30,
          tools: [{ tool: 'get_order_details', status: 'ok' }],
        },
        {
          round: 2,
          kind: 'tools',
          inputTokens: 600,
          outputTokens: 30,
          tools: [{ tool: 'cancel_pending_order', status: 'proposed' }],
        },
        { round: 3, kind: 'answer', inputTokens: 800, outputTokens: 50 },
      ],
    });
    // Ids, counts and codes only: neither the read-back nor the customer's words.
    const text = JSON.stringify(detail);
    for (const words of [draft.proposal!.summary, 'Please cancel', 'no longer needed', demoCustomer.name]) {
      expect(text).not.toContain(words);
    }
    const row = await h.db.db
      .selectFrom('orders')
      .select('status')
      .where('id', '=', pending.id)
      .executeTakeFirst();
    expect(row?.status).toBe('pending');
    const metrics = await (await fetch(`${svc.url}/metrics`)).text();
    expect(metrics).toMatch(
      /resolver_tool_calls_total\{[^}]*tool="cancel_pending_order"[^}]*status="proposed"[^}]*\} 1/,
    );
    expect(metrics).toMatch(
      /resolver_tool_calls_total\{[^}]*tool="get_order_details"[^}]*status="ok"[^}]*\} 1/,
    );
  });

  it('hands a turn that runs past the tool round cap to a person, on the timeline and in a metric', async () => {
    const lookup = calledTools('anthropic', [{ name: 'list_all_product_types', input: {} }], {
      input: 300,
      output: 20,
    });
    server.enqueue(lookup, lookup, lookup);
    const { event, detail } = await resolveTurn('tk_hosted_cap', cancelTurn(1));
    expect(event.payload.draft).toBeNull();
    expect(event.payload.noDraftReason).toBe('tool round cap of 2 reached: a person takes over');
    expect(detail).toMatchObject({
      draft: false,
      noDraftReason: 'tool round cap of 2 reached: a person takes over',
      composerHandoff: 'tool_round_cap',
      composerAttempts: 3,
      composerUsage: { inputTokens: 900, outputTokens: 60 },
    });
    expect((detail.composerRounds as Array<{ kind: string }>).map((r) => r.kind)).toEqual([
      'tools',
      'tools',
      'round_cap',
    ]);
    expect(detail.composerFallback).toBeUndefined();
    const metrics = await (await fetch(`${svc.url}/metrics`)).text();
    expect(metrics).toMatch(
      /resolver_tool_round_cap_total\{[^}]*provider="anthropic"[^}]*tier="commodity"[^}]*\} 1/,
    );
    expect(metrics).toMatch(/resolver_model_calls_total\{[^}]*outcome="tool_round_cap"[^}]*\} 1/);
  });
});
