import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { redactPii } from '@parley/pii';
import { AnthropicChatModel } from '../src/anthropic.js';
import {
  ProviderAuthError,
  ProviderRateLimitError,
  ProviderResponseError,
  ProviderTimeoutError,
} from '../src/errors.js';
import {
  ANTHROPIC_TEST_KEY,
  anthropicError,
  anthropicKey,
  anthropicMessage,
  anthropicServer,
} from './servers/anthropic.js';
import type { RecordingServer } from './servers/http.js';

let server: RecordingServer;
beforeAll(async () => {
  server = await anthropicServer();
});
afterAll(() => server.close());

const model = (overrides: Partial<ConstructorParameters<typeof AnthropicChatModel>[0]> = {}) =>
  new AnthropicChatModel({
    apiKey: ANTHROPIC_TEST_KEY,
    model: 'claude-haiku-4-5',
    baseUrl: server.url,
    timeoutMs: 5_000,
    maxRetries: 0,
    ...overrides,
  });

const ask = {
  messages: [{ role: 'user' as const, content: 'Where is my order?' }],
  maxTokens: 256,
  timeoutMs: 5_000,
};

describe('AnthropicChatModel', () => {
  it('sends the documented Messages request and parses text, tool use and usage', async () => {
    server.enqueue(
      anthropicMessage({
        content: [
          { type: 'text', text: 'Let me look that up.' },
          { type: 'tool_use', id: 'toolu_01A', name: 'get_order', input: { orderId: 'A-1001' } },
        ],
        usage: { input_tokens: 1_000, output_tokens: 200 },
      }),
    );
    const before = server.requests.length;
    const res = await model().complete({
      ...ask,
      system: 'You are a support assistant.',
      temperature: 0.2,
      tools: [
        {
          name: 'get_order',
          description: 'Fetch an order by id',
          inputSchema: { type: 'object', properties: { orderId: { type: 'string' } }, required: ['orderId'] },
        },
      ],
    });

    const req = server.requests[before]!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/v1/messages');
    expect(anthropicKey(req)).toBe(ANTHROPIC_TEST_KEY);
    expect(req.headers['anthropic-version']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(req.headers['content-type']).toContain('application/json');
    expect(req.body).toEqual({
      model: 'claude-haiku-4-5',
      max_tokens: 256,
      system: 'You are a support assistant.',
      temperature: 0.2,
      messages: [{ role: 'user', content: 'Where is my order?' }],
      tools: [
        {
          name: 'get_order',
          description: 'Fetch an order by id',
          input_schema: {
            type: 'object',
            properties: { orderId: { type: 'string' } },
            required: ['orderId'],
          },
        },
      ],
    });

    expect(res.text).toBe('Let me look that up.');
    expect(res.toolCalls).toEqual([{ id: 'toolu_01A', name: 'get_order', input: { orderId: 'A-1001' } }]);
    expect(res.stopReason).toBe('tool_use');
    expect(res.provider).toBe('anthropic');
    expect(res.model).toBe('claude-haiku-4-5-20251001');
    // claude-haiku-4-5 lists at $1 in / $5 out per million tokens; the dated snapshot prices as its base model.
    expect(res.usage.costUsd).toBeCloseTo((1_000 * 1 + 200 * 5) / 1_000_000, 12);
    expect(res.usage).toMatchObject({ inputTokens: 1_000, outputTokens: 200, priced: true });
  });

  it('redacts PII from the system prompt and messages before they leave the process', async () => {
    const email = 'jane.doe@example.com';
    const before = server.requests.length;
    await model().complete({
      system: `Customer email: ${email}`,
      messages: [
        { role: 'user', content: `My email is ${email}` },
        { role: 'assistant', content: 'Thanks.' },
        { role: 'user', content: 'Any news?' },
      ],
      maxTokens: 64,
      timeoutMs: 5_000,
    });
    const req = server.requests[before]!;
    expect(req.rawBody).not.toContain(email);
    const body = req.body as { system: string; messages: Array<{ content: string }> };
    expect(body.system).toBe(redactPii(`Customer email: ${email}`));
    expect(body.messages[0]!.content).toBe(redactPii(`My email is ${email}`));
  });

  it('reports an unpriced model with zero cost and the flag down', async () => {
    server.enqueue(
      anthropicMessage({ content: [{ type: 'text', text: 'hi' }], model: 'claude-experimental' }),
    );
    const res = await model({ model: 'claude-experimental' }).complete(ask);
    expect(res.usage).toEqual({ inputTokens: 10, outputTokens: 5, costUsd: 0, priced: false });
  });

  it('maps a slow response to ProviderTimeoutError', async () => {
    server.enqueue({ ...anthropicMessage({ content: [{ type: 'text', text: 'late' }] }), delayMs: 2_000 });
    const err = await model()
      .complete({ ...ask, timeoutMs: 150 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderTimeoutError);
    expect((err as ProviderTimeoutError).timeoutMs).toBe(150);
    expect((err as Error).message).toBe('anthropic: request timed out after 150 ms');
  });

  it('maps 429 with retry-after to ProviderRateLimitError carrying the delay', async () => {
    server.enqueue(
      anthropicError(429, 'rate_limit_error', 'Number of request tokens has exceeded your rate limit', {
        'retry-after': '17',
      }),
    );
    const err = await model()
      .complete(ask)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderRateLimitError);
    expect((err as ProviderRateLimitError).retryAfterMs).toBe(17_000);
    expect((err as ProviderRateLimitError).retryable).toBe(true);
  });

  it('retries a 429 within maxRetries, honouring retry-after-ms, then succeeds', async () => {
    server.enqueue(
      anthropicError(429, 'rate_limit_error', 'slow down', { 'retry-after-ms': '20' }),
      anthropicMessage({ content: [{ type: 'text', text: 'second time lucky' }] }),
    );
    const before = server.requests.length;
    const res = await model({ maxRetries: 1 }).complete(ask);
    expect(res.text).toBe('second time lucky');
    expect(server.requests.length - before).toBe(2);
  });

  it('stops after maxRetries attempts', async () => {
    const busy = anthropicError(529, 'overloaded_error', 'Overloaded', { 'retry-after-ms': '5' });
    server.enqueue(busy, busy, busy);
    const before = server.requests.length;
    const err = await model({ maxRetries: 2 })
      .complete(ask)
      .catch((e: unknown) => e);
    expect(server.requests.length - before).toBe(3);
    expect(err).toBeInstanceOf(ProviderResponseError);
    expect((err as ProviderResponseError).status).toBe(529);
    expect((err as ProviderResponseError).retryable).toBe(true);
  });

  it('maps 401 from a wrong key to ProviderAuthError', async () => {
    const err = await model({ apiKey: 'sk-ant-wrong' })
      .complete(ask)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderAuthError);
    expect((err as ProviderAuthError).status).toBe(401);
    expect((err as ProviderAuthError).retryable).toBe(false);
  });

  it('maps a malformed JSON body to ProviderResponseError', async () => {
    server.enqueue({ status: 200, raw: '{"id":"msg_1","type":"message","content":[' });
    const err = await model()
      .complete(ask)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderResponseError);
    expect((err as Error).message).toBe('anthropic: response body was not valid JSON');
  });

  it('keeps prompt text and echoed provider messages out of error messages', async () => {
    const secret = 'order 77 for Mr Example at 1 Secret Lane';
    server.enqueue(anthropicError(400, 'invalid_request_error', `could not process: ${secret}`));
    const err = await model()
      .complete({ ...ask, messages: [{ role: 'user', content: secret }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderResponseError);
    expect((err as Error).message).toBe('anthropic: request failed with HTTP 400 (invalid_request_error)');
    expect(String(err)).not.toContain('Secret Lane');
    expect((err as ProviderResponseError).retryable).toBe(false);
  });

  it('passes a caller abort through instead of reporting a provider failure', async () => {
    server.enqueue({ ...anthropicMessage({ content: [{ type: 'text', text: 'late' }] }), delayMs: 2_000 });
    const controller = new AbortController();
    const pending = model().complete({ ...ask, signal: controller.signal });
    setTimeout(() => controller.abort(new Error('shutting down')), 50);
    await expect(pending).rejects.toThrow('shutting down');
  });

  it('rejects an empty conversation before calling the provider', async () => {
    const before = server.requests.length;
    await expect(model().complete({ ...ask, messages: [] })).rejects.toThrow('at least one message');
    expect(server.requests.length).toBe(before);
  });
});
