import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { anonymousTurn } from '@parley/contracts/testing';
import type { TicketTurn } from '@parley/contracts';
import type { Taxonomy } from '@parley/demo-store';
import { loadTaxonomy } from '@parley/demo-store';
import { createChatModel } from '@parley/providers';
import type { IntentClassifier, IntentResult } from '../src/intent/classifier.js';
import { LlmIntentClassifier } from '../src/intent/llm-classifier.js';
import { decideRouting } from '../src/routing/decide.js';
import type { FakeLlmServer } from './llm-servers.js';
import { ANTHROPIC_KEY, fakeAnthropic, fakeOpenAI, OPENAI_KEY, routingJson } from './llm-servers.js';

let taxonomy: Taxonomy;
let anthropic: FakeLlmServer;
let openai: FakeLlmServer;

beforeAll(async () => {
  taxonomy = await loadTaxonomy();
  // Unscripted requests get a plain, valid answer.
  anthropic = await fakeAnthropic(() => routingJson('order_status', 0.93));
  openai = await fakeOpenAI(() => routingJson('order_status', 0.93));
});
afterAll(async () => {
  await anthropic.close();
  await openai.close();
});

/** Stands in for the trained local model and counts how often it was asked. */
class CountingLocal implements IntentClassifier {
  readonly kind = 'local-model' as const;
  readonly local = true;
  calls = 0;
  async classify(): Promise<IntentResult> {
    this.calls++;
    return { intent: 'payment', confidence: 0.71, outOfScope: false };
  }
}
let local: CountingLocal;
beforeEach(() => {
  local = new CountingLocal();
});

function router(
  server: FakeLlmServer,
  opts: { provider?: 'anthropic' | 'openai'; apiKey?: string; timeoutMs?: number } = {},
) {
  const provider = opts.provider ?? 'anthropic';
  const timeoutMs = opts.timeoutMs ?? 4000;
  const model = createChatModel({
    provider,
    model: provider === 'anthropic' ? 'claude-haiku-4-5' : 'gpt-4o-mini',
    apiKey: opts.apiKey ?? (provider === 'anthropic' ? ANTHROPIC_KEY : OPENAI_KEY),
    baseUrl: server.url,
    timeoutMs,
    maxRetries: 0,
  });
  return new LlmIntentClassifier({ model, taxonomy, fallback: local, timeoutMs });
}

const ticket = (body: string): TicketTurn => anonymousTurn(body, { receivedAt: new Date(0).toISOString() });
const options = { escalateAmountUsd: 200, minConfidence: 0.5, trend: { minTurns: 2, escalateBelow: -0.5 } };
const route = (body: string, result: IntentResult) =>
  decideRouting({
    ticket: ticket(body),
    turn: 1,
    intent: result,
    router: result.answeredBy ?? 'llm',
    taxonomy,
    options,
  });

describe('LlmIntentClassifier over the Anthropic Messages API', () => {
  it("uses the model's answer and sends the taxonomy, the customer's words and a JSON-only instruction", async () => {
    anthropic.enqueue(routingJson('cancel_order', 0.88, 'suggest', 'commodity'));
    const before = anthropic.requests.length;
    const result = await router(anthropic).classify('Please cancel order #W1234567, I ordered it twice.');

    expect(result).toMatchObject({
      intent: 'cancel_order',
      confidence: 0.88,
      outOfScope: false,
      band: 'suggest',
    });
    expect(result.answeredBy).toBeUndefined();
    expect(result.llm).toMatchObject({
      provider: 'anthropic',
      model: 'claude-haiku-4-5',
      outcome: 'ok',
      attempts: 1,
      usage: { inputTokens: 420, outputTokens: 24 },
      band: 'suggest',
      tier: 'commodity',
    });
    expect(local.calls).toBe(0);

    const sent = anthropic.requests.slice(before);
    expect(sent).toHaveLength(1);
    const { body } = sent[0]!;
    expect(body.model).toBe('claude-haiku-4-5');
    for (const [intent, spec] of Object.entries(taxonomy.intents)) {
      expect(body.system).toContain(`- ${intent}: ${spec.description}`);
    }
    expect(body.system).toContain('Reply with a single JSON value only');
    expect(body.messages).toEqual([
      {
        role: 'user',
        content: expect.stringContaining('Please cancel order #W1234567, I ordered it twice.'),
      },
    ]);
  });

  it('retries once after an invalid reply and uses the corrected answer', async () => {
    anthropic.enqueue({ text: 'It is about an order, I think.' }, routingJson('order_status', 0.8));
    const before = anthropic.requests.length;
    const result = await router(anthropic).classify('where is my parcel');
    expect(result).toMatchObject({ intent: 'order_status', llm: { outcome: 'ok', attempts: 2 } });
    expect(result.llm?.usage?.inputTokens).toBe(840);
    expect(anthropic.requests.length - before).toBe(2);
    expect(local.calls).toBe(0);
  });

  it('falls back to the local model when the intent is outside the taxonomy, even after the retry', async () => {
    anthropic.enqueue(routingJson('weather_report', 0.9), routingJson('weather_report', 0.9));
    const before = anthropic.requests.length;
    const result = await router(anthropic).classify('is it going to rain on my delivery day?');
    expect(anthropic.requests.length - before).toBe(2);
    expect(local.calls).toBe(1);
    expect(result).toMatchObject({
      intent: 'payment',
      confidence: 0.71,
      answeredBy: 'local-model',
      llm: { outcome: 'invalid_json', attempts: 2 },
    });
    expect(route('is it going to rain?', result).routing.router).toBe('local-model');
  });

  it('falls back within the deadline when the provider does not answer', async () => {
    anthropic.enqueue({ hang: true });
    const started = performance.now();
    const result = await router(anthropic, { timeoutMs: 300 }).classify('where is my order?');
    const took = performance.now() - started;
    expect(result).toMatchObject({
      intent: 'payment',
      answeredBy: 'local-model',
      llm: { outcome: 'timeout' },
    });
    expect(local.calls).toBe(1);
    // The server never answers: returning at all proves the deadline; the bound only rules out waiting for the
    // SDK's own 10-minute timeout, with room for any load on the machine.
    expect(took).toBeLessThan(20_000);
  });

  it('falls back on rejected credentials (401)', async () => {
    const result = await router(anthropic, { apiKey: 'sk-ant-wrong' }).classify('where is my order?');
    expect(result).toMatchObject({
      answeredBy: 'local-model',
      llm: { outcome: 'auth', provider: 'anthropic' },
    });
    expect(local.calls).toBe(1);
  });

  it('falls back on a rate limit without waiting out retry-after', async () => {
    anthropic.enqueue({ status: 429, type: 'rate_limit_error', headers: { 'retry-after': '30' } });
    const started = performance.now();
    const result = await router(anthropic).classify('where is my order?');
    expect(result).toMatchObject({ answeredBy: 'local-model', llm: { outcome: 'rate_limit' } });
    // Waiting out retry-after would take 30 s.
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  it('sends customer text through PII redaction', async () => {
    const before = anthropic.requests.length;
    await router(anthropic).classify('My email is jane.doe@example.com, where is my order?');
    const sent = JSON.stringify(anthropic.requests[before]?.body);
    expect(sent).not.toContain('jane.doe@example.com');
    expect(sent).toContain('where is my order?');
  });
});

describe('LlmIntentClassifier over the OpenAI chat completions API', () => {
  it("uses the model's answer", async () => {
    openai.enqueue(routingJson('returns_policy', 0.77, 'auto', 'local'));
    const before = openai.requests.length;
    const result = await router(openai, { provider: 'openai' }).classify(
      'How long do I have to return things?',
    );
    expect(result).toMatchObject({
      intent: 'returns_policy',
      confidence: 0.77,
      llm: { provider: 'openai', outcome: 'ok', usage: { inputTokens: 400, outputTokens: 20 } },
    });
    const sent = openai.requests[before]!;
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.body.messages?.[0]).toMatchObject({ role: 'system' });
    expect(local.calls).toBe(0);
  });

  it('falls back on a 401 and on a server error', async () => {
    const denied = await router(openai, { provider: 'openai', apiKey: 'sk-wrong' }).classify('hi');
    expect(denied.llm?.outcome).toBe('auth');
    openai.enqueue({ status: 500, type: 'server_error' });
    const failed = await router(openai, { provider: 'openai' }).classify('hi');
    expect(failed).toMatchObject({ answeredBy: 'local-model', llm: { outcome: 'response' } });
    expect(local.calls).toBe(2);
  });
});

describe('the band an LLM answer may set', () => {
  it('never loosens the taxonomy band: auto asked for a consequential intent stays suggest', async () => {
    anthropic.enqueue(routingJson('cancel_order', 0.97, 'auto', 'local'));
    const result = await router(anthropic).classify('cancel my order please');
    const d = route('cancel my order please', result);
    expect(taxonomy.intents.cancel_order.band).toBe('suggest');
    expect(d.routing).toMatchObject({ intent: 'cancel_order', band: 'suggest', router: 'llm' });
    expect(d.routing.tier).toBe(taxonomy.intents.cancel_order.tier);
  });

  it('may tighten it: escalate asked for an auto intent escalates', async () => {
    anthropic.enqueue(routingJson('order_status', 0.9, 'escalate', 'frontier'));
    const result = await router(anthropic).classify('where is my order');
    const d = route('where is my order', result);
    expect(taxonomy.intents.order_status.band).toBe('auto');
    expect(d.kind).toBe('escalated');
    expect(d.routing).toMatchObject({ band: 'escalate', allowedTools: [], router: 'llm' });
    expect(d.routing.rules.map((r) => r.id)).toEqual(['router_escalates']);
    // The resolver's tier stays the taxonomy's; the model's tier is only recorded.
    expect(d.routing.tier).toBe(taxonomy.intents.order_status.tier);
  });
});
