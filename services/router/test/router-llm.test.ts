import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { anonymousTurn } from '@parley/contracts/testing';
import { readTimeline } from '@parley/audit';
import type { BusHarness } from '@parley/bus/testing';
import { createBusHarness, waitFor } from '@parley/bus/testing';
import type { EnvelopeBase, EventOf, Routing } from '@parley/contracts';
import { makeEvent, TicketReceived } from '@parley/contracts';
import type { RunningService } from '@parley/runtime';
import { startService } from '@parley/runtime';
import { readServiceConfig } from '../src/config.js';
import type { IntentClassifier, IntentResult } from '../src/intent/classifier.js';
import { buildService } from '../src/service.js';
import type { FakeLlmServer, Script } from './llm-servers.js';
import { ANTHROPIC_KEY, customerText, fakeAnthropic, routingJson } from './llm-servers.js';

let h: BusHarness;
let server: FakeLlmServer;
let service: RunningService;
const seen: EnvelopeBase[] = [];

/** The model's behaviour, chosen by what the customer wrote. */
function answer(text: string): Script {
  if (text.includes('umbrella')) return routingJson('weather_forecast', 0.9); // not a taxonomy intent
  if (text.includes('tracking page')) return { hang: true };
  if (text.includes('lasagne')) return routingJson('out_of_scope', 0.95, 'suggest', 'local');
  return routingJson('order_status', 0.92, 'auto', 'local');
}

/** Stands in for the trained local model (trained and measured in router.test.ts), so fallbacks are visible. */
const localStandIn: IntentClassifier = {
  kind: 'local-model',
  local: true,
  classify: async (): Promise<IntentResult> => ({
    intent: 'shipping_info',
    confidence: 0.64,
    outOfScope: false,
  }),
};

beforeAll(async () => {
  h = await createBusHarness('router_llm');
  server = await fakeAnthropic((req) => answer(customerText(req)));
  h.record('ticket.*.v1', seen);
  const config = readServiceConfig({
    ...h.env(),
    ROUTER_PORT: '0',
    ROUTER_CLASSIFIER: 'llm',
    ROUTER_LLM_PROVIDER: 'anthropic',
    ROUTER_LLM_MODEL: 'claude-haiku-4-5',
    ROUTER_LLM_API_KEY: ANTHROPIC_KEY,
    ROUTER_LLM_BASE_URL: server.url,
    ROUTER_LLM_TIMEOUT_MS: '800',
  });
  service = await startService(buildService(config, { classifier: localStandIn }));
});

afterAll(async () => {
  await service.stop();
  await server.close();
  await h.close();
});

function received(ticketId: string, body: string): EventOf<typeof TicketReceived> {
  return makeEvent(TicketReceived, {
    ticketId,
    payload: {
      turn: 1,
      ticket: anonymousTurn(body),
    },
  });
}

async function route(ticketId: string, body: string) {
  const bus = await h.bus();
  await bus.publish(received(ticketId, body));
  const event: EnvelopeBase = await waitFor(`the router's event for ${ticketId}`, () =>
    seen.find((e) => e.ticketId === ticketId && e.type !== 'ticket.received'),
  ).then(defined);
  const entry = await waitFor(
    'the timeline entry',
    async () => (await readTimeline(h.db.db, ticketId))[0],
  ).then(defined);
  return { event, routing: (event.payload as { routing: Routing }).routing, detail: entry.detail };
}

/** waitFor only returns truthy values; this tells the type checker so. */
function defined<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('waitFor returned nothing');
  return value;
}

describe('router service with ROUTER_CLASSIFIER=llm', () => {
  it("routes with the model's answer and records the routing call, not its text", async () => {
    const before = server.requests.length;
    const body = 'Hi, my order still has not arrived, can you check where it is?';
    const { event, routing, detail } = await route('llm-1', body);
    expect(server.requests.length - before).toBe(1);
    expect(event.type).toBe('ticket.routed');
    expect(routing).toMatchObject({
      intent: 'order_status',
      confidence: 0.92,
      band: 'auto',
      // The resolver's tier from the taxonomy, not the routing call's own.
      tier: 'local',
      allowedTools: ['lookup_order', 'track_shipment'],
      router: 'llm',
    });
    expect(detail).toMatchObject({
      router: 'llm',
      routerModel: { provider: 'anthropic', name: 'claude-haiku-4-5', tier: 'commodity' },
      routerUsage: { inputTokens: 420, outputTokens: 24 },
      routerAttempts: 1,
    });
    expect(detail).not.toHaveProperty('llmFallback');
    expect(JSON.stringify(detail)).not.toContain('arrived');
  });

  it('escalates a hard-rule ticket without calling the model', async () => {
    const before = server.requests.length;
    const { event, routing } = await route(
      'llm-2',
      'My refund never came. If this is not fixed by Friday my lawyer will call you.',
    );
    expect(event.type).toBe('ticket.escalated');
    expect(routing).toMatchObject({ band: 'escalate', router: 'rules', intent: 'shipping_info' });
    expect(routing.rules.map((r) => r.id)).toEqual(['legal_threat']);
    expect(server.requests.length - before).toBe(0);
  });

  it('falls back to the local model when the intent is not in the taxonomy', async () => {
    const { event, routing, detail } = await route('llm-3', 'Will my umbrella arrive before the storm?');
    expect(event.type).toBe('ticket.routed');
    expect(routing).toMatchObject({ intent: 'shipping_info', router: 'local-model' });
    expect(detail).toMatchObject({ router: 'local-model', llmFallback: 'invalid_json', routerAttempts: 2 });
  });

  it('falls back within the deadline when the provider hangs', async () => {
    const started = Date.now();
    const { routing, detail } = await route('llm-4', 'The tracking page has said the same thing for a week.');
    expect(routing.router).toBe('local-model');
    expect(detail).toMatchObject({ llmFallback: 'timeout' });
    // The provider never answers: the fallback at all proves the deadline; the bounds (with room for a loaded
    // machine) rule out waiting for the SDK's own timeout or the consumer's 30 s ack wait.
    expect(detail.routerMs as number).toBeLessThan(20_000);
    expect(Date.now() - started).toBeLessThan(25_000);
  });

  it('counts routing calls by outcome', async () => {
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).toMatch(/router_llm_calls_total\{[^}]*outcome="ok"[^}]*\} 1\b/);
    expect(metrics).toMatch(/router_llm_calls_total\{[^}]*outcome="invalid_json"[^}]*\} 1\b/);
    expect(metrics).toMatch(/router_llm_calls_total\{[^}]*outcome="timeout"[^}]*\} 1\b/);
  });
});
